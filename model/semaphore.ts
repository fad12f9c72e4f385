/**
 * The specification of {@link Semaphore}, {@link BoundedSemaphore} and {@link Lock}: one pure
 * state machine for the family.
 *
 * @module
 */

import {
  admitsOldestOfQueue,
  endsAtOnce,
  forgetPriorities,
  inServiceOrder,
  joinInServiceOrder,
  priorityOf,
  prioritiesOfWaitersOnly,
  refused,
  refusedTimeout,
  refusesBadTimeout,
  unchanged,
  withPriority,
  without,
  type Prioritized,
  type Step,
  type StepInvariant,
  type WaitSpec,
  type WaiterId,
} from './common.js';

/** Which member of the family: they differ only in what `release` allows. */
export type SemaphoreKind = 'semaphore' | 'bounded' | 'lock';

/** The whole state of a semaphore, a bounded semaphore or a lock. */
export interface SemaphoreState extends Prioritized {
  readonly kind: SemaphoreKind;
  /** Permits available now (for a lock: 1 unlocked, 0 locked). */
  readonly value: number;
  /** The largest value: the initial value of a bounded semaphore, 1 for a lock, none otherwise. */
  readonly bound: number | undefined;
  /**
   * Waiting acquirers, in the order they will be served: oldest first (by priority first, where
   * acquirers give one: see {@link Prioritized}).
   */
  readonly waiters: readonly WaiterId[];
  /**
   * The outstanding grants, oldest first: each holder's {@link Releaser} can still give its
   * permit back. `release()` gives back the first.
   */
  readonly holders: readonly WaiterId[];
  /**
   * Idle waits (a task queue's `onIdle()`, `drained()`), oldest first: each resolves once no
   * grant is outstanding and nobody waits. Absent when none, so a state without idle waits is
   * what it always was.
   */
  readonly idlers?: readonly WaiterId[];
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type SemaphoreOp =
  /** `acquire(options)` made by `waiter`, with the priority `options` give, if any. */
  | { readonly kind: 'acquire'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `tryAcquire()`; `waiter` names the releaser it may return. */
  | { readonly kind: 'tryAcquire'; readonly waiter: WaiterId }
  /** `release()` on the primitive itself. */
  | { readonly kind: 'release' }
  /** `release()` on the releaser granted to `waiter`. */
  | { readonly kind: 'releaser'; readonly waiter: WaiterId }
  /** `idle(options)` made by `waiter`: it waits until no grant is outstanding and nobody waits. */
  | { readonly kind: 'idle'; readonly waiter: WaiterId; readonly options: WaitSpec }
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

/** Take one permit for `waiter`: it becomes the newest outstanding grant. */
function grant(state: SemaphoreState, waiter: WaiterId): SemaphoreState {
  return { ...state, value: state.value - 1, holders: [...state.holders, waiter] };
}

/**
 * Give one permit back, the grant of `holder` with it if there is one: hand the permit to the
 * first in line if anyone waits (the value stays 0, and that waiter is the newest grant),
 * otherwise the value grows. A bounded semaphore whose value is at its bound refuses with a
 * `RangeError` (so a `BoundedSemaphore(0)` can never be released, even with waiters, as in
 * Tornado); a lock that is not locked refuses with an `InvalidStateError`; a plain semaphore
 * whose value is already `Number.MAX_SAFE_INTEGER` refuses with a `RangeError` (the next count
 * would not be exact; with waiters the value is 0, so this never refuses a handoff). A refusal
 * changes nothing. For a bounded semaphore or a lock a value at its bound means no grant is out,
 * so `holder` is always given when the release is allowed.
 */
function giveBack(state: SemaphoreState, holder: WaiterId | undefined): Step<SemaphoreState> {
  // The bound is checked first, as Tornado does: a value at its bound means no permit is out.
  if (state.bound !== undefined && state.value >= state.bound) {
    return state.kind === 'lock'
      ? refused(state, 'InvalidStateError', 'release of an unlocked lock')
      : refused(state, 'RangeError', 'released above the bound');
  }
  // A plain semaphore has no bound, but a count past Number.MAX_SAFE_INTEGER would not be exact.
  if (state.value >= Number.MAX_SAFE_INTEGER) return refused(state, 'RangeError', 'released past Number.MAX_SAFE_INTEGER');
  // The grant given back is outstanding no more: its releaser will do nothing.
  const holders = holder === undefined ? state.holders : (without(state.holders, holder) ?? state.holders);
  const [first, ...rest] = state.waiters;
  // Direct handoff: the first in line owns the permit from this moment; the value stays 0.
  if (first !== undefined) {
    const next = forgetPriorities({ ...state, waiters: rest, holders: [...holders, first] }, rest);
    return { state: next, returned: { kind: 'returned', value: undefined }, settled: [{ waiter: first, outcome: 'resolved', value: 'releaser' }] };
  }
  // Nobody waits: the permit goes back to the counter.
  return unchanged({ ...state, value: state.value + 1, holders });
}

/** Idle: no grant is outstanding and nobody waits for one. */
export function semaphoreIsIdle(state: SemaphoreState): boolean {
  return state.holders.length === 0 && state.waiters.length === 0;
}

/** `state` with `idlers` as its idle waits (absent when none). */
function withIdlers(state: SemaphoreState, idlers: readonly WaiterId[]): SemaphoreState {
  const { idlers: _before, ...rest } = state;
  return idlers.length === 0 ? rest : { ...rest, idlers };
}

/** After a step: if the family is idle now, every idle wait resolves, oldest first, after what the step settled. */
function wakeIdlers(step: Step<SemaphoreState>): Step<SemaphoreState> {
  const idlers = step.state.idlers ?? [];
  if (idlers.length === 0 || !semaphoreIsIdle(step.state)) return step;
  return { ...step, state: withIdlers(step.state, []), settled: [...step.settled, ...idlers.map((waiter) => ({ waiter, outcome: 'resolved' as const, value: undefined }))] };
}

/** Remove a cancelled waiter if it still waits; after its handoff a cancellation changes nothing. */
function cancel(state: SemaphoreState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<SemaphoreState> {
  const idlers = without(state.idlers ?? [], waiter);
  if (idlers !== undefined) return { state: withIdlers(state, idlers), returned: { kind: 'returned', value: undefined }, settled: [{ waiter, outcome }] };
  const waiters = without(state.waiters, waiter);
  if (waiters === undefined) return unchanged(state);
  return { state: forgetPriorities({ ...state, waiters }, waiters), returned: { kind: 'returned', value: undefined }, settled: [{ waiter, outcome }] };
}

/** `waiter` joins the queue in its place: behind every waiter of its priority or higher. */
function queue(state: SemaphoreState, waiter: WaiterId, priority: number | undefined): SemaphoreState {
  const waiters = joinInServiceOrder(state.waiters, waiter, priority ?? 0, (id) => priorityOf(state.priorities, id));
  return withPriority({ ...state, waiters }, waiter, priority);
}

/**
 * One transition of the family. The rules, in the order they apply:
 *
 * - **a bad timeout**: a waiting call (`acquire`) whose `timeout` is not an integer from 0
 *   to 2^31 - 1 rejects at once with a `RangeError` and changes nothing, before any rule below
 *   applies: even with an aborted signal, even when it could complete now ({@link refusedTimeout}).
 * - **acquire**: an already-aborted signal rejects at once and takes nothing. Otherwise, a
 *   permit available now (which implies nobody waits) is granted at once, whatever the timeout.
 *   Otherwise a timeout of 0 times out at once; any other call joins the queue: at the back,
 *   or, where acquirers give priorities, behind every waiter of its priority or higher (below).
 * - **tryAcquire**: takes a permit only when one is available now, never past a waiter (none
 *   can be available while anyone waits); returns the releaser, or `undefined`.
 * - **release**: gives back the **oldest outstanding grant**, whose releaser then does nothing,
 *   and hands the permit to the first in line (the oldest waiter), synchronously; with nobody
 *   waiting the value grows by one. A plain semaphore with no grant outstanding still adds a permit (it is a
 *   counter: a release may come from code that never acquired); a bounded semaphore or a lock
 *   with none outstanding refuses (see below).
 * - **releaser**: a releaser gives back its own grant, as `release` does, but only while that
 *   grant is outstanding: once it was given back (by this releaser, or as the oldest by
 *   `release`), or if it was never granted, the call does nothing.
 * - **timeout**, **abort**: a waiter still waiting leaves the queue and rejects; nothing is
 *   consumed. A waiter already granted keeps its permit: the cancellation changes nothing.
 * - **idle** (a task queue's `onIdle()`, fastq's `drained()`): resolves once the family is
 *   *idle*, no grant outstanding and nobody waiting: at once if it is (a bad timeout, then an
 *   aborted signal, still refuse it first), else when the step that makes it so is taken (the last grant given back
 *   with nobody in line, or the last waiter cancelled with no grant out), after what that step
 *   settles; idle waits resolve oldest first. A timeout of 0 times it out at once; a timeout or
 *   an abort takes it out of the idle waits. It takes nothing and changes nothing else: it is
 *   to the semaphore what `join()` is to a queue.
 *
 * **Ownership.** Every grant (by `acquire`, `tryAcquire` or a handoff) is one outstanding
 * permit, and `holders` lists them in grant order. So no releaser can ever give back a permit it
 * does not hold: a stale releaser (`r1 = acquire(); release(); r2 = acquire(); r1.release()`)
 * does nothing, and on a bounded semaphore or a lock the live releasers are exactly the permits
 * out. This differs deliberately from Tornado, whose semaphore's context manager calls
 * `release()` on every exit, so a stale one gives back the permit someone else now holds.
 *
 * A bounded semaphore's release above its initial value throws `RangeError`; a lock's release
 * while unlocked throws `InvalidStateError`; a plain semaphore's release at
 * `Number.MAX_SAFE_INTEGER` throws `RangeError`; each changes nothing.
 *
 * **Priorities** (for libraries that serve waiters by priority; toro-ts's own API has none, and
 * with no priority given every rule above is plain FIFO). An acquirer may give a priority:
 * larger is served first, none is 0. The queue is kept in service order: highest priority
 * first, arrival order among equals, so a release hands the permit to the waiter of highest
 * priority that has waited longest. A waiter that is cancelled, whatever its priority, leaves
 * the others in their order and changes nothing else. No barging still holds as it is: a free
 * permit means nobody waits, so `tryAcquire` (which has no priority) never takes what any
 * waiter, of any priority, is owed.
 */
export function semaphoreStep(state: SemaphoreState, op: SemaphoreOp): Step<SemaphoreState> {
  switch (op.kind) {
    case 'acquire': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: { kind: 'pending' }, settled: [badTimeout] };
      // Then an aborted signal is checked: it takes nothing even when a permit is free.
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // A permit free now is granted now, whatever the timeout.
      if (state.value > 0) return { state: grant(state, op.waiter), returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'resolved', value: 'releaser' }] };
      // Otherwise wait in line, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: { kind: 'pending' }, settled: [ended] };
      return { state: queue(state, op.waiter, op.options.priority), returned: { kind: 'pending' }, settled: [] };
    }
    case 'tryAcquire':
      // No barging: a free permit implies an empty queue.
      return state.value > 0 ? unchanged(grant(state, op.waiter), 'releaser') : unchanged(state, undefined);
    case 'release':
      // The oldest outstanding grant goes back; with none, a plain semaphore still counts one up.
      return wakeIdlers(giveBack(state, state.holders[0]));
    case 'releaser':
      // A releaser gives back its own grant while it is outstanding, and otherwise does nothing.
      return state.holders.includes(op.waiter) ? wakeIdlers(giveBack(state, op.waiter)) : unchanged(state);
    case 'idle': {
      // A bad timeout is refused first, as at every waiting call, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: { kind: 'pending' }, settled: [badTimeout] };
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      if (semaphoreIsIdle(state)) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'resolved', value: undefined }] };
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: { kind: 'pending' }, settled: [ended] };
      return { state: withIdlers(state, [...(state.idlers ?? []), op.waiter]), returned: { kind: 'pending' }, settled: [] };
    }
    case 'timeout':
      return wakeIdlers(cancel(state, op.waiter, 'timeout'));
    case 'abort':
      return wakeIdlers(cancel(state, op.waiter, 'aborted'));
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

