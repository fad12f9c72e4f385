"""A toro-check driver for asyncio's locks and queues (the standard library of this Python).

    npx toro-check --driver "python3 conformance/drivers/asyncio_driver.py"            # raw
    npx toro-check --driver "python3 conformance/drivers/asyncio_driver.py --profile"  # its choices

How asyncio is driven:
- A waiting call (`acquire`, `wait`, `get`, `put`, `join`) is a task started at once, as a
  caller reaching `await lock.acquire()` runs it (see `VirtualLoop.start_now`).
- asyncio's primitives have no timeout of their own: a timeout is `asyncio.timeout()` around
  the call, which cancels the task when it expires and raises `TimeoutError`.
- A signal is the task's cancellation: aborting it cancels each task still waiting with it; a
  signal aborted before the call cancels the task before its coroutine starts.
- asyncio has no releaser: `acquire` resolves `True`, which the trace shows as a handle.
- `Condition` needs its lock held to wait and to notify: each call takes it (it is always free
  between two actions, since every holder gives it back in the same step).
- `Semaphore` has no public value: the `value` observer reads `_value`.
"""

import asyncio
import sys
from contextlib import contextmanager

from common import Args, DriverFailure, Port, running_loop, serve, trace_of_program


def waiting(work, args: Args) -> asyncio.Task:
    """A waiting call: `work()` in a task started now, under the call's timeout."""

    async def call():
        if args.timeout is None:
            return await work()
        async with asyncio.timeout(args.timeout):
            return await work()

    return asyncio.get_running_loop().start_now(call(), cancelled=args.aborted)


@contextmanager
def holding(condition: asyncio.Condition):
    """Holds the condition's lock for a synchronous call (notify), as asyncio requires."""
    acquiring = condition.acquire()
    try:
        acquiring.send(None)
    except StopIteration:  # taken at once
        pass
    else:
        acquiring.close()
        raise DriverFailure("the condition's lock is held between two actions")
    try:
        yield
    finally:
        condition.release()


def condition_wait(condition: asyncio.Condition, args: Args) -> asyncio.Task:
    """`wait` with the lock held; a timeout resolves False, as the model (and Tornado) say."""

    async def call():
        async with condition:
            try:
                if args.timeout is None:
                    return await condition.wait()
                async with asyncio.timeout(args.timeout):
                    return await condition.wait()
            except TimeoutError:
                return False

    return asyncio.get_running_loop().start_now(call(), cancelled=args.aborted)


def notify(condition: asyncio.Condition, args: Args) -> None:
    with holding(condition):
        condition.notify() if args.n is None else condition.notify(args.n)


def notify_all(condition: asyncio.Condition, args: Args) -> None:
    with holding(condition):
        condition.notify_all()


def error(call: str, exception: BaseException) -> str:
    """asyncio's errors by the model's names."""
    if isinstance(exception, (asyncio.QueueEmpty, asyncio.QueueFull)):
        return type(exception).__name__
    if isinstance(exception, RuntimeError):  # Lock.release of an unlocked lock
        return "InvalidStateError"
    if isinstance(exception, ValueError):  # too many task_done calls; a bounded semaphore over-released
        return "InvalidStateError" if call == "taskDone" else "RangeError"
    return type(exception).__name__


# The profile: what asyncio declares to pass the checker (docs/guides/tornado-and-asyncio.md).
# asyncio wakes a waiter and lets it take the resource when its task resumes, where the model
# hands it over at once: within one tick, another call can take it first, and a cancellation
# of the woken task wins over its wakeup. Only programs of one action per tick are comparable.
WAKEUP = {"handoff": "wakeup"}
# Right after a release() or put(), the state shows the resource free until the woken task
# resumes, and that task settles after the calls that completed at once.
LATE = {**WAKEUP, "observe": "afterTick", "settlementOrder": "perTick"}
# asyncio.timeout() checks no delay: a negative, fractional or huge one is a deadline like any
# other, where the model refuses each with a RangeError through the call's future. The profile
# leaves bad input out.
NO_BAD_INPUT = {"badInput": False}


