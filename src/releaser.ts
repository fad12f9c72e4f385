/**
 * Releasers, and the list of outstanding grants every primitive that hands them out keeps.
 *
 * Ownership (rule 8 of the rules page, docs/guides/rules.md): every grant is one outstanding permit, and its {@link Releaser}
 * can give back that grant, and only that one, while it is outstanding. A primitive keeps its
 * outstanding grants in a {@link Grants} list: a grant joins at the back, and leaves from
 * anywhere in O(1), whether its own releaser gives it back or the primitive's `release()`
 * gives it back as the oldest. Only a primitive that asks for its oldest grant (the semaphore
 * family) has its grants linked in order; for the others a grant only knows whether it is
 * still outstanding.
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

/** Makes `grant` outstanding in `grants`, the newest there; assigned in Releaser's static block, which alone sees the links. */
let link: (grants: Grants, grant: Releaser) => void;
/** Takes `grant`, outstanding in `grants`, out of it. */
let unlink: (grants: Grants, grant: Releaser) => void;
/** The list `grant` is outstanding in, or `undefined` once it was given back. */
let listOf: (grant: Releaser) => Grants | undefined;
/** The grant after `grant` in its ordered list: the newest's is the oldest. */
let nextOf: (grant: Releaser) => Releaser | undefined;
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
    // An ordered list is a ring through the releasers, and the list itself holds only its
    // newest grant, whose next is the oldest. A primitive lives long and its releasers briefly:
    // every store of a releaser into the primitive's list costs a write barrier, so the list
    // keeps one such pointer instead of two (head and tail), and none when it is not ordered.
    link = (grants, grant) => {
      grant.#grants = grants;
      // Stryker disable next-line ConditionalExpression: an unordered list linked in order anyway behaves the same, only slower: unlink takes out whatever is linked
      if (!grants.ordered) return;
      const newest = grants.newest;
      if (newest === undefined) {
        grant.#prev = grant.#next = grant;
      } else {
        const oldest = newest.#next as Releaser;
        grant.#prev = newest;
        grant.#next = oldest;
        newest.#next = grant;
        oldest.#prev = grant;
      }
      grants.newest = grant;
    };
    unlink = (grants, grant) => {
      grant.#grants = undefined;
      const prev = grant.#prev;
      // A grant of an unordered list has no links.
      if (prev === undefined) return;
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
 * @internal A primitive's outstanding grants: adding a grant and taking any one out are O(1)
 * and allocate nothing beyond the releaser. An ordered list (the default) keeps them oldest
 * first, as a ring through the releasers themselves, for a primitive whose `release()` gives
 * back the oldest; an unordered one keeps no links at all.
 */
export class Grants {
  /** The newest outstanding grant of an ordered list; its next is the oldest. */
  newest: Releaser | undefined = undefined;
  readonly home: GrantHome;
  /** Whether the grants are linked oldest first, for {@link Grants.oldest}. */
  readonly ordered: boolean;

  constructor(home: GrantHome, ordered = true) {
    this.home = home;
    this.ordered = ordered;
  }

  /** The oldest outstanding grant of an ordered list, if any. */
  oldest(): Releaser | undefined {
    const newest = this.newest;
    return newest === undefined ? undefined : nextOf(newest);
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
