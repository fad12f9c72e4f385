import { describe, expect, test } from 'vitest';
import { ZooEvent } from './zoo/event-base.js';
import { clearUnwakesEvent } from './zoo/event-clear-unwakes-waiter.js';
import { newestFirstEvent } from './zoo/event-newest-first.js';
import { timerLeakEvent } from './zoo/event-timer-left-running.js';
import { found, judge, type ZooEntry } from './zoo.js';

const zoo: readonly ZooEntry[] = [
  {
    bug: 'clear() un-waking an already-woken waiter (CPython bpo-13502)',
    primitive: 'Event',
    make: clearUnwakesEvent,
    caught: { rule: 'conservation', program: 'new Event()\n  tick 1: #0 wait()\n  tick 2: #2 set(); #3 clear()' },
  },
  {
    bug: 'newest-first wakeup',
    primitive: 'Event',
    make: newestFirstEvent,
    caught: { rule: 'settlementOrder', program: 'new Event()\n  tick 1: #0 wait()\n  tick 2: #1 wait(); #2 set()' },
  },
  {
    bug: 'a timeout timer left running after set() woke the waiter',
    primitive: 'Event',
    make: timerLeakEvent,
    caught: { rule: 'cleanup', program: 'new Event()\n  tick 1: #0 wait({ timeout: 20 }); #1 set()' },
  },
];

describe('the checker catches every event bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of zoo) {
    test(`catches ${entry.bug}`, async () => {
      expect(await found(entry)).toEqual(entry.caught);
    });
  }
});

test("the zoo's plain event, without a planted bug, passes the same check", async () => {
  expect((await judge('Event', () => new ZooEvent(), 'plain event')).failure).toBeUndefined();
});

test('deferring every settlement by a microtask, with no planted bug, passes: the bpo-13502 catch is the re-check', async () => {
  class DeferredEvent extends ZooEvent {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect((await judge('Event', () => new DeferredEvent(), 'deferred event')).failure).toBeUndefined();
});
