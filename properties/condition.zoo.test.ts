import { describe, expect, test } from 'vitest';
import { abortLosesNotificationCondition } from './zoo/condition-abort-loses-notification.js';
import { ZooCondition } from './zoo/condition-base.js';
import { newestFirstCondition } from './zoo/condition-newest-first.js';
import { notifyAllWakesLaterCondition } from './zoo/condition-notify-all-wakes-later-waiter.js';
import { notifyCountsTimedOutCondition } from './zoo/condition-notify-counts-timed-out-waiter.js';
import { timerLeakCondition } from './zoo/condition-timer-left-running.js';
import { conditionSpec, type ConditionFactory } from './condition.spec.js';
import { catches } from './zoo.js';

const zoo: Record<string, ConditionFactory> = {
  'notify(n) counting a timed-out waiter (Tornado/Toro notify_n_with_timeout)': notifyCountsTimedOutCondition,
  'a notification lost to a waiter aborted in the same tick (CPython gh-112202)': abortLosesNotificationCondition,
  'newest-first wakeup': newestFirstCondition,
  'notifyAll waking a waiter registered after the call': notifyAllWakesLaterCondition,
  'a timeout timer left running after the waiter was notified': timerLeakCondition,
};

describe('the condition properties catch every bug in the zoo', () => {
  for (const [bug, factory] of Object.entries(zoo)) {
    test(`catches ${bug}`, async () => {
      const caught = await catches(conditionSpec(factory));
      expect(caught, `${bug} went unnoticed`).toBeDefined();
      console.log(`${bug}\n${caught?.program}\n  ${caught?.error}`);
    });
  }
});

test("the zoo's plain condition, without a planted bug, passes the same property", async () => {
  expect(await catches(conditionSpec(() => new ZooCondition()))).toBeUndefined();
});

test('deferring every settlement by a microtask, with no planted bug, passes: the gh-112202 catch is the late cancellation', async () => {
  class DeferredCondition extends ZooCondition {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect(await catches(conditionSpec(() => new DeferredCondition()))).toBeUndefined();
});
