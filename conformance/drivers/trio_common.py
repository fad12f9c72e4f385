"""Runs toro-check programs (conformance/PROTOCOL.md's vocabulary) on a port built on trio: trio's
own primitives, or anyio's on its trio backend. `serve` puts the protocol's messages in order;
their JSON is protocol.py's, so a reproduction imports this module as it is, without it.

How a program runs:
- Every call is made by a task of its own, as callers are in a trio program. After each action
  the runner waits with `trio.testing.wait_all_tasks_blocked()` until every task has finished
  its call or is blocked, so an action's effects are complete before the next action starts.
  trio decides every handoff inside the call that frees the resource (`release()` unparks the
  oldest waiter and makes it the owner), so letting the woken tasks run before the next action
  changes nothing that a later action could see.
- A call that grants a permit (a lock, a semaphore, a capacity limiter) leaves its task holding
  it, as `async with lock:` does; `release` on its handle tells that task to leave the block,
  once. trio's Lock can only be released by its owner, so this is the only way to release one.
- Time is `trio.testing.MockClock`, which only moves when told. A timeout is a cancel scope
  with a deadline (`move_on_at`), a signal a cancel scope cancelled when the signal aborts; a
  signal aborted before the call is a scope cancelled before the call starts. `advance` jumps
  the clock to each deadline due on the way, in turn, and lets every task run between two.
- trio resumes the tasks woken in one batch in an order it randomises on purpose (its run loop
  reverses each batch half the time). A settlement is recorded in the order trio *rescheduled*
  the tasks, which is the order it decided the handoffs: an Instrument numbers every
  `task_scheduled`, and a call's place is the number of the reschedule that resumed it last.
"""

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import trio
import trio.testing

def number(value: Any) -> Any:
    """A number from its JSON form: the names of those JSON cannot carry become floats."""
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(value, value) if isinstance(value, str) else value


class DriverFailure(Exception):
    """The runner cannot make a call: reported as a failure of the driver, not of the port."""


@dataclass
class Args:
    """What a call is given, in the port's terms."""

    id: int
    key: int = 0
    n: Any = None  # a count (notify's n); None for the call without one


@dataclass
class Port:
    """One primitive of a port, in the models' vocabulary.

    `calls` make a call from the call's own task: a coroutine function for the calls that may
    wait (and for those that must take a lock first), a plain function for the others. A call in
    `holds` whose result `value` shows as "handle" keeps its permit: its task holds it until
    `release` on its handle, which runs `release(primitive)` in that task. `value` turns a
    call's result into a trace value; `error` names an exception by the model's error names.
    """

    make: Callable[[dict], Any]
    calls: dict
    observers: dict
    declared: dict  # the hello entry of the raw run: calls, observers, options, params
    profile: dict = field(default_factory=dict)  # merged into it with --profile
    waits: frozenset = frozenset()
    holds: frozenset = frozenset()
    release: Optional[Callable[[Any], None]] = None
    timeout_value: Any = None  # what a timed-out wait resolves to, where it resolves (a Condition's False)
    value: Callable[[str, Any], Any] = lambda call, result: None
    error: Callable[[str, BaseException], str] = lambda call, error: type(error).__name__


# The calls trio's and anyio's primitives share, by their common API (anyio's mirror trio's). What
# differs between the two drivers is passed in: how a would-block shows (`nowait`) and the error
# names (`error`).


def handle(call: str, result) -> object:
    """An acquire's result in a trace: a permit granted is a handle."""
    return "handle" if call == "acquire" or (call == "tryAcquire" and result is True) else None


async def acquire(primitive, args: Args) -> None:
    await primitive.acquire()


def semaphore_port(make, observers: dict, params: dict, profile: dict, *, nowait: Callable, error: Callable[[str, BaseException], str]) -> Port:
    """A Lock, Semaphore, BoundedSemaphore or CapacityLimiter: `acquire`, `tryAcquire`
    (`nowait(primitive.acquire_nowait)`), `release`, each grant held by its call's task."""
    return Port(
        make=make,
        calls={
            "acquire": acquire,
            "tryAcquire": lambda s, a: nowait(s.acquire_nowait),
            "release": lambda s, a: s.release(),
        },
        observers=observers,
        declared={"calls": ["acquire", "tryAcquire", "release"], "handleRelease": True, "observers": list(observers), **params},
        profile=profile,
        waits=frozenset({"acquire"}),
        holds=frozenset({"acquire", "tryAcquire"}),
        release=lambda s: s.release(),
        value=handle,
        error=error,
    )


async def condition_wait(condition, args: Args) -> bool:
    async with condition:
        await condition.wait()
        return True


async def notify(condition, args: Args) -> None:
    async with condition:
        condition.notify() if args.n is None else condition.notify(args.n)


async def notify_all(condition, args: Args) -> None:
    async with condition:
        condition.notify_all()


async def event_wait(event, args: Args) -> None:
    await event.wait()

