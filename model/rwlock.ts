/**
 * The specification of {@link RWLock}: a reader-writer lock with one FIFO queue, in which
 * consecutive readers at the head go in together and a waiting writer holds back every reader
 * that came after it, so neither readers nor writers starve.
 *
 * @module
 */

import {
  admitsOldestOfQueue,
  endsAtOnce,
  refusedTimeout,
  refusesBadTimeout,
  settlesOnlyLiveWaiters,
  unchanged,
  type Settlement,
  type Step,
  type StepInvariant,
  type WaitSpec,
  type WaiterId,
} from './common.js';

/** What a call asks for: a share of the lock (read) or all of it (write). */
export type RWMode = 'read' | 'write';

/** A waiter and what it waits for. */
export interface RWWaiter {
  readonly waiter: WaiterId;
  readonly mode: RWMode;
}

/** The whole state of a reader-writer lock. */
export interface RWLockState {
  /** The most readers inside at once; `undefined` for no limit. */
  readonly maxReaders: number | undefined;
  /** Waiting acquirers, readers and writers in one queue, oldest first. */
  readonly waiters: readonly RWWaiter[];
  /** The outstanding read grants, in grant order. */
  readonly readers: readonly WaiterId[];
  /** The outstanding write grant, if any. */
  readonly writer: WaiterId | undefined;
}

/** The calls a program makes, and the two ways a waiter is cancelled. */
export type RWLockOp =
  /** `acquireRead(options)` or `acquireWrite(options)` made by `waiter`. */
  | { readonly kind: 'acquire'; readonly mode: RWMode; readonly waiter: WaiterId; readonly options: WaitSpec }
  /** `tryAcquireRead()` or `tryAcquireWrite()`; `waiter` names the releaser it may return. */
  | { readonly kind: 'tryAcquire'; readonly mode: RWMode; readonly waiter: WaiterId }
  /** `release()` on the releaser granted to `waiter`. */
  | { readonly kind: 'releaser'; readonly waiter: WaiterId }
  /** `waiter`'s timeout passes. */
  | { readonly kind: 'timeout'; readonly waiter: WaiterId }
  /** `waiter`'s signal aborts. */
  | { readonly kind: 'abort'; readonly waiter: WaiterId };

/**
 * A new lock: free, nobody waiting; or the error the constructor throws: `maxReaders` must be a
 * positive integer or `Infinity` (a `RangeError` otherwise, a `TypeError` if it is not a
 * number). `undefined` or `Infinity` means no limit.
 */
export function rwlockInit(maxReaders?: unknown): RWLockState | { readonly error: 'RangeError' | 'TypeError' } {
  if (maxReaders === undefined || maxReaders === Number.POSITIVE_INFINITY) return { maxReaders: undefined, waiters: [], readers: [], writer: undefined };
  if (typeof maxReaders !== 'number') return { error: 'TypeError' };
  if (!Number.isSafeInteger(maxReaders) || maxReaders < 1) return { error: 'RangeError' };
  return { maxReaders, waiters: [], readers: [], writer: undefined };
}

/** Whether a call for `mode` could go in now, queue aside: a reader while no writer is in and a reader's place is free; a writer while nobody is in. */
export function rwFits(state: RWLockState, mode: RWMode): boolean {
  if (state.writer !== undefined) return false;
  if (mode === 'write') return state.readers.length === 0;
  return state.maxReaders === undefined || state.readers.length < state.maxReaders;
}

/** `waiter` goes in for `mode`: it becomes an outstanding grant. */
function enter(state: RWLockState, waiter: WaiterId, mode: RWMode): RWLockState {
  return mode === 'read' ? { ...state, readers: [...state.readers, waiter] } : { ...state, writer: waiter };
}

const granted = (waiter: WaiterId): Settlement => ({ waiter, outcome: 'resolved', value: 'releaser' });

/**
 * Admits waiters from the head, in order, while the head fits: a run of readers at the head
 * goes in together (up to `maxReaders`), a writer goes in alone when the lock is free, and the
 * first waiter that does not fit stops everyone behind it.
 */
function admit(state: RWLockState): { state: RWLockState; settled: Settlement[] } {
  let next = state;
  const settled: Settlement[] = [];
  let admitted = 0;
  for (const head of state.waiters) {
    if (!rwFits(next, head.mode)) break;
    next = enter(next, head.waiter, head.mode);
    settled.push(granted(head.waiter));
    admitted++;
  }
  if (admitted === 0) return { state, settled };
  return { state: { ...next, waiters: state.waiters.slice(admitted) }, settled };
}

/**
 * Removes a cancelled waiter if it still waits, then admits those now at the head that fit;
 * after its handoff a cancellation changes nothing.
 */
