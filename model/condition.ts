/**
 * The specification of {@link Condition}: Tornado's condition variable, a fair queue of
 * waiters that a notification wakes, with no lock of its own.
 *
 * @module
 */

import {
  keepsArrivalOrder,
  refused,
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

/** The whole state of a condition: who waits, oldest first. Nothing else is remembered. */
export interface ConditionState {
  /** Waiting callers of `wait`, oldest first. */
  readonly waiters: readonly WaiterId[];
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type ConditionOp =
  /** `wait(options)` made by `waiter`. */
  | { readonly kind: 'wait'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `notify(n)`; `n` as the caller passed it, so a bad count is a step too. */
  | { readonly kind: 'notify'; readonly n: number }
  /** `notifyAll()`. */
  | { readonly kind: 'notifyAll' }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/** A condition starts with nobody waiting. */
export function conditionInit(): ConditionState {
  return { waiters: [] };
}

/** What a notified waiter's `wait` resolves to. */
const notified = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'resolved', value: true });
/** What a timed-out waiter's `wait` resolves to: `false`, not a rejection (as in Tornado). */
const timedOut = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'resolved', value: false });

/** Wakes the `count` oldest waiters, in order: each leaves the queue, notified. */
function wake(state: ConditionState, count: number): Step<ConditionState> {
  const woken = state.waiters.slice(0, count);
  return {
    state: { waiters: state.waiters.slice(woken.length) },
    returned: { kind: 'returned', value: undefined },
    settled: woken.map(notified),
  };
}

/** Removes a cancelled waiter if it still waits; after its notification a cancellation changes nothing. */
function cancel(state: ConditionState, waiter: WaiterId, settlement: Settlement): Step<ConditionState> {
  const waiters = without(state.waiters, waiter);
  if (waiters === undefined) return unchanged(state);
  return { state: { waiters }, returned: { kind: 'returned', value: undefined }, settled: [settlement] };
}

/**
 * One transition of a condition. The rules, in the order they apply:
 *
 * - **a bad timeout**: a waiting call (`wait`) whose `timeout` is not an integer from 0
 *   to 2^31 - 1 rejects at once with a `RangeError` and changes nothing, before any rule below
 *   applies: even with an aborted signal, even when it could complete now ({@link refusedTimeout}).
 * - **wait**: an already-aborted signal rejects at once with its reason. Otherwise a timeout
 *   of 0 resolves `false` at once; any other call joins the back of the queue. A `wait` never
 *   completes at once: only a later notification wakes it.
 * - **notify(n)**: `n` must be a non-negative integer, else the call throws `RangeError` and
 *   wakes nobody. It wakes the n oldest waiters still waiting, or all of them if fewer wait:
 *   with k waiting, exactly min(n, k). Each resolves `true`, oldest first. Timed-out and
 *   aborted waiters have already left the queue, so they are neither woken nor counted (the
 *   lost notification of Tornado's and Toro's `notify_n_with_timeout` cannot happen).
 * - **notifyAll**: wakes every waiter waiting when it is called, oldest first; a `wait` made
 *   after it waits for the next notification.
 * - **timeout**: a waiter still waiting leaves the queue and resolves `false`.
 * - **abort**: a waiter still waiting leaves the queue and rejects with the signal's reason.
 *
 * A notified waiter owns its notification from that moment: a timeout or abort that comes
 * after, even in the same tick, changes nothing, and the notification is not lost (asyncio's
 * gh-112202).
 */
export function conditionStep(state: ConditionState, op: ConditionOp): Step<ConditionState> {
  switch (op.kind) {
    case 'wait': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: { kind: 'pending' }, settled: [badTimeout] };
      // Then an aborted signal is checked.
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // A timeout of 0 gives up at once: nobody can notify it in between.
      if (op.options.timeout === 0) return { state, returned: { kind: 'pending' }, settled: [timedOut(op.waiter)] };
      // Otherwise wait at the back.
      return { state: { waiters: [...state.waiters, op.waiter] }, returned: { kind: 'pending' }, settled: [] };
    }
    case 'notify':
      // A bad count is refused before anyone is woken.
      if (!Number.isSafeInteger(op.n) || op.n < 0) return refused(state, 'RangeError', `notify(${op.n})`);
      return wake(state, op.n);
    case 'notifyAll':
      return wake(state, state.waiters.length);
    case 'timeout':
      return cancel(state, op.waiter, timedOut(op.waiter));
    case 'abort':
      return cancel(state, op.waiter, { waiter: op.waiter, outcome: 'aborted' });
  }
}

