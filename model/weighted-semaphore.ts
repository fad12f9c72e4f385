/**
 * The specification of {@link WeightedSemaphore}: a capacity of units, taken and given back in
 * weights, by one strictly FIFO queue of waiters with head-of-line blocking (as Go's
 * `golang.org/x/sync/semaphore.Weighted`).
 *
 * @module
 */

import {
  admitsOldestOfQueue,
  endsAtOnce,
  forgetPriorities,
  inServiceOrder,
  placeInLine,
  priorityOf,
  prioritiesOfWaitersOnly,
  refused,
  refusedTimeout,
  refusesBadTimeout,
  settlesOnlyLiveWaiters,
  unchanged,
  withPriority,
  type Prioritized,
  type Settlement,
  type Step,
  type StepInvariant,
  type WaitSpec,
  type WaiterId,
} from './common.js';

/** A waiter or a holder and the units it asks for or holds. */
export interface Weighted {
  readonly waiter: WaiterId;
  readonly weight: number;
}

/** The whole state of a weighted semaphore. */
export interface WeightedSemaphoreState extends Prioritized {
  /** The units there are in all: a positive integer, fixed at construction. */
  readonly capacity: number;
  /** Units available now. */
  readonly value: number;
  /**
   * Waiting acquirers and their weights, in the order they will be served: oldest first (by
   * priority first, where acquirers give one: see {@link Prioritized}).
   */
  readonly waiters: readonly Weighted[];
  /** The outstanding grants and their weights, in grant order: each releaser can still give its units back. */
  readonly holders: readonly Weighted[];
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type WeightedSemaphoreOp =
  /** `acquire(weight, options)` made by `waiter`; the weight is any value a caller may pass. */
  | { readonly kind: 'acquire'; readonly waiter: WaiterId; readonly weight: unknown; readonly options: WaitSpec }
  /** `tryAcquire(weight)`; `waiter` names the releaser it may return. */
  | { readonly kind: 'tryAcquire'; readonly waiter: WaiterId; readonly weight: unknown }
  /** `release()` on the releaser granted to `waiter`. */
  | { readonly kind: 'releaser'; readonly waiter: WaiterId }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/**
 * The initial state (every unit available, nobody waiting), or the error the constructor
 * throws: a `TypeError` for a capacity that is not a number, a `RangeError` for one that is
 * not a positive safe integer.
 */
export function weightedSemaphoreInit(capacity: unknown): WeightedSemaphoreState | { readonly error: 'RangeError' | 'TypeError' } {
  if (typeof capacity !== 'number') return { error: 'TypeError' };
  if (!Number.isSafeInteger(capacity) || capacity < 1) return { error: 'RangeError' };
  return { capacity, value: capacity, waiters: [], holders: [] };
}

/**
 * What is wrong with `weight` for a semaphore of `capacity`, or `undefined` if nothing: not a
 * number is a `TypeError`; zero, negative, fractional, NaN, or above the capacity (a request
 * that could never be granted, and would block everyone behind it for ever) is a `RangeError`.
 */
export function weightError(capacity: number, weight: unknown): 'TypeError' | 'RangeError' | undefined {
  if (typeof weight !== 'number') return 'TypeError';
  if (!Number.isInteger(weight) || weight < 1 || weight > capacity) return 'RangeError';
  return undefined;
}

/** What a granted acquire resolves to, as the model names it. */
const granted = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'resolved', value: 'releaser' });

/**
 * Admits waiters from the head, in order, while the head fits in the units available: the
 * first that does not fit stops everyone behind it (head-of-line blocking), so a large waiter
 * is never overtaken by smaller ones.
 */
function admit(state: WeightedSemaphoreState): { state: WeightedSemaphoreState; settled: Settlement[] } {
  let { value } = state;
  const holders = [...state.holders];
  const settled: Settlement[] = [];
  let admitted = 0;
  for (const head of state.waiters) {
    if (head.weight > value) break;
    value -= head.weight;
    holders.push(head);
    settled.push(granted(head.waiter));
    admitted++;
  }
  if (admitted === 0) return { state, settled };
  const waiters = state.waiters.slice(admitted);
  return { state: forgetPriorities({ ...state, value, holders, waiters }, ids(waiters)), settled };
}

/**
 * Removes a cancelled waiter if it still waits, then admits those behind it that now fit; after
 * its handoff a cancellation changes nothing.
 */