function cancel(state: RWLockState, waiter: WaiterId, outcome: 'timeout' | 'aborted'): Step<RWLockState> {
  const index = state.waiters.findIndex((w) => w.waiter === waiter);
  if (index < 0) return unchanged(state);
  const after = admit({ ...state, waiters: [...state.waiters.slice(0, index), ...state.waiters.slice(index + 1)] });
  return { state: after.state, returned: { kind: 'returned', value: undefined }, settled: [...after.settled, { waiter, outcome }] };
}

/**
 * One transition of a reader-writer lock. The rules, in the order they apply:
 *
 * - **a bad timeout**: a waiting call (`acquireRead`, `acquireWrite`) whose `timeout` is not an integer from 0
 *   to 2^31 - 1 rejects at once with a `RangeError` and changes nothing, before any rule below
 *   applies: even with an aborted signal, even when it could complete now ({@link refusedTimeout}).
 * - **acquire** (`acquireRead`, `acquireWrite`): an already-aborted signal rejects at once and
 *   takes nothing. Otherwise, when nobody waits and the call fits now (a reader: no writer in
 *   and fewer than `maxReaders` readers; a writer: nobody in), it is granted at once, whatever
 *   the timeout. Otherwise a timeout of 0 times out at once; any other call joins the back of
 *   the one queue: a reader never goes in past a waiting writer, even while other readers hold
 *   the lock.
 * - **tryAcquire** (`tryAcquireRead`, `tryAcquireWrite`): goes in only when nobody waits and
 *   it fits now (never barging); returns the releaser, or `undefined`.
 * - **releaser**: a holder's releaser gives back its own grant, once, while it is
 *   outstanding; then the queue is admitted from the head (below). A second call, or a call on
 *   a releaser that was never granted, does nothing.
 * - **timeout**, **abort**: a waiter still waiting leaves the queue and rejects; nothing is
 *   consumed. If it stood at the head, those behind it that now fit are admitted at once, in
 *   order, before its own rejection: a cancelled writer at the head lets the run of readers
 *   behind it in together. (A reader waits at the head only while a writer is in or
 *   `maxReaders` readers are, which holds back everyone behind it too; so when a head reader
 *   is cancelled, the group behind it goes in exactly if it now fits, which by then it does not.)
 *   A waiter already granted keeps its grant: the cancellation changes nothing.
 *
 * **Admission**: from the head, in order, each waiter that fits goes in, synchronously; the
 * first that does not fit stops everyone behind it. So consecutive readers at the head go in
 * together (up to `maxReaders`); a writer waits for the readers inside to leave and holds back
 * every later reader; when it leaves, the readers that queued behind it go in together. Neither
 * readers nor writers can starve: each waits only for those ahead of it.
 *
 * **How this differs from Toro's `RWLock`**, which was a `BoundedSemaphore(max_readers)`: a
 * reader took one permit, a writer took all `max_readers` of them one at a time. Toro's default
 * was one reader (so `RWLock()` was a plain lock), and readers had to be bounded; here the
 * default is no limit, because a bound is a resource limit, not part of reader-writer
 * exclusion. A write is one atomic request: Toro's writer, holding some permits when its
 * deadline passed, raised `Timeout` without giving back the permits it had already been
 * granted, which were then lost for good. And there is no `release_read()` /
 * `release_write()` on the lock: only a grant's releaser gives it back, so no call can release
 * a read or a write it does not hold.
 */
export function rwlockStep(state: RWLockState, op: RWLockOp): Step<RWLockState> {
  switch (op.kind) {
    case 'acquire': {
      // A bad timeout is refused before anything else, and changes nothing.
      const badTimeout = refusedTimeout(op.waiter, op.options);
      if (badTimeout !== undefined) return { state, returned: { kind: 'pending' }, settled: [badTimeout] };
      // Then an aborted signal is checked: it takes nothing even when the lock is free.
      if (op.options.aborted === true) return { state, returned: { kind: 'pending' }, settled: [{ waiter: op.waiter, outcome: 'aborted' }] };
      // With nobody ahead, a call that fits now goes in now, whatever the timeout.
      if (state.waiters.length === 0 && rwFits(state, op.mode)) {
        return { state: enter(state, op.waiter, op.mode), returned: { kind: 'pending' }, settled: [granted(op.waiter)] };
      }
      // Otherwise wait at the back of the one queue, unless the timeout is 0.
      const ended = endsAtOnce(op.waiter, op.options);
      if (ended !== undefined) return { state, returned: { kind: 'pending' }, settled: [ended] };
      return { state: { ...state, waiters: [...state.waiters, { waiter: op.waiter, mode: op.mode }] }, returned: { kind: 'pending' }, settled: [] };
    }
    case 'tryAcquire':
      // No barging: only with nobody waiting, and only if it fits now.
      return state.waiters.length === 0 && rwFits(state, op.mode) ? unchanged(enter(state, op.waiter, op.mode), 'releaser') : unchanged(state, undefined);
    case 'releaser': {
      // A releaser gives back its own grant while it is outstanding, and otherwise does nothing.
      let released: RWLockState;
      if (state.writer === op.waiter) released = { ...state, writer: undefined };
      else if (state.readers.includes(op.waiter)) released = { ...state, readers: state.readers.filter((r) => r !== op.waiter) };
      else return unchanged(state);
      const after = admit(released);
      return { state: after.state, returned: { kind: 'returned', value: undefined }, settled: after.settled };
    }
    case 'timeout':
      return cancel(state, op.waiter, 'timeout');
    case 'abort':
      return cancel(state, op.waiter, 'aborted');
  }
}

