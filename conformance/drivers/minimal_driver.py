"""A minimal toro-check driver: asyncio.Lock, on a virtual clock (Python 3.11 or later).

    npx toro-check --driver "python3 conformance/drivers/minimal_driver.py"

It speaks the protocol of conformance/PROTOCOL.md on standard input and output, one JSON object
per line. The guide "Checking a port in another language" walks through it.
"""

import asyncio
import heapq
import itertools
import json
import sys
from asyncio import events


class VirtualLoop(asyncio.BaseEventLoop):
    """An asyncio event loop whose clock moves only when `advance` says so: nothing sleeps."""

    def __init__(self):
        super().__init__()
        self.now = 0.0
        self.timers = []  # a heap of (deadline in microseconds, order set, timer)
        self.order = itertools.count()

    def time(self):
        return self.now

    def call_at(self, when, callback, *args, context=None):
        timer = asyncio.TimerHandle(when, callback, args, self, context)
        heapq.heappush(self.timers, (round(when * 1e6), next(self.order), timer))
        return timer

    def _timer_handle_cancelled(self, handle):
        pass  # a cancelled timer is skipped when it comes due

    def run_ready(self):
        """Runs every callback that is ready, and those they schedule in turn."""
        while self._ready:
            handle = self._ready.popleft()
            if not handle.cancelled():
                handle._run()

    def advance(self, ms):
        """Lets `ms` pass: due timers fire one at a time, in deadline order (ties in the order
        they were set), and every callback runs before the next one fires."""
        until = round(self.now * 1e6) + round(ms * 1000)
        self.run_ready()
        while self.timers and self.timers[0][0] <= until:
            deadline, _, timer = heapq.heappop(self.timers)
            if not timer.cancelled():
                self.now = deadline / 1e6
                timer._run()
                self.run_ready()
        self.now = until / 1e6


# The primitives the port has, by the models' names. asyncio wakes a waiter, which takes the
# lock when its task runs (a contract choice), and checks no timeout (so no bad input).
LOCK = {"calls": ["acquire", "release"], "observers": ["locked"], "choices": {"handoff": "wakeup"}, "badInput": False}
HELLO = {"type": "hello", "protocol": 1, "name": f"minimal asyncio.Lock (Python {sys.version.split()[0]})", "primitives": {"Lock": LOCK}}


class Run:
    """One program: a fresh lock, the tasks waiting on each signal, and the settlements."""

    def __init__(self, loop):
        self.loop = loop
        self.lock = asyncio.Lock()
        self.aborted = set()
        self.waiting = {}  # signal -> the tasks waiting with it, in call order
        self.settled = []

    def tick(self, actions):
        self.settled = []
        calls = []
        for action in actions:
            if "call" in action:
                calls.append(self.call(action))
            elif "abort" in action:
                self.abort(action["abort"])
            else:
                self.loop.advance(action["advance"])
        self.loop.advance(0)  # every continuation runs, and every timer already due fires
        return {"type": "ticked", "calls": calls, "settled": self.settled, "observed": {"locked": self.lock.locked()}}

    def call(self, action):
        id = action["id"]
        if action["call"] == "release":
            try:
                self.lock.release()
                return {"id": id, "result": {"kind": "returned"}}
            except RuntimeError:  # an unlocked lock: the model calls it InvalidStateError
                return {"id": id, "result": {"kind": "threw", "error": "InvalidStateError"}}
        task = self.loop.create_task(self.acquire(action.get("timeout")))
        task.add_done_callback(lambda task: self.settle(id, task))
        signal = action.get("signal")
        if signal in self.aborted:
            task.cancel()  # before it starts: it takes nothing
        elif signal is not None:
            self.waiting.setdefault(signal, []).append(task)
        return {"id": id, "result": {"kind": "pending"}}

    async def acquire(self, timeout):
        if timeout is None:
            return await self.lock.acquire()
        async with asyncio.timeout(timeout / 1000):  # asyncio.Lock has no timeout of its own
            return await self.lock.acquire()

    def abort(self, signal):
        self.aborted.add(signal)
        for task in self.waiting.pop(signal, []):
            task.cancel()

    def settle(self, id, task):
        """A done-callback: settlements are reported in the order these run."""
        error = None if task.cancelled() else task.exception()
        if task.cancelled():
            self.settled.append({"id": id, "outcome": "aborted"})
        elif error is None:
            self.settled.append({"id": id, "outcome": "resolved", "value": "handle"})
        elif isinstance(error, TimeoutError):
            self.settled.append({"id": id, "outcome": "timeout"})
        else:
            self.settled.append({"id": id, "outcome": "rejected", "error": type(error).__name__})


def main():
    loop = VirtualLoop()
    events._set_running_loop(loop)  # asyncio.timeout() asks for the running loop
    print(json.dumps(HELLO), flush=True)
    run = None
    for line in sys.stdin:
        message = json.loads(line)
        if message["type"] == "quit":
            return
        if message["type"] == "start":
            loop._ready.clear()  # drop what the last program left: callbacks, timers, time
            loop.timers.clear()
            loop.now = 0.0
            run = Run(loop)
            reply = {"type": "started", "observed": {"locked": False}}
        else:
            reply = run.tick(message["actions"])
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
