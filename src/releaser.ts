/**
 * Releasers, and the outstanding grants every primitive that hands them out keeps.
 *
 * Ownership (rule 8 of the rules page, docs/guides/rules.md): every grant is one outstanding permit, and its {@link Releaser}
 * can give back that grant, and only that one, while it is outstanding. A primitive keeps its
 * outstanding grants in a {@link Grants}: a grant joins at the back, and leaves from anywhere
 * in O(1), whether its own releaser gives it back or the primitive's `release()` gives it back
 * as the oldest. Only a primitive that asks for its oldest grant (the semaphore family) keeps
 * its grants in order, in an {@link OrderedGrants}; for the others a grant only knows whether it
 * is still outstanding.
 *
 * @module
 */

/** Marks `grant` outstanding in `grants`, or given back; assigned in Releaser's static block, which alone sees its fields. */
let mark: (grant: Releaser, grants: Grants | undefined) => void;
/** The grants `grant` is outstanding in, or `undefined` once it was given back (or before it was made). */
let listOf: (grant: Releaser) => Grants | undefined;
/** Links `grant` into `grants`' ring, the newest there. */
let ringAdd: (grants: OrderedGrants, grant: Releaser) => void;
/** Takes `grant` out of `grants`' ring. */
let ringRemove: (grants: OrderedGrants, grant: Releaser) => void;
/** The grant after `grant` in its ring: the newest's is the oldest. */
let nextOf: (grant: Releaser) => Releaser | undefined;
/** @internal The units `grant` holds: 1, a WeightedSemaphore grant's weight, or an RWLock grant's mode. */
export let unitsOf: (grant: Releaser) => number;

