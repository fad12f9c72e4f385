import { expect, test } from 'vitest';
import { refusedTimeout, type Step } from '../model/common.js';
import { semaphoreInit, semaphoreInvariants, semaphoreStep, semaphoreStepInvariants, type SemaphoreKind, type SemaphoreOp, type SemaphoreState } from '../model/semaphore.js';
import { explore } from './explore.js';
import { BAD_TIMEOUTS } from './input.js';

/** A model state and the number of waiter ids used so far: each id is used once. */
interface Explored {
  readonly model: SemaphoreState;
  readonly used: number;
}

const MAX_WAITERS = 4;

function enabled({ model, used }: Explored): SemaphoreOp[] {
  const ops: SemaphoreOp[] = [{ kind: 'release' }];
  if (used < MAX_WAITERS) {
    for (const timeout of [undefined, 0]) for (const aborted of [false, true]) ops.push({ kind: 'acquire', waiter: used, options: { timeout, aborted } });
    // Bad timeouts: each is refused and changes nothing, even with an aborted signal or a permit free.
    for (const timeout of BAD_TIMEOUTS) ops.push({ kind: 'acquire', waiter: used, options: { timeout, aborted: timeout < 0 } });
    ops.push({ kind: 'tryAcquire', waiter: used });
  }
  for (const waiter of model.waiters) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  for (const waiter of model.holders) ops.push({ kind: 'abort', waiter });
  // Every releaser ever handed out may be called again, stale ones included: ownership says
  // only an outstanding grant's releaser gives anything back.
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'releaser', waiter });
  return ops;
}

function step({ model, used }: Explored, op: SemaphoreOp): Step<Explored> {
  const next = semaphoreStep(model, op);
  const fresh = (op.kind === 'acquire' && refusedTimeout(op.waiter, op.options) === undefined) || op.kind === 'tryAcquire' ? 1 : 0;
  return { ...next, state: { model: next.state, used: used + fresh } };
}

const invariants = Object.fromEntries(
  Object.entries(semaphoreInvariants).map(([name, holds]) => [name, (state: Explored) => holds(state.model)]),
);

const stepInvariants = Object.fromEntries(
  Object.entries(semaphoreStepInvariants).map(([name, holds]) => [
    name,
    (before: Explored, op: SemaphoreOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model }),
  ]),
);

test('every reachable semaphore, bounded semaphore and lock state keeps every invariant', () => {
  const initial: Explored[] = [];
  for (const kind of ['semaphore', 'bounded', 'lock'] as SemaphoreKind[]) {
    for (const value of kind === 'lock' ? [1] : [0, 1, 2, 3]) {
      const model = semaphoreInit(kind, value);
      if (!('error' in model)) initial.push({ model, used: 0 });
    }
  }
  // A plain semaphore near the largest exact count: releases must stop at Number.MAX_SAFE_INTEGER.
  const nearLimit = semaphoreInit('semaphore', Number.MAX_SAFE_INTEGER - 1);
  if (!('error' in nearLimit)) initial.push({ model: nearLimit, used: 0 });
  const depth = 22;
  const result = explore({ initial, enabled, step, invariants, stepInvariants, depth });
  console.log(`semaphore family: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}`);
  expect(result.violations).toEqual([]);
  // Bounded kinds close well before this depth, and a plain semaphore's value grows with release():
  // 863 states today, with four waiters and every stale releaser; far fewer means the explorer
  // lost its reach.
  expect(result.states).toBeGreaterThan(800);
});

test('the model refuses bad constructor values with a RangeError', () => {
  for (const value of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    expect(semaphoreInit('semaphore', value)).toEqual({ error: 'RangeError' });
    expect(semaphoreInit('bounded', value)).toEqual({ error: 'RangeError' });
  }
});

test('a plain semaphore refuses a release that would pass Number.MAX_SAFE_INTEGER, and changes nothing', () => {
  const full = semaphoreInit('semaphore', Number.MAX_SAFE_INTEGER);
  if ('error' in full) throw new Error('the largest safe integer is a valid value');
  const refused = semaphoreStep(full, { kind: 'release' });
  expect(refused.returned).toMatchObject({ kind: 'threw', error: 'RangeError' });
  expect(refused.state).toBe(full);
  const below = semaphoreInit('semaphore', Number.MAX_SAFE_INTEGER - 1);
  if ('error' in below) throw new Error('a safe integer is a valid value');
  expect(semaphoreStep(below, { kind: 'release' }).state.value).toBe(Number.MAX_SAFE_INTEGER);
  expect(semaphoreInit('semaphore', Number.MAX_SAFE_INTEGER + 1)).toEqual({ error: 'RangeError' });
});

