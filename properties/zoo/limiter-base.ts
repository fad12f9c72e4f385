/**
 * The zoo's plain limiter: a semaphore of slots whose jobs (`runExclusive(fn, { limit })`) may
 * have an expiration, as a limiter's jobs do (bottleneck's `expiration`). When the limit passes
 * before the job ends, the job's slot goes back (the next job starts) and the job rejects with a
 * `TimeoutError`; the job's own end, later, gives back nothing. The expiration entry breaks it
 * in one place.
 */

import { TimeoutError } from '../../src/errors.js';
import { ZooSemaphore } from './semaphore-base.js';

export interface JobOptions {
  timeout?: number;
  signal?: AbortSignal;
  limit?: number;
}

export class ZooLimiter extends ZooSemaphore {
  runExclusive<R>(fn: () => R | PromiseLike<R>, options: JobOptions = {}): Promise<R> {
    const { limit, ...wait } = options;
    return this.acquire(wait).then(
      (held) =>
        new Promise<R>((resolve, reject) => {
          const timer =
            limit === undefined
              ? undefined
              : setTimeout(() => {
                  this.expire(held);
                  reject(new TimeoutError(limit));
                }, limit);
          const end = (): void => {
            clearTimeout(timer);
            held.release();
          };
          Promise.resolve()
            .then(fn)
            .then(
              (value) => {
                end();
                resolve(value);
              },
              (error: unknown) => {
                end();
                reject(error);
              },
            );
        }),
    );
  }

  /** The job's limit passed: its slot goes back, and its releaser is spent. */
  expire(held: { release(): void }): void {
    held.release();
  }
}