/**
 * Live releasers match the permits out: for a bounded semaphore and a lock, the outstanding
 * grants are exactly the permits taken (`bound - value`), so a release with none outstanding is
 * the over-release the bound refuses. A plain semaphore has no bound to count from.
 */
export function liveReleasersMatchPermitsOut(state: SemaphoreState): boolean {
  return state.bound === undefined || state.holders.length === state.bound - state.value;
}

/**
 * The queue is in service order (highest priority first, arrival order among equals: plain
 * FIFO without priorities), and it keeps the priorities of its waiters and of nobody else.
 */
export function semaphoreWaitersInServiceOrder(state: SemaphoreState): boolean {
  return inServiceOrder(state.waiters, state.priorities) && prioritiesOfWaitersOnly(state.priorities, state.waiters);
}

/** Idle waits wait only while the family is busy: once it is idle, every one of them has resolved. */
export function idleWaitsOnlyWhileBusy(state: SemaphoreState): boolean {
  const idlers = state.idlers ?? [];
  return (idlers.length === 0 || !semaphoreIsIdle(state)) && (state.idlers === undefined || state.idlers.length > 0) && new Set(idlers).size === idlers.length;
}

/** Every named invariant of the family, for properties to check after each step. */
export const semaphoreInvariants = {
  idleWaitsOnlyWhileBusy,
  noWaitersWhilePermitsFree,
  valueWithinBound,
  waitersDistinct,
  liveReleasersMatchPermitsOut,
  semaphoreWaitersInServiceOrder,
} as const;

