/**
 * Toro's RWLock (ajdavis/toro, `toro/__init__.py`, `RWLock.acquire_write`): a
 * `BoundedSemaphore(max_readers)` in which a reader takes one permit and a writer takes all
 * `max_readers` of them, one `acquire(deadline)` each. When the writer's deadline passes while
 * it holds some of them, it raises `Timeout` and never gives back the permits it already got:
 * they are lost, and no writer can ever get in again.
 *
 * Shortest program: `new RWLock({ maxReaders: 2 })`; `r = tryAcquireRead()`;
 * `acquireWrite({ timeout: 10 })` (it gets the one free permit and waits for the other); 10 ms
 * pass (it times out); `r.release()`; `tryAcquireWrite()`. The model grants the write (nobody
 * holds anything); here one permit is gone and it returns `undefined`.
 */

import { Semaphore, TimeoutError } from '../../src/index.js';
import type { WaitOptionsLike } from './rwlock-base.js';

export class ToroRWLock {
  readonly maxReaders: number;
  readonly #block: Semaphore;

  constructor(options: { maxReaders?: number } = {}) {
    this.maxReaders = options.maxReaders ?? 1;
    this.#block = new Semaphore(this.maxReaders);
  }

  statistics(): { readers: number; writing: boolean; waiting: number } {
    const { value, waiting } = this.#block.statistics();
    return { readers: this.maxReaders - value, writing: false, waiting };
  }

  acquireRead(options?: WaitOptionsLike): Promise<{ release(): void }> {
    return this.#block.acquire(options);
  }

  /** All `maxReaders` permits, each with its own timeout; on a timeout, the rest are kept. */
  async acquireWrite(options?: WaitOptionsLike): Promise<{ release(): void }> {
    const all = Array.from({ length: this.maxReaders }, () => this.#block.acquire(options));
    const results = await Promise.allSettled(all);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason instanceof Error ? failed.reason : new TimeoutError(options?.timeout ?? 0);
    const held = results.map((r) => (r as PromiseFulfilledResult<{ release(): void }>).value);
    return { release: () => held.forEach((r) => r.release()) };
  }

  tryAcquireRead(): { release(): void } | undefined {
    return this.#block.tryAcquire();
  }

  tryAcquireWrite(): { release(): void } | undefined {
    if (this.#block.value < this.maxReaders) return undefined;
    const held = Array.from({ length: this.maxReaders }, () => this.#block.tryAcquire() as { release(): void });
    return { release: () => held.forEach((r) => r.release()) };
  }
}