class Order(trio.abc.Instrument):
    """Numbers trio's reschedules: the number of each task's latest one."""

    def __init__(self) -> None:
        self.count = 0
        self.latest: dict = {}

    def task_scheduled(self, task) -> None:
        self.count += 1
        self.latest[task] = self.count


@dataclass
class Call:
    """One call of a program, and the task that makes it."""

    id: int
    name: str
    waits: bool
    signal: Optional[int] = None
    deadline: Optional[int] = None  # virtual microseconds
    result: Optional[dict] = None  # what the call returned, once it has
    settlement: Optional[dict] = None  # how a waiting call settled, once it has
    place: int = 0  # the reschedule that settled it
    tick: int = -1  # the tick it settled in
    holding: bool = False  # its task holds a permit, until release
    release_order: Optional[trio.Event] = None
    release_result: Optional[dict] = None
    scope: Any = None  # the signal's cancel scope


class Run:
    """One program on one primitive: the instance, the calls and their tasks, signals, handles."""

    def __init__(self, port: Port, params: dict, nursery, clock: trio.testing.MockClock, order: Order, scope_factory) -> None:
        self.port = port
        self.nursery = nursery
        self.clock = clock
        self.order = order
        self.scopes = scope_factory  # (deadline or None) -> a cancel scope of the port's library
        self.base = clock.current_time()
        self.now = 0  # virtual microseconds since the start
        self.calls: dict = {}
        self.signals: dict = {}  # signal -> aborted?
        self.in_hand: set = set()  # ids whose handles calls may be made on
        self.ticks = 0
        self.instance = port.make({name: number(value) for name, value in params.items()})

    def at(self, us: int) -> float:
        """The MockClock time of virtual microsecond `us` of this program."""
        return self.base + us / 1e6

    def observe(self) -> dict:
        return {name: read(self.instance) for name, read in self.port.observers.items()}

    async def settle(self) -> None:
        """Lets every task run until each has finished its call or is blocked."""
        await trio.testing.wait_all_tasks_blocked()

    async def tick(self, actions: list) -> dict:
        self.ticks += 1
        calls = []
        for action in actions:
            if "call" in action:
                calls.append(await self.call(action))
            elif "abort" in action:
                await self.abort(action["abort"])
            else:
                await self.advance(action["advance"])
        settled = sorted((c for c in self.calls.values() if c.tick == self.ticks), key=lambda c: c.place)
        # A handle a waiting call resolved with is in hand from the next tick on.
        self.in_hand.update(c.id for c in settled if c.holding)
        return {"type": "ticked", "calls": calls, "settled": [c.settlement for c in settled], "observed": self.observe()}

    async def call(self, action: dict) -> dict:
        name, id = action["call"], action["id"]
        if "on" in action:
            return {"id": id, "result": await self.release_handle(action["on"]), "observed": self.observe()}
        if name not in self.port.calls:
            raise DriverFailure(f"no call {name}")
        call = Call(id, name, name in self.port.waits, action.get("signal"))
        self.calls[id] = call
        if call.waits:
            if "timeout" in action:
                call.deadline = self.now + round(number(action["timeout"]) * 1000)
            call.scope = self.scopes(None)
            if call.signal is not None and self.signals.setdefault(call.signal, False):
                call.scope.cancel()  # an aborted signal: the call starts cancelled
        self.nursery.start_soon(self.make, call, Args(id, action.get("key", 0), number(action.get("n"))))
        await self.settle()
        if call.waits:
            result = {"kind": "pending"}
        elif call.result is None:
            raise DriverFailure(f"#{id} {name} did not return")
        else:
            result = call.result
            if call.holding:
                self.in_hand.add(id)
        return {"id": id, "result": result, "observed": self.observe()}

    async def make(self, call: Call, args: Args) -> None:
        """The call's task: makes the call, records how it ended, then holds what it was granted."""
        task = trio.lowlevel.current_task()
        fn = self.port.calls[call.name]
        outcome = None
        try:
            if call.waits:
                # A scope that ends the call swallows its Cancelled: the call never returned.
                with call.scope:
                    with self.scopes(None if call.deadline is None else self.at(call.deadline)):
                        outcome = ("returned", await fn(self.instance, args))
                    outcome = outcome or ("timeout", None)
                outcome = outcome or ("aborted", None)
            else:
                returned = fn(self.instance, args)
                outcome = ("returned", await returned if hasattr(returned, "__await__") else returned)
        except Exception as error:  # the port refused the call: by the model's error name
            outcome = ("threw", self.port.error(call.name, error))
        self.record(call, outcome, task)
        if not call.holding:
            return
        call.release_order = trio.Event()
        try:
            await call.release_order.wait()
        except trio.Cancelled:
            return  # the program is over: nothing to give back
        try:
            self.port.release(self.instance)
            call.release_result = {"kind": "returned"}
        except Exception as error:
            call.release_result = {"kind": "threw", "error": self.port.error("release", error)}
        call.holding = False

    def record(self, call: Call, outcome: tuple, task) -> None:
        """What the call did, by the model's words; a call granted a permit holds it from now on."""
        kind, value = outcome
        shown = self.port.value(call.name, value) if kind == "returned" else None
        call.holding = shown == "handle" and call.name in self.port.holds
        if not call.waits:
            call.result = {"kind": "threw", "error": value} if kind == "threw" else {"kind": "returned", **({} if shown is None else {"value": shown})}
            return
        if kind == "returned":
            call.settlement = {"id": call.id, "outcome": "resolved", **({} if shown is None else {"value": shown})}
        elif kind == "timeout" and self.port.timeout_value is not None:
            call.settlement = {"id": call.id, "outcome": "resolved", "value": self.port.timeout_value}
        elif kind == "threw":
            call.settlement = {"id": call.id, "outcome": "rejected", "error": value}
        else:
            call.settlement = {"id": call.id, "outcome": kind}
        call.place = self.order.latest.get(task, 0)
        call.tick = self.ticks

    async def release_handle(self, on: int) -> dict:
        """`release` on the handle call `on` was given: its task leaves its `async with`, once."""
        holder = self.calls.get(on)
        if on not in self.in_hand or holder is None or not holder.holding or holder.release_order is None or holder.release_order.is_set():
            return {"kind": "returned"}  # not in hand, or already given back: nothing to do
        holder.release_order.set()
        await self.settle()
        if holder.release_result is None:
            raise DriverFailure(f"the release of #{on}'s handle did not return")
        return holder.release_result

    async def abort(self, signal: int) -> None:
        """Cancels, in call order, every call still waiting with `signal`, one at a time."""
        if self.signals.get(signal):
            return
        self.signals[signal] = True
        for call in list(self.calls.values()):
            if call.signal == signal and call.waits and call.settlement is None:
                call.scope.cancel()
                await self.settle()

    async def advance(self, ms: float) -> None:
        """Moves the clock by `ms`, stopping at each deadline due on the way."""
        until = self.now + round(ms * 1000)
        while True:
            due = [c.deadline for c in self.calls.values() if c.waits and c.settlement is None and c.deadline is not None and c.deadline <= until]
            if not due:
                break
            self.jump(min(due))
            await self.settle()
        self.jump(until)
        await self.settle()
        # The continuations have run: what waiting calls resolved with is in hand now.
        self.in_hand.update(c.id for c in self.calls.values() if c.holding and c.settlement is not None)

    def jump(self, us: int) -> None:
        """Sets the clock to virtual microsecond `us` (never back), exactly enough for trio's
        `deadline <= now` to hold for a deadline set at `us`."""
        self.now = max(self.now, us)
        target = self.at(self.now)
        while self.clock.current_time() < target:
            self.clock.jump(max(target - self.clock.current_time(), math.ulp(target)))


