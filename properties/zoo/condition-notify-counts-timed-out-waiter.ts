/**
 * `notify(n)` counting a timed-out waiter: a lost notification. Tornado's `Condition` (and
 * Toro's before it) left timed-out waiters in its deque and purged them lazily; a `notify(n)`
 * that counts such a waiter against `n` wakes one live waiter fewer than it should, which is
 * what Tornado's and Toro's `test_notify_n_with_timeout` guard against (Tornado
 * `tornado/test/locks_test.py`, `ConditionTest.test_notify_n_with_timeout`: after waiter 1
 * times out, `notify(2)` must still wake two live waiters).
 *
 * Here the timed-out waiter resolves `false` but stays queued (statistics count only live
 * ones, so only `notify` shows the bug).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * tick 1: `wait({ timeout: 5 })`; tick 2: `wait()`; tick 3: `advance(5); notify()`. The model
 * wakes #1; the broken condition spends the notification on the timed-out #0 and settles
 * nobody: a lost wakeup.
 */

import { type Entry, ZooCondition } from './condition-base.js';

export class NotifyCountsTimedOutCondition extends ZooCondition {
  override statistics(): object {
    return { waiting: this.waiters.filter((entry) => !entry.done).length };
  }

  override notify(n = 1): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad count ${n}`);
    for (let i = 0; i < n; i++) {
      const next = this.nextWaiter();
      if (next === undefined) return;
      // The bug: a timed-out waiter is skipped, but still counted.
      if (!next.done) this.wake(next);
    }
  }

  override notifyAll(): void {
    this.notify(this.waiters.length);
  }

  /** Resolves `false` but leaves the waiter queued, to be purged by a later notify. */
  override timedOut(entry: Entry): void {
    if (entry.done) return;
    entry.done = true;
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.resolve(false);
  }

  override aborted(entry: Entry): void {
    if (entry.done) return;
    super.aborted(entry);
  }
}

export const notifyCountsTimedOutCondition = (): NotifyCountsTimedOutCondition => new NotifyCountsTimedOutCondition();
