"""A toro-check driver for trio's synchronization primitives and memory channels.

    npx toro-check --driver "/usr/bin/python3 conformance/drivers/trio_driver.py"            # raw
    npx toro-check --driver "/usr/bin/python3 conformance/drivers/trio_driver.py --profile"  # its choices
    ... trio_driver.py --lock StrictFIFOLock --semaphore CapacityLimiter                      # the other classes

How trio is driven (trio_common.py says how a program runs):
- Lock is `trio.Lock` (or `trio.StrictFIFOLock`), Semaphore is `trio.Semaphore` (or
  `trio.CapacityLimiter`, whose tokens are a semaphore's permits), BoundedSemaphore is
  `trio.Semaphore(value, max_value=value)`, Event `trio.Event`, Condition `trio.Condition`, and
  Queue a memory channel: `open_memory_channel(maxsize)`, with `math.inf` for the model's
  unbounded 0 (trio's 0 is a rendezvous channel, which the model has no name for).
- `tryAcquire`, `getNowait`, `putNowait` are the `*_nowait` calls: `WouldBlock` is "nothing"
  for an acquire, `QueueEmpty` for a receive, `QueueFull` for a send.
- Condition: `wait` and `notify` need the lock held, so each is made inside `async with
  condition:`, as trio requires. `wait` returns nothing: returning is being notified (`true`).
- trio has no timeout argument: a timeout is `move_on_at`, and a timed-out Condition wait
  resolves `false`, in the model's words.
"""

import math
import sys

import trio
import trio.testing

from trio_common import Args, Port, condition_wait, event_wait, notify, notify_all, semaphore_port, trace_of_program

NAME = f"trio {trio.__version__} (Python {'.'.join(map(str, sys.version_info[:3])) })"


def scope(deadline):
    """trio's cancel scope: with a deadline for a timeout, without for a signal."""
    return trio.CancelScope() if deadline is None else trio.CancelScope(deadline=deadline)


def nowait(acquire_nowait):
    """A `tryAcquire`: True when granted, None when it would block."""
    try:
        acquire_nowait()
    except trio.WouldBlock:
        return None
    return True


def error(call: str, exception: BaseException) -> str:
    """trio's errors by the model's names."""
    if isinstance(exception, trio.WouldBlock):
        return {"getNowait": "QueueEmpty", "putNowait": "QueueFull"}.get(call, "WouldBlock")
    if isinstance(exception, RuntimeError):  # a lock or token released by a task that does not hold it
        return "InvalidStateError"
    if isinstance(exception, ValueError):  # a bounded semaphore released too many times
        return "RangeError"
    return type(exception).__name__


def semaphore(make, observers: dict, params: dict, profile: dict) -> Port:
    return semaphore_port(make, observers, params, profile, nowait=nowait, error=error)


class Channel:
    """A memory channel's two ends, as one queue."""

    def __init__(self, maxsize: int) -> None:
        self.send, self.receive = trio.open_memory_channel(maxsize if maxsize > 0 else math.inf)

    def qsize(self) -> int:
        return self.send.statistics().current_buffer_used


async def put(channel: Channel, args: Args) -> None:
    await channel.send.send(args.id)


async def get(channel: Channel, args: Args) -> int:
    return await channel.receive.receive()


VALUES = {"params": {"value": [0, 1, 2, 3]}}
# The profile (docs/guides/trio-and-anyio.md). A zero timeout is a deadline already past, and a
# cancel scope entered past its deadline cancels the call at its first checkpoint, before it
# takes anything: `move_on_after(0)` never lets a call through, even one that could go now.
# Deadlines that fall at the same moment expire together, in the order of the cancel scopes'
# id(): trio says so in its run loop ("the deadlines tie-breaker"). The waiters they cancel
# settle in no particular order.
REFUSED = {"zeroTimeout": "refused", "settlementOrder": "perTick"}
# A trio Lock and a CapacityLimiter's tokens are owned by the task that took them, and only that
# task may give them back: the model's release() on the primitive, by whoever calls it, raises
# RuntimeError. Programs release them by their handles only.
OWNED = {"calls": ["acquire", "tryAcquire"], "choices": REFUSED}
# A trio Semaphore is a counter with no owner: release() adds a permit, whoever calls it, and the
# task that took one still gives its own back when it leaves `async with`, where the model's
# release() gives back the oldest grant (rule 8). Programs use release() only, as counters do.
COUNTER = {"handleRelease": False, "choices": REFUSED}
# trio bounds a Semaphore's value, not the permits it hands out: with a task waiting, release()
# hands it a permit without looking at max_value, so a Semaphore(0, max_value=0) lets a task
# through. The profile leaves that bound out.
BOUNDED = {**COUNTER, "params": {"value": [1, 2, 3]}}