async def trace_of_program(port: Port, program: dict, scope_factory) -> dict:
    """The trace of `program` on `port`, run in the current trio run (for a reproduction)."""
    clock = trio.lowlevel.current_clock()
    order = Order()
    trio.lowlevel.add_instrument(order)
    try:
        async with trio.open_nursery() as nursery:
            run = Run(port, program["params"], nursery, clock, order, scope_factory)
            initial = run.observe()
            ticks = []
            for actions in program["ticks"]:
                tick = await run.tick(actions)
                ticks.append({key: value for key, value in tick.items() if key != "type"})
            nursery.cancel_scope.cancel()
    finally:
        trio.lowlevel.remove_instrument(order)
    return {"initial": initial, "ticks": ticks}


async def serve(ports: dict, declared: dict, scope_factory, hello: dict, messages, send, reproduce) -> None:
    """Answers the checker's messages until `quit`: each program runs in a nursery of its own,
    cancelled (with every task of the program) when the next message is not a tick."""
    clock = trio.lowlevel.current_clock()
    order = Order()
    trio.lowlevel.add_instrument(order)
    send(hello)
    message = next(messages, None)
    while message is not None and message["type"] != "quit":
        if message["type"] == "start":
            async with trio.open_nursery() as nursery:
                order.latest.clear()
                run = None
                try:
                    run = Run(ports[message["primitive"]], message["params"], nursery, clock, order, scope_factory)
                    send({"type": "started", "observed": run.observe()})
                except Exception as error:
                    send({"type": "error", "message": f"{type(error).__name__}: {error}"})
                message = next(messages, None)
                while run is not None and message is not None and message["type"] == "tick":
                    try:
                        send(await run.tick(message["actions"]))
                    except Exception as error:  # a driver bug: say so in the protocol, with the cause
                        send({"type": "error", "message": f"{type(error).__name__}: {error}"})
                    message = next(messages, None)
                nursery.cancel_scope.cancel()
            continue
        if message["type"] == "reproduce":
            try:
                send(reproduce(message))
            except Exception as error:  # a program this driver cannot write out: say why
                send({"type": "error", "message": f"cannot reproduce: {type(error).__name__}: {error}"})
        else:
            send({"type": "error", "message": f"unexpected message {message['type']!r}"})
        message = next(messages, None)
