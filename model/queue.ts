/**
 * The specification of {@link Queue}, {@link PriorityQueue} and {@link LifoQueue}: one pure
 * state machine for the three, which differ only in which buffered item a get takes.
 *
 * The rules are Tornado's `queues.py` (Toro's queues, the lineage of this library). asyncio's
 * `Queue` descends from the same code but differs in three places, on purpose here:
 *
 * - asyncio's `put` puts the item in the buffer and only *wakes* the oldest getter, which
 *   retries when it resumes; a `get_nowait` in between takes the item, and the woken getter
 *   waits again at the back. Here (as in Tornado) `put` hands the item to the oldest getter
 *   synchronously, so fairness is a rule, not a likelihood (rules
 *   [1](../docs/guides/rules.md#rule-1-fifo-direct-handoff) and [2](../docs/guides/rules.md#rule-2-no-barging)).
 * - asyncio's `get` frees a slot and wakes the oldest putter, which retries; here the oldest
 *   putter's item moves in first, in the same call, and its `put` resolves
 *   ([rule 7](../docs/guides/rules.md#rule-7-queues-follow-tornado)).
 *   So a `PriorityQueue` returns the least of the buffer *and* that item, and a `LifoQueue`
 *   returns that item (Tornado's `test_order` cases).
 * - asyncio treats `maxsize <= 0` as unbounded; here a negative `maxsize` is a `RangeError`,
 *   and 0 is unbounded.
 *
 * Tornado purges timed-out waiters lazily (`_consume_expired`); here a cancelled waiter leaves
 * at once, so the state below is exactly what {@link Queue.statistics} shows.
 *
 * **Shutdown** is asyncio's (3.13, `Queue.shutdown(immediate=False)`), which Tornado lacks.
 * After it nothing enters: `put` and `putNowait` refuse with `QueueShutDown`, and waiting
 * putters reject with it, their items never entering. `get` keeps returning what is left and
 * refuses once the queue is empty. `immediate` also discards what is left. Where asyncio's
 * documentation and its code disagree, the model follows the code, and says so:
 *
 * - 3.13's documentation says `shutdown(immediate=True)` "calls `task_done()` for each remaining
 *   item". The code does not: it lowers the count by one per discarded item, never below zero
 *   (a `task_done()` may have been called ahead for an item still in the queue), never raising,
 *   and releases `join()` only if the count reaches zero; items handed out before the shutdown
 *   still need their `task_done()`. CPython later corrected the threading `queue` module's
 *   documentation, which said the same, to what the code does (python/cpython#137028: `task_done()`
 *   is not called; #137088: a hard shutdown unblocks `join()` only if every earlier get had its
 *   `task_done()`). The rule here is the code's.
 * - The documentation promised nothing for `get_nowait()` and `put_nowait()`; the code raises
 *   `QueueShutDown` from both (documented later, gh-152614): `getNowait` on a shut-down, empty
 *   queue refuses with `QueueShutDown`, not `QueueEmpty`, and `putNowait` with `QueueShutDown`
 *   even when the queue is full.
 * - `shutdown()` is not guarded against a second call: `shutdown(true)` after `shutdown(false)`
 *   still discards what is left; `shutdown(false)` after either changes nothing.
 * - `join()` is left alone by a shutdown without `immediate` (and by one that discards nothing):
 *   a joiner still waits for every `task_done()`.
 *
 * Direct handoff makes two differences from asyncio, which wakes a waiter and lets it retry:
 *
 * - A putter whose item a `get` moved in before the shutdown has put it: its `put` resolves.
 *   In asyncio that putter is only woken; when it resumes after `shutdown()` it raises
 *   `QueueShutDown` and its item never enters.
 * - A getter handed an item before `shutdown(true)` keeps it. In asyncio the item waits in the
 *   buffer for the woken getter; the immediate shutdown discards it (counting it done) and the
 *   getter raises `QueueShutDown`.
 *
 * And since a getter here never waits beside a buffered item, a shutdown always finds the
 * queue empty when getters wait, and every one of them rejects at once (asyncio wakes them all
 * to find out, though its docstring said so only for `immediate` until python/cpython#117621;
 * Python's threading queue once forgot to, gh-117531).
 *
 * @module
 */

