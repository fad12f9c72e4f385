/**
 * The vocabulary every model shares: waiters, what a step returns, and how a waiter settles.
 *
 * A model is data plus one pure, total `step(state, op)` that never mutates and never throws.
 * An illegal call is a step too: it returns the error the implementation must throw, and the
 * state unchanged.
 *
 * @module
 */

/** A waiter's identity: the program that drives a model numbers its calls. */
export type WaiterId = number;

/**
 * How a waiting call ended, in the order the model decided it.
 * - `resolved`: it was handed what it waited for (`value`: a model's name for it).
 * - `timeout`: its timeout passed first; it rejected with a `TimeoutError`.
 * - `aborted`: its signal aborted first (or already had); it rejected with `signal.reason`.
 * - `rejected`: the primitive refused it; it rejected with an error of class `error`
 *   (`BrokenBarrierError` from a broken or reset barrier, `QueueShutDown` from a queue that is
 *   shut down).
 */
export type Settlement =
  | { readonly waiter: WaiterId; readonly outcome: 'resolved'; readonly value: unknown }
  | { readonly waiter: WaiterId; readonly outcome: 'timeout' }
  | { readonly waiter: WaiterId; readonly outcome: 'aborted' }
  | { readonly waiter: WaiterId; readonly outcome: 'rejected'; readonly error: string };

/**
 * What the call itself returned, synchronously.
 * - `pending`: a promise that has not settled yet (its settlement, if immediate, is in `settled`).
 * - `returned`: a value (`undefined` for a void call).
 * - `threw`: an error of class `error` (`RangeError`, `InvalidStateError`, `QueueEmpty`, ...).
 */
export type Returned =
  | { readonly kind: 'pending' }
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly error: string; readonly reason: string };

/** One transition: the next state, what the call returned, and who settled, in order. */
export interface Step<S> {
  readonly state: S;
  readonly returned: Returned;
  readonly settled: readonly Settlement[];
}

/**
 * A rule about one transition rather than one state (`notify(n)` wakes exactly min(n, k)
 * waiters, say): it sees the state before, the operation and the step it produced. Properties
 * check these after every step, as they check a state's invariants.
 */
export type StepInvariant<S, Op> = (before: S, op: Op, step: Step<S>) => boolean;

/** The largest timeout, in milliseconds: 2^31 - 1, the largest delay timers honour. */
export const MAX_TIMEOUT = 2_147_483_647;

/** The options of a waiting call, as far as a model cares. */
export interface WaitSpec {
  /**
   * Milliseconds, or `undefined` for none. Of the good ones (integers from 0 to
   * {@link MAX_TIMEOUT}), only `0` changes what the call does at once; any other number refuses
   * the call (see {@link refusedTimeout}).
   */
  readonly timeout?: number | undefined;
  /** Whether the signal was already aborted when the call was made. */
  readonly aborted?: boolean | undefined;
  /**
   * The call's priority, where the primitive serves waiters by priority (see {@link Priorities}):
   * larger is served first; `undefined` is 0. The models that have no priorities ignore it.
   */
  readonly priority?: number | undefined;
}

/** A step that changes nothing and returns `value`. */
export function unchanged<S>(state: S, value: unknown = undefined): Step<S> {
  return { state, returned: { kind: 'returned', value }, settled: [] };
}

/** A step that refuses an illegal call: the state is unchanged and the call throws `error`. */
export function refused<S>(state: S, error: string, reason: string): Step<S> {
  return { state, returned: { kind: 'threw', error, reason }, settled: [] };
}

/** `waiters` without `waiter`, or `undefined` if it was not there. */
export function without(waiters: readonly WaiterId[], waiter: WaiterId): readonly WaiterId[] | undefined {
  const index = waiters.indexOf(waiter);
  return index < 0 ? undefined : [...waiters.slice(0, index), ...waiters.slice(index + 1)];
}

