/**
 * Semaphore and BoundedSemaphore: counters of permits with a fair queue of waiters.
 *
 * @module
 */

import { InvalidStateError } from './errors.js';
import { checkCount, describe, NO_OPTIONS, parseWaitOptions, type WaitOptions } from './options.js';
import { OrderedGrants, Releaser, runQueued, runSoon } from './releaser.js';
import { WaitList } from './waiters.js';

export { Releaser } from './releaser.js';

/** What {@link Semaphore.statistics} returns: the model's state, seen from outside. */
export interface SemaphoreStatistics {
  /** Permits available now. */
  readonly value: number;
  /** Acquirers waiting, oldest first. */
  readonly waiting: number;
}

/** Which member of the family a {@link Permits} serves: they differ in what `release` allows and how errors read. */
type PermitsKind = 'Semaphore' | 'BoundedSemaphore' | 'Lock';

/**
 * @internal The permits, waiters and outstanding grants of a {@link Semaphore},
 * {@link BoundedSemaphore} or {@link Lock}: the family's one implementation of
 * {@link model!semaphoreStep}. The public classes wrap one each and add nothing but their names.
 */
export class Permits extends OrderedGrants {
  /** Permits available now. Never positive while someone waits. */
  value: number;
  /** The value a release may not pass: none for a plain semaphore. */
  readonly bound: number | undefined;
  /**
   * Waiters, oldest first. An `acquire()` waiter carries nothing and is woken with a new grant; a
   * `runExclusive` waiter carries its grant, not made yet, and is woken with nothing.
   */
  readonly waiters = new WaitList<Releaser | undefined, Releaser | undefined>();
  /** The grant whose releaser is releasing through the owner's (overridden) `release()`, if any. */
  #designated: Releaser | undefined = undefined;
  /** The public object whose `release()` a releaser calls. */
  readonly #owner: { release(): void };
  /**
   * Whether the owner's class overrides `release()`: then releasers go through it. Decided at
   * construction, when the prototype chain is final, so the common path tests one flag.
   */
  readonly #overridden: boolean;
  readonly kind: PermitsKind;

  constructor(kind: PermitsKind, value: number, bound: number | undefined, owner: { release(): void }, ownRelease: () => void) {
    super();
    this.kind = kind;
    this.value = value;
    this.bound = bound;
    this.#owner = owner;
    // Stryker disable next-line ConditionalExpression: without an override, the owner's release() is Permits.release, which gives back the designated grant as well
    this.#overridden = owner.release !== ownRelease;
  }

  acquire(options: WaitOptions | undefined): Promise<Releaser> {
    // The common call, with no options, kept small enough for V8 to inline into its caller.
    // Stryker disable next-line ConditionalExpression: a fast path only: #acquireWith takes no options as well, with the same result
    if (options !== undefined) return this.#acquireWith(options);
    if (this.value > 0) return Promise.resolve(this.#take());
    // An acquire() waiter carries nothing, so the handoff wakes it with its grant.
    return this.waiters.wait(undefined, NO_OPTIONS) as Promise<Releaser>;
  }

  #acquireWith(options: WaitOptions): Promise<Releaser> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, this.kind, 'acquire');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.value > 0) return Promise.resolve(this.#take());
    return this.waiters.wait(undefined, parsed) as Promise<Releaser>;
  }

  tryAcquire(): Releaser | undefined {
    // No barging: a free permit implies an empty queue.
    if (this.value === 0) return undefined;
    return this.#take();
  }

