"""A toro-check driver for anyio's synchronization primitives, on anyio's trio backend.

    npx toro-check --driver "/usr/bin/python3 conformance/drivers/anyio_driver.py"            # raw
    npx toro-check --driver "/usr/bin/python3 conformance/drivers/anyio_driver.py --profile"  # its choices
    ... anyio_driver.py --semaphore CapacityLimiter                                            # the other class

Why the trio backend: anyio runs on asyncio or trio, and its primitives behave as their backend
makes them. On trio, `trio.testing.MockClock` and `wait_all_tasks_blocked` make a program run the
same way every time, as for trio itself (trio_common.py says how a program runs): the runner and
its choices are trio's, and what differs from trio is anyio's own code. anyio's `Lock`,
`Semaphore` and `Condition` are anyio's, built on its `Event`; `Event` and `CapacityLimiter` on
trio are thin wrappers of trio's.

- Lock is `anyio.Lock`, Semaphore `anyio.Semaphore` (or `anyio.CapacityLimiter`),
  BoundedSemaphore `anyio.Semaphore(value, max_value=value)`, Event `anyio.Event`, Condition
  `anyio.Condition`. There is no queue: anyio's memory object streams are trio's memory channels
  on this backend.
- A timeout is `anyio.CancelScope(deadline=...)`, a signal an `anyio.CancelScope` cancelled when
  it aborts; `tryAcquire` is `acquire_nowait`, and `anyio.WouldBlock` is "nothing".
- Condition: `wait` and `notify` are made inside `async with condition:`, as anyio requires.
"""

import sys

import anyio
import trio
import trio.testing

from trio_common import Port, condition_wait, event_wait, notify, notify_all, semaphore_port, trace_of_program

ANYIO_VERSION = "3.6.2"  # anyio 3 has no __version__; this is Debian bookworm's python3-anyio
NAME = f"anyio {ANYIO_VERSION} on trio {trio.__version__} (Python {'.'.join(map(str, sys.version_info[:3]))})"


def scope(deadline):
    """anyio's cancel scope: with a deadline for a timeout, without for a signal."""
    return anyio.CancelScope() if deadline is None else anyio.CancelScope(deadline=deadline)


def nowait(acquire_nowait):
    """A `tryAcquire`: True when granted, None when it would block."""
    try:
        acquire_nowait()
    except anyio.WouldBlock:
        return None
    return True


def error(call: str, exception: BaseException) -> str:
    """anyio's errors by the model's names."""
    if isinstance(exception, RuntimeError):  # a lock or token released by a task that does not hold it
        return "InvalidStateError"
    if isinstance(exception, ValueError):  # a bounded semaphore released too many times
        return "RangeError"
    return type(exception).__name__


def semaphore(make, observers: dict, params: dict, profile: dict) -> Port:
    return semaphore_port(make, observers, params, profile, nowait=nowait, error=error)


VALUES = {"params": {"value": [0, 1, 2, 3]}}
# The profile (docs/guides/trio-and-anyio.md), as trio's: a zero timeout is a deadline already
# past, which cancels the call before it takes anything, and deadlines that fall together expire
# in no particular order.
TRIO = {"zeroTimeout": "refused", "settlementOrder": "perTick"}
# anyio's Lock and CapacityLimiter belong to the task that took them: release() by another task
# raises RuntimeError. Programs release them by their handles only.
OWNED = {"calls": ["acquire", "tryAcquire"], "choices": TRIO}
# anyio's Semaphore is a counter with no owner: release() adds a permit, and the task that took
# one still gives its own back when it leaves `async with` (rule 8). Programs use release() only.
COUNTER = {"handleRelease": False, "choices": TRIO}

# On the trio backend anyio's CapacityLimiter.acquire_nowait() lets trio.WouldBlock through where
# anyio.WouldBlock is documented, so `except anyio.WouldBlock` misses it: an upstream bug, fixed
# by agronholm/anyio#1218 (anyio_capacity_limiter_wouldblock.py shows it without the driver).
# The profile leaves tryAcquire out of the CapacityLimiter.
LIMITER = {**OWNED, "calls": ["acquire"]}

SEMAPHORES = {
    "Semaphore": semaphore(lambda p: anyio.Semaphore(p.get("value", 1)), {"value": lambda s: s.value}, VALUES, COUNTER),
    "CapacityLimiter": semaphore(lambda p: anyio.CapacityLimiter(p.get("value", 1)), {"value": lambda s: s.available_tokens}, {"params": {"value": [1, 2, 3]}}, LIMITER),
}


def ports(semaphore_class: str = "Semaphore") -> dict:
    return {
        "Lock": semaphore(lambda p: anyio.Lock(), {"locked": lambda lock: lock.locked()}, {}, OWNED),
        "Semaphore": SEMAPHORES[semaphore_class],
        "BoundedSemaphore": semaphore(lambda p: anyio.Semaphore(p.get("value", 1), max_value=p.get("value", 1)), {"value": lambda s: s.value}, VALUES, COUNTER),
        "Event": Port(
            make=lambda p: anyio.Event(),
            calls={"wait": event_wait, "set": lambda e, a: e.set()},
            observers={"isSet": lambda e: e.is_set()},
            declared={"calls": ["wait", "set"], "observers": ["isSet"]},
            # trio.Event underneath keeps its waiters in a set: set() wakes them in the set's order.
            profile={"choices": TRIO},
            waits=frozenset({"wait"}),
            error=error,
        ),
        "Condition": Port(
            make=lambda p: anyio.Condition(),
            calls={"wait": condition_wait, "notify": notify, "notifyAll": notify_all},
            observers={},
            declared={"calls": ["wait", "notify", "notifyAll"], "observers": []},
            # notify(n) loops `for _ in range(n)`: -1 wakes nobody, 1.5 and NaN raise TypeError.
            profile={"choices": {"settlementOrder": "perTick"}, "badInput": False},
            waits=frozenset({"wait"}),
            timeout_value=False,
            value=lambda call, result: result if call == "wait" else None,
            error=error,
        ),
    }


def options(argv: list) -> dict:
    """The class the options name: `--semaphore CapacityLimiter`."""
    return {"semaphore_class": argv[argv.index("--semaphore") + 1] if "--semaphore" in argv else "Semaphore"}


def trace_of(program: dict, argv: list) -> dict:
    """The trace of `program` on anyio, run as the driver runs it (a reproduction's entry point)."""
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
    name = NAME if chosen["semaphore_class"] == "Semaphore" else f"{NAME} {chosen['semaphore_class']}"
    run_argv = [a for a in argv if a != "--profile"]
    reproduce = lambda message: protocol.reproduction(message, name, "anyio_driver.py", "trio_common.py", run_argv, declared)
    trio.run(serve, table, declared, scope, protocol.hello(name, declared), protocol.messages(), protocol.send, reproduce, clock=trio.testing.MockClock())
