/**
 * A second, immediate shutdown that does nothing: a shutdown guarded by "already shut down?
 * return". getkyo/kyo#1772 (kyo-core, Scala on the JVM and in JavaScript) had it: `close()` only
 * acted on an open queue, so a hard `close()` after `closeAwaitEmpty()` (kyo's graceful close)
 * was a no-op, the queue was never drained, and a fiber waiting on it hung for ever. asyncio's
 * `Queue.shutdown` has no such guard: `shutdown(immediate=True)` after `shutdown()` still drains.
 *
 * Shortest program: `putNowait(1)`; `shutdown()`; `shutdown(true)`; `join()`. The model
 * discards the item (qsize 0, unfinished 0) and `join()` resolves; here the item stays (qsize 1)
 * and `join()` never settles.
 */

import { ZooShutdownQueue } from './queue-shutdown-base.js';

export class SecondShutdownIgnoredQueue<T> extends ZooShutdownQueue<T> {
  override shutdown(immediate = false): void {
    // The bug: a queue already shut down ignores the call, immediate or not.
    if (this.isShutDown) return;
    super.shutdown(immediate);
  }
}