  /** Takes a free permit: a new grant. */
  #take(): Releaser {
    this.value--;
    return this.make(1);
  }

  runExclusive<R>(fn: () => R | PromiseLike<R>, options: WaitOptions | undefined): Promise<R> {
    // The common call, with a function and no options, kept small enough for V8 to inline.
    // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path only: #runWith validates fn and takes no options as well, with the same result
    if (options !== undefined || typeof fn !== 'function') return this.#runWith(fn, options);
    if (this.value > 0) return runSoon(this.#take(), fn);
    // A runExclusive waiter carries its grant, which the handoff makes outstanding.
    const grant = new Releaser(1);
    return runQueued(this.waiters.wait(grant, NO_OPTIONS), grant, fn);
  }

  #runWith<R>(fn: () => R | PromiseLike<R>, options: WaitOptions | undefined): Promise<R> {
    let parsed;
    try {
      if (typeof fn !== 'function') throw new TypeError(`${this.kind}.runExclusive() fn must be a function, got ${describe(fn)}`);
      parsed = parseWaitOptions(options, this.kind, 'runExclusive');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.value > 0) return runSoon(this.#take(), fn);
    const grant = new Releaser(1);
    return runQueued(this.waiters.wait(grant, parsed), grant, fn);
  }

  /**
   * `release()` on the primitive: gives back the grant a releaser is releasing through it, or
   * else the oldest outstanding grant (with none, a plain semaphore still counts a permit up),
   * and hands the permit on.
   */
  release(): void {
    // The bound is checked first, as Tornado does: a value at its bound means no grant is out.
    // Stryker disable next-line ConditionalExpression: a comparison with an undefined bound is false
    if (this.bound !== undefined && this.value >= this.bound) throw this.#overReleased(this.bound);
    // A plain semaphore has no bound, but a count past Number.MAX_SAFE_INTEGER would not be exact.
    if (this.value >= Number.MAX_SAFE_INTEGER) throw new RangeError(`${this.kind}.release() would pass Number.MAX_SAFE_INTEGER: value is already ${this.value}`);
    const designated = this.#designated;
    this.#designated = undefined;
    if (designated === undefined || !this.take(designated)) {
      const oldest = this.oldest();
      if (oldest !== undefined) this.remove(oldest);
    }
    this.#handOver();
  }

  /** A releaser gives back its grant: through the owner's `release()` if a subclass overrides it. */
  releaseGrant(grant: Releaser): void {
    // Stryker disable next-line ConditionalExpression: without an override, the owner's release() is Permits.release, which gives back the designated grant as well
    if (this.#overridden) {
      this.#releaseThroughOwner(grant);
      return;
    }
    // Not overridden: give back this grant directly (it is outstanding, so the bound allows it).
    this.remove(grant);
    this.#handOver();
  }

  /** The override's `super.release()` gives back `grant`, not the oldest. */
  #releaseThroughOwner(grant: Releaser): void {
    const previous = this.#designated;
    this.#designated = grant;
    try {
      this.#owner.release();
    } finally {
      this.#designated = previous;
    }
  }

  /**
   * Hands a freed permit to the oldest waiter, as a new grant, or as the grant a `runExclusive`
   * waiter carries; with nobody waiting, counts it up.
   */
  #handOver(): void {
    const waiters = this.waiters;
    if (waiters.size === 0) {
      this.value++;
      return;
    }
    const carried = waiters.peek();
    if (carried === undefined) {
      waiters.wakeNext(this.make(1));
    } else {
      this.add(carried);
      waiters.wakeNext(undefined);
    }
  }

  #overReleased(bound: number): Error {
    return this.kind === 'Lock'
      ? new InvalidStateError('Lock.release() called on an unlocked lock')
      : new RangeError(`${this.kind}.release() called too many times: value is already at its bound ${bound}`);
  }
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
 * keeps its permit.
 *
 * Every grant is one outstanding permit, given back once: by its {@link Releaser}, or by
 * `release()`, which gives back the oldest outstanding grant (whose releaser then does
 * nothing). The specification is {@link model!semaphoreStep}.
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
  readonly #permits: Permits;

  /**
   * @param value - the initial number of permits: an integer from 0 to `Number.MAX_SAFE_INTEGER`.
   * @defaultValue 1
   * @throws TypeError if `value` is not a number; RangeError if it is negative, fractional, NaN,
   *   infinite or above `Number.MAX_SAFE_INTEGER`.
   */
  constructor(value = 1) {
    checkCount(value, `${new.target.name} value`);
    // A BoundedSemaphore's bound is its initial value; the one check lives in Permits.release.
    const bounded = this instanceof BoundedSemaphore;
    this.#permits = new Permits(bounded ? 'BoundedSemaphore' : 'Semaphore', value, bounded ? value : undefined, this, Semaphore.prototype.release);
  }

  /** Permits available now. Never positive while someone waits. */
  get value(): number {
    return this.#permits.value;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): SemaphoreStatistics {
    return { value: this.#permits.value, waiting: this.#permits.waiters.size };
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
    return this.#permits.acquire(options);
  }

  /**
   * Takes a permit if one is available now, without waiting; never takes one while an older
   * waiter waits.
   *
   * @returns a {@link Releaser}, or `undefined` when no permit could be taken.
   */
  tryAcquire(): Releaser | undefined {
    return this.#permits.tryAcquire();
  }

  /**
   * Runs `fn` holding a permit: acquires one as {@link Semaphore.acquire} does, calls `fn` (in a
   * later microtask, never inside this call), and gives the permit back however `fn` ends:
   * returns, throws, or returns a promise that settles either way. The fastest way through a
   * semaphore: no {@link Releaser} is handed through a promise.
   *
   * The permit is a grant like any other: `release()` on the semaphore may give it back as the
   * oldest, after which `runExclusive`'s own release does nothing.
   *
   * @returns what `fn` returns (awaited), or its error; rejects as {@link Semaphore.acquire}
   *   does when no permit was granted (and `fn` is then not called), and with a `TypeError` if
   *   `fn` is not a function.
   *
   * @example
   * ```ts
   * import { Semaphore } from 'toro-ts';
   * const semaphore = new Semaphore(2);
   * const sizes = await Promise.all(
   *   ['a', 'bb', 'ccc'].map((name) => semaphore.runExclusive(async () => name.length)),
   * );
   * console.log(sizes.join(' '), semaphore.value);
   * // prints: 1 2 3 2
   * ```
   */
  runExclusive<R>(fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<R> {
    return this.#permits.runExclusive(fn, options);
  }

  /**
   * Gives a permit back: the oldest outstanding grant's (whose {@link Releaser} then does
   * nothing), or, with none outstanding, one more permit for a plain semaphore. If anyone
   * waits, the permit goes straight to the oldest waiter; otherwise the value grows by one.
   *
   * A subclass may override this: its releasers call the override, and during that call
   * `super.release()` gives back the releaser's own grant.
   *
   * @throws RangeError for a {@link BoundedSemaphore} whose value is already at its bound (even
   *   with waiters, as in Tornado), and for a plain Semaphore whose value is already
   *   `Number.MAX_SAFE_INTEGER`; nothing changes.
   */
  release(): void {
    this.#permits.release();
  }
}

/**
 * A {@link Semaphore} that refuses to be released above its initial value: an over-release is
 * almost always a bug (a permit released twice), and this makes it loud. Its live releasers
 * are exactly the permits out, so only a stray `release()` can over-release it.
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
  }
}
