/**
 * The specification of {@link Event}: a flag that is set or clear, and a fair queue of
 * waiters that setting it wakes.
 *
 * @module
 */

import {
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

/** The whole state of an event: its flag and who waits for it, oldest first. */
export interface EventState {
  /** Whether the event is set. */
  readonly isSet: boolean;
  /** Waiting callers of `wait`, oldest first; always empty while the event is set. */
  readonly waiters: readonly WaiterId[];
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type EventOp =
  /** `wait(options)` made by `waiter`. */
  | { readonly kind: 'wait'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `set()`. */
  | { readonly kind: 'set' }
  /** `clear()`. */
  | { readonly kind: 'clear' }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/** An event starts clear, with nobody waiting. */
export function eventInit(): EventState {
  return { isSet: false, waiters: [] };
}

/** What a woken waiter's `wait` resolves to. */
const woken = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'resolved', value: undefined });

/** Removes a cancelled waiter if it still waits; after `set` woke it a cancellation changes nothing. */
function cancel(state: EventState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<EventState> {
  const waiters = without(state.waiters, waiter);
  if (waiters === undefined) return unchanged(state);
  return { state: { ...state, waiters }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter, outcome }] };
}

/**
 * One transition of an event. The rules, in the order they apply:
 *
 * - **a bad timeout**: a waiting call (`wait`) whose `timeout` is not an integer from 0
 *   to 2^31 - 1 rejects at once with a `RangeError` and changes nothing, before any rule below
 *   applies: even with an aborted signal, even when it could complete now ({@link refusedTimeout}).
 * - **wait**: an already-aborted signal rejects at once with its reason, even when the event
 *   is set. Otherwise, when the event is set, it resolves at once, whatever the timeout.
 *   Otherwise a timeout of 0 rejects at once with a `TimeoutError`; any other call joins the
 *   back of the queue.
 * - **set**: sets the flag and wakes every waiter, oldest first; each resolves. Setting an
 *   event already set changes nothing.
 * - **clear**: clears the flag; it wakes nobody and un-wakes nobody: a waiter that `set`
 *   woke stays woken, even when `clear` follows in the same tick (Python's bpo-13502, where a
 *   woken `Event.wait()` could still report the flag as false).
 * - **timeout**, **abort**: a waiter still waiting leaves the queue and rejects (with a
 *   `TimeoutError`, or the signal's reason). After `set` woke it, they change nothing.
 */
export function eventStep(state: EventState, op: EventOp): Step<EventState> {
  switch (op.kind) {
    case 'wait': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: { kind: 'pending' }, settled: [badTimeout] };
      // Then an aborted signal is checked.
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // A set event lets the caller through now.
      if (state.isSet) return { state, returned: { kind: 'pending' }, settled: [woken(op.waiter)] };
      // A timeout of 0 gives up at once.
      if (op.options.timeout === 0) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'timeout' }] };
      // Otherwise wait at the back.
      return { state: { ...state, waiters: [...state.waiters, op.waiter] }, returned: { kind: 'pending' }, settled: [] };
    }
    case 'set':
      // Every waiter is woken, oldest first; none can be waiting if it was already set.
      return { state: { isSet: true, waiters: [] }, returned: { kind: 'returned', value: undefined }, settled: state.waiters.map(woken) };
    case 'clear':
      // Only the flag changes: nobody is woken or un-woken.
      return unchanged({ ...state, isSet: false });
    case 'timeout':
      return cancel(state, op.waiter, 'timeout');
    case 'abort':
      return cancel(state, op.waiter, 'aborted');
  }
}

/** What {@link Event.statistics} must show in `state`. */
export function eventStatistics(state: EventState): { readonly isSet: boolean; readonly waiting: number } {
  return { isSet: state.isSet, waiting: state.waiters.length };
}

/** Nobody waits while the event is set: `set` woke them all, and a later `wait` passes. */
export function noWaitersWhileSet(state: EventState): boolean {
  return !state.isSet || state.waiters.length === 0;
}

/** A waiter waits once: no id is queued twice. */
export function eventWaitersDistinct(state: EventState): boolean {
  return new Set(state.waiters).size === state.waiters.length;
}

/** Every named invariant of an event's state. */
export const eventInvariants = { noWaitersWhileSet, eventWaitersDistinct } as const;

/** `set` wakes exactly the waiters waiting when it is called, oldest first, each resolving. */
export const setWakesEveryWaiterOldestFirst: StepInvariant<EventState, EventOp> = (before, op, { state, settled }) =>
  op.kind !== 'set' ||
  (state.isSet &&
    state.waiters.length === 0 &&
    settled.length === before.waiters.length &&
    settled.every((s, i) => s.waiter === before.waiters[i] && s.outcome === 'resolved'));

/** `clear` never wakes, un-wakes or removes a waiter: it only lowers the flag. */
export const clearNeverUnwakes: StepInvariant<EventState, EventOp> = (before, op, { state, settled }) =>
  op.kind !== 'clear' || (!state.isSet && settled.length === 0 && state.waiters === before.waiters);

/** A settled waiter is never woken again: a step settles only waiters still waiting (or the caller), once. */
export const eventSettledWaiterNeverWokenAgain: StepInvariant<EventState, EventOp> = (before, op, { state, settled }) =>
  settlesOnlyLiveWaiters(before.waiters, state.waiters, settled, op.kind === 'wait' ? op.waiter : undefined);

/** Waiters keep their arrival order. */
export const eventWaitersStayInArrivalOrder: StepInvariant<EventState, EventOp> = (before, op, { state }) =>
  keepsArrivalOrder(before.waiters, state.waiters, op.kind === 'wait' ? op.waiter : undefined);

/** Every named rule about an event's transitions. */
export const eventStepInvariants = {
  setWakesEveryWaiterOldestFirst,
  clearNeverUnwakes,
  eventSettledWaiterNeverWokenAgain,
  eventWaitersStayInArrivalOrder,
  refusesBadTimeout,
} as const;
