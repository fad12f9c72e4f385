"""What the Tornado and asyncio drivers share: a virtual-time event loop, and the part of the
toro-check driver protocol that does not depend on the port (conformance/PROTOCOL.md). The
protocol's JSON is protocol.py's, imported by `serve` alone, so a reproduction imports this
module as it is, without it.

A driver describes each primitive of its port as a `Port`: how to construct it, how to make
each call by the models' names, what its observers show, how its values and errors read in a
trace, and its profile: the contract choices it declares, and the features it leaves out. `serve` does the rest: it says hello, runs each program's ticks on the virtual
loop, keeps the signals and handles, and records settlements in the order the port's futures'
done-callbacks run.
"""

import asyncio
import heapq
import itertools
import math
from asyncio import events
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

class VirtualLoop(asyncio.BaseEventLoop):
    """An asyncio event loop whose clock only moves when told to.

    `run_until_idle` runs ready callbacks (and those they schedule) until none is left, with
    time standing still; `advance` moves the clock and fires the timers due on the way, one at
    a time in deadline order (ties in the order they were set), running every callback between
    two of them. Nothing ever sleeps, and there is no I/O.
    """

    def __init__(self) -> None:
        super().__init__()
        self._now = 0.0
        self._timers: list = []  # a heap of (deadline in whole microseconds, order set, handle)
        self._order = itertools.count()

    def time(self) -> float:
        return self._now

    def call_at(self, when, callback, *args, context=None):
        timer = asyncio.TimerHandle(when, callback, args, self, context)
        # Deadlines are compared in whole microseconds: `now + delay` in float seconds can land
        # a hair off an equal deadline set another way, and a tie must stay a tie.
        heapq.heappush(self._timers, (round(when * 1e6), next(self._order), timer))
        return timer

    def _timer_handle_cancelled(self, handle) -> None:
        pass  # a cancelled timer is skipped when it comes due

    def live_timers(self) -> int:
        """Timers set and not yet fired or cancelled."""
        return sum(1 for _, _, timer in self._timers if not timer.cancelled())

    def run_until_idle(self) -> None:
        """Runs every ready callback, and those they schedule, then the timers already due."""
        while True:
            while self._ready:
                handle = self._ready.popleft()
                if not handle._cancelled:
                    handle._run()
            if not self._fire_next(round(self._now * 1e6)):
                return

    def advance(self, ms: float) -> None:
        """Lets `ms` milliseconds pass: every callback runs first, then each timer due by then."""
        until = round(self._now * 1e6) + round(ms * 1000)
        self.run_until_idle()
        while self._fire_next(until):
            self.run_until_idle()
        self._now = until / 1e6

    def _fire_next(self, until: int) -> bool:
        """Fires the earliest live timer due by `until` (moving the clock to its deadline)."""
        while self._timers and self._timers[0][2].cancelled():
            heapq.heappop(self._timers)
        if not self._timers or self._timers[0][0] > until:
            return False
        deadline, _, timer = heapq.heappop(self._timers)
        self._now = max(self._now, deadline / 1e6)
        timer._run()
        return True

    def reset(self) -> None:
        """Drops every callback and timer, and sets the clock back to 0."""
        self._ready.clear()
        self._timers.clear()
        self._now = 0.0

    def start_now(self, coro, cancelled: bool = False) -> asyncio.Task:
        """Wraps `coro` in a task and runs its first step now, up to its first `await` that
        waits, as Python 3.12's `asyncio.eager_task_factory` does: a caller that reaches
        `await lock.acquire()` runs `acquire`'s body at that moment, not one loop turn later.
        A task `cancelled` before its first step never runs its coroutine."""
        task = self.create_task(coro)
        if cancelled:
            task.cancel()
        first_step = self._ready.pop()  # create_task has just scheduled it
        first_step._run()
        return task


def number(value: Any) -> Any:
    """A number from its JSON form: the names of those JSON cannot carry become floats."""
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(value, value) if isinstance(value, str) else value


class DriverFailure(Exception):
    """The driver cannot make a call: reported to the checker as a protocol error, not as the port's."""


@dataclass
class Args:
    """What a call is given, in the port's terms."""

    id: int
    key: int = 0
    n: Any = None  # notify's count; None for the call without one
    timeout: Optional[float] = None  # in seconds; None for no timeout
    aborted: bool = False  # its signal was aborted before the call
    handle: Any = None  # for a call on a handle: what the port gave


@dataclass
class Port:
    """One primitive of a port, in the models' vocabulary.

    `calls` make a call and return what it returns: a value, or a future for a call that waits
    (the driver records its settlement when its done-callbacks run). `value` turns what a call
    returned or resolved with into a trace value ("handle", an item's label, a boolean, or None
    for nothing); `error` names an exception by the model's error names.
    """

    make: Callable[[dict], Any]
    calls: dict
    observers: dict
    declared: dict  # the hello entry of the raw run: calls, observers, options, params
    profile: dict = field(default_factory=dict)  # with --profile, merged into it: choices, and features left out
    value: Callable[[str, Any], Any] = lambda call, result: None
    error: Callable[[str, BaseException], str] = lambda call, error: type(error).__name__


class Signal:
    """A signal: the calls made with it that still wait, in the order they were made."""

    def __init__(self) -> None:
        self.aborted = False
        self.waiting: list = []

    def listeners(self) -> int:
        return sum(1 for future in self.waiting if not future.done())


