/**
 * The specification of {@link Barrier}: `parties` callers meet, and each learns its place in
 * the group.
 *
 * A barrier is empty, filling (some callers wait) or broken. The call that makes the group
 * whole *trips* it: in that same call every member of the group is let through with its arrival
 * index, and the barrier is empty again, ready for the next cycle. `reset()` sends the waiting
 * callers away with a `BrokenBarrierError` and leaves the barrier empty; `abort()` does the same
 * and breaks it, so every later `wait()` rejects too, until `reset()`.
 *
 * **Indexes are places in the group that trips.** The oldest member of the group gets 0 and the
 * caller that trips it `parties - 1`. A waiter that leaves before the trip (its timeout, its
 * signal) gives up its place: the callers behind it move up one, and the group still needs
 * `parties` arrivals. So the indexes of a group are always exactly 0 to `parties - 1`, each
 * once, in arrival order. A waiter cancelled after the trip keeps its index.
 *
 * Where this differs from Python, on purpose:
 *
 * - asyncio's `Barrier` (3.11) numbers a caller when it arrives (`index = self._count`) and
 *   a cancelled waiter decrements the count, so a caller arriving after a cancellation can get
 *   the index of one still waiting: two members of one group share an index and another is
 *   never handed out (python/cpython gh-155233). Numbering at the trip cannot do that.
 * - asyncio wakes the group through a `Condition` and stays *draining* until every member has
 *   resumed; a `wait()` arriving meanwhile blocks until the drain ends, and `reset()` with
 *   waiters stays *resetting* until they have all left. Here the trip (and `reset()`, and
 *   `abort()`) settles everyone in the same call (direct handoff,
 *   [rule 1](../docs/guides/rules.md#rule-1-fifo-direct-handoff)): there is no draining state,
 *   and the next caller starts the next group at once.
 * - In asyncio a task cancelled after the trip, while draining, still raises `CancelledError`
 *   and never sees its index; here a cancellation after the trip changes nothing
 *   ([rule 3](../docs/guides/rules.md#rule-3-atomic-cancellation)).
 * - Python's `threading.Barrier.wait(timeout)` *breaks* the barrier when the timeout passes:
 *   every other party gets `BrokenBarrierError`. Here a timeout is what an abort is, one
 *   caller giving up: it leaves, and nobody else is affected. One party's impatience is not the
 *   others' error, and a timeout and a signal mean the same thing on every primitive. A program
 *   that wants threading's behaviour calls `abort()` when its `wait` times out.
 * - asyncio's `reset()` and `abort()` are coroutines; here they are plain calls. Neither
 *   `action` (threading) nor the asyncio equivalent exists: the caller that gets index
 *   `parties - 1` (or 0) can run it.
 *
 * @module
 */

import {
  endsAtOnce,
  keepsArrivalOrder,
  refusedTimeout,
  refusesBadTimeout,
  settlesOnlyLiveWaiters,
  unchanged,
  without,
  type Settlement,
  type Step,
  type StepInvariant,
  type WaitSpec,
  type WaiterId,
} from './common.js';

/** The whole state of a barrier. */
export interface BarrierState {
  /** How many callers make a group: a positive integer. */
  readonly parties: number;
  /** Callers of `wait` in the group being filled, oldest first; always fewer than `parties`. */
  readonly waiters: readonly WaiterId[];
  /** Whether `abort()` broke the barrier (until `reset()`). Nobody waits on a broken barrier. */
  readonly broken: boolean;
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type BarrierOp =
  /** `wait(options)` made by `waiter`. */
  | { readonly kind: 'wait'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `reset()`. */
  | { readonly kind: 'reset' }
  /** `abort()` on the barrier (not a waiter's signal: that is `abort` with a `waiter`). */
  | { readonly kind: 'abortBarrier' }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/** The initial state, or the `RangeError` the constructor throws: `parties` must be a positive integer. */
export function barrierInit(parties: number): BarrierState | { readonly error: 'RangeError' } {
  if (!Number.isSafeInteger(parties) || parties < 1) return { error: 'RangeError' };
  return { parties, waiters: [], broken: false };
}

/** What a waiting call that the barrier sent away rejects with. */
const sentAway = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'rejected', error: 'BrokenBarrierError' });

/** Removes a cancelled waiter if it still waits: the group it left still needs `parties` callers. */
function cancel(state: BarrierState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<BarrierState> {
  const waiters = without(state.waiters, waiter);
  if (waiters === undefined) return unchanged(state);
  return { state: { ...state, waiters }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter, outcome }] };
}

