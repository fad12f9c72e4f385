/**
 * Semaphore and BoundedSemaphore: counters of permits with a fair queue of waiters.
 *
 * @module
 */

import { InvalidStateError } from './errors.js';
import { checkCount, parseWaitOptions, type WaitOptions } from './options.js';
import { WaitList } from './waiters.js';

/**
 * What {@link Semaphore.acquire} and {@link Lock.acquire} resolve to: the right to give back
 * exactly one permit. `release()` gives it back the first time and does nothing after, however
 * often it is called; `using` gives it back at the end of the scope.
 *
 * @example
 * ```ts
 * import { Lock } from 'toro-ts';
 * const lock = new Lock();
 * {
 *   using held = await lock.acquire();
 *   console.log(lock.locked());
 * }
 * console.log(lock.locked());
 * // prints: true
 * // prints: false
 * ```
 */
export class Releaser implements Disposable {
  #owner: { release(): void } | undefined;

  /** @internal */
  constructor(owner: { release(): void }) {
    this.#owner = owner;
  }

  /** Whether this permit was already given back. */
  get released(): boolean {
    return this.#owner === undefined;
  }

  /**
   * Gives the permit back, once. A second call does nothing. If the owner refuses the release
   * (it throws), this releaser stays unreleased.
   */
  release(): void {
    const owner = this.#owner;
    if (owner === undefined) return;
    owner.release();
    this.#owner = undefined;
  }

  /** Gives the permit back at the end of a `using` scope. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/** Sets a semaphore's bound; assigned in Semaphore's static block, which alone sees `#bound`. */
let setBound: (semaphore: Semaphore, bound: number) => void;

/** What {@link Semaphore.statistics} returns: the model's state, seen from outside. */
export interface SemaphoreStatistics {
  /** Permits available now. */
  readonly value: number;
  /** Acquirers waiting, oldest first. */
  readonly waiting: number;
}

/**
 * A counter of permits: the number of `release` calls minus the number of `acquire` calls,
 * plus an initial value. `acquire` takes a permit, waiting while there is none; `release`
 * gives one back.
 *
 * Waiters are served strictly oldest first. `release` hands its permit, synchronously, to the
 * oldest waiter (the value stays 0), and {@link Semaphore.tryAcquire} never takes a permit
 * while anyone waits, so no call can barge past a waiter. A waiter that times out or is
 * aborted before its handoff leaves the queue having taken nothing; one that is cancelled after
 * keeps its permit. The specification is {@link model!semaphoreStep}.
 *
 * @example
 * ```ts
 * import { Semaphore } from 'toro-ts';
 * const semaphore = new Semaphore(2);
 * const order: string[] = [];
 * async function worker(name: string) {
 *   using _ = await semaphore.acquire();
 *   order.push(`${name} in`);
 *   await new Promise((resolve) => setTimeout(resolve, 10));
 *   order.push(`${name} out`);
 * }
 * await Promise.all(['a', 'b', 'c'].map(worker));
 * console.log(order.join(', '));
 * // prints: a in, b in, a out, c in, b out, c out
 * ```
 */
export class Semaphore {
  #value: number;
  /**
   * The value a release may not pass: the initial value of a bounded semaphore, and for a plain
   * one `Number.MAX_SAFE_INTEGER`, past which the count would no longer be exact.
   */
  #bound = Number.MAX_SAFE_INTEGER;
  /** Whether {@link BoundedSemaphore} set the bound (which changes what an over-release says). */
  #bounded = false;
  readonly #waiters = new WaitList<Releaser>();

  static {
    // BoundedSemaphore sets the bound through this, so every release checks it in one place.
    setBound = (semaphore, bound) => {
      semaphore.#bound = bound;
      semaphore.#bounded = true;
    };
  }

  /**
   * @param value - the initial number of permits: an integer from 0 to `Number.MAX_SAFE_INTEGER`.
   * @defaultValue 1
   * @throws TypeError if `value` is not a number; RangeError if it is negative, fractional, NaN,
   *   infinite or above `Number.MAX_SAFE_INTEGER`.
   */
  constructor(value = 1) {
    this.#value = checkCount(value, `${new.target.name} value`);
  }

  /** @internal The class name that errors show. */
  protected get kindName(): string {
    return 'Semaphore';
  }

  /** @internal The error a release at the bound throws. */
  protected overReleased(bound: number): Error {
    return this.#bounded
      ? new RangeError(`${this.kindName}.release() called too many times: value is already at its bound ${bound}`)
      : new RangeError(`${this.kindName}.release() would pass Number.MAX_SAFE_INTEGER: value is already ${bound}`);
  }

  /** Permits available now. Never positive while someone waits. */
  get value(): number {
    return this.#value;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): SemaphoreStatistics {
    return { value: this.#value, waiting: this.#waiters.size };
  }

  /**
   * Takes a permit: at once if one is available and nobody waits, otherwise after every older
   * waiter has been served.
   *
   * @returns a promise of a {@link Releaser} that gives the permit back; it rejects with a
   *   {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal` aborts
   *   first (or was already aborted), and with a `RangeError` or `TypeError` for bad options.
   */
  acquire(options?: WaitOptions): Promise<Releaser> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, this.kindName, 'acquire');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#value > 0) {
      this.#value--;
      return Promise.resolve(new Releaser(this));
    }
    return this.#waiters.wait(undefined, parsed);
  }

  /**
   * Takes a permit if one is available now, without waiting; never takes one while an older
   * waiter waits.
   *
   * @returns a {@link Releaser}, or `undefined` when no permit could be taken.
   */
  tryAcquire(): Releaser | undefined {
    if (this.#value === 0) return undefined;
    this.#value--;
    return new Releaser(this);
  }

  /**
   * Gives a permit back. If anyone waits, the permit goes straight to the oldest waiter;
   * otherwise the value grows by one.
   *
   * @throws RangeError for a {@link BoundedSemaphore} whose value is already at its bound (even
   *   with waiters, as in Tornado), and for a plain Semaphore whose value is already
   *   `Number.MAX_SAFE_INTEGER`; nothing changes.
   */
  release(): void {
    if (this.#value >= this.#bound) throw this.overReleased(this.#bound);
    if (this.#waiters.size === 0) this.#value++;
    else this.#waiters.wakeNext(new Releaser(this));
  }
}

/**
 * A {@link Semaphore} that refuses to be released above its initial value: an over-release is
 * almost always a bug (a permit released twice), and this makes it loud.
 *
 * @example
 * ```ts
 * import { BoundedSemaphore } from 'toro-ts';
 * const semaphore = new BoundedSemaphore(1);
 * try {
 *   semaphore.release();
 * } catch (error) {
 *   console.log((error as Error).name, semaphore.value);
 * }
 * // prints: RangeError 1
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  /** The initial value, which the value may never exceed. */
  readonly bound: number;

  /**
   * @param value - the initial and largest number of permits: a non-negative integer.
   * @defaultValue 1
   */
  constructor(value = 1) {
    super(value);
    this.bound = value;
    setBound(this, value);
  }

  /** @internal */
  protected override get kindName(): string {
    return 'BoundedSemaphore';
  }
}

/** @internal A BoundedSemaphore(1) that speaks as a lock: {@link Lock} is this plus nothing else. */
export class LockPermit extends BoundedSemaphore {
  constructor() {
    super(1);
  }

  protected override get kindName(): string {
    return 'Lock';
  }

  protected override overReleased(): Error {
    return new InvalidStateError('Lock.release() called on an unlocked lock');
  }
}
