/**
 * Releasers, and the list of outstanding grants every primitive that hands them out keeps.
 *
 * Ownership (rule 8 of the rules page, docs/guides/rules.md): every grant is one outstanding permit, and its {@link Releaser}
 * can give back that grant, and only that one, while it is outstanding. A primitive keeps its
 * outstanding grants in a {@link Grants} list, oldest first: a grant joins at the back, and
 * leaves from anywhere in O(1), whether its own releaser gives it back or the primitive's
 * `release()` gives it back as the oldest.
 *
 * @module
 */

/** @internal What a grant goes back to: the primitive that granted it. */
export interface GrantHome {
  /**
   * Gives back `grant`, which is outstanding in this home's {@link Grants}: what its releaser's
   * `release()` does.
   */
  releaseGrant(grant: Releaser): void;
}

/** Links `grant` at the back of `grants`; assigned in Releaser's static block, which alone sees the links. */
let link: (grants: Grants, grant: Releaser) => void;
/** Unlinks `grant` from `grants`, where it is outstanding. */
let unlink: (grants: Grants, grant: Releaser) => void;
/** The list `grant` is outstanding in, or `undefined` once it was given back. */
let listOf: (grant: Releaser) => Grants | undefined;
/** @internal The units `grant` holds: 1, or a WeightedSemaphore grant's weight. */
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
  /** The list this grant is outstanding in; `undefined` once it was given back. */
  #grants: Grants | undefined = undefined;
  #prev: Releaser | undefined = undefined;
  #next: Releaser | undefined = undefined;
  /** The units it holds. One class for every grant, so every call site that sees releasers stays monomorphic. */
  readonly #units: number;

  static {
    link = (grants, grant) => {
      const tail = grants.tail;
      grant.#grants = grants;
      grant.#prev = tail;
      if (tail === undefined) grants.head = grant;
      else tail.#next = grant;
      grants.tail = grant;
    };
    unlink = (grants, grant) => {
      const prev = grant.#prev;
      const next = grant.#next;
      if (prev === undefined) grants.head = next;
      else prev.#next = next;
      if (next === undefined) grants.tail = prev;
      else next.#prev = prev;
      grant.#prev = grant.#next = grant.#grants = undefined;
    };
    listOf = (grant) => grant.#grants;
    unitsOf = (grant) => grant.#units;
  }

  /** @internal A new grant of `units`, outstanding in `grants` from now, the newest there. */
  constructor(grants: Grants, units = 1) {
    this.#units = units;
    link(grants, this);
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
    if (grants !== undefined) grants.home.releaseGrant(this);
  }

  /** Gives the grant back at the end of a `using` scope. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/**
 * @internal A primitive's outstanding grants, oldest first: a doubly linked list through the
 * releasers themselves, so adding a grant and taking any one out are O(1) and allocate nothing
 * beyond the releaser.
 */
export class Grants {
  /** The oldest outstanding grant. */
  head: Releaser | undefined = undefined;
  /** The newest outstanding grant. */
  tail: Releaser | undefined = undefined;
  readonly home: GrantHome;

  constructor(home: GrantHome) {
    this.home = home;
  }

  /** Takes `grant` out if it is outstanding here: its releaser does nothing from now on. */
  take(grant: Releaser): boolean {
    if (listOf(grant) !== this) return false;
    unlink(this, grant);
    return true;
  }

  /** Takes out `grant`, which the caller knows is outstanding here (its releaser just said so). */
  remove(grant: Releaser): void {
    unlink(this, grant);
  }
}

/** Whether `value` is a thenable: only then is it awaited, so a plain result costs no extra microtask. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** @internal Runs `fn` holding `grant`, and gives the grant back however `fn` ends. */
export async function runHolding<R>(grant: Releaser, fn: () => R | PromiseLike<R>): Promise<R> {
  try {
    const result = fn();
    return isThenable(result) ? await result : result;
  } finally {
    grant.release();
  }
}

/** @internal As {@link runHolding}, one microtask later: `fn` never runs inside the call that asked for it. */
export async function runSoon<R>(grant: Releaser, fn: () => R | PromiseLike<R>): Promise<R> {
  try {
    await undefined;
    const result = fn();
    return isThenable(result) ? await result : result;
  } finally {
    grant.release();
  }
}