import {
  admitsOldestOfQueue,
  endsAtOnce,
  forgetPriorities,
  inServiceOrder,
  joinInServiceOrder,
  keepsArrivalOrder,
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

/** Which item a get takes from the buffer. */
export type QueueOrder = 'fifo' | 'lifo' | 'priority';

/**
 * An item, as the model sees it: a priority `key` (the only thing a PriorityQueue's comparator
 * looks at) and a `label` that tells apart items of equal key, so that ties are observable.
 * For a Queue or a LifoQueue the key plays no part.
 */
export interface QueueItem {
  readonly key: number;
  readonly label: number;
}

/** The whole state of a queue. */
export interface QueueState extends Prioritized {
  readonly order: QueueOrder;
  /** The most items the buffer holds; 0 for unbounded. */
  readonly maxsize: number;
  /** Buffered items, in the order they entered (so a tie's put order is its position here). */
  readonly buffer: readonly QueueItem[];
  /**
   * Waiting getters, in the order they will be served: oldest first (by priority first, where
   * getters give one: see {@link Prioritized}).
   */
  readonly getters: readonly WaiterId[];
  /**
   * Waiting putters with the item each holds, in the order their items will enter: oldest
   * first (by priority first, where putters give one). Their items have not entered.
   */
  readonly putters: readonly { readonly waiter: WaiterId; readonly item: QueueItem }[];
  /** Waiting joiners, oldest first. */
  readonly joiners: readonly WaiterId[];
  /** Items that entered the queue and have not been marked done by `taskDone`. */
  readonly unfinished: number;
  /** Labels of every item that ever entered the queue (the buffer or a direct handoff), in order. */
  readonly entered: readonly number[];
  /** Labels of every item a get or getNowait returned, in order. */
  readonly received: readonly number[];
  /** Whether `shutdown` was called: nothing enters from then on. */
  readonly shutdown: boolean;
  /** Labels of every item an immediate shutdown discarded, in the order the buffer held them. */
  readonly discarded: readonly number[];
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type QueueOp =
  /** `put(item, options)` made by `waiter`. */
  | { readonly kind: 'put'; readonly waiter: WaiterId; readonly item: QueueItem; readonly options: WaitSpec }
  /** `putNowait(item)`. */
  | { readonly kind: 'putNowait'; readonly item: QueueItem }
  /** `get(options)` made by `waiter`. */
  | { readonly kind: 'get'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `getNowait()`. */
  | { readonly kind: 'getNowait' }
  /** `taskDone()`. */
  | { readonly kind: 'taskDone' }
  /** `join(options)` made by `waiter`. */
  | { readonly kind: 'join'; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `shutdown(immediate)`. */
  | { readonly kind: 'shutdown'; readonly immediate: boolean }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/**
 * The initial state, or the `RangeError` the constructor throws: `maxsize` must be an integer
 * from 0 to `Number.MAX_SAFE_INTEGER` (0: unbounded). (A `maxsize` that is not a number at all
 * is the implementation's `TypeError`: the model's sizes are numbers.)
 */
export function queueInit(order: QueueOrder, maxsize = 0): QueueState | { readonly error: 'RangeError' } {
  if (!Number.isSafeInteger(maxsize) || maxsize < 0) return { error: 'RangeError' };
  return { order, maxsize, buffer: [], getters: [], putters: [], joiners: [], unfinished: 0, entered: [], received: [], shutdown: false, discarded: [] };
}

/** Whether the buffer has no room: `maxsize > 0` and `qsize >= maxsize`. */
export function queueFull(state: QueueState): boolean {
  return state.maxsize > 0 && state.buffer.length >= state.maxsize;
}

/**
 * The index of the item a get takes: the oldest (fifo), the newest (lifo), or the least key,
 * the oldest among equal keys (priority: least first, ties in put order).
 */
export function nextIndex(state: QueueState): number {
  const { buffer } = state;
  if (state.order === 'fifo') return 0;
  if (state.order === 'lifo') return buffer.length - 1;
  let least = 0;
  for (let i = 1; i < buffer.length; i++) {
    // Strictly less: an equal key that entered later never overtakes.
    if ((buffer[i]?.key ?? 0) < (buffer[least]?.key ?? 0)) least = i;
  }
  return least;
}

/** An item enters the queue: it counts as a task from now on. */
function enter(state: QueueState, item: QueueItem): QueueState {
  return { ...state, buffer: [...state.buffer, item], unfinished: state.unfinished + 1, entered: [...state.entered, item.label] };
}

/** Takes the next item by the queue's order; the buffer is not empty. */
function take(state: QueueState): { state: QueueState; item: QueueItem } {
  const index = nextIndex(state);
  const item = state.buffer[index] as QueueItem;
  const buffer = [...state.buffer.slice(0, index), ...state.buffer.slice(index + 1)];
  return { state: { ...state, buffer, received: [...state.received, item.label] }, item };
}

/**
 * Tries to take an item without waiting: with putters waiting, the first putter's item moves in
 * first (its put resolves), then the queue's order picks; otherwise from the buffer; `undefined`
 * when there is nothing to take.
 */
function takeNow(state: QueueState): { state: QueueState; item: QueueItem; settled: Settlement[] } | undefined {
  const [first, ...rest] = state.putters;
  if (first !== undefined) {
    const moved = enter(forgetPriorities({ ...state, putters: rest }, waiting({ ...state, putters: rest })), first.item);
    return { ...take(moved), settled: [{ waiter: first.waiter, outcome: 'resolved', value: undefined }] };
  }
  if (state.buffer.length > 0) return { ...take(state), settled: [] };
  return undefined;
}

/**
 * Tries to put an item without waiting: with getters waiting, the first getter is handed the
 * item directly (it enters and is received at once, never sitting in the buffer); otherwise it
 * enters the buffer if there is room; `undefined` when the queue is full.
 */
function putNow(state: QueueState, item: QueueItem): { state: QueueState; settled: Settlement[] } | undefined {
  const [first, ...rest] = state.getters;
  if (first !== undefined) {
    const handed = enter(forgetPriorities({ ...state, getters: rest }, waiting({ ...state, getters: rest })), item);
    return { state: take(handed).state, settled: [{ waiter: first, outcome: 'resolved', value: item }] };
  }
  if (!queueFull(state)) return { state: enter(state, item), settled: [] };
  return undefined;
}

/** Removes a cancelled waiter wherever it waits; after its handoff a cancellation changes nothing. */
function cancel(state: QueueState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<QueueState> {
  const settled: Settlement[] = [{ waiter, outcome }];
  const returned = { kind: 'returned', value: undefined } as const;
  const left = (next: QueueState): Step<QueueState> => ({ state: forgetPriorities(next, waiting(next)), returned, settled });
  if (state.getters.includes(waiter)) return left({ ...state, getters: state.getters.filter((w) => w !== waiter) });
  // A putter that gives up takes its item away: it never enters.
  if (state.putters.some((p) => p.waiter === waiter)) return left({ ...state, putters: state.putters.filter((p) => p.waiter !== waiter) });
  if (state.joiners.includes(waiter)) return left({ ...state, joiners: state.joiners.filter((w) => w !== waiter) });
  return unchanged(state);
}

const pending = { kind: 'pending' } as const;

/** The getters and putters waiting, whose priorities a state keeps (joiners have none). */
function waiting(state: QueueState): WaiterId[] {
  return [...state.getters, ...state.putters.map((p) => p.waiter)];
}

/** A getter joins the getters in its place: behind every getter of its priority or higher. */
function queueGetter(state: QueueState, waiter: WaiterId, priority: number | undefined): QueueState {
  const getters = joinInServiceOrder(state.getters, waiter, priority ?? 0, (id) => priorityOf(state.priorities, id));
  return withPriority({ ...state, getters }, waiter, priority);
}

/** A putter, holding its item, joins the putters in its place: behind every putter of its priority or higher. */
function queuePutter(state: QueueState, waiter: WaiterId, item: QueueItem, priority: number | undefined): QueueState {
  const putters = joinInServiceOrder(state.putters, { waiter, item }, priority ?? 0, (p) => priorityOf(state.priorities, p.waiter));
  return withPriority({ ...state, putters }, waiter, priority);
}

/** What a call refused by a shut-down queue rejects with. */
const shutOut = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'rejected', error: 'QueueShutDown' });

/**
 * Shuts the queue down: waiting putters and getters are refused, in their order in line; `immediate`
 * discards the buffer, counting each discarded item as done while the count is positive, and
 * if that brings the count to zero every joiner resolves, oldest first.
 */
function shutdown(state: QueueState, immediate: boolean): Step<QueueState> {
  const discarded = immediate ? state.buffer : [];
  const unfinished = Math.max(0, state.unfinished - discarded.length);
  const released = state.unfinished > 0 && unfinished === 0;
  const settled: Settlement[] = [
    ...state.putters.map((putter) => shutOut(putter.waiter)),
    ...state.getters.map(shutOut),
    ...(released ? state.joiners.map((waiter): Settlement => ({ waiter, outcome: 'resolved', value: undefined })) : []),
  ];
  const next: QueueState = {
    ...forgetPriorities(state, []),
    shutdown: true,
    buffer: immediate ? [] : state.buffer,
    putters: [],
    getters: [],
    joiners: released ? [] : state.joiners,
    unfinished,
    discarded: [...state.discarded, ...discarded.map((item) => item.label)],
  };
  return { state: next, returned: { kind: 'returned', value: undefined }, settled };
}

/**
 * One transition of a queue. The rules, in the order they apply:
 *
 * - **a bad timeout**: a waiting call (`put`, `get`, `join`) whose `timeout` is not an integer from 0
 *   to 2^31 - 1 rejects at once with a `RangeError` and changes nothing, before any rule below
 *   applies: even with an aborted signal, even when it could complete now ({@link refusedTimeout}).
 * - **put**: an already-aborted signal rejects at once and the item does not enter. A queue
 *   that is shut down rejects it at once with `QueueShutDown`, whatever its timeout. With
 *   getters waiting, the first in line (the oldest) is handed the item synchronously (it enters and counts as a
 *   task; it never sits in the buffer) and the put resolves. Otherwise, with room, the item
 *   enters the buffer and the put resolves. Otherwise a timeout of 0 times out at once; any
 *   other put waits at the back of the putters (its place by priority, below), holding its
 *   item outside the queue.
 * - **putNowait**: as put, but where put would wait it throws `QueueFull`, and where put would
 *   reject with `QueueShutDown` it throws that; either way it changes nothing.
 * - **get**: an already-aborted signal rejects at once and takes nothing. With putters waiting
 *   (so the buffer is full), the first putter's item enters first and its put resolves; then
 *   the get takes by the queue's order over the buffer and that item. Otherwise a non-empty
 *   buffer gives the next item by the order: oldest (Queue), newest (LifoQueue), least key
 *   with ties in put order (PriorityQueue). Otherwise a queue that is shut down (and so empty)
 *   rejects it at once with `QueueShutDown`, whatever its timeout. Otherwise a timeout of 0
 *   times out at once; any other get waits at the back of the getters (its place by priority).
 * - **getNowait**: as get, but where get would wait it throws `QueueEmpty`, and where get would
 *   reject with `QueueShutDown` it throws that; either way it changes nothing.
 * - **taskDone**: with no unfinished task it throws `InvalidStateError` and changes nothing.
 *   Otherwise the count drops by one; when it reaches zero every joiner resolves, oldest first.
 * - **join**: an already-aborted signal rejects at once. With no unfinished task it resolves
 *   at once; otherwise a timeout of 0 times out, and any other join waits for the count to
 *   reach zero. A shutdown does not change this.
 * - **shutdown**: from now on nothing enters. Every waiting putter rejects with `QueueShutDown`,
 *   in their order in line, its item never entering; then every waiting getter (the queue is empty when
 *   any waits) likewise. With `immediate`, the items still buffered are discarded and each
 *   counts as done while the count is positive; if that brings the count to zero, every joiner
 *   resolves, oldest first, after the putters. A second `shutdown` does the same again: only
 *   an `immediate` one after a plain one changes anything.
 * - **timeout**, **abort**: a waiter still waiting leaves and rejects; a putter's item never
 *   enters. A waiter already served (a getter handed its item, a putter whose item moved in, a
 *   joiner released) or refused by a shutdown keeps how it ended: the cancellation changes
 *   nothing.
 *
 * Within one step, settlements are listed in the order the implementation resolves them: a
 * waiter woken by the call before the call's own promise.
 *
 * **Priorities** (for queues whose getters or putters wait by priority; toro-ts's own API has
 * none, and with no priority given every rule above is plain FIFO). A waiting `get` or `put`
 * may give a priority: larger is served first, none is 0. The getters, and the putters, are
 * each kept in service order: highest priority first, arrival order among equals; "the first"
 * above is in that order, so a put hands its item to the getter of highest priority that has
 * waited longest, and a get moves in the item of the putter of highest priority that has waited
 * longest. This is the order of *waiting calls*, apart from a PriorityQueue's order of *items*
 * (`key`), which still picks what a get takes from the buffer. A waiter that is cancelled,
 * whatever its priority, leaves the others in their order and changes nothing else. No barging
 * holds as it is: an item in the buffer means no getter waits, and room means no putter waits,
 * so `getNowait` and `putNowait` (which have no priority) never take what a waiter is owed.
 * Joiners have no priority: they all resolve together.
 */
export function queueStep(state: QueueState, op: QueueOp): Step<QueueState> {
  switch (op.kind) {
    case 'put': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: pending, settled: [badTimeout] };
      // Then an aborted signal is checked: the item does not enter even when there is room.
      if (op.options.aborted === true) return { state, returned: pending, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // Nothing enters a queue that is shut down.
      if (state.shutdown) return { state, returned: pending, settled: [shutOut(op.waiter)] };
      // A getter waiting, or room: the put completes now, whatever the timeout.
      const now = putNow(state, op.item);
      if (now !== undefined) return { state: now.state, returned: pending, settled: [...now.settled, { waiter: op.waiter, outcome: 'resolved', value: undefined }] };
      // Full: wait at the back, holding the item, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: pending, settled: [ended] };
      return { state: queuePutter(state, op.waiter, op.item, op.options.priority), returned: pending, settled: [] };
    }
    case 'putNowait': {
      if (state.shutdown) return refused(state, 'QueueShutDown', 'the queue is shut down');
      const now = putNow(state, op.item);
      if (now === undefined) return refused(state, 'QueueFull', 'the queue is full');
      return { state: now.state, returned: { kind: 'returned', value: undefined }, settled: now.settled };
    }
    case 'get': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: pending, settled: [badTimeout] };
      // Then an aborted signal is checked: it takes nothing even when an item is there.
      if (op.options.aborted === true) return { state, returned: pending, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      const now = takeNow(state);
      if (now !== undefined) return { state: now.state, returned: pending, settled: [...now.settled, { waiter: op.waiter, outcome: 'resolved', value: now.item }] };
      // Shut down and empty: nothing will ever come.
      if (state.shutdown) return { state, returned: pending, settled: [shutOut(op.waiter)] };
      // Empty: wait at the back, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: pending, settled: [ended] };
      return { state: queueGetter(state, op.waiter, op.options.priority), returned: pending, settled: [] };
    }
    case 'getNowait': {
      const now = takeNow(state);
      if (now === undefined && state.shutdown) return refused(state, 'QueueShutDown', 'the queue is shut down and empty');
      if (now === undefined) return refused(state, 'QueueEmpty', 'the queue is empty');
      return { state: now.state, returned: { kind: 'returned', value: now.item }, settled: now.settled };
    }
    case 'taskDone': {
      // More taskDone calls than items that entered: refused, nothing changes.
      if (state.unfinished === 0) return refused(state, 'InvalidStateError', 'taskDone() called too many times');
      const unfinished = state.unfinished - 1;
      if (unfinished > 0) return unchanged({ ...state, unfinished });
      // The count reached zero: every joiner resolves, oldest first.
      const settled = state.joiners.map((waiter): Settlement => ({ waiter, outcome: 'resolved', value: undefined }));
      return { state: { ...state, unfinished, joiners: [] }, returned: { kind: 'returned', value: undefined }, settled };
    }
    case 'join': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: pending, settled: [badTimeout] };
      if (op.options.aborted === true) return { state, returned: pending, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // Nothing unfinished: resolves now, whatever the timeout.
      if (state.unfinished === 0) return { state, returned: pending, settled: [{ waiter: op.waiter, outcome: 'resolved', value: undefined }] };
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: pending, settled: [ended] };
      return { state: { ...state, joiners: [...state.joiners, op.waiter] }, returned: pending, settled: [] };
    }
    case 'shutdown':
      // Nothing enters from now on; those waiting to put or get are refused.
      return shutdown(state, op.immediate);
    case 'timeout':
      return cancel(state, op.waiter, 'timeout');
    case 'abort':
      return cancel(state, op.waiter, 'aborted');
  }
}

