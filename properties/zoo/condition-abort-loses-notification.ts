/**
 * A notification lost to a waiter aborted in the same tick: CPython gh-112202 ("asyncio.
 * Condition.wait() can lose a notify() when the waiting task is cancelled", fixed in 3.13).
 * `notify()` set the waiter's future, but the task was cancelled before it resumed, so
 * `wait()` raised `CancelledError` and the notification was consumed by nobody.
 *
 * Here, as in asyncio, every waiter learns how it ended one microtask later; a notified waiter
 * keeps its abort listener until then, and an abort in between wins over the notification.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * one tick, `wait({ signal: s0 }); notify(); abort(s0)`. The model resolves #0 `true` (it
 * owned the notification before the abort); the broken one rejects it with the abort reason:
 * atomic cancellation broken. The same condition with only the deferral, and no late
 * cancellation, passes (condition.zoo.test.ts).
 */

import { type Entry, ZooCondition } from './condition-base.js';

interface LateEntry extends Entry {
  notified?: boolean;
  cancelled?: boolean;
}

export class AbortLosesNotificationCondition extends ZooCondition {
  override settle(tell: () => void): void {
    queueMicrotask(tell);
  }

  override wake(entry: LateEntry): void {
    clearTimeout(entry.timer);
    entry.notified = true;
    this.settle(() => {
      if (entry.cancelled === true) return;
      entry.signal?.removeEventListener('abort', entry.onAbort);
      entry.done = true;
      entry.resolve(true);
    });
  }

  override aborted(entry: LateEntry): void {
    // The bug: a waiter notified but not yet resumed is still cancellable.
    if (entry.notified === true && entry.done !== true) {
      entry.cancelled = true;
      entry.done = true;
      this.settle(() => entry.reject(entry.signal?.reason));
      return;
    }
    super.aborted(entry);
  }
}

export const abortLosesNotificationCondition = (): AbortLosesNotificationCondition => new AbortLosesNotificationCondition();