const pending = { kind: 'pending' } as const;

/**
 * One transition of a barrier. The rules, in the order they apply:
 *
 * - **a bad timeout**: a waiting call (`wait`) whose `timeout` is not an integer from 0
 *   to 2^31 - 1 rejects at once with a `RangeError` and changes nothing, before any rule below
 *   applies: even with an aborted signal, even when it could complete now ({@link refusedTimeout}).
 * - **wait**: an already-aborted signal rejects at once with its reason, whatever the barrier's
 *   state. A broken barrier rejects at once with a `BrokenBarrierError`. When the caller makes
 *   the group whole (`parties - 1` callers wait), the barrier trips, whatever the timeout:
 *   every waiter resolves with its place in the group, oldest first (0, 1, ...), then the
 *   caller with `parties - 1`, and the barrier is empty. Otherwise a timeout of 0 rejects at
 *   once with a `TimeoutError`; any other call waits at the back.
 * - **reset**: every waiter rejects with a `BrokenBarrierError`, oldest first; the barrier is
 *   empty and not broken, whether it was broken or not.
 * - **abortBarrier** (`abort()`): the barrier is broken; every waiter rejects with a
 *   `BrokenBarrierError`, oldest first. Aborting a broken barrier changes nothing.
 * - **timeout**, **abort**: a waiter still waiting leaves and rejects (with a `TimeoutError`,
 *   or the signal's reason); the callers behind it move up one place, and the group still
 *   needs `parties` callers. After the trip, a reset or an abort, they change nothing: a
 *   member of a group that tripped keeps its index.
 *
 * Within one step, settlements are listed in the order the implementation resolves them: the
 * waiters before the caller.
 */
export function barrierStep(state: BarrierState, op: BarrierOp): Step<BarrierState> {
  switch (op.kind) {
    case 'wait': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: pending, settled: [badTimeout] };
      // Then an aborted signal is checked, even on a broken barrier or one it would trip.
      if (op.options.aborted === true) return { state, returned: pending, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // A broken barrier refuses every caller until reset().
      if (state.broken) return { state, returned: pending, settled: [sentAway(op.waiter)] };
      // The caller makes the group whole: the group goes through, each with its place in it.
      if (state.waiters.length + 1 === state.parties) {
        const group = [...state.waiters, op.waiter];
        const settled = group.map((waiter, index): Settlement => ({ waiter, outcome: 'resolved', value: index }));
        return { state: { ...state, waiters: [] }, returned: pending, settled };
      }
      // Not whole yet: wait at the back, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: pending, settled: [ended] };
      return { state: { ...state, waiters: [...state.waiters, op.waiter] }, returned: pending, settled: [] };
    }
    case 'reset':
      // Everyone waiting is sent away; the barrier is empty and whole again.
      return { state: { ...state, waiters: [], broken: false }, returned: { kind: 'returned', value: undefined }, settled: state.waiters.map(sentAway) };
    case 'abortBarrier':
      // Broken until reset(); everyone waiting is sent away (nobody waits on a broken barrier).
      return { state: { ...state, waiters: [], broken: true }, returned: { kind: 'returned', value: undefined }, settled: state.waiters.map(sentAway) };
    case 'timeout':
      return cancel(state, op.waiter, 'timeout');
    case 'abort':
      return cancel(state, op.waiter, 'aborted');
  }
}

/** What {@link Barrier.statistics} must show in `state`. */
export function barrierStatistics(state: BarrierState): { readonly waiting: number; readonly broken: boolean; readonly parties: number } {
  return { waiting: state.waiters.length, broken: state.broken, parties: state.parties };
}

/** A whole group never waits: the caller that made it whole tripped the barrier. */
export function neverAWholeGroupWaiting(state: BarrierState): boolean {
  return Number.isSafeInteger(state.parties) && state.parties >= 1 && state.waiters.length < state.parties;
}

/** Nobody waits on a broken barrier: `abort()` sent them away, and a later `wait` is refused. */
export function nobodyWaitsWhileBroken(state: BarrierState): boolean {
  return !state.broken || state.waiters.length === 0;
}

/** Waiters are in arrival order (ids are given in call order), each once. */
export function barrierWaitersInArrivalOrder(state: BarrierState): boolean {
  return state.waiters.every((id, i) => i === 0 || (state.waiters[i - 1] ?? -1) < id);
}