/** What {@link Queue.statistics} must show in `state`. */
export function queueStatistics(state: QueueState): { qsize: number; waiting: number; putters: number; unfinished: number; shutdown: boolean } {
  return { qsize: state.buffer.length, waiting: state.getters.length, putters: state.putters.length, unfinished: state.unfinished, shutdown: state.shutdown };
}

const sorted = (labels: readonly number[]): number[] => [...labels].sort((a, b) => a - b);

/**
 * Items are conserved: every item that entered was received once, is still buffered, or was
 * discarded by an immediate shutdown (entered = received + buffered + discarded), so no
 * cancellation or shutdown lost or duplicated one.
 */
export function itemsConserved(state: QueueState): boolean {
  const accounted = sorted([...state.received, ...state.buffer.map((item) => item.label), ...state.discarded]);
  const entered = sorted(state.entered);
  return accounted.length === entered.length && accounted.every((label, i) => label === entered[i]);
}

/** An item enters at most once, and a waiting putter's item has not entered. */
export function noItemEntersTwice(state: QueueState): boolean {
  const all = [...state.entered, ...state.putters.map((p) => p.item.label)];
  return new Set(all).size === all.length;
}

/**
 * Waiters are served in order: the getters and the putters are each in service order (highest
 * priority first, arrival order among equals: plain arrival order without priorities; ids are
 * given in call order), the joiners in arrival order, and a waiter waits in one list at most
 * once; the priorities kept are those of waiting getters and putters, and no one else's.
 */
