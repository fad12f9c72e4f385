import { describe, expect, test } from 'vitest';
import { abortLosesNotificationCondition } from './zoo/condition-abort-loses-notification.js';
import { ZooCondition } from './zoo/condition-base.js';
import { newestFirstCondition } from './zoo/condition-newest-first.js';
import { notifyAllWakesLaterCondition } from './zoo/condition-notify-all-wakes-later-waiter.js';
import { notifyCountsTimedOutCondition } from './zoo/condition-notify-counts-timed-out-waiter.js';
import { timerLeakCondition } from './zoo/condition-timer-left-running.js';
import { found, judge, type ZooEntry } from './zoo.js';

const zoo: readonly ZooEntry[] = [
  {
    bug: 'notify(n) counting a timed-out waiter (Tornado/Toro notify_n_with_timeout)',
    primitive: 'Condition',
    make: notifyCountsTimedOutCondition,
    caught: { rule: 'conservation', program: 'new Condition()\n  tick 1: #0 wait({ timeout: 1 }); #1 wait()\n  tick 2: advance(5); #2 notify()' },
  },
  {
    bug: 'a notification lost to a waiter aborted in the same tick (CPython gh-112202)',
    primitive: 'Condition',
    make: abortLosesNotificationCondition,
    caught: { rule: 'atomicCancellation', program: 'new Condition()\n  tick 1: #0 wait({ signal: s0 })\n  tick 2: #1 notifyAll(); abort(s0)' },
  },
  {
    bug: 'newest-first wakeup',
    primitive: 'Condition',
    make: newestFirstCondition,
    caught: { rule: 'settlementOrder', program: 'new Condition()\n  tick 1: #0 wait(); #1 wait(); #2 notifyAll()' },
  },
  {
    bug: 'notifyAll waking a waiter registered after the call',
    primitive: 'Condition',
    make: notifyAllWakesLaterCondition,
    caught: { rule: 'conservation', program: 'new Condition()\n  tick 1: #0 notifyAll(); #1 wait()' },
  },
  {
    bug: 'a timeout timer left running after the waiter was notified',
    primitive: 'Condition',
    make: timerLeakCondition,
    caught: { rule: 'cleanup', program: 'new Condition()\n  tick 1: #0 wait({ timeout: 10 })\n  tick 2: #1 notifyAll()' },
  },
];

describe('the checker catches every condition bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of zoo) {
    test(`catches ${entry.bug}`, async () => {
      expect(await found(entry)).toEqual(entry.caught);
    });
  }
});

test("the zoo's plain condition, without a planted bug, passes the same check", async () => {
  expect((await judge('Condition', () => new ZooCondition(), 'plain condition')).failure).toBeUndefined();
});

test('deferring every settlement by a microtask, with no planted bug, passes: the gh-112202 catch is the late cancellation', async () => {
  class DeferredCondition extends ZooCondition {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect((await judge('Condition', () => new DeferredCondition(), 'deferred condition')).failure).toBeUndefined();
});