/**
 * The refusal of a waiting call whose `timeout` is bad, or `undefined` when it is good (absent,
 * or an integer from 0 to {@link MAX_TIMEOUT}). A negative, fractional, NaN or infinite timeout,
 * or one past {@link MAX_TIMEOUT} (which `setTimeout` would silently turn into 1 ms), is bad
 * input: the call returns a promise that rejects at once with a `RangeError`, and nothing
 * changes. Every waiting call checks it before anything else, so a bad timeout is refused even
 * with an aborted signal, and even when the call could complete now.
 */
export function refusedTimeout(waiter: WaiterId, options: WaitSpec): Settlement | undefined {
  const { timeout } = options;
  if (timeout === undefined || (Number.isInteger(timeout) && timeout >= 0 && timeout <= MAX_TIMEOUT)) return undefined;
  return { waiter, outcome: 'rejected', error: 'RangeError' };
}

/**
 * The rule of {@link refusedTimeout} about one transition: a waiting call whose `timeout` is bad
 * leaves the state as it was and settles only itself, rejected (with a `RangeError`, or the
 * error of a bad argument checked before it, such as a weighted call's weight).
 */
export function refusesBadTimeout<S, Op>(before: S, op: Op, step: Step<S>): boolean {
  const { waiter, options } = op as { readonly waiter?: unknown; readonly options?: WaitSpec };
  if (typeof waiter !== 'number' || options === undefined || refusedTimeout(waiter, options) === undefined) return true;
  const [only, ...others] = step.settled;
  return step.state === before && step.returned.kind === 'pending' && others.length === 0 && only?.waiter === waiter && only.outcome === 'rejected';
}

/**
 * The outcome of a waiting call that cannot complete now, before it queues: an already-aborted
 * signal, or a timeout of 0, ends it at once; otherwise it waits.
 */
export function endsAtOnce(waiter: WaiterId, options: WaitSpec): Settlement | undefined {
  if (options.aborted === true) return { waiter, outcome: 'aborted' };
  if (options.timeout === 0) return { waiter, outcome: 'timeout' };
  return undefined;
}

/**
 * Whether a step settled only waiters that were still waiting (or `joining`, the caller of the
 * step itself), each at most once, and left none of them waiting: so a settled waiter is never
 * woken again.
 */
export function settlesOnlyLiveWaiters(
  before: readonly WaiterId[],
  after: readonly WaiterId[],
  settled: readonly Settlement[],
  joining?: WaiterId,
): boolean {
  const ids = settled.map((s) => s.waiter);
  return (
    new Set(ids).size === ids.length &&
    ids.every((id) => (before.includes(id) || id === joining) && !after.includes(id))
  );
}

/**
 * Whether a step that admits waiters from a queue admits the first in line (the oldest ones,
 * or by priority where `priorities` are given), in order, and keeps the rest in their order, so
 * nobody is overtaken. `admitted` are the waiters it resolved
 * (the one `joining` with this call excluded); `cancelled` is the one that left by a timeout
 * or an abort, if any, and is not counted among those ahead.
 */
export function admitsOldestOfQueue(
  before: readonly WaiterId[],
  after: readonly WaiterId[],
  settled: readonly Settlement[],
  joining: WaiterId | undefined,
  cancelled: WaiterId | undefined,
  priorities?: JoiningPriorities,
): boolean {
  const admitted = settled.filter((s) => s.outcome === 'resolved' && s.waiter !== joining).map((s) => s.waiter);
  const ahead = before.filter((id) => id !== cancelled).slice(0, admitted.length);
  return admitted.join() === ahead.join() && keepsArrivalOrder(before, after, joining, priorities);
}

/**
 * Whether the queue kept its order through a step: `after` is `before` (plus `joining` in its
 * place, if given: at the back, or by its priority where `priorities` are given) with some
 * waiters removed, none reordered and none added.
 */
export function keepsArrivalOrder(before: readonly WaiterId[], after: readonly WaiterId[], joining?: WaiterId, priorities?: JoiningPriorities): boolean {
  const joined = joining === undefined ? before : joinInServiceOrder(before, joining, priorities?.joining ?? 0, (id) => priorityOf(priorities?.waiting, id));
  let i = 0;
  for (const id of after) {
    while (i < joined.length && joined[i] !== id) i++;
    if (i === joined.length) return false;
    i++;
  }
  return true;
}