/** Acquirers with priorities 0 (none), 1 and 2, for libraries that serve by priority. */
function enabledWithPriorities({ model, used }: Explored): SemaphoreOp[] {
  const ops: SemaphoreOp[] = [{ kind: 'release' }];
  if (used < MAX_WAITERS) {
    for (const priority of [undefined, 1, 2]) ops.push({ kind: 'acquire', waiter: used, options: { priority } });
    ops.push({ kind: 'acquire', waiter: used, options: { priority: 1, timeout: 0 } }, { kind: 'tryAcquire', waiter: used });
  }
  for (const waiter of model.waiters) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'releaser', waiter });
  return ops;
}

test('with priorities, every reachable state keeps every invariant, and permits go to the first in line', () => {
  const initial: Explored[] = [];
  for (const [kind, value] of [['semaphore', 0], ['semaphore', 1], ['bounded', 2], ['lock', 1]] as const) {
    const model = semaphoreInit(kind, value);
    if (!('error' in model)) initial.push({ model, used: 0 });
  }
  const depth = 18;
  const result = explore({ initial, enabled: enabledWithPriorities, step, invariants, stepInvariants, depth });
  console.log(`semaphore family with priorities: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}`);
  expect(result.violations).toEqual([]);
  // Four waiters of three priorities, in every order, close before this depth (1202 states
  // today); far fewer means the priorities were lost.
  expect(result.states).toBeGreaterThan(1100);
});

test('the highest priority is served first, FIFO among equals, and a cancelled waiter leaves the rest in their order', () => {
  let state = semaphoreInit('lock', 1) as SemaphoreState;
  const apply = (op: SemaphoreOp): Step<SemaphoreState> => {
    const next = semaphoreStep(state, op);
    state = next.state;
    return next;
  };
  apply({ kind: 'acquire', waiter: 0, options: {} });
  apply({ kind: 'acquire', waiter: 1, options: { priority: 1 } });
  apply({ kind: 'acquire', waiter: 2, options: {} });
  apply({ kind: 'acquire', waiter: 3, options: { priority: 2 } });
  apply({ kind: 'acquire', waiter: 4, options: { priority: 1 } });
  expect(state.waiters).toEqual([3, 1, 4, 2]);
  expect(state.priorities).toEqual({ 1: 1, 3: 2, 4: 1 });
  expect(apply({ kind: 'abort', waiter: 3 }).settled).toEqual([{ waiter: 3, outcome: 'aborted' }]);
  expect(state.waiters).toEqual([1, 4, 2]);
  expect(apply({ kind: 'releaser', waiter: 0 }).settled).toEqual([{ waiter: 1, outcome: 'resolved', value: 'releaser' }]);
  expect(apply({ kind: 'releaser', waiter: 1 }).settled).toEqual([{ waiter: 4, outcome: 'resolved', value: 'releaser' }]);
  expect(apply({ kind: 'releaser', waiter: 4 }).settled).toEqual([{ waiter: 2, outcome: 'resolved', value: 'releaser' }]);
  // Every waiter that gave a priority has left: the state is what it is without priorities.
  expect(state).toEqual({ kind: 'lock', value: 0, bound: 1, waiters: [], holders: [2] });
  expect('priorities' in state).toBe(false);
});

test('the priority rules fail on a step that serves the newest of equals, and on a queue out of service order', () => {
  let held = semaphoreInit('lock', 1) as SemaphoreState;
  for (const waiter of [0, 1, 2]) held = semaphoreStep(held, { kind: 'acquire', waiter, options: { priority: waiter === 0 ? undefined : 1 } }).state;
  const op: SemaphoreOp = { kind: 'releaser', waiter: 0 };
  const right = semaphoreStep(held, op);
  expect(semaphoreStepInvariants.semaphoreServesFirstInLine(held, op, right)).toBe(true);
  // LIFO among equals: #2 served while #1, of the same priority, has waited longer.
  const newest = { ...right, state: { ...right.state, waiters: [1], holders: [2], priorities: { 1: 1 } }, settled: [{ waiter: 2, outcome: 'resolved' as const, value: 'releaser' }] };
  expect(semaphoreStepInvariants.semaphoreServesFirstInLine(held, op, newest)).toBe(false);
  // A waiter of higher priority queued behind one of lower priority; and a priority kept for nobody.
  expect(semaphoreInvariants.semaphoreWaitersInServiceOrder({ ...held, value: 0, waiters: [1, 2, 3], priorities: { 1: 1, 2: 1, 3: 2 } })).toBe(false);
  expect(semaphoreInvariants.semaphoreWaitersInServiceOrder({ ...held, waiters: [1], priorities: { 1: 1, 7: 2 } })).toBe(false);
  // A joiner placed at the back, behind waiters of lower priority.
  const joining: SemaphoreOp = { kind: 'acquire', waiter: 3, options: { priority: 2 } };
  const atTheBack = { ...semaphoreStep(held, joining), state: { ...held, waiters: [1, 2, 3], priorities: { 1: 1, 2: 1, 3: 2 } } };
  expect(semaphoreStepInvariants.semaphoreServesFirstInLine(held, joining, atTheBack)).toBe(false);
  expect(semaphoreStepInvariants.semaphoreServesFirstInLine(held, joining, semaphoreStep(held, joining))).toBe(true);
});