export function waitersInServiceOrder(state: QueueState): boolean {
  const putters = state.putters.map((p) => p.waiter);
  const all = [...state.getters, ...putters, ...state.joiners];
  return (
    inServiceOrder(state.getters, state.priorities) &&
    inServiceOrder(putters, state.priorities) &&
    inServiceOrder(state.joiners, undefined) &&
    new Set(all).size === all.length &&
    prioritiesOfWaitersOnly(state.priorities, waiting(state))
  );
}

/** Never a buffered item and a live getter at once: the item would have been handed over. */
export function noGetterWhileItemsBuffered(state: QueueState): boolean {
  return state.getters.length === 0 || state.buffer.length === 0;
}

/** Never room and a live putter at once: its item would have entered. */
export function noPutterWhileRoom(state: QueueState): boolean {
  return state.putters.length === 0 || queueFull(state);
}

/** The buffer never holds more than `maxsize` items (when bounded). */
export function bufferWithinMaxsize(state: QueueState): boolean {
  return state.maxsize === 0 || state.buffer.length <= state.maxsize;
}

/**
 * The task count: never negative, never more than the items that entered, and nobody joins
 * while it is zero (they would have been released).
 */
export function taskCountConsistent(state: QueueState): boolean {
  return state.unfinished >= 0 && state.unfinished <= state.entered.length && (state.joiners.length === 0 || state.unfinished > 0);
}