/** The holders a step added: the waiters it handed a permit to, in grant order. */
function newHolders(before: SemaphoreState, after: SemaphoreState): readonly WaiterId[] {
  return after.holders.filter((holder) => !before.holders.includes(holder));
}

/**
 * No releaser can give back a permit it does not hold: a releaser's call on a grant that is
 * not outstanding changes nothing, and one on an outstanding grant takes out that grant and no
 * other.
 */
export const releaserGivesBackOnlyItsOwn: StepInvariant<SemaphoreState, SemaphoreOp> = (before, op, step) => {
  if (op.kind !== 'releaser') return true;
  if (!before.holders.includes(op.waiter)) return JSON.stringify(step.state) === JSON.stringify(before) && step.settled.length === 0;
  const kept = step.state.holders.filter((holder) => before.holders.includes(holder));
  return kept.join() === before.holders.filter((holder) => holder !== op.waiter).join();
};

/**
 * `release()` gives back the oldest outstanding grant and no other: after it, the grants that
 * remain from before are all but the first, in order (a handoff adds the waiter at the back).
 */
export const releaseGivesBackTheOldest: StepInvariant<SemaphoreState, SemaphoreOp> = (before, op, step) => {
  if (op.kind !== 'release' || step.returned.kind === 'threw') return true;
  const kept = step.state.holders.filter((holder) => before.holders.includes(holder));
  return kept.join() === before.holders.slice(1).join() && newHolders(before, step.state).length <= 1;
};

