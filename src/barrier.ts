/**
 * Barrier: a fixed number of callers meet before any goes on.
 *
 * @module
 */

import { BrokenBarrierError } from './errors.js';
import { describe, parseWaitOptions, type WaitOptions } from './options.js';
import { WaitList } from './waiters.js';

/** What {@link Barrier.statistics} returns: the model's state, seen from outside. */
export interface BarrierStatistics {
  /** Callers of `wait` waiting for the group to be whole; always fewer than `parties`. */
  readonly waiting: number;
  /** Whether {@link Barrier.abort} broke the barrier; nobody waits while it is broken. */
  readonly broken: boolean;
  /** How many callers make a group. */
  readonly parties: number;
}

/**
 * A barrier lets callers through in groups of `parties`: each {@link Barrier.wait} waits until
 * `parties` callers are waiting, and then all of them go on together, each with its arrival
 * index. The barrier is ready for the next group at once, so it can be used in a loop.
 *
 * The call that makes the group whole lets the group through in that same call: the oldest
 * waiter gets index 0 and that caller `parties - 1`. A waiter that times out or is aborted
 * before then leaves, the ones behind it move up, and the group still needs `parties`
 * callers; so a group's indexes are always 0 to `parties - 1`, each once. A waiter cancelled
 * after the group went through keeps its index. {@link Barrier.reset} sends the waiting callers
 * away with a {@link BrokenBarrierError}; {@link Barrier.abort} does the same and breaks the
 * barrier, so every later `wait` rejects too, until `reset()`. The specification, with where
 * it differs from asyncio's and Python's `threading.Barrier`, is {@link model!barrierStep}.
 *
 * @example
 * ```ts
 * import { Barrier } from 'toro-ts';
 * const barrier = new Barrier(3);
 * async function worker(name: string, delay: number) {
 *   await new Promise((resolve) => setTimeout(resolve, delay));
 *   const index = await barrier.wait();
 *   console.log(`${name} passed as ${index}`);
 * }
 * await Promise.all([worker('a', 30), worker('b', 10), worker('c', 20)]);
 * console.log(barrier.statistics());
 * // prints: b passed as 0
 * // prints: c passed as 1
 * // prints: a passed as 2
 * // prints: { waiting: 0, broken: false, parties: 3 }
 * ```
 */
export class Barrier {
  /** How many callers make a group. */
  readonly parties: number;
  #broken = false;
  /** The callers of the group being filled, oldest first; a waiter is resolved with its index. */
  readonly #waiters = WaitList.failable<number>();

  /**
   * @param parties - how many callers make a group.
   * @throws TypeError if `parties` is not a number.
   * @throws RangeError if `parties` is not a positive integer.
   */
  constructor(parties: number) {
    if (typeof parties !== 'number') throw new TypeError(`Barrier parties must be a number, got ${describe(parties)}`);
    if (!Number.isSafeInteger(parties) || parties < 1) throw new RangeError(`Barrier parties must be a positive integer, got ${describe(parties)}`);
    this.parties = parties;
  }

  /** Whether {@link Barrier.abort} broke the barrier (until {@link Barrier.reset}). */
  get broken(): boolean {
    return this.#broken;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): BarrierStatistics {
    return { waiting: this.#waiters.size, broken: this.#broken, parties: this.parties };
  }

  /**
   * Waits until `parties` callers are waiting, then goes through with them. The caller that
   * makes the group whole goes through at once, whatever its timeout.
   *
   * @returns a promise of the caller's index in its group: 0 for the oldest, `parties - 1` for
   *   the caller that made the group whole. It rejects with a {@link BrokenBarrierError} if the
   *   barrier is broken or `reset()` or `abort()` is called while it waits, with a
   *   {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal`
   *   aborts first (or was already aborted, even on a broken barrier), and with a `RangeError`
   *   or `TypeError` for bad options. A rejected wait leaves the group without it.
   */
  wait(options?: WaitOptions): Promise<number> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, 'Barrier', 'wait');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#broken) return Promise.reject(new BrokenBarrierError('Barrier.wait() called on a broken barrier (abort() was called; reset() mends it)'));
    if (this.#waiters.size + 1 === this.parties) {
      // The group is whole: every waiter goes through with its place, oldest first, then the caller.
      let index = 0;
      while (this.#waiters.wakeNext(index) !== undefined) index++;
      return Promise.resolve(index);
    }
    return this.#waiters.wait(undefined, parsed);
  }

  /**
   * Sends every waiting caller away, oldest first, each rejecting with a
   * {@link BrokenBarrierError}, and leaves the barrier empty and not broken: the next
   * `parties` callers make a group.
   */
  reset(): void {
    this.#broken = false;
    this.#waiters.failAll(() => new BrokenBarrierError('Barrier.reset() sent this wait() away before the barrier tripped'));
  }

  /**
   * Breaks the barrier: every waiting caller rejects with a {@link BrokenBarrierError}, oldest
   * first, and so does every `wait` until {@link Barrier.reset}. Use it when a party cannot come,
   * so that the others do not wait for ever. Aborting a broken barrier does nothing.
   */
  abort(): void {
    this.#broken = true;
    this.#waiters.failAll(() => new BrokenBarrierError('Barrier.abort() broke the barrier while this wait() was waiting'));
  }
}