/** A shut-down queue has nobody waiting to put or to get: they were refused, and later ones are refused at once. */
export function nobodyWaitsToPutOrGetAfterShutdown(state: QueueState): boolean {
  return !state.shutdown || (state.getters.length === 0 && state.putters.length === 0);
}

/** Only a shutdown discards, and only an immediate one on a queue that held items. */
export function discardsOnlyAfterShutdown(state: QueueState): boolean {
  return state.shutdown || state.discarded.length === 0;
}

/** Every named invariant of the queues, for properties to check after each step. */
export const queueInvariants = {
  itemsConserved,
  noItemEntersTwice,
  waitersInServiceOrder,
  noGetterWhileItemsBuffered,
  noPutterWhileRoom,
  bufferWithinMaxsize,
  taskCountConsistent,
  nobodyWaitsToPutOrGetAfterShutdown,
  discardsOnlyAfterShutdown,
} as const;

/** The id of the waiter that makes `op`, if it is a waiting call. */
function caller(op: QueueOp): WaiterId | undefined {
  return op.kind === 'put' || op.kind === 'get' || op.kind === 'join' ? op.waiter : undefined;
}

const everyWaiter = (state: QueueState): WaiterId[] => [...state.getters, ...state.putters.map((p) => p.waiter), ...state.joiners];