/**
 * **Priorities.** A primitive may serve its waiters by priority: a waiting call gives a number
 * (`{ priority: 2 }`), larger is served first, and a call that gives none has priority 0. Its
 * queue is then kept in *service order*: highest priority first, and in arrival order among
 * equal priorities. A queue whose calls give no priority, or all the same one, is plain FIFO,
 * so priorities change nothing for a program that does not use them.
 *
 * A model keeps the priorities of the calls still waiting that gave one other than 0, by waiter;
 * the field is absent while there are none, so a state without priorities is what it always was.
 * A waiter that leaves the queue (served, timed out, aborted, refused) takes its priority with it.
 */
export type Priorities = Readonly<Record<WaiterId, number>>;

/** What a state that serves by priority holds of them. */
export interface Prioritized {
  /** The priorities of the waiting calls that gave one other than 0; absent while there are none. */
  readonly priorities?: Priorities;
}

/** The priorities of a queue's waiting calls and of the call joining it, for the order rules. */
export interface JoiningPriorities {
  readonly waiting: Priorities | undefined;
  readonly joining: number | undefined;
}

/** The priority `waiter` waits with: 0 unless it gave another. */
export function priorityOf(priorities: Priorities | undefined, waiter: WaiterId): number {
  return priorities?.[waiter] ?? 0;
}

/**
 * How many of `queue` (in service order) a call of `priority` goes behind: every waiter of its
 * priority or higher. The call joins there; with no priorities at all, at the back.
 */
export function placeInLine<T>(queue: readonly T[], priority: number, priorityOfEntry: (entry: T) => number): number {
  let place = 0;
  while (place < queue.length && priorityOfEntry(queue[place] as T) >= priority) place++;
  return place;
}

/** `queue` with `entry`, of `priority`, in its place in service order (see {@link placeInLine}). */
export function joinInServiceOrder<T>(queue: readonly T[], entry: T, priority: number, priorityOfEntry: (entry: T) => number): readonly T[] {
  const place = placeInLine(queue, priority, priorityOfEntry);
  return [...queue.slice(0, place), entry, ...queue.slice(place)];
}

/** `state` with `waiter`'s priority kept, when it is not 0 (0 is what no priority means). */
export function withPriority<S extends Prioritized>(state: S, waiter: WaiterId, priority: number | undefined): S {
  if (priority === undefined || priority === 0) return state;
  return { ...state, priorities: { ...state.priorities, [waiter]: priority } };
}

/**
 * `state` with the priorities of the calls that are not `waiting` any more forgotten (the field
 * dropped once none is left), so that two states with the same waiters are the same state.
 */
export function forgetPriorities<S extends Prioritized>(state: S, waiting: readonly WaiterId[]): S {
  const { priorities, ...rest } = state;
  if (priorities === undefined) return state;
  const kept = Object.entries(priorities).filter(([waiter]) => waiting.includes(Number(waiter)));
  if (kept.length === Object.keys(priorities).length) return state;
  return (kept.length === 0 ? rest : { ...rest, priorities: Object.fromEntries(kept) }) as S;
}

/**
 * Whether `queue` is in service order: priorities never rise from front to back, and among equal
 * priorities ids rise (a program numbers its calls in the order it makes them).
 */
export function inServiceOrder(queue: readonly WaiterId[], priorities: Priorities | undefined): boolean {
  return queue.every((id, i) => {
    if (i === 0) return true;
    const ahead = queue[i - 1] as WaiterId;
    const [p, q] = [priorityOf(priorities, ahead), priorityOf(priorities, id)];
    return p > q || (p === q && ahead < id);
  });
}

/** Whether `priorities` holds only priorities other than 0, and only of calls in `waiting`. */
export function prioritiesOfWaitersOnly(priorities: Priorities | undefined, waiting: readonly WaiterId[]): boolean {
  if (priorities === undefined) return true;
  const entries = Object.entries(priorities);
  return entries.length > 0 && entries.every(([waiter, priority]) => priority !== 0 && Number.isFinite(priority) && waiting.includes(Number(waiter)));
}
