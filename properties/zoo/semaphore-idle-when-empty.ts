/**
 * An idle wait that resolves once nobody waits, while a task still runs: `onEmpty()` taken for
 * `onIdle()`. orbitdb's store closed its cache on its operation queue's `onEmpty()` and could
 * close it under the last operation still running (orbitdb-archive/orbit-db-store#91, fixed by
 * waiting on `onIdle()`); p-queue added `onIdle()` because `onEmpty()` resolves with tasks in
 * flight (sindresorhus/p-queue#15).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts): a semaphore of
 * no permits given one by `release()`, a task holding it, and an idle wait made then: it resolves
 * at once, where the model has it wait for the task to give the permit back.
 */

import { ZooTaskQueue } from './semaphore-idle-base.js';

export class IdleWhenEmptyTaskQueue extends ZooTaskQueue {
  override isIdle(): boolean {
    // Only the line is looked at: a task that still runs is forgotten.
    return this.waiters.length === 0;
  }
}