/** Every named invariant of a barrier's state. */
export const barrierInvariants = { neverAWholeGroupWaiting, nobodyWaitsWhileBroken, barrierWaitersInArrivalOrder } as const;

const resolvedIn = (settled: readonly Settlement[]): Settlement[] => settled.filter((s) => s.outcome === 'resolved');

/**
 * A barrier never lets a partial group through: a step resolves nobody, or exactly `parties`
 * callers, who are every waiter and the caller that made the group whole.
 */
export const neverLetsAPartialGroupThrough: StepInvariant<BarrierState, BarrierOp> = (before, op, { settled }) => {
  const through = resolvedIn(settled).map((s) => s.waiter);
  if (through.length === 0) return true;
  return op.kind === 'wait' && through.length === before.parties && through.every((id, i) => id === [...before.waiters, op.waiter][i]);
};

/**
 * Arrival indexes are 0 to `parties - 1`, each once per cycle: the group that goes through gets
 * them in arrival order, the oldest 0 and the caller that tripped the barrier `parties - 1`.
 */
export const indexesAreArrivalPlaces: StepInvariant<BarrierState, BarrierOp> = (_before, _op, { settled }) =>
  resolvedIn(settled).every((s, i) => s.outcome === 'resolved' && s.value === i);

/**
 * A broken barrier refuses: a `wait` on it (unless its timeout is bad or its signal had already
 * aborted) rejects with a `BrokenBarrierError` and changes nothing; it stays broken until
 * `reset()`.
 */
export const brokenRefuses: StepInvariant<BarrierState, BarrierOp> = (before, op, step) => {
  if (!before.broken) return true;
  if (op.kind === 'reset') return !step.state.broken;
  if (!step.state.broken) return false;
  if (op.kind !== 'wait' || op.options.aborted === true || refusedTimeout(op.waiter, op.options) !== undefined) return true;
  const [only] = step.settled;
  return step.settled.length === 1 && only?.outcome === 'rejected' && only.error === 'BrokenBarrierError' && step.state.waiters.length === 0;
};

/** `reset()` and `abort()` send every waiter away, oldest first, each with a `BrokenBarrierError`, and leave nobody waiting. */
export const resetAndAbortSendEveryoneAway: StepInvariant<BarrierState, BarrierOp> = (before, op, { state, settled }) =>
  (op.kind !== 'reset' && op.kind !== 'abortBarrier') ||
  (state.waiters.length === 0 &&
    state.broken === (op.kind === 'abortBarrier') &&
    settled.length === before.waiters.length &&
    settled.every((s, i) => s.waiter === before.waiters[i] && s.outcome === 'rejected' && s.error === 'BrokenBarrierError'));

/**
 * A cancellation never trips the barrier and never lets anyone else through: the waiter leaves
 * (if it still waited) and the others keep waiting for `parties` callers.
 */
export const cancellationLeavesTheGroupWaiting: StepInvariant<BarrierState, BarrierOp> = (before, op, { state, settled }) =>
  (op.kind !== 'timeout' && op.kind !== 'abort') ||
  (settled.every((s) => s.waiter === op.waiter && s.outcome !== 'resolved') &&
    state.broken === before.broken &&
    keepsArrivalOrder(before.waiters, state.waiters) &&
    state.waiters.length === before.waiters.length - settled.length);

/** A step settles only waiters still waiting (or its own caller), each once, and none of them waits after. */
export const barrierSettlesOnlyLive: StepInvariant<BarrierState, BarrierOp> = (before, op, { state, settled }) =>
  settlesOnlyLiveWaiters(before.waiters, state.waiters, settled, op.kind === 'wait' ? op.waiter : undefined);

/** Waiters keep their arrival order. */
export const barrierWaitersStayInArrivalOrder: StepInvariant<BarrierState, BarrierOp> = (before, op, { state }) =>
  keepsArrivalOrder(before.waiters, state.waiters, op.kind === 'wait' ? op.waiter : undefined);

/** Every named rule about a barrier's transitions. */
export const barrierStepInvariants = {
  neverLetsAPartialGroupThrough,
  indexesAreArrivalPlaces,
  brokenRefuses,
  resetAndAbortSendEveryoneAway,
  cancellationLeavesTheGroupWaiting,
  barrierSettlesOnlyLive,
  barrierWaitersStayInArrivalOrder,
  refusesBadTimeout,
} as const;
