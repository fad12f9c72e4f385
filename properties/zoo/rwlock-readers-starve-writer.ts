/**
 * Writer starvation by a stream of readers: a reader goes in whenever no writer holds the lock,
 * even while a writer waits. async-rwlock 1.1.1 (npm) does this: its `readLock` queues a reader
 * only when the state is `Writing`, so as long as readers overlap, a waiting writer never gets
 * in. The common "readers-preference" lock of textbooks has the same flaw.
 *
 * Shortest program: `new RWLock()`; `r1 = tryAcquireRead()`; `acquireWrite()`; `tryAcquireRead()`.
 * The model refuses the second reader (a writer waits); here it goes in. Keep overlapping
 * readers coming and going and the writer never runs.
 */

import { ZooRWLock, type Mode } from './rwlock-base.js';

export class ReadersStarveWriter extends ZooRWLock {
  override canEnterNow(mode: Mode): boolean {
    // The bug: a reader ignores the queue; only a writer inside stops it.
    return mode === 'read' ? this.fits('read') : super.canEnterNow(mode);
  }
}
