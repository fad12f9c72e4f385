/**
 * `runExclusive` without `finally`: the permit goes back only when `fn` returns, so a body that
 * throws or rejects keeps it for ever, and everyone after waits in vain. The commonest bug of
 * "run this under a lock" helpers (aermin/web-locks#42, "the lock is not released if the
 * callback raises"; rogierschouten/async-lock#51, a callback that throws leaves the lock taken;
 * MetaMask/core#195 added `finally` everywhere for it). A body that only ever resolves, which
 * is all the checker once gave a composite, never shows it.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts): a `Lock` whose
 * one `runExclusive` body throws; once the job's continuations have run, the model's lock is
 * free again and the broken one's is still locked.
 */

import { ZooRunSemaphore } from './semaphore-run-exclusive-base.js';

export class WithoutFinallySemaphore extends ZooRunSemaphore {
  override async runExclusive<R>(fn: () => R | PromiseLike<R>, options?: { timeout?: number; signal?: AbortSignal }): Promise<R> {
    const held = await this.acquire(options);
    const value = await fn();
    held.release();
    return value;
  }
}
