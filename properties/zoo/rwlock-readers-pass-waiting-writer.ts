/**
 * Readers admitted past a waiting writer: readers and writers wait in two queues, and when a
 * writer leaves, every waiting reader goes in, including those that queued after another
 * writer. async-rwlock 1.1.1 (npm) keeps `pendingReaders` and `pendingWriters` apart and, when
 * a writer unlocks with both waiting, picks a side at random; a lock that prefers readers there
 * (this entry) lets later readers overtake an earlier writer every time.
 *
 * Shortest program: `new RWLock()`; `w1 = tryAcquireWrite()`; `acquireWrite()` (w2);
 * `acquireRead()` (r); `w1.release()`. The model hands the lock to w2 (it came first); here r
 * goes in and w2 keeps waiting: statistics `{ readers: 1, writing: false, waiting: 1 }` instead
 * of `{ readers: 0, writing: true, waiting: 1 }`.
 */

import { ZooRWLock, type RWEntry } from './rwlock-base.js';

export class ReadersPassWaitingWriter extends ZooRWLock {
  override admit(): void {
    // The bug: readers first, from anywhere in the queue; then writers, in order.
    for (const entry of [...this.waiters]) {
      if (entry.mode === 'read' && this.fits('read')) {
        this.waiters.splice(this.waiters.indexOf(entry), 1);
        this.grant(entry as RWEntry);
      }
    }
    super.admit();
  }
}