class Run:
    """One program on one primitive: the instance, its signals and handles, and the loop."""

    def __init__(self, port: Port, loop: VirtualLoop, params: dict, is_timeout: Callable[[BaseException], bool]) -> None:
        self.port = port
        self.loop = loop
        self.is_timeout = is_timeout
        self.signals: dict = {}
        self.handles: dict = {}
        self.settled: list = []
        self.instance = port.make({name: number(value) for name, value in params.items()})

    def observe(self) -> dict:
        return {name: read(self.instance) for name, read in self.port.observers.items()}

    def tick(self, actions: list) -> dict:
        self.settled = []
        calls = []
        for action in actions:
            if "call" in action:
                calls.append(self.call(action))
            elif "abort" in action:
                self.abort(action["abort"])
            else:
                self.loop.advance(action["advance"])
        self.loop.run_until_idle()
        listeners = {f"s{n}": s.listeners() for n, s in self.signals.items() if not s.aborted}
        return {
            "type": "ticked",
            "calls": calls,
            "settled": self.settled,
            "observed": self.observe(),
            "resources": {"timers": self.loop.live_timers(), "listeners": listeners},
        }

    def call(self, action: dict) -> dict:
        name, id = action["call"], action["id"]
        signal = self.signals.setdefault(action["signal"], Signal()) if "signal" in action else None
        timeout = number(action["timeout"]) / 1000 if "timeout" in action else None
        if "on" in action and action["on"] not in self.handles:
            # A handle not in hand yet: the program has nothing to make this call on.
            return {"id": id, "result": {"kind": "returned"}, "observed": self.observe()}
        args = Args(id, action.get("key", 0), number(action.get("n")), timeout, signal is not None and signal.aborted, self.handles.get(action.get("on")))
        try:
            returned = self.port.calls[name](self.instance, args)
        except DriverFailure:
            raise
        except Exception as error:  # the port refused the call: report it by the model's name
            result = {"kind": "threw", "error": self.port.error(name, error)}
        else:
            if asyncio.isfuture(returned):
                returned.add_done_callback(lambda future: self.record(name, id, future))
                if signal is not None and not signal.aborted:
                    signal.waiting.append(returned)
                result = {"kind": "pending"}
            else:
                result = trace_result(self.port.value(name, returned))
                if result.get("value") == "handle":
                    self.handles[id] = returned
        return {"id": id, "result": result, "observed": self.observe()}

    def abort(self, number: int) -> None:
        signal = self.signals.setdefault(number, Signal())
        if signal.aborted:
            return
        signal.aborted = True
        for future in signal.waiting:
            if not future.done():
                future.cancel()

    def record(self, name: str, id: int, future: asyncio.Future) -> None:
        """A done-callback: the call's settlement, in the order these callbacks run."""
        if future.cancelled():
            self.settled.append({"id": id, "outcome": "aborted"})
            return
        error = future.exception()
        if error is not None:
            if self.is_timeout(error):
                self.settled.append({"id": id, "outcome": "timeout"})
            else:
                self.settled.append({"id": id, "outcome": "rejected", "error": self.port.error(name, error)})
            return
        value = self.port.value(name, future.result())
        # The continuation has the handle now: calls on it are made from the next tick on.
        if value == "handle":
            self.handles[id] = future.result()
        self.settled.append({"id": id, "outcome": "resolved", **({} if value is None else {"value": value})})


def trace_result(value: Any) -> dict:
    return {"kind": "returned"} if value is None else {"kind": "returned", "value": value}


def running_loop() -> VirtualLoop:
    """A virtual loop, made the running loop for good: the ports look for it (asyncio.timeout,
    IOLoop.current), and it is run step by step by the driver, never by `run_forever`."""
    loop = VirtualLoop()
    events._set_running_loop(loop)
    return loop


def trace_of_program(port: Port, loop: VirtualLoop, program: dict, is_timeout: Callable[[BaseException], bool]) -> dict:
    """The trace of `program` on `port` (a reproduction's entry point)."""
    loop.reset()
    run = Run(port, loop, program["params"], is_timeout)
    initial = run.observe()
    ticks = [{key: value for key, value in run.tick(actions).items() if key != "type"} for actions in program["ticks"]]
    return {"initial": initial, "ticks": ticks}


def serve(name: str, ports: dict, profile: bool, is_timeout: Callable[[BaseException], bool], loop: VirtualLoop, driver: str) -> None:
    """Speaks the protocol on standard input and output until `quit`; `driver` is the driver's
    file name, which a reproduction imports for its port table."""
    import protocol

    primitives = {primitive: {**port.declared, **(port.profile if profile else {})} for primitive, port in ports.items()}
    protocol.send(protocol.hello(name, primitives))
    run: Optional[Run] = None
    for message in protocol.messages():
        try:
            if message["type"] == "quit":
                return
            if message["type"] == "start":
                loop.reset()
                run = Run(ports[message["primitive"]], loop, message["params"], is_timeout)
                protocol.send({"type": "started", "observed": run.observe()})
            elif message["type"] == "tick" and run is not None:
                protocol.send(run.tick(message["actions"]))
            elif message["type"] == "reproduce":
                protocol.send(protocol.reproduction(message, name, driver, "common.py", [], primitives))
            else:
                protocol.send({"type": "error", "message": f"unexpected message {str(message)[:200]}"})
        except Exception as error:  # a driver bug: say so in the protocol, with the cause
            protocol.send({"type": "error", "message": f"{type(error).__name__}: {error}"})
