/**
 * WeightedSemaphore: a capacity of units taken and given back in weights, strictly first come,
 * first served.
 *
 * @module
 */

import { describe, parseWaitOptions, type WaitOptions } from './options.js';
import { Releaser, ReturnedGrants, runQueued, runSoon, unitsOf } from './releaser.js';
import { AdmittingWaitList } from './admitting.js';

/** What {@link WeightedSemaphore.statistics} returns: the model's state, seen from outside. */
export interface WeightedSemaphoreStatistics {
  /** Units available now. */
  readonly value: number;
  /** Acquirers waiting, oldest first. */
  readonly waiting: number;
}

/**
 * A semaphore of `capacity` units, acquired and released in weights: `acquire(3)` takes three
 * units, waiting until they are free, and its {@link Releaser} gives back exactly those three,
 * once.
 *
 * Waiters are served strictly first come, first served, with head-of-line blocking, as in Go's
 * `x/sync/semaphore`: a waiter whose weight does not fit stops everyone behind it, so a large
 * request is never starved by a stream of smaller ones. When units come back (a releaser, or
 * the head waiter cancelled), waiters are admitted from the head, in order, synchronously, as
 * long as each fits. {@link WeightedSemaphore.tryAcquire} never takes units while anyone
 * waits. A waiter that times out or is aborted before its handoff leaves the queue having
 * taken nothing; one cancelled after keeps its units.
 *
 * There is no `release(weight)`: units go back only through the releaser of the grant that
 * holds them, so no call can give back units it does not hold. The specification is
 * {@link model!weightedSemaphoreStep}.
 *
 * @example
 * ```ts
 * import { WeightedSemaphore } from 'toro-ts';
 * const memory = new WeightedSemaphore(10); // ten units of memory, say
 * const order: string[] = [];
 * async function job(name: string, units: number) {
 *   using _ = await memory.acquire(units);
 *   order.push(name);
 *   await new Promise((resolve) => setTimeout(resolve, 5));
 * }
 * const jobs = Promise.all([job('a', 6), job('big', 8), job('b', 2)]);
 * await new Promise((resolve) => setTimeout(resolve, 1));
 * // b's 2 units would fit in the 4 left, but b waits behind big: nobody overtakes.
 * console.log(order.join(', '), memory.statistics());
 * await jobs;
 * console.log(order.join(', '), memory.value);
 * // prints: a { value: 4, waiting: 2 }
 * // prints: a, big, b 10
 * ```
 */
export class WeightedSemaphore {
  /** The units there are in all. */
  readonly capacity: number;
  #value: number;
  /**
   * Waiters, oldest first. An `acquire()` waiter carries its weight and is woken with a new
   * grant; a `runExclusive` waiter carries its grant, not made yet (which knows its weight), and
   * is woken with nothing.
   */
  readonly #waiters = new AdmittingWaitList<Releaser | undefined, number | Releaser>(() => this.#admit());
  readonly #grants = new ReturnedGrants((grant) => this.#giveBack(grant));