/**
 * Permits go to the first in line: the waiters a step hands a permit to are the first of the
 * queue, in order, and the rest keep their order (a new waiter joins in its place by priority,
 * at the back without priorities), so nobody is overtaken and nobody barges.
 */
export const semaphoreServesFirstInLine: StepInvariant<SemaphoreState, SemaphoreOp> = (before, op, step) =>
  admitsOldestOfQueue(
    before.waiters,
    step.state.waiters,
    // Idle waits are not in line for a permit: what they settle is the idle rule's.
    step.settled.filter((s) => !(before.idlers ?? []).includes(s.waiter) && !(op.kind === 'idle' && s.waiter === op.waiter)),
    op.kind === 'acquire' || op.kind === 'tryAcquire' ? op.waiter : undefined,
    op.kind === 'timeout' || op.kind === 'abort' ? op.waiter : undefined,
    { waiting: before.priorities, joining: op.kind === 'acquire' ? op.options.priority : undefined },
  );

/**
 * Idle waits resolve when the family becomes idle and not before: a step settles an idle wait
 * (one that waited, or the `idle` call itself) as resolved only if the state after it is idle,
 * and a step after which the family is idle leaves no idle wait waiting.
 */
export const idleWaitsResolveWhenIdle: StepInvariant<SemaphoreState, SemaphoreOp> = (before, op, step) => {
  const idle = (id: WaiterId): boolean => (before.idlers ?? []).includes(id) || (op.kind === 'idle' && op.waiter === id);
  const woken = step.settled.filter((s) => s.outcome === 'resolved' && idle(s.waiter));
  return (woken.length === 0 || semaphoreIsIdle(step.state)) && (!semaphoreIsIdle(step.state) || (step.state.idlers ?? []).length === 0);
};

/** Every named rule about one transition of the family. */
export const semaphoreStepInvariants = {
  idleWaitsResolveWhenIdle,
  releaserGivesBackOnlyItsOwn,
  releaseGivesBackTheOldest,
  semaphoreServesFirstInLine,
  refusesBadTimeout,
} as const;
