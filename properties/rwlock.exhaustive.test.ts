import { expect, test } from 'vitest';
import type { Step } from '../model/common.js';
import { rwlockInit, rwlockInvariants, rwlockStep, rwlockStepInvariants, type RWLockOp, type RWLockState, type RWMode } from '../model/rwlock.js';
import { explore } from './explore.js';
import { BAD_TIMEOUTS } from './input.js';

/** A model state and the number of waiter ids used so far: each id is used once. */
interface Explored {
  readonly model: RWLockState;
  readonly used: number;
}

const MAX_WAITERS = 5;
const MODES: readonly RWMode[] = ['read', 'write'];

function enabled({ model, used }: Explored): RWLockOp[] {
  const ops: RWLockOp[] = [];
  if (used < MAX_WAITERS) {
    for (const mode of MODES) {
      for (const options of [{}, { timeout: 0 }, { aborted: true }]) ops.push({ kind: 'acquire', mode, waiter: used, options });
      // Bad timeouts: each is refused and changes nothing, even with an aborted signal.
      for (const timeout of BAD_TIMEOUTS) ops.push({ kind: 'acquire', mode, waiter: used, options: { timeout, aborted: timeout < 0 } });
      ops.push({ kind: 'tryAcquire', mode, waiter: used });
    }
  }
  for (const { waiter } of model.waiters) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  for (const waiter of model.readers) ops.push({ kind: 'abort', waiter });
  // Every releaser ever handed out, stale ones included.
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'releaser', waiter });
  return ops;
}

function step({ model, used }: Explored, op: RWLockOp): Step<Explored> {
  const next = rwlockStep(model, op);
  // An id is spent only when its call waits or holds; one that ended at once is free again.
  const { waiters, readers, writer } = next.state;
  const fresh = waiters.some((w) => w.waiter === used) || readers.includes(used) || writer === used ? 1 : 0;
  return { ...next, state: { model: next.state, used: used + fresh } };
}

const invariants = Object.fromEntries(Object.entries(rwlockInvariants).map(([name, holds]) => [name, (state: Explored) => holds(state.model)]));

const stepInvariants = Object.fromEntries(
  Object.entries(rwlockStepInvariants).map(([name, holds]) => [
    name,
    (before: Explored, op: RWLockOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model }),
  ]),
);

test('every reachable reader-writer lock state keeps every invariant', () => {
  const initial: Explored[] = [];
  for (const maxReaders of [undefined, 1, 2]) {
    const model = rwlockInit(maxReaders);
    if (!('error' in model)) initial.push({ model, used: 0 });
  }
  const depth = 24;
  const result = explore({ initial, enabled, step, invariants, stepInvariants, depth });
  console.log(`rwlock: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}`);
  expect(result.violations).toEqual([]);
  // With five waiters and maxReaders none, 1 or 2 the space closes before this depth (1092 states
  // today); far fewer means the explorer lost its reach.
  expect(result.states).toBeGreaterThan(1000);
});

function run(state: RWLockState, ops: readonly RWLockOp[]): { state: RWLockState; settled: unknown[] } {
  const settled: unknown[] = [];
  for (const op of ops) {
    const next = rwlockStep(state, op);
    state = next.state;
    settled.push(...next.settled);
  }
  return { state, settled };
}

const read = (waiter: number, options = {}): RWLockOp => ({ kind: 'acquire', mode: 'read', waiter, options });
const write = (waiter: number, options = {}): RWLockOp => ({ kind: 'acquire', mode: 'write', waiter, options });

test('a waiting writer holds back the readers that came after it, and they go in together when it leaves', () => {
  const { state, settled } = run(rwlockInit() as RWLockState, [read(0), write(1), read(2), read(3), { kind: 'releaser', waiter: 0 }]);
  expect(state.writer).toBe(1);
  expect(state.waiters.map((w) => w.waiter)).toEqual([2, 3]);
  const after = run(state, [{ kind: 'releaser', waiter: 1 }]);
  expect(after.state.readers).toEqual([2, 3]);
  expect(settled).toHaveLength(2);
});

test('a cancelled head lets the group behind it in at once if they now fit: a writer\'s does; a reader\'s finds them held back by what held it', () => {
  // maxReaders 2: readers 0 and 1 inside; reader 3 waits at the head, a writer behind it.
  const base = rwlockInit(2) as RWLockState;
  const { state } = run(base, [read(0), read(1), read(3), write(2)]);
  expect(state.waiters.map((w) => w.waiter)).toEqual([3, 2]);
  // The writer behind the cancelled reader does not fit while readers are in: nobody goes in.
  expect(run(state, [{ kind: 'abort', waiter: 3 }]).state.waiters.map((w) => w.waiter)).toEqual([2]);
  // A writer at the head, readers behind it; the writer is cancelled: the readers go in together.
  const held = run(rwlockInit() as RWLockState, [read(0), write(1), read(2), read(3)]).state;
  const cancelled = rwlockStep(held, { kind: 'timeout', waiter: 1 });
  expect(cancelled.state.readers).toEqual([0, 2, 3]);
  expect(cancelled.settled).toEqual([
    { waiter: 2, outcome: 'resolved', value: 'releaser' },
    { waiter: 3, outcome: 'resolved', value: 'releaser' },
    { waiter: 1, outcome: 'timeout' },
  ]);
});

test('the model refuses a bad maxReaders by class', () => {
  expect(rwlockInit('2')).toEqual({ error: 'TypeError' });
  for (const maxReaders of [0, -1, 1.5, Number.NaN]) expect(rwlockInit(maxReaders)).toEqual({ error: 'RangeError' });
  expect(rwlockInit(Number.POSITIVE_INFINITY)).toMatchObject({ maxReaders: undefined });
});

test('rwAdmitsOldestFirst fails on a step that lets a reader pass a waiting writer, or drops the head for the one behind it', () => {
  // Writer 0 holds; reader 1, writer 2 and reader 3 wait. Releasing admits reader 1 alone.
  const held = run(rwlockInit() as RWLockState, [write(0), read(1), write(2), read(3)]).state;
  const op: RWLockOp = { kind: 'releaser', waiter: 0 };
  const right = rwlockStep(held, op);
  expect(right.settled.map((s) => s.waiter)).toEqual([1]);
  expect(rwlockStepInvariants.rwAdmitsOldestFirst(held, op, right)).toBe(true);
  // Reader 3 goes in with reader 1, past the writer that came before it.
  const barging = {
    ...right,
    state: { ...right.state, readers: [1, 3], waiters: right.state.waiters.filter((w) => w.waiter !== 3) },
    settled: [...right.settled, { waiter: 3, outcome: 'resolved' as const, value: 'releaser' }],
  };
  expect(rwlockStepInvariants.rwAdmitsOldestFirst(held, op, barging)).toBe(false);
  // The writer behind the head goes in instead of the head.
  const overtaking = {
    ...right,
    state: { ...right.state, readers: [], writer: 2, waiters: held.waiters.filter((w) => w.waiter !== 2) },
    settled: [{ waiter: 2, outcome: 'resolved' as const, value: 'releaser' }],
  };
  expect(rwlockStepInvariants.rwAdmitsOldestFirst(held, op, overtaking)).toBe(false);
});
