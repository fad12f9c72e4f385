/**
 * Cancelling the head waiter does not wake the waiters behind it that now fit. Go's
 * `x/sync/semaphore.Weighted` shipped it (golang/go#37852, fixed by golang/sync#10: "unblock
 * waiters when the front waiter cancels"), and embassy-sync's `FairSemaphore` shipped it again
 * (embassy-rs/embassy#6964): every path that changes the head must wake the new head, and the
 * cancellation path was the one that forgot. The waiters behind stay blocked, with the units
 * free, until some unrelated release comes along, which may be never.
 *
 * Shortest program: `new WeightedSemaphore(4)`; `tryAcquire(2)`; `acquire(4, { signal })`;
 * `acquire(1)`; abort the signal. The model grants the second waiter at once (2 units free);
 * here it keeps waiting: statistics `{ value: 2, waiting: 1 }` instead of `{ value: 1, waiting: 0 }`.
 */

import { ZooWeightedSemaphore } from './weighted-semaphore-base.js';

export class CancelledHeadWakesNobody extends ZooWeightedSemaphore {
  override afterCancel(): void {
    // The bug: nothing; only a release admits waiters.
  }
}