  /**
   * @param capacity - the units there are in all: a positive integer.
   * @throws TypeError if `capacity` is not a number; RangeError if it is not a positive integer.
   */
  constructor(capacity: number) {
    if (typeof capacity !== 'number') throw new TypeError(`WeightedSemaphore capacity must be a number, got ${describe(capacity)}`);
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`WeightedSemaphore capacity must be a positive integer, got ${describe(capacity)}`);
    }
    this.capacity = capacity;
    this.#value = capacity;
  }

  /** Units available now. While anyone waits, fewer than the oldest waiter's weight. */
  get value(): number {
    return this.#value;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): WeightedSemaphoreStatistics {
    return { value: this.#value, waiting: this.#waiters.size };
  }

  /**
   * Takes `weight` units: at once if nobody waits and they are free, otherwise after every
   * older waiter has been served (even if `weight` would fit now: nobody overtakes).
   *
   * @param weight - an integer from 1 to {@link WeightedSemaphore.capacity}.
   * @returns a promise of a {@link Releaser} that gives the `weight` units back; it rejects with
   *   a {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal`
   *   aborts first (or was already aborted), with a `TypeError` if `weight` is not a number, and
   *   with a `RangeError` if it is not an integer from 1 to the capacity or an option is bad.
   */
  acquire(weight: number, options?: WaitOptions): Promise<Releaser> {
    let parsed;
    try {
      this.#checkWeight(weight, 'acquire');
      parsed = parseWaitOptions(options, 'WeightedSemaphore', 'acquire');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#waiters.size === 0 && weight <= this.#value) {
      this.#value -= weight;
      return Promise.resolve(this.#grants.make(weight));
    }
    // An acquire() waiter carries its weight, so its admission wakes it with its grant.
    return this.#waiters.wait(weight, parsed) as Promise<Releaser>;
  }

  /**
   * Takes `weight` units if nobody waits and they are free now, without waiting; never takes
   * any while an older waiter waits, however small the request.
   *
   * @param weight - an integer from 1 to {@link WeightedSemaphore.capacity}.
   * @returns a {@link Releaser}, or `undefined` when the units could not be taken now.
   * @throws TypeError if `weight` is not a number; RangeError if it is not an integer from 1 to
   *   the capacity. Nothing changes.
   */
  tryAcquire(weight: number): Releaser | undefined {
    this.#checkWeight(weight, 'tryAcquire');
    if (this.#waiters.size > 0 || weight > this.#value) return undefined;
    this.#value -= weight;
    return this.#grants.make(weight);
  }

  /**
   * Runs `fn` holding `weight` units: acquires them as {@link WeightedSemaphore.acquire} does,
   * calls `fn` (in a later microtask, never inside this call), and gives them back however `fn`
   * ends: returns, throws, or returns a promise that settles either way.
   *
   * @returns what `fn` returns (awaited), or its error; rejects as
   *   {@link WeightedSemaphore.acquire} does when the units were not granted (and `fn` is then not
   *   called), and with a `TypeError` if `fn` is not a function.
   *
   * @example
   * ```ts
   * import { WeightedSemaphore } from 'toro-ts';
   * const pool = new WeightedSemaphore(4);
   * const result = await pool.runExclusive(3, async () => pool.value);
   * console.log(result, pool.value);
   * // prints: 1 4
   * ```
   */
  runExclusive<R>(weight: number, fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<R> {
    let parsed;
    try {
      this.#checkWeight(weight, 'runExclusive');
      if (typeof fn !== 'function') throw new TypeError(`WeightedSemaphore.runExclusive() fn must be a function, got ${describe(fn)}`);
      parsed = parseWaitOptions(options, 'WeightedSemaphore', 'runExclusive');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#waiters.size === 0 && weight <= this.#value) {
      this.#value -= weight;
      return runSoon(this.#grants.make(weight), fn);
    }
    const grant = new Releaser(weight);
    return runQueued(this.#waiters.wait(grant, parsed), grant, fn);
  }

  /** A releaser gives its units back (it is outstanding), and the queue is admitted. */
  #giveBack(grant: Releaser): void {
    if (!this.#grants.take(grant)) return;
    this.#value += unitsOf(grant);
    this.#admit();
  }

  /** Admits waiters from the head, in order, while the head's weight fits. */
  #admit(): void {
    for (let head = this.#waiters.peek(); head !== undefined; head = this.#waiters.peek()) {
      const weight = typeof head === 'number' ? head : unitsOf(head);
      if (weight > this.#value) return;
      this.#value -= weight;
      if (typeof head === 'number') {
        this.#waiters.wakeNext(this.#grants.make(weight));
      } else {
        this.#grants.add(head);
        this.#waiters.wakeNext(undefined);
      }
    }
  }

  #checkWeight(weight: unknown, method: string): asserts weight is number {
    if (typeof weight !== 'number') throw new TypeError(`WeightedSemaphore.${method}() weight must be a number, got ${describe(weight)}`);
    if (!Number.isInteger(weight) || weight < 1 || weight > this.capacity) {
      throw new RangeError(`WeightedSemaphore.${method}() weight must be an integer from 1 to the capacity ${this.capacity}, got ${describe(weight)}`);
    }
  }
}
