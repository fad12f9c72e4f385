"""A toro-check driver for Tornado's `tornado.locks` and `tornado.queues`.

    npx toro-check --driver "/usr/bin/python3 conformance/drivers/tornado_driver.py"            # raw
    npx toro-check --driver "/usr/bin/python3 conformance/drivers/tornado_driver.py --profile"  # its choices

How Tornado is driven:
- Every waiting call returns a Tornado `Future` at once, as the port's own API does.
- A timeout is the port's own `timeout=` argument, given as a `timedelta` (a number would be
  an absolute deadline on the IOLoop's clock).
- Tornado has no cancellation token: a signal is `Future.cancel()` on each future still
  waiting with it; a signal aborted before the call cancels the future right after the call.
- `acquire` resolves to a context manager whose exit calls `release()`: a call on the handle
  is `__exit__`, and it releases every time it is called.
- Tornado has no public observer of a semaphore's value or a lock's state: `value` and
  `locked` read `_value`, as `repr()` does.
"""

import sys
from datetime import timedelta

import tornado
from tornado import gen, locks, queues
from tornado.ioloop import IOLoop

from common import Args, Port, running_loop, serve, trace_of_program


def timeout(args: Args):
    return None if args.timeout is None else timedelta(seconds=args.timeout)


def waiting(future, args: Args):
    """A waiting call's future; one whose signal was aborted before the call is cancelled now."""
    if args.aborted:
        future.cancel()
    return future


def release(primitive, args: Args) -> None:
    if args.handle is not None:
        args.handle.__exit__(None, None, None)  # the end of `with (yield sem.acquire()):`
    else:
        primitive.release()


def error(call: str, exception: BaseException) -> str:
    """Tornado's errors by the model's names."""
    if isinstance(exception, (queues.QueueEmpty, queues.QueueFull)):
        return type(exception).__name__
    if isinstance(exception, RuntimeError):  # Lock.release of an unlocked lock
        return "InvalidStateError"
    if isinstance(exception, ValueError):  # too many task_done calls; a bounded semaphore over-released
        return "InvalidStateError" if call == "taskDone" else "RangeError"
    return type(exception).__name__


def lock_error(call: str, exception: BaseException) -> str:
    # A Lock's releaser is its inner BoundedSemaphore's: released while unlocked, it raises the
    # semaphore's ValueError, where Lock.release raises RuntimeError. Both mean the same.
    return "InvalidStateError" if isinstance(exception, (RuntimeError, ValueError)) else error(call, exception)


# The profile: what Tornado declares to pass the checker (docs/guides/tornado-and-asyncio.md).
# `if timeout:` treats a zero timedelta as no timeout at all; there is no cancellation token,
# so a call with a signal aborted before it is made, then cancelled (and keeps what it took).
WAITS = {"zeroTimeout": "none", "abortedSignal": "afterCall"}
# Event.wait and Queue.join check `timeout is None`: a zero timeout is a 0 ms timer. With a
# timeout they return gen.with_timeout's wrapper, which settles a step after the event is set,
# so a cancellation in that step wins: the profile leaves signals out of Event and the queues.
# Event keeps its waiters in a set, so set() wakes them in no particular order.
NO_SIGNAL = {"options": {"timeout": True, "signal": False}}
# Tornado checks no timeout: a negative, fractional or huge one is a deadline like any other,
# and timedelta raises for NaN or infinity, where the model refuses each with a RangeError
# through the call's future. The profile leaves bad input out.
NO_BAD_INPUT = {"badInput": False}


def semaphore(make, observers: dict, params: dict, errors=error) -> Port:
    return Port(
        make=make,
        calls={
            "acquire": lambda s, a: waiting(s.acquire(timeout(a)), a),
            "release": release,
        },
        observers=observers,
        declared={"calls": ["acquire", "release"], "handleRelease": True, "observers": list(observers), **params},
        # The handle's __exit__ calls release() every time.
        profile={"choices": {**WAITS, "releaser": "everyCall"}, **NO_BAD_INPUT},
        value=lambda call, result: "handle" if call == "acquire" else None,
        error=errors,
    )


