/**
 * The specification of {@link Semaphore}, {@link BoundedSemaphore} and {@link Lock}: one pure
 * state machine for the family.
 *
 * @module
 */

import { endsAtOnce, refused, unchanged, without, type Step, type WaitSpec, type WaiterId } from './common.js';

/** Which member of the family: they differ only in what `release` allows. */
export type SemaphoreKind = 'semaphore' | 'bounded' | 'lock';

/** The whole state of a semaphore, a bounded semaphore or a lock. */
export interface SemaphoreState {
  readonly kind: SemaphoreKind;
  /** Permits available now (for a lock: 1 unlocked, 0 locked). */
  readonly value: number;
  /** The largest value: the initial value of a bounded semaphore, 1 for a lock, none otherwise. */
  readonly bound: number | undefined;
  /** Waiting acquirers, oldest first. */
  readonly waiters: readonly WaiterId[];
  /** Holders whose {@link Releaser} has not released yet, in grant order. */
  readonly holders: readonly WaiterId[];
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type SemaphoreOp =
  /** `acquire(options)` made by `waiter`. */
  | { readonly kind: 'acquire'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `tryAcquire()`; `waiter` names the releaser it may return. */
  | { readonly kind: 'tryAcquire'; readonly waiter: WaiterId }
  /** `release()` on the primitive itself. */
  | { readonly kind: 'release' }
  /** `release()` on the releaser granted to `waiter`. */
  | { readonly kind: 'releaser'; readonly waiter: WaiterId }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/**
 * The initial state, or the `RangeError` the constructor throws. A value must be an integer
 * from 0 to `Number.MAX_SAFE_INTEGER`; a lock starts unlocked (value 1, bound 1). (A value that
 * is not a number at all is the implementation's `TypeError`: the model's values are numbers.)
 */
export function semaphoreInit(kind: SemaphoreKind, value = 1): SemaphoreState | { readonly error: 'RangeError' } {
  if (!Number.isSafeInteger(value) || value < 0) return { error: 'RangeError' };
  const initial = kind === 'lock' ? 1 : value;
  return { kind, value: initial, bound: kind === 'semaphore' ? undefined : initial, waiters: [], holders: [] };
}

/** Take one permit for `waiter`: it becomes a holder. */
function grant(state: SemaphoreState, waiter: WaiterId): SemaphoreState {
  return { ...state, value: state.value - 1, holders: [...state.holders, waiter] };
}

/**
 * Give one permit back: hand it to the oldest waiter if there is one (the value stays 0),
 * otherwise the value grows. A bounded semaphore whose value is at its bound refuses with a
 * `RangeError` (so a `BoundedSemaphore(0)` can never be released, even with waiters, as in
 * Tornado); a lock that is not locked refuses with an `InvalidStateError`; a plain semaphore
 * whose value is already `Number.MAX_SAFE_INTEGER` refuses with a `RangeError` (the next count
 * would not be exact; with waiters the value is 0, so this never refuses a handoff). A refusal
 * changes nothing.
 */
function giveBack(state: SemaphoreState, releasedBy?: WaiterId): Step<SemaphoreState> {
  // The bound is checked first, as Tornado does: a value at its bound means no permit is out.
  if (state.bound !== undefined && state.value >= state.bound) {
    return state.kind === 'lock'
      ? refused(state, 'InvalidStateError', 'release of an unlocked lock')
      : refused(state, 'RangeError', 'released above the bound');
  }
  // A plain semaphore has no bound, but a count past Number.MAX_SAFE_INTEGER would not be exact.
  if (state.value >= Number.MAX_SAFE_INTEGER) return refused(state, 'RangeError', 'released past Number.MAX_SAFE_INTEGER');
  const holders = releasedBy === undefined ? state.holders : (without(state.holders, releasedBy) ?? state.holders);
  const [oldest, ...rest] = state.waiters;
  // Direct handoff: the oldest waiter owns the permit from this moment; the value stays 0.
  if (oldest !== undefined) {
    const next = { ...state, waiters: rest, holders: [...holders, oldest] };
    return { state: next, returned: { kind: 'returned', value: undefined }, settled: [{ waiter: oldest, outcome: 'resolved', value: 'releaser' }] };
  }
  // Nobody waits: the permit goes back to the counter.
  return unchanged({ ...state, value: state.value + 1, holders });
}

/** Remove a cancelled waiter if it still waits; after its handoff a cancellation changes nothing. */
function cancel(state: SemaphoreState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<SemaphoreState> {
  const waiters = without(state.waiters, waiter);
  if (waiters === undefined) return unchanged(state);
  return { state: { ...state, waiters }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter, outcome }] };
}

/**
 * One transition of the family. The rules, in the order they apply:
 *
 * - **acquire**: an already-aborted signal rejects at once and takes nothing. Otherwise, a
 *   permit available now (which implies nobody waits) is granted at once, whatever the timeout.
 *   Otherwise a timeout of 0 times out at once; any other call joins the back of the queue.
 * - **tryAcquire**: takes a permit only when one is available now, never past a waiter (none
 *   can be available while anyone waits); returns the releaser, or `undefined`.
 * - **release**: hands the permit to the oldest waiter, synchronously; with nobody waiting the
 *   value grows by one, unless that would pass the bound (see below).
 * - **releaser**: a holder's releaser releases once, as `release` does; a second call, or a
 *   call on a releaser that was never granted, does nothing. A refused release leaves the
 *   releaser unused.
 * - **timeout**, **abort**: a waiter still waiting leaves the queue and rejects; nothing is
 *   consumed. A waiter already granted keeps its permit: the cancellation changes nothing.
 *
 * A bounded semaphore's release above its initial value throws `RangeError`; a plain
 * semaphore's release at `Number.MAX_SAFE_INTEGER` throws `RangeError`; a lock's release while
 * unlocked throws `InvalidStateError`; each changes nothing.
 */
export function semaphoreStep(state: SemaphoreState, op: SemaphoreOp): Step<SemaphoreState> {
  switch (op.kind) {
    case 'acquire': {
      // An aborted signal is checked first: it takes nothing even when a permit is free.
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // A permit free now is granted now, whatever the timeout.
      if (state.value > 0) return { state: grant(state, op.waiter), returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'resolved', value: 'releaser' }] };
      // Otherwise wait at the back, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: { kind: 'pending' }, settled: [ended] };
      return { state: { ...state, waiters: [...state.waiters, op.waiter] }, returned: { kind: 'pending' }, settled: [] };
    }
    case 'tryAcquire':
      // No barging: a free permit implies an empty queue.
      return state.value > 0 ? unchanged(grant(state, op.waiter), 'releaser') : unchanged(state, undefined);
    case 'release':
      return giveBack(state);
    case 'releaser':
      // A releaser releases once; one that already did, or was never granted, does nothing.
      return state.holders.includes(op.waiter) ? giveBack(state, op.waiter) : unchanged(state);
    case 'timeout':
      return cancel(state, op.waiter, 'timeout');
    case 'abort':
      return cancel(state, op.waiter, 'aborted');
  }
}