/** What {@link Condition.statistics} must show in `state`. */
export function conditionStatistics(state: ConditionState): { readonly waiting: number } {
  return { waiting: state.waiters.length };
}

/** A waiter waits once: no id is queued twice. */
export function conditionWaitersDistinct(state: ConditionState): boolean {
  return new Set(state.waiters).size === state.waiters.length;
}

/** Every named invariant of a condition's state. */
export const conditionInvariants = { conditionWaitersDistinct } as const;

/**
 * A notification is never lost: `notify(n)` with k live waiters wakes exactly min(n, k), the
 * oldest, each with `true`, and leaves the others waiting in order; a bad n wakes nobody.
 */
export const notifyWakesExactlyMinOfNAndK: StepInvariant<ConditionState, ConditionOp> = (before, op, { state, settled, returned }) => {
  if (op.kind !== 'notify') return true;
  if (returned.kind === 'threw') return settled.length === 0 && state === before;
  const k = before.waiters.length;
  const count = Math.min(op.n, k);
  return (
    settled.length === count &&
    settled.every((s, i) => s.waiter === before.waiters[i] && s.outcome === 'resolved' && s.value === true) &&
    state.waiters.length === k - count &&
    state.waiters.every((id, i) => id === before.waiters[count + i])
  );
};

/** `notifyAll` wakes exactly the waiters registered before it, oldest first, and nobody after. */
export const notifyAllWakesOnlyEarlierWaiters: StepInvariant<ConditionState, ConditionOp> = (before, op, { state, settled }) =>
  op.kind !== 'notifyAll' ||
  (state.waiters.length === 0 && settled.length === before.waiters.length && settled.every((s, i) => s.waiter === before.waiters[i]));

/** A settled waiter is never woken again: a step settles only waiters still waiting (or the caller), once. */
export const conditionSettledWaiterNeverWokenAgain: StepInvariant<ConditionState, ConditionOp> = (before, op, { state, settled }) =>
  settlesOnlyLiveWaiters(before.waiters, state.waiters, settled, op.kind === 'wait' ? op.waiter : undefined);

/** A timeout resolves `false` and an abort rejects, and only for a waiter still waiting; neither wakes anyone else. */
export const conditionCancellationTouchesOnlyItsWaiter: StepInvariant<ConditionState, ConditionOp> = (before, op, { settled }) => {
  if (op.kind !== 'timeout' && op.kind !== 'abort') return true;
  if (!before.waiters.includes(op.waiter)) return settled.length === 0;
  const [only, ...rest] = settled;
  const expected = op.kind === 'timeout' ? { waiter: op.waiter, outcome: 'resolved', value: false } : { waiter: op.waiter, outcome: 'aborted' };
  return rest.length === 0 && only !== undefined && JSON.stringify(only) === JSON.stringify(expected);
};

/** Waiters keep their arrival order: the queue after a step is the queue before, minus some, plus perhaps the caller at the back. */
export const conditionWaitersStayInArrivalOrder: StepInvariant<ConditionState, ConditionOp> = (before, op, { state }) =>
  keepsArrivalOrder(before.waiters, state.waiters, op.kind === 'wait' ? op.waiter : undefined);

/** Every named rule about a condition's transitions. */
export const conditionStepInvariants = {
  notifyWakesExactlyMinOfNAndK,
  notifyAllWakesOnlyEarlierWaiters,
  conditionSettledWaiterNeverWokenAgain,
  conditionCancellationTouchesOnlyItsWaiter,
  conditionWaitersStayInArrivalOrder,
  refusesBadTimeout,
} as const;
