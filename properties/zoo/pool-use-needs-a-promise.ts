/**
 * A pool's `use(fn)` that gives the resource back only through `fn`'s promise: it calls
 * `fn(resource).then(...)`, so a `fn` that returns a plain value (or throws) makes `use()` reject
 * with a `TypeError` (or that error) and the resource is never given back. generic-pool 3.9.0,
 * whose declarations type `fn` as returning `U | Promise<U>` (coopernurse/node-pool#296; found
 * by this checker too: see "What the checker finds").
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts): a pool of one
 * whose one `use` body returns at once; once the job's continuations have run, the model's
 * resource is back in the pool and the broken pool's is still lent.
 */

import { ZooPool } from './pool-base.js';

export class UseNeedsAPromisePool extends ZooPool {
  override runExclusive<R>(fn: () => R | PromiseLike<R>, options?: { timeout?: number; signal?: AbortSignal }): Promise<R> {
    return this.acquire(options).then((held) =>
      (fn() as PromiseLike<R>).then(
        (value) => {
          held.release();
          return value;
        },
        (error: unknown) => {
          held.release();
          throw error;
        },
      ),
    );
  }
}