/**
 * Getters, putters and joiners are each served first in line (oldest first; by priority first,
 * for getters and putters that give one): the waiters of a list a step serves are its first
 * ones, in order, and otherwise a step only removes waiters from a list or adds the caller in
 * its place, never reorders one.
 */
export const servedOldestFirst: StepInvariant<QueueState, QueueOp> = (before, op, step) => {
  const joining = caller(op);
  const cancelled = op.kind === 'timeout' || op.kind === 'abort' ? op.waiter : undefined;
  const priorities = { waiting: before.priorities, joining: op.kind === 'get' || op.kind === 'put' ? op.options.priority : undefined };
  const inOrder = (list: readonly WaiterId[], after: readonly WaiterId[], joins: boolean): boolean =>
    admitsOldestOfQueue(list, after, step.settled.filter((s) => list.includes(s.waiter)), joins ? joining : undefined, cancelled, priorities);
  return (
    inOrder(before.getters, step.state.getters, op.kind === 'get') &&
    inOrder(before.putters.map((p) => p.waiter), step.state.putters.map((p) => p.waiter), op.kind === 'put') &&
    keepsArrivalOrder(before.joiners, step.state.joiners, op.kind === 'join' ? joining : undefined)
  );
};

/** A step settles only waiters still waiting (or its own caller), each once, and none of them waits after. */
export const settlesOnlyLive: StepInvariant<QueueState, QueueOp> = (before, op, step) =>
  settlesOnlyLiveWaiters(everyWaiter(before), everyWaiter(step.state), step.settled, caller(op));