LOCKS = {"Lock": trio.Lock, "StrictFIFOLock": trio.StrictFIFOLock}
SEMAPHORES = {
    "Semaphore": semaphore(lambda p: trio.Semaphore(p.get("value", 1)), {"value": lambda s: s.value}, VALUES, COUNTER),
    "CapacityLimiter": semaphore(lambda p: trio.CapacityLimiter(p.get("value", 1)), {"value": lambda s: s.available_tokens}, {"params": {"value": [1, 2, 3]}}, OWNED),
}


def ports(lock: str = "Lock", semaphore_class: str = "Semaphore") -> dict:
    return {
        "Lock": semaphore(lambda p: LOCKS[lock](), {"locked": lambda lock: lock.locked()}, {}, OWNED),
        "Semaphore": SEMAPHORES[semaphore_class],
        "BoundedSemaphore": semaphore(lambda p: trio.Semaphore(p.get("value", 1), max_value=p.get("value", 1)), {"value": lambda s: s.value}, VALUES, BOUNDED),
        "Event": Port(
            make=lambda p: trio.Event(),
            calls={"wait": event_wait, "set": lambda e, a: e.set()},
            observers={"isSet": lambda e: e.is_set()},
            declared={"calls": ["wait", "set"], "observers": ["isSet"]},
            # trio.Event keeps its waiters in a set: set() wakes them in the set's order.
            profile={"choices": REFUSED},
            waits=frozenset({"wait"}),
            error=error,
        ),
        "Condition": Port(
            make=lambda p: trio.Condition(),
            calls={"wait": condition_wait, "notify": notify, "notifyAll": notify_all},
            observers={},
            declared={"calls": ["wait", "notify", "notifyAll"], "observers": []},
            # notify(n) is ParkingLot.repark(count=n), which does not check n: -1 wakes nobody,
            # 1.5 and NaN raise TypeError once two tasks wait, Infinity wakes everyone. A wait
            # never completes at once, so a zero timeout times out as the model says.
            profile={"choices": {"settlementOrder": "perTick"}, "badInput": False},
            waits=frozenset({"wait"}),
            timeout_value=False,
            value=lambda call, result: result if call == "wait" else None,
            error=error,
        ),
        "Queue": Port(
            make=lambda p: Channel(p.get("maxsize", 0)),
            calls={
                "put": put,
                "putNowait": lambda c, a: c.send.send_nowait(a.id),
                "get": get,
                "getNowait": lambda c, a: c.receive.receive_nowait(),
            },
            observers={
                "maxsize": lambda c: 0 if c.send.statistics().max_buffer_size == math.inf else c.send.statistics().max_buffer_size,
                "qsize": lambda c: c.qsize(),
                "empty": lambda c: c.qsize() == 0,
                "full": lambda c: c.qsize() >= c.send.statistics().max_buffer_size,
            },
            declared={"calls": ["put", "putNowait", "get", "getNowait"], "observers": ["maxsize", "qsize", "empty", "full"], "params": {"maxsize": [0, 1, 2, 3]}},
            profile={"choices": REFUSED},
            waits=frozenset({"put", "get"}),
            value=lambda call, result: result if call in ("get", "getNowait") else None,
            error=error,
        ),
    }


def options(argv: list) -> dict:
    """The classes the options name: `--lock StrictFIFOLock`, `--semaphore CapacityLimiter`."""
    named = {"lock": "Lock", "semaphore_class": "Semaphore"}
    for flag, key in (("--lock", "lock"), ("--semaphore", "semaphore_class")):
        if flag in argv:
            named[key] = argv[argv.index(flag) + 1]
    return named


def trace_of(program: dict, argv: list) -> dict:
    """The trace of `program` on trio, run as the driver runs it (a reproduction's entry point)."""
    port = ports(**options(argv))[program["primitive"]]
    return trio.run(trace_of_program, port, program, scope, clock=trio.testing.MockClock())


if __name__ == "__main__":
    import protocol
    from trio_common import serve

    argv = sys.argv[1:]
    chosen = options(argv)
    table = ports(**chosen)
    # No port here checks a timeout the way the models do (a negative deadline is one already
    # past), where they refuse it with a RangeError: no profile is given bad input.
    declared = {name: {**port.declared, **({"badInput": False, **port.profile} if "--profile" in argv else {})} for name, port in table.items()}
    name = NAME if chosen == {"lock": "Lock", "semaphore_class": "Semaphore"} else f"{NAME} {chosen['lock']}/{chosen['semaphore_class']}"
    run_argv = [a for a in argv if a != "--profile"]
    reproduce = lambda message: protocol.reproduction(message, name, "trio_driver.py", "trio_common.py", run_argv, declared)
    trio.run(serve, table, declared, scope, protocol.hello(name, declared), protocol.messages(), protocol.send, reproduce, clock=trio.testing.MockClock())