declare global {
  // `Symbol.dispose` (explicit resource management), declared here as well, so that these
  // declarations compile for consumers whose `lib` lacks `esnext.disposable`.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/**
 * What {@link Semaphore.acquire}, {@link Lock.acquire} and the other acquiring calls resolve to:
 * the right to give back the one grant it stands for. `release()` gives it back the first time
 * and does nothing after, however often it is called; `using` gives it back at the end of the
 * scope.
 *
 * **Ownership.** A releaser gives back its own grant, only while that grant is outstanding. If
 * the grant was already given back, by this releaser or by `release()` on the primitive (which
 * gives back the oldest outstanding grant), the releaser does nothing: a stale releaser can
 * never give back a permit that someone else now holds. This differs deliberately from
 * Tornado, whose context manager calls the semaphore's `release()` on every exit, whoever holds
 * the permit by then.
 *
 * On a {@link Semaphore}, {@link BoundedSemaphore} or {@link Lock}, `release()` goes through the
 * primitive's own `release()`, so a subclass that overrides it sees every release, its
 * releasers' included. During that call, the primitive's `release()` gives back this releaser's
 * grant (not the oldest); if the override refuses (throws before calling `super.release()`),
 * the grant stays outstanding and the releaser unreleased.
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
 *
 * @example
 * A stale releaser does nothing: the lock stays with its second holder.
 * ```ts
 * import { Lock } from 'toro-ts';
 * const lock = new Lock();
 * const first = await lock.acquire();
 * lock.release(); // gives back the oldest grant: first's
 * const second = await lock.acquire();
 * first.release(); // first's grant is no longer outstanding: nothing happens
 * console.log(first.released, second.released, lock.locked());
 * // prints: true false true
 * ```
 */
export class Releaser {
  /** The grants this grant is outstanding in; `undefined` once it was given back. */
  #grants: Grants | undefined = undefined;
  #prev: Releaser | undefined = undefined;
  #next: Releaser | undefined = undefined;
  /** The units it holds (an RWLock's grant: its mode). One class for every grant, so every call site that sees releasers stays monomorphic. */
  readonly #units: number;

  static {
    mark = (grant, grants) => {
      grant.#grants = grants;
    };
    listOf = (grant) => grant.#grants;
    // An ordered list is a ring through the releasers, and the list itself holds only its
    // newest grant, whose next is the oldest. A primitive lives long and its releasers briefly:
    // every store of a releaser into the primitive costs a write barrier, so the list keeps one
    // such pointer instead of two (head and tail).
    ringAdd = (grants, grant) => {
      grant.#grants = grants;
      const newest = grants.newest;
      if (newest === undefined) {
        grant.#prev = grant.#next = grant;
      } else {
        const oldest = newest.#next as Releaser;
        grant.#prev = newest;
        grant.#next = oldest;
        newest.#next = oldest.#prev = grant;
      }
      grants.newest = grant;
    };
    ringRemove = (grants, grant) => {
      grant.#grants = undefined;
      const prev = grant.#prev as Releaser;
      if (prev === grant) {
        grants.newest = undefined;
      } else {
        const next = grant.#next as Releaser;
        prev.#next = next;
        next.#prev = prev;
        if (grants.newest === grant) grants.newest = prev;
      }
      grant.#prev = grant.#next = undefined;
    };
    nextOf = (grant) => grant.#next;
    unitsOf = (grant) => grant.#units;
  }

  /**
   * @internal A grant of `units`, not outstanding yet: {@link Grants.add} makes it so. (A queued
   * `runExclusive` makes its grant when it is called and carries it in the queue, so that its
   * handoff needs no new object and hands nothing through a promise.)
   */
  constructor(units: number) {
    this.#units = units;
  }

  /** Whether this grant was given back, by this releaser or by `release()` on the primitive. */
  get released(): boolean {
    return this.#grants === undefined;
  }

  /**
   * Gives this grant back if it is still outstanding; otherwise does nothing. If the primitive
   * refuses the release (a subclass's `release()` throws), the grant stays outstanding.
   */
  release(): void {
    const grants = this.#grants;
    if (grants !== undefined) grants.releaseGrant(this);
  }

  /** Gives the grant back at the end of a `using` scope. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/**
 * @internal A primitive's outstanding grants, and what giving one back does. Adding a grant and
 * taking any one out are O(1) and allocate nothing beyond the releaser; a grant here only knows
 * whether it is outstanding, in no order.
 */
export abstract class Grants {
  /** Gives back `grant`, which is outstanding here: what its releaser's `release()` does. */
  abstract releaseGrant(grant: Releaser): void;

  /** Makes `grant`, never granted before, outstanding here. */
  add(grant: Releaser): void {
    mark(grant, this);
  }

  /** A new grant of `units`, outstanding here from now. */
  make(units: number): Releaser {
    const grant = new Releaser(units);
    this.add(grant);
    return grant;
  }

  /** Takes `grant` out if it is outstanding here: its releaser does nothing from now on. */
  take(grant: Releaser): boolean {
    if (listOf(grant) !== this) return false;
    this.remove(grant);
    return true;
  }

  /** Takes out `grant`, which the caller knows is outstanding here (its releaser just said so). */
  remove(grant: Releaser): void {
    mark(grant, undefined);
  }
}

/**
 * @internal Grants whose releasers call a function of the primitive's: for a primitive whose
 * state is its own (RWLock, WeightedSemaphore), not a {@link Grants} of its own.
 */
export class ReturnedGrants extends Grants {
  readonly #giveBack: (grant: Releaser) => void;

  constructor(giveBack: (grant: Releaser) => void) {
    super();
    this.#giveBack = giveBack;
  }

  releaseGrant(grant: Releaser): void {
    this.#giveBack(grant);
  }
}

/**
 * @internal Grants kept oldest first, as a ring through the releasers themselves, for a
 * primitive whose `release()` gives back the oldest.
 */
export abstract class OrderedGrants extends Grants {
  /** The newest outstanding grant; its next is the oldest. */
  newest: Releaser | undefined = undefined;

  override add(grant: Releaser): void {
    ringAdd(this, grant);
  }

  override remove(grant: Releaser): void {
    ringRemove(this, grant);
  }

  /** The oldest outstanding grant, if any. */
  oldest(): Releaser | undefined {
    const newest = this.newest;
    return newest === undefined ? undefined : nextOf(newest);
  }
}

/** Whether `value` is a thenable: only then is it awaited, so a plain result costs no extra microtask. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/**
 * A promise already fulfilled, awaited where `runExclusive` must give up the rest of the current
 * job: awaiting it takes the same one microtask as `await undefined`, without making a new
 * promise each time.
 */
const settled: Promise<void> = Promise.resolve();

/**
 * @internal Runs `fn` holding `grant`, one microtask later (`fn` never runs inside the call that
 * asked for it), and gives the grant back however `fn` ends.
 */
export async function runSoon<R>(grant: Releaser, fn: () => R | PromiseLike<R>): Promise<R> {
  try {
    await settled;
    const result = fn();
    return isThenable(result) ? await result : result;
  } finally {
    grant.release();
  }
}

/**
 * @internal Runs `fn` once `waiting` fulfils, holding `grant`, which the handoff made
 * outstanding before fulfilling it; if `waiting` rejects (a timeout, an abort), `fn` is not
 * called and nothing was granted.
 */
export async function runQueued<R>(waiting: Promise<unknown>, grant: Releaser, fn: () => R | PromiseLike<R>): Promise<R> {
  await waiting;
  try {
    const result = fn();
    return isThenable(result) ? await result : result;
  } finally {
    grant.release();
  }
}