/** The labels of the items a step handed out: getNowait's return value and resolved getters. */
function handedOut(step: Step<QueueState>): number[] {
  const values = [...(step.returned.kind === 'returned' ? [step.returned.value] : []), ...step.settled.map((s) => (s.outcome === 'resolved' ? s.value : undefined))];
  return values.filter((value): value is QueueItem => typeof value === 'object' && value !== null).map((item) => item.label);
}

/** What a step hands out is exactly what leaves the queue in that step: at most one item. */
export const handsOutWhatLeaves: StepInvariant<QueueState, QueueOp> = (before, _op, step) => {
  const left = step.state.received.slice(before.received.length);
  const handed = handedOut(step);
  return left.length <= 1 && handed.length === left.length && handed.every((label, i) => label === left[i]);
};

/**
 * The task count moves by the rule: up by one for every item that entered in the step (direct
 * handoffs included), down by one for an accepted taskDone and for every item an immediate
 * shutdown discarded while the count was positive, and by nothing else.
 */
export const countsEveryEntry: StepInvariant<QueueState, QueueOp> = (before, op, step) => {
  const entered = step.state.entered.length - before.entered.length;
  const discarded = step.state.discarded.length - before.discarded.length;
  const done = (op.kind === 'taskDone' && step.returned.kind !== 'threw' ? 1 : 0) + Math.min(discarded, before.unfinished);
  return step.state.unfinished - before.unfinished === entered - done;
};

