/**
 * The zoo's plain semaphore with `runExclusive(fn, options)` as most libraries write it: take a
 * permit, run `fn`, and give the permit back however `fn` ends (`finally`), settling with what
 * `fn` returned or threw. The composite entries break it in one place.
 */

import { ZooSemaphore } from './semaphore-base.js';

export class ZooRunSemaphore extends ZooSemaphore {
  async runExclusive<R>(fn: () => R | PromiseLike<R>, options?: { timeout?: number; signal?: AbortSignal }): Promise<R> {
    const held = await this.acquire(options);
    try {
      return await fn();
    } finally {
      held.release();
    }
  }
}
