"""The smallest toro-check driver for trio: trio.Lock (conformance/PROTOCOL.md, "Driver kit: trio").

    npx toro-check --driver "/usr/bin/python3 conformance/drivers/trio_minimal_driver.py"

Each call is a task; after each action the driver waits until every task is blocked
(`trio.testing.wait_all_tasks_blocked`), so the next action starts only once this one's effects
are complete. Time is a `MockClock`: a timeout is a cancel scope with a deadline, which `advance`
reaches by jumping the clock; a signal is a cancel scope cancelled when it aborts. An acquire's
task holds the lock until `release` on its handle, since only the owner may release a trio.Lock.
"""

import json
import sys

import trio
import trio.testing

# Two choices of trio's, which PROTOCOL.md names: a zero timeout is a deadline already past, so
# the call is cancelled before it takes anything, even a free lock; and deadlines that fall at the
# same moment expire in no particular order. trio checks no timeout: no bad input.
LOCK = {"calls": ["acquire"], "handleRelease": True, "observers": ["locked"], "choices": {"zeroTimeout": "refused", "settlementOrder": "perTick"}, "badInput": False}
HELLO = {"type": "hello", "protocol": 1, "name": f"minimal trio.Lock (trio {trio.__version__})", "primitives": {"Lock": LOCK}}


def send(message):
    print(json.dumps(message), flush=True)


class Run:
    """One program: a fresh lock, the calls' tasks, the signals' cancel scopes, the settlements."""

    def __init__(self, nursery, clock):
        self.lock = trio.Lock()
        self.nursery = nursery
        self.clock = clock
        self.start = clock.current_time()
        self.now = 0  # virtual milliseconds
        self.deadlines = {}  # id -> deadline (ms) of a call still waiting
        self.scopes = {}  # signal -> the cancel scopes of its calls
        self.aborted = set()
        self.releases = {}  # id -> the event that makes its task release the lock
        self.in_hand = set()
        self.settled = []

    async def tick(self, actions):
        self.settled = []
        calls = []
        for action in actions:
            if "call" in action and "on" in action:
                if action["on"] in self.in_hand:  # in hand: its task leaves `async with`
                    self.releases[action["on"]].set()
                calls.append({"id": action["id"], "result": {"kind": "returned"}})
            elif "call" in action:
                self.nursery.start_soon(self.acquire, action)
                calls.append({"id": action["id"], "result": {"kind": "pending"}})
            elif "abort" in action:
                self.aborted.add(action["abort"])
                for scope in self.scopes.pop(action["abort"], []):
                    scope.cancel()
                    await trio.testing.wait_all_tasks_blocked()
            else:
                await self.advance(action["advance"])
            await trio.testing.wait_all_tasks_blocked()
        self.in_hand.update(s["id"] for s in self.settled if s["outcome"] == "resolved")
        return {"type": "ticked", "calls": calls, "settled": self.settled, "observed": {"locked": self.lock.locked()}}

    async def acquire(self, action):
        id, signal = action["id"], action.get("signal")
        signal_scope = trio.CancelScope()
        if signal in self.aborted:
            signal_scope.cancel()  # an aborted signal: the call starts cancelled
        elif signal is not None:
            self.scopes.setdefault(signal, []).append(signal_scope)
        timeout_scope = trio.CancelScope()
        if "timeout" in action:
            self.deadlines[id] = self.now + action["timeout"]
            timeout_scope.deadline = self.start + self.deadlines[id] / 1000
        outcome = None  # a scope that ends the call swallows its Cancelled: the call never returned
        with signal_scope:
            with timeout_scope:
                await self.lock.acquire()
                outcome = "resolved"
            outcome = outcome or "timeout"
        outcome = outcome or "aborted"
        self.deadlines.pop(id, None)
        self.settled.append({"id": id, "outcome": outcome, **({"value": "handle"} if outcome == "resolved" else {})})
        if outcome == "resolved":
            self.releases[id] = trio.Event()
            await self.releases[id].wait()
            self.lock.release()

    async def advance(self, ms):
        """Jumps the clock to each deadline due on the way, and lets every task run between two."""
        until = self.now + ms
        for deadline in sorted(set(d for d in self.deadlines.values() if d <= until)):
            self.jump(deadline)
            await trio.testing.wait_all_tasks_blocked()
        self.jump(until)
        self.in_hand.update(s["id"] for s in self.settled if s["outcome"] == "resolved")

    def jump(self, ms):
        self.now = max(self.now, ms)
        target = self.start + self.now / 1000
        while self.clock.current_time() < target:  # exactly enough for `deadline <= now` to hold
            self.clock.jump(max(target - self.clock.current_time(), 1e-12))


async def main():
    clock = trio.lowlevel.current_clock()
    send(HELLO)
    line = sys.stdin.readline()
    while line and json.loads(line)["type"] == "start":
        async with trio.open_nursery() as nursery:
            run = Run(nursery, clock)
            send({"type": "started", "observed": {"locked": False}})
            line = sys.stdin.readline()
            while line and json.loads(line)["type"] == "tick":
                send(await run.tick(json.loads(line)["actions"]))
                line = sys.stdin.readline()
            nursery.cancel_scope.cancel()  # the program is over: its tasks end


trio.run(main, clock=trio.testing.MockClock())
