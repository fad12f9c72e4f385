/**
 * A plain shutdown that leaves waiting getters waiting: Python's `queue.Queue.shutdown()`, as
 * first merged (python/cpython#104750), notified `not_empty` only when `immediate` was true, so a
 * thread blocked in `get()` on an empty queue stayed blocked for ever after `shutdown()`.
 * python/cpython gh-117531, fixed by #117532 ("Unblock getters after non-immediate queue
 * shutdown"), found while reviewing asyncio's version.
 *
 * Shortest program: `q = new Queue()`; `g = q.get()`; `q.shutdown()`. The model rejects g with
 * `QueueShutDown` at once (`waiting: 0`); here g never settles (`waiting: 1`), and a consumer
 * looping on `get()` never learns that the queue is done.
 */

import { ZooShutdownQueue } from './queue-shutdown-base.js';

export class GettersNotWokenQueue<T> extends ZooShutdownQueue<T> {
  override refuseGetters(immediate: boolean): void {
    // The bug: only the immediate path wakes the getters.
    if (immediate) super.refuseGetters(immediate);
  }
}
