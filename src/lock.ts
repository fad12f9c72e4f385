/**
 * Lock: a mutual-exclusion lock for coroutines.
 *
 * @module
 */

import type { WaitOptions } from './options.js';
import type { Releaser } from './releaser.js';
import { Permits } from './semaphore.js';

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
  readonly #permit = new Permits('Lock', 1, 1, this, Lock.prototype.release);

  /** Whether the lock is held now. */
  locked(): boolean {
    return this.#permit.value === 0;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): LockStatistics {
    return { locked: this.#permit.value === 0, waiting: this.#permit.waiters.size };
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
   * Runs `fn` holding the lock: locks it as {@link Lock.acquire} does, calls `fn` (in a later
   * microtask, never inside this call), and unlocks it however `fn` ends: returns, throws, or
   * returns a promise that settles either way. The fastest way through a lock: no
   * {@link Releaser} is handed through a promise.
   *
   * Its hold is a grant like any other: `release()` on the lock may give it back as the oldest,
   * after which `runExclusive`'s own unlock does nothing.
   *
   * @returns what `fn` returns (awaited), or its error; rejects as {@link Lock.acquire} does when
   *   the lock was not granted (and `fn` is then not called), and with a `TypeError` if `fn` is
   *   not a function.
   *
   * @example
   * ```ts
   * import { Lock } from 'toro-ts';
   * const lock = new Lock();
   * let balance = 100;
   * async function withdraw(amount: number) {
   *   return lock.runExclusive(async () => {
   *     const seen = balance;
   *     await new Promise((resolve) => setTimeout(resolve, 1));
   *     balance = seen - amount;
   *     return balance;
   *   });
   * }
   * console.log(await Promise.all([withdraw(10), withdraw(20)]), lock.locked());
   * // prints: [ 90, 70 ] false
   * ```
   */
  runExclusive<R>(fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<R> {
    return this.#permit.runExclusive(fn, options);
  }

  /**
   * Unlocks the lock: gives back the oldest outstanding grant (whose {@link Releaser} then does
   * nothing) and hands the lock to the oldest waiter if there is one.
   *
   * A subclass may override this: its releasers call the override, and during that call
   * `super.release()` gives back the releaser's own grant.
   *
   * @throws InvalidStateError if the lock is not locked; nothing changes.
   */
  release(): void {
    this.#permit.release();
  }
}