function cancel(state: WeightedSemaphoreState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<WeightedSemaphoreState> {
  const index = state.waiters.findIndex((w) => w.waiter === waiter);
  if (index < 0) return unchanged(state);
  const waiters = [...state.waiters.slice(0, index), ...state.waiters.slice(index + 1)];
  const left = forgetPriorities({ ...state, waiters }, ids(waiters));
  // Only the head's leaving can let anyone in: behind a waiting head, nobody fits (FIFO).
  const after = admit(left);
  return { state: after.state, returned: { kind: 'returned', value: undefined }, settled: [...after.settled, { waiter, outcome }] };
}

/**
 * One transition of a weighted semaphore. The rules, in the order they apply:
 *
 * - **acquire(weight)**: a weight that is not a number rejects with a `TypeError`; zero,
 *   negative, fractional, or above the capacity rejects with a `RangeError`; so does a
 *   `timeout` that is not an integer from 0 to 2^31 - 1 ({@link refusedTimeout}); none takes
 *   anything. Then an already-aborted signal rejects at once and takes nothing. Otherwise, when
 *   nobody waits ahead of it (nobody at all, without priorities) and `weight` units are
 *   available now, they are granted at once, whatever the timeout. Otherwise a timeout of 0
 *   times out at once; any other call joins the back of the queue (its place by priority,
 *   below), even if its weight fits now: nobody overtakes a waiter.
 * - **tryAcquire(weight)**: the same weight errors, thrown. Takes `weight` units only when
 *   nobody waits and they are available now (it never barges past a waiter, however small);
 *   returns the releaser, or `undefined`.
 * - **releaser**: a holder's releaser gives back exactly its weight, once, while its grant is
 *   outstanding; then the queue is admitted from the head (below). A second call, or a call on
 *   a releaser that was never granted, does nothing.
 * - **timeout**, **abort**: a waiter still waiting leaves the queue and rejects; nothing is
 *   consumed. If it was at the head, those behind it that now fit are admitted at once, in
 *   order, before its own rejection (as in Go's `x/sync/semaphore`, whose cancelled `Acquire`
 *   wakes them before it returns; a cancelled head that wakes nobody is golang/go#37852). A
 *   waiter already granted keeps its units: the cancellation changes nothing.
 *
 * **Admission** is strictly FIFO with head-of-line blocking: from the head, each waiter whose
 * weight fits in the units available is granted, in order, synchronously; the first that does
 * not fit stops the rest, so a large request is never starved by a stream of smaller ones
 * (the trade-off golang/go#56910 discusses; Effect's semaphore chose the other side).
 *
 * There is no `release(weight)` on the semaphore itself: units go back only through the
 * releaser of the grant that holds them, so no call can give back units it does not hold
 * (Go's `Release(n)` panics when it is handed more than are held; here it cannot be asked to).
 *
 * **Priorities** (for libraries that serve waiters by priority, such as a limiter's weighted
 * jobs; toro-ts's own API has none, and with no priority given every rule above is plain FIFO).
 * An acquirer may give a priority: larger is served first, none is 0. The queue is kept in
 * service order: highest priority first, arrival order among equals; "the head" and "ahead"
 * above are in that order. So the head-of-line rule reads: admission goes from the head while
 * the head fits, and the first that does not fit holds back everyone behind it, that is every
 * waiter of lower priority and every later one of its own. A call of higher priority than every
 * waiter has nobody ahead of it: if its weight fits now it is granted at once, even while a
 * blocked head of lower priority waits (that is what its priority is for); if it does not fit,
 * it becomes the head. A waiter that is cancelled, whatever its priority, leaves the others in
 * their order; if it was the head, those behind it that now fit are admitted, as above, and
 * nothing else changes. `tryAcquire` has no priority and never takes units while anyone waits,
 * of any priority: no barging.
 */
export function weightedSemaphoreStep(state: WeightedSemaphoreState, op: WeightedSemaphoreOp): Step<WeightedSemaphoreState> {
  switch (op.kind) {
    case 'acquire': {
      // A bad weight is refused through the promise, before anything else.
      const error = weightError(state.capacity, op.weight);
      if (error !== undefined) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'rejected', error }] };
      // Then a bad timeout, likewise.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: { kind: 'pending' }, settled: [badTimeout] };
      const weight = op.weight as number;
      // An aborted signal is checked next: it takes nothing even when the units are free.
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // Its place in line: behind every waiter of its priority or higher (all of them, without priorities).
      const place = placeInLine(state.waiters, op.options.priority ?? 0, (w) => priorityOf(state.priorities, w.waiter));
      // Units free now, with nobody ahead, are granted now, whatever the timeout.
      if (place === 0 && weight <= state.value) {
        const next = { ...state, value: state.value - weight, holders: [...state.holders, { waiter: op.waiter, weight }] };
        return { state: next, returned: { kind: 'pending' }, settled: [granted(op.waiter)] };
      }
      // Otherwise wait in its place, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: { kind: 'pending' }, settled: [ended] };
      const waiters = [...state.waiters.slice(0, place), { waiter: op.waiter, weight }, ...state.waiters.slice(place)];
      return { state: withPriority({ ...state, waiters }, op.waiter, op.options.priority), returned: { kind: 'pending' }, settled: [] };
    }
    case 'tryAcquire': {
      // A bad weight throws and changes nothing.
      const error = weightError(state.capacity, op.weight);
      if (error !== undefined) return refused(state, error, `tryAcquire(${String(op.weight)})`);
      const weight = op.weight as number;
      // No barging: only with nobody waiting, and only if the units are free now.
      if (state.waiters.length > 0 || weight > state.value) return unchanged(state, undefined);
      return unchanged({ ...state, value: state.value - weight, holders: [...state.holders, { waiter: op.waiter, weight }] }, 'releaser');
    }
    case 'releaser': {
      // A releaser gives back exactly its weight, once, while its grant is outstanding.
      const holder = state.holders.find((h) => h.waiter === op.waiter);
      if (holder === undefined) return unchanged(state);
      const released = { ...state, value: state.value + holder.weight, holders: state.holders.filter((h) => h !== holder) };
      const after = admit(released);
      return { state: after.state, returned: { kind: 'returned', value: undefined }, settled: after.settled };
    }
    case 'timeout':
      return cancel(state, op.waiter, 'timeout');
    case 'abort':
      return cancel(state, op.waiter, 'aborted');
  }
}

