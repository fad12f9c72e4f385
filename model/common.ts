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
 * Whether a step that admits waiters from a queue admits its oldest ones, in order, and keeps
 * the rest in arrival order, so nobody is overtaken. `admitted` are the waiters it resolved
 * (the one `joining` with this call excluded); `cancelled` is the one that left by a timeout
 * or an abort, if any, and is not counted among those ahead.
 */
export function admitsOldestOfQueue(
  before: readonly WaiterId[],
  after: readonly WaiterId[],
  settled: readonly Settlement[],
  joining: WaiterId | undefined,
  cancelled: WaiterId | undefined,
): boolean {
  const admitted = settled.filter((s) => s.outcome === 'resolved' && s.waiter !== joining).map((s) => s.waiter);
  const ahead = before.filter((id) => id !== cancelled).slice(0, admitted.length);
  return admitted.join() === ahead.join() && keepsArrivalOrder(before, after, joining);
}

/**
 * Whether the queue kept arrival order through a step: `after` is `before` (plus `joining` at
 * the back, if given) with some waiters removed, none reordered and none added.
 */
export function keepsArrivalOrder(before: readonly WaiterId[], after: readonly WaiterId[], joining?: WaiterId): boolean {
  const joined = joining === undefined ? before : [...before, joining];
  let i = 0;
  for (const id of after) {
    while (i < joined.length && joined[i] !== id) i++;
    if (i === joined.length) return false;
    i++;
  }
  return true;
}