/** What {@link Semaphore.statistics} (or {@link Lock.statistics}) must show in `state`. */
export function semaphoreStatistics(state: SemaphoreState): Readonly<Record<string, number | boolean>> {
  return state.kind === 'lock'
    ? { locked: state.value === 0, waiting: state.waiters.length }
    : { value: state.value, waiting: state.waiters.length };
}

/** Nobody waits while a permit is free: a free permit would already have been handed over. */
export function noWaitersWhilePermitsFree(state: SemaphoreState): boolean {
  return state.waiters.length === 0 || state.value === 0;
}

/**
 * The value is never negative, never above the bound, and never above
 * `Number.MAX_SAFE_INTEGER` (past which a count is no longer exact).
 */
export function valueWithinBound(state: SemaphoreState): boolean {
  return state.value >= 0 && state.value <= Number.MAX_SAFE_INTEGER && (state.bound === undefined || state.value <= state.bound);
}

/** A waiter waits once, and never while it holds a permit. */
export function waitersDistinct(state: SemaphoreState): boolean {
  const all = [...state.waiters, ...state.holders];
  return new Set(all).size === all.length;
}

/** Every named invariant of the family, for properties to check after each step. */
export const semaphoreInvariants = {
  noWaitersWhilePermitsFree,
  valueWithinBound,
  waitersDistinct,
} as const;