/** What {@link WeightedSemaphore.statistics} must show in `state`. */
export function weightedSemaphoreStatistics(state: WeightedSemaphoreState): { readonly value: number; readonly waiting: number } {
  return { value: state.value, waiting: state.waiters.length };
}

/** Units are conserved: those available plus those the outstanding grants hold are the capacity. */
export function unitsConserved(state: WeightedSemaphoreState): boolean {
  return state.value >= 0 && state.value + state.holders.reduce((sum, h) => sum + h.weight, 0) === state.capacity;
}

/** The head of the queue never fits: a waiter that fits would already have been admitted. */
export function headNeverFits(state: WeightedSemaphoreState): boolean {
  const [head] = state.waiters;
  return head === undefined || head.weight > state.value;
}

/** Every weight waiting or held is an integer from 1 to the capacity. */
export function weightsWithinCapacity(state: WeightedSemaphoreState): boolean {
  return [...state.waiters, ...state.holders].every((w) => Number.isInteger(w.weight) && w.weight >= 1 && w.weight <= state.capacity);
}

/** A waiter waits once, and never while it holds a grant. */
export function weightedWaitersDistinct(state: WeightedSemaphoreState): boolean {
  const all = [...state.waiters, ...state.holders].map((w) => w.waiter);
  return new Set(all).size === all.length;
}

const ids = (list: readonly Weighted[]): WaiterId[] => list.map((w) => w.waiter);

/**
 * The queue is in service order (highest priority first, arrival order among equals: plain
 * FIFO without priorities), and it keeps the priorities of its waiters and of nobody else.
 */
export function weightedWaitersInServiceOrder(state: WeightedSemaphoreState): boolean {
  const waiting = ids(state.waiters);
  return inServiceOrder(waiting, state.priorities) && prioritiesOfWaitersOnly(state.priorities, waiting);
}

/** Every named invariant of a weighted semaphore's state. */
export const weightedSemaphoreInvariants = {
  unitsConserved,
  headNeverFits,
  weightsWithinCapacity,
  weightedWaitersDistinct,
  weightedWaitersInServiceOrder,
} as const;

/**
 * Grants follow the order of the queue: the waiters a step admits are the first in line (the
 * oldest, by priority first where there are priorities), in order, and the queue keeps its
 * order otherwise, a new waiter joining in its place (nobody is overtaken).
 */
export const admitsOldestFirst: StepInvariant<WeightedSemaphoreState, WeightedSemaphoreOp> = (before, op, step) =>
  admitsOldestOfQueue(
    ids(before.waiters),
    ids(step.state.waiters),
    step.settled,
    op.kind === 'acquire' ? op.waiter : undefined,
    op.kind === 'timeout' || op.kind === 'abort' ? op.waiter : undefined,
    { waiting: before.priorities, joining: op.kind === 'acquire' ? op.options.priority : undefined },
  );

/** `tryAcquire` never takes units while anyone waits. */
export const tryAcquireNeverBarges: StepInvariant<WeightedSemaphoreState, WeightedSemaphoreOp> = (before, op, step) =>
  op.kind !== 'tryAcquire' || before.waiters.length === 0 || step.state.value === before.value;

/** A releaser gives back exactly its own weight, once: the value rises by it, less what it admits. */
export const releaserGivesBackItsWeight: StepInvariant<WeightedSemaphoreState, WeightedSemaphoreOp> = (before, op, step) => {
  if (op.kind !== 'releaser') return true;
  const holder = before.holders.find((h) => h.waiter === op.waiter);
  if (holder === undefined) return step.state === before;
  const admitted = step.state.holders.filter((h) => !before.holders.includes(h)).reduce((sum, h) => sum + h.weight, 0);
  return step.state.value === before.value + holder.weight - admitted && !step.state.holders.some((h) => h.waiter === op.waiter);
};

/** A settled waiter is never woken again: a step settles only waiters still waiting (or the caller), once. */
export const weightedSettlesOnlyLiveWaiters: StepInvariant<WeightedSemaphoreState, WeightedSemaphoreOp> = (before, op, step) =>
  settlesOnlyLiveWaiters(ids(before.waiters), ids(step.state.waiters), step.settled, op.kind === 'acquire' ? op.waiter : undefined);

/** Every named rule about a weighted semaphore's transitions. */
export const weightedSemaphoreStepInvariants = {
  admitsOldestFirst,
  tryAcquireNeverBarges,
  releaserGivesBackItsWeight,
  weightedSettlesOnlyLiveWaiters,
  refusesBadTimeout,
} as const;