/** What {@link RWLock.statistics} must show in `state`. */
export function rwlockStatistics(state: RWLockState): { readonly readers: number; readonly writing: boolean; readonly waiting: number } {
  return { readers: state.readers.length, writing: state.writer !== undefined, waiting: state.waiters.length };
}

/** A writer is alone: while it holds the lock, no reader does. */
export function writerExcludesReaders(state: RWLockState): boolean {
  return state.writer === undefined || state.readers.length === 0;
}

/** Never more readers inside than `maxReaders`. */
export function readersWithinMax(state: RWLockState): boolean {
  return state.maxReaders === undefined || state.readers.length <= state.maxReaders;
}

/** The head of the queue never fits: a waiter that fits would already have been admitted. */
export function rwHeadNeverFits(state: RWLockState): boolean {
  const [head] = state.waiters;
  return head === undefined || !rwFits(state, head.mode);
}

/** A waiter waits once, and never while it holds a grant. */
export function rwWaitersDistinct(state: RWLockState): boolean {
  const all = [...state.waiters.map((w) => w.waiter), ...state.readers, ...(state.writer === undefined ? [] : [state.writer])];
  return new Set(all).size === all.length;
}

/** Every named invariant of a reader-writer lock's state. */
export const rwlockInvariants = {
  writerExcludesReaders,
  readersWithinMax,
  rwHeadNeverFits,
  rwWaitersDistinct,
} as const;

const ids = (list: readonly RWWaiter[]): WaiterId[] => list.map((w) => w.waiter);

/**
 * Grants follow arrival order: the waiters a step admits are the oldest ones, in order, and the
 * queue keeps its order otherwise, so no reader passes a waiting writer and no one overtakes.
 */
export const rwAdmitsOldestFirst: StepInvariant<RWLockState, RWLockOp> = (before, op, step) =>
  admitsOldestOfQueue(
    ids(before.waiters),
    ids(step.state.waiters),
    step.settled,
    op.kind === 'acquire' ? op.waiter : undefined,
    op.kind === 'timeout' || op.kind === 'abort' ? op.waiter : undefined,
  );

/** `tryAcquireRead` and `tryAcquireWrite` never go in while anyone waits. */
export const rwTryAcquireNeverBarges: StepInvariant<RWLockState, RWLockOp> = (before, op, step) =>
  op.kind !== 'tryAcquire' || before.waiters.length === 0 || step.state === before;

/** A releaser gives back its own grant and no other; a stale or unknown one changes nothing. */
export const rwReleaserGivesBackOnlyItsOwn: StepInvariant<RWLockState, RWLockOp> = (before, op, step) => {
  if (op.kind !== 'releaser') return true;
  const held = before.writer === op.waiter || before.readers.includes(op.waiter);
  if (!held) return step.state === before;
  const keptReaders = step.state.readers.filter((r) => before.readers.includes(r));
  const keptWriter = before.writer === op.waiter ? undefined : before.writer;
  return keptReaders.join() === before.readers.filter((r) => r !== op.waiter).join() && (keptWriter === undefined || step.state.writer === keptWriter);
};

/** A settled waiter is never woken again: a step settles only waiters still waiting (or the caller), once. */
export const rwSettlesOnlyLiveWaiters: StepInvariant<RWLockState, RWLockOp> = (before, op, step) =>
  settlesOnlyLiveWaiters(ids(before.waiters), ids(step.state.waiters), step.settled, op.kind === 'acquire' ? op.waiter : undefined);

/** Every named rule about a reader-writer lock's transitions. */
export const rwlockStepInvariants = {
  rwAdmitsOldestFirst,
  rwTryAcquireNeverBarges,
  rwReleaserGivesBackOnlyItsOwn,
  rwSettlesOnlyLiveWaiters,
  refusesBadTimeout,
} as const;