def semaphore(make, observers: dict, params: dict, profile: dict) -> Port:
    return Port(
        make=make,
        calls={
            "acquire": lambda s, a: waiting(s.acquire, a),
            "release": lambda s, a: s.release(),
        },
        observers=observers,
        declared={"calls": ["acquire", "release"], "observers": list(observers), **params},
        profile={"choices": profile, **NO_BAD_INPUT},
        value=lambda call, result: "handle" if call == "acquire" else None,
        error=error,
    )


def queue(make, profile: dict) -> Port:
    item = lambda a: (a.key, a.id)  # a priority and the put's label, which breaks ties
    return Port(
        make=lambda p: make(maxsize=p.get("maxsize", 0)),
        calls={
            "put": lambda q, a: waiting(lambda: q.put(item(a)), a),
            "putNowait": lambda q, a: q.put_nowait(item(a)),
            "get": lambda q, a: waiting(q.get, a),
            "getNowait": lambda q, a: q.get_nowait(),
            "taskDone": lambda q, a: q.task_done(),
            "join": lambda q, a: waiting(q.join, a),
        },
        observers={"maxsize": lambda q: q.maxsize, "qsize": lambda q: q.qsize(), "empty": lambda q: q.empty(), "full": lambda q: q.full()},
        declared={"calls": ["put", "putNowait", "get", "getNowait", "taskDone", "join"], "observers": ["maxsize", "qsize", "empty", "full"]},
        profile={"choices": LATE, **NO_BAD_INPUT, **profile},
        value=lambda call, result: result[1] if call in ("get", "getNowait") else None,
        error=error,
    )


VALUES = {"params": {"value": [0, 1, 2, 3]}}
# A get with putters waiting takes from the buffer first, and the woken putter's item enters
# after: a LifoQueue or a PriorityQueue then returns another item than the model (rule 7).
# Their profile leaves bounded queues out.
UNBOUNDED = {"params": {"maxsize": [0]}}

PORTS = {
    "Lock": semaphore(lambda p: asyncio.Lock(), {"locked": lambda lock: lock.locked()}, {}, {**WAKEUP, "observe": "afterTick"}),
    "Semaphore": semaphore(lambda p: asyncio.Semaphore(p.get("value", 1)), {"value": lambda s: s._value}, VALUES, WAKEUP),
    "BoundedSemaphore": semaphore(lambda p: asyncio.BoundedSemaphore(p.get("value", 1)), {"value": lambda s: s._value}, VALUES, WAKEUP),
    "Event": Port(
        make=lambda p: asyncio.Event(),
        calls={"wait": lambda e, a: waiting(e.wait, a), "set": lambda e, a: e.set(), "clear": lambda e, a: e.clear()},
        observers={"isSet": lambda e: e.is_set()},
        declared={"calls": ["wait", "set", "clear"], "observers": ["isSet"]},
        profile={"choices": WAKEUP, **NO_BAD_INPUT},
        error=error,
    ),
    "Condition": Port(
        make=lambda p: asyncio.Condition(),
        calls={"wait": condition_wait, "notify": notify, "notifyAll": notify_all},
        observers={},
        declared={"calls": ["wait", "notify", "notifyAll"], "observers": []},
        # notify(n) does not check n: -1 wakes nobody, 1.5 two waiters, NaN and Infinity all.
        profile={"choices": WAKEUP, "badInput": False},
        value=lambda call, result: result if call == "wait" else None,
        error=error,
    ),
    "Queue": queue(asyncio.Queue, {}),
    "PriorityQueue": queue(asyncio.PriorityQueue, UNBOUNDED),
    "LifoQueue": queue(asyncio.LifoQueue, UNBOUNDED),
}

def is_timeout(error: BaseException) -> bool:
    return isinstance(error, TimeoutError)


def trace_of(program: dict, argv: list) -> dict:
    """The trace of `program` on asyncio, run as the driver runs it (a reproduction's entry point)."""
    return trace_of_program(PORTS[program["primitive"]], running_loop(), program, is_timeout)


if __name__ == "__main__":
    version = ".".join(map(str, sys.version_info[:3]))
    serve(f"asyncio (Python {version})", PORTS, "--profile" in sys.argv[1:], is_timeout, running_loop(), "asyncio_driver.py")
