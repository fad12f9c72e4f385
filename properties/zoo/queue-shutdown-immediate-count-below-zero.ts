/**
 * An immediate shutdown that takes the count of unfinished tasks below zero: a version of
 * Python's `queue.Queue.shutdown(immediate=True)` in python/cpython#104750 subtracted the number
 * of items it drained, `self.unfinished_tasks -= n_items`. When `task_done()` had been called
 * ahead for an item still in the queue, the count went negative, and `join()`, which waits
 * `while self.unfinished_tasks`, then waited for ever. It became `max(... - n_items, 0)` during
 * review (February 2024), then, at Guido van Rossum's suggestion, a decrement per item drained
 * that stops at zero: the rule asyncio's `Queue.shutdown` follows too.
 *
 * Shortest program: `putNowait(1)`; `taskDone()`; `shutdown(true)`. The model leaves the count
 * at 0 and `join()` resolves; here `statistics().unfinished` is -1 and `join()` never settles.
 */

import { ZooShutdownQueue } from './queue-shutdown-base.js';

export class ImmediateCountBelowZeroQueue<T> extends ZooShutdownQueue<T> {
  override discard(): void {
    // The bug: no floor at zero.
    this.unfinished -= this.buffer.length;
    this.buffer = [];
  }
}
