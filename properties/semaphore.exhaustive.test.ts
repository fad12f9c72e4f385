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
