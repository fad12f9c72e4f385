/**
 * Lock: a mutual-exclusion lock for coroutines.
 *
 * @module
 */

import type { WaitOptions } from './options.js';
import { LockPermit, type Releaser } from './semaphore.js';

/** What {@link Lock.statistics} returns. */
export interface LockStatistics {
  /** Whether the lock is held. */
  readonly locked: boolean;
  /** Acquirers waiting, oldest first. */
  readonly waiting: number;
}

/**
 * A lock for coroutines: in one of two states, locked or unlocked. `acquire` locks it, waiting
 * while it is locked; `release` unlocks it, or hands it straight to the oldest waiter, which
 * then holds it. It is a {@link BoundedSemaphore} of one permit (as in Tornado), with releasing
 * an unlocked lock reported as an {@link InvalidStateError}. The specification is
 * {@link model!semaphoreStep} with `kind: 'lock'`.
 *
 * @example
 * ```ts
 * import { Lock } from 'toro-ts';
 * const lock = new Lock();
 * let inside = 0;
 * let most = 0;
 * async function task() {
 *   using _ = await lock.acquire();
 *   most = Math.max(most, ++inside);
 *   await new Promise((resolve) => setTimeout(resolve, 1));
 *   inside--;
 * }
 * await Promise.all([task(), task(), task()]);
 * console.log(most, lock.locked());
 * // prints: 1 false
 * ```
 */
export class Lock {
  readonly #permit = new LockPermit();

  /** Whether the lock is held now. */
  locked(): boolean {
    return this.#permit.value === 0;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): LockStatistics {
    const { value, waiting } = this.#permit.statistics();
    return { locked: value === 0, waiting };
  }

  /**
   * Locks the lock: at once if it is unlocked and nobody waits, otherwise when every older
   * waiter has held it and released it.
   *
   * @returns a promise of a {@link Releaser} that unlocks it; it rejects with a
   *   {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal` aborts
   *   first, and with a `RangeError` or `TypeError` for bad options.
   */
  acquire(options?: WaitOptions): Promise<Releaser> {
    return this.#permit.acquire(options);
  }

  /**
   * Locks the lock if it is unlocked now, without waiting.
   *
   * @returns a {@link Releaser}, or `undefined` if the lock is held.
   */
  tryAcquire(): Releaser | undefined {
    return this.#permit.tryAcquire();
  }

  /**
   * Unlocks the lock, handing it to the oldest waiter if there is one.
   *
   * @throws InvalidStateError if the lock is not locked; nothing changes.
   */
  release(): void {
    this.#permit.release();
  }
}