/** Joiners are released exactly when the count reaches zero, all of them, and only then. */
export const joinReleasedAtZero: StepInvariant<QueueState, QueueOp> = (before, _op, step) => {
  const released = step.settled.filter((s) => s.outcome === 'resolved' && before.joiners.includes(s.waiter)).length;
  const reachedZero = before.unfinished > 0 && step.state.unfinished === 0;
  return released === (reachedZero ? before.joiners.length : 0);
};

/** After a shutdown no item enters, and the queue stays shut down. */
export const nothingEntersAfterShutdown: StepInvariant<QueueState, QueueOp> = (before, op, step) =>
  (!before.shutdown && op.kind !== 'shutdown') || (step.state.shutdown && step.state.entered.length === before.entered.length);

/**
 * A shutdown refuses every waiting putter, then every waiting getter, oldest first, each with
 * `QueueShutDown`, and settles nobody else but the joiners its discarding releases; nothing is
 * received, and only an immediate one discards: exactly what was buffered.
 */
export const shutdownRefusesEveryWaitingCall: StepInvariant<QueueState, QueueOp> = (before, op, step) => {
  if (op.kind !== 'shutdown') return true;
  const refused = [...before.putters.map((p) => p.waiter), ...before.getters];
  const released = step.settled.slice(refused.length);
  const discarded = step.state.discarded.slice(before.discarded.length);
  return (
    step.settled.length >= refused.length &&
    step.settled.slice(0, refused.length).every((s, i) => s.waiter === refused[i] && s.outcome === 'rejected' && s.error === 'QueueShutDown') &&
    released.every((s) => s.outcome === 'resolved' && before.joiners.includes(s.waiter)) &&
    step.state.received.length === before.received.length &&
    (op.immediate ? step.state.buffer.length === 0 && discarded.length === before.buffer.length : discarded.length === 0 && step.state.buffer.length === before.buffer.length)
  );
};

/** Every named rule about one transition of a queue. */
export const queueStepInvariants = {
  servedOldestFirst,
  settlesOnlyLive,
  handsOutWhatLeaves,
  countsEveryEntry,
  joinReleasedAtZero,
  nothingEntersAfterShutdown,
  shutdownRefusesEveryWaitingCall,
  refusesBadTimeout,
} as const;
