/**
 * A cancelled head writer does not let the readers behind it in: they stay blocked with the
 * lock held only by readers they could share it with, until some unrelated release comes along.
 * golang/go#37852 is this bug in Go's weighted semaphore, found by its reporter while building
 * a cancellable RWMutex on it ("semaphore.Weighted.Acquire should try to notify other waiters
 * when canceled"). (A reader at the head waits only while a writer or `maxReaders` readers are
 * in, which holds back everyone behind it too, so the cancellation that must admit a group is a
 * writer's.)
 *
 * Shortest program: `new RWLock()`; `tryAcquireRead()`; `acquireWrite({ signal })`;
 * `acquireRead()`; abort the signal. The model lets the second reader in at once (readers 2,
 * waiting 0); here it keeps waiting (readers 1, waiting 1).
 */

import { ZooRWLock } from './rwlock-base.js';

export class CancelledHeadAdmitsNobody extends ZooRWLock {
  override afterCancel(): void {
    // The bug: nothing; only a release admits waiters.
  }
}