def queue(make) -> Port:
    item = lambda a: (a.key, a.id)  # a priority and the put's label, which breaks ties
    return Port(
        make=lambda p: make(maxsize=p.get("maxsize", 0)),
        calls={
            "put": lambda q, a: waiting(q.put(item(a), timeout(a)), a),
            "putNowait": lambda q, a: q.put_nowait(item(a)),
            "get": lambda q, a: waiting(q.get(timeout(a)), a),
            "getNowait": lambda q, a: q.get_nowait(),
            "taskDone": lambda q, a: q.task_done(),
            "join": lambda q, a: waiting(q.join(timeout(a)), a),
        },
        observers={"maxsize": lambda q: q.maxsize, "qsize": lambda q: q.qsize(), "empty": lambda q: q.empty(), "full": lambda q: q.full()},
        declared={"calls": ["put", "putNowait", "get", "getNowait", "taskDone", "join"], "observers": ["maxsize", "qsize", "empty", "full"]},
        # join() is the Event's wait().
        profile={"choices": {"zeroTimeout": {"get": "none", "put": "none", "join": "timer"}, "settlementOrder": "perTick"}, **NO_SIGNAL, **NO_BAD_INPUT},
        value=lambda call, result: result[1] if call in ("get", "getNowait") else None,
        error=error,
    )


VALUES = {"params": {"value": [0, 1, 2, 3]}}

PORTS = {
    "Lock": semaphore(lambda p: locks.Lock(), {"locked": lambda lock: lock._block._value == 0}, {}, lock_error),
    "Semaphore": semaphore(lambda p: locks.Semaphore(p.get("value", 1)), {"value": lambda s: s._value}, VALUES),
    "BoundedSemaphore": semaphore(lambda p: locks.BoundedSemaphore(p.get("value", 1)), {"value": lambda s: s._value}, VALUES),
    "Event": Port(
        make=lambda p: locks.Event(),
        calls={"wait": lambda e, a: waiting(e.wait(timeout(a)), a), "set": lambda e, a: e.set(), "clear": lambda e, a: e.clear()},
        observers={"isSet": lambda e: e.is_set()},
        declared={"calls": ["wait", "set", "clear"], "observers": ["isSet"]},
        profile={"choices": {"zeroTimeout": "timer", "settlementOrder": "perTick"}, **NO_SIGNAL, **NO_BAD_INPUT},
        error=error,
    ),
    "Condition": Port(
        make=lambda p: locks.Condition(),
        calls={
            "wait": lambda c, a: waiting(c.wait(timeout(a)), a),
            "notify": lambda c, a: c.notify() if a.n is None else c.notify(a.n),
            "notifyAll": lambda c, a: c.notify_all(),
        },
        observers={},
        declared={"calls": ["wait", "notify", "notifyAll"], "observers": []},
        # notify(n) loops `while n and waiters`: a negative, fractional, NaN or infinite n wakes everyone.
        profile={"choices": WAITS, "badInput": False},
        value=lambda call, result: result if call == "wait" else None,
        error=error,
    ),
    "Queue": queue(queues.Queue),
    "PriorityQueue": queue(queues.PriorityQueue),
    "LifoQueue": queue(queues.LifoQueue),
}

def virtual_loop():
    loop = running_loop()
    IOLoop.current().time = loop.time  # Tornado's IOLoop reads the wall clock: make it the virtual one
    return loop


def is_timeout(error: BaseException) -> bool:
    return isinstance(error, gen.TimeoutError)


def trace_of(program: dict, argv: list) -> dict:
    """The trace of `program` on Tornado, run as the driver runs it (a reproduction's entry point)."""
    return trace_of_program(PORTS[program["primitive"]], virtual_loop(), program, is_timeout)


if __name__ == "__main__":
    python = ".".join(map(str, sys.version_info[:3]))
    serve(f"tornado {tornado.version} (Python {python})", PORTS, "--profile" in sys.argv[1:], is_timeout, virtual_loop(), "tornado_driver.py")
