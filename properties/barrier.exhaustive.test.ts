import { expect, test } from 'vitest';
import { refusedTimeout, type Step } from '../model/common.js';
import { barrierInit, barrierInvariants, barrierStep, barrierStepInvariants, type BarrierOp, type BarrierState } from '../model/barrier.js';
import { explore } from './explore.js';
import { BAD_TIMEOUTS } from './input.js';

/** A model state and the number of waiter ids used so far: each id is used once. */
interface Explored {
  readonly model: BarrierState;
  readonly used: number;
}

const MAX_WAITERS = 8;

function enabled({ used }: Explored): BarrierOp[] {
  const ops: BarrierOp[] = [{ kind: 'reset' }, { kind: 'abortBarrier' }];
  if (used < MAX_WAITERS) {
    for (const timeout of [undefined, 0]) for (const aborted of [false, true]) ops.push({ kind: 'wait', waiter: used, options: { timeout, aborted } });
    // Bad timeouts: each is refused and changes nothing, even with an aborted signal.
    for (const timeout of BAD_TIMEOUTS) ops.push({ kind: 'wait', waiter: used, options: { timeout, aborted: timeout < 0 } });
  }
  // Every waiter ever made may time out or abort, before or after it went through.
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  return ops;
}

function step({ model, used }: Explored, op: BarrierOp): Step<Explored> {
  const next = barrierStep(model, op);
  return { ...next, state: { model: next.state, used: used + (op.kind === 'wait' && refusedTimeout(op.waiter, op.options) === undefined ? 1 : 0) } };
}

function barrier(parties: number): BarrierState {
  const state = barrierInit(parties);
  if ('error' in state) throw new Error(`barrierInit(${parties}): ${state.error}`);
  return state;
}

test('every reachable barrier state and transition keeps every invariant, for 1 to 5 parties', () => {
  const depth = 16;
  const result = explore({
    initial: [1, 2, 3, 4, 5].map((parties) => ({ model: barrier(parties), used: 0 })),
    enabled,
    step,
    invariants: Object.fromEntries(Object.entries(barrierInvariants).map(([name, holds]) => [name, (state: Explored) => holds(state.model)])),
    stepInvariants: Object.fromEntries(
      Object.entries(barrierStepInvariants).map(([name, holds]) => [name, (before: Explored, op: BarrierOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model })]),
    ),
    depth,
  });
  console.log(`Barrier: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}, up to ${MAX_WAITERS} waiters, 1 to 5 parties`);
  expect(result.violations).toEqual([]);
  // For each number of waiters made (0 to 8) and parties, every strictly increasing list of
  // fewer than `parties` ids among them, plus the broken state.
  const choose = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
  let expected = 0;
  for (const parties of [1, 2, 3, 4, 5]) {
    for (let used = 0; used <= MAX_WAITERS; used++) {
      for (let size = 0; size < parties; size++) expected += choose(used, size);
      expected += 1;
    }
  }
  expect(result.states).toBe(expected);
});

/** Runs ops from a fresh barrier of `parties`, returning every step. */
function run(parties: number, ops: readonly BarrierOp[]): Step<BarrierState>[] {
  let state = barrier(parties);
  return ops.map((op) => {
    const next = barrierStep(state, op);
    state = next.state;
    return next;
  });
}

const wait = (waiter: number, options = {}): BarrierOp => ({ kind: 'wait', waiter, options });

test('the group that trips goes through with indexes 0 to parties - 1 in arrival order, the caller last', () => {
  const steps = run(3, [wait(0), wait(1), wait(2), wait(3)]);
  expect(steps[2]?.settled).toEqual([
    { waiter: 0, outcome: 'resolved', value: 0 },
    { waiter: 1, outcome: 'resolved', value: 1 },
    { waiter: 2, outcome: 'resolved', value: 2 },
  ]);
  // Ready for the next cycle at once: the next caller starts a new group.
  expect(steps[3]?.state).toEqual({ parties: 3, waiters: [3], broken: false });
});

test('a waiter cancelled before the trip leaves: those behind move up and the group still needs parties callers (gh-155233)', () => {
  // asyncio numbers at arrival: A 0, B 1, A cancelled, C 1 (again), D 2. Here: B 0, C 1, D 2.
  const steps = run(3, [wait(0), wait(1), { kind: 'abort', waiter: 0 }, wait(2), wait(3)]);
  expect(steps[2]?.settled).toEqual([{ waiter: 0, outcome: 'aborted' }]);
  expect(steps[3]?.settled).toEqual([]);
  expect(steps[4]?.settled.map((s) => [s.waiter, s.outcome === 'resolved' ? s.value : s.outcome])).toEqual([[1, 0], [2, 1], [3, 2]]);
});

test('a cancellation after the trip changes nothing', () => {
  const steps = run(2, [wait(0, { timeout: 5 }), wait(1), { kind: 'timeout', waiter: 0 }, { kind: 'abort', waiter: 1 }]);
  expect(steps[2]?.settled).toEqual([]);
  expect(steps[3]?.settled).toEqual([]);
});

test('reset sends waiters away and mends the barrier; abort breaks it until reset; an aborted signal is checked first', () => {
  const steps = run(3, [
    wait(0),
    wait(1),
    { kind: 'reset' },
    wait(2),
    { kind: 'abortBarrier' },
    wait(3),
    wait(4, { aborted: true }),
    { kind: 'abortBarrier' },
    { kind: 'reset' },
    wait(5, { timeout: 0 }),
  ]);
  const broken = (waiter: number) => ({ waiter, outcome: 'rejected', error: 'BrokenBarrierError' });
  expect(steps[2]?.settled).toEqual([broken(0), broken(1)]);
  expect(steps[2]?.state).toEqual({ parties: 3, waiters: [], broken: false });
  expect(steps[4]?.settled).toEqual([broken(2)]);
  expect(steps[5]?.settled).toEqual([broken(3)]);
  expect(steps[6]?.settled).toEqual([{ waiter: 4, outcome: 'aborted' }]);
  expect(steps[7]?.settled).toEqual([]);
  expect(steps[8]?.state).toEqual({ parties: 3, waiters: [], broken: false });
  expect(steps[9]?.settled).toEqual([{ waiter: 5, outcome: 'timeout' }]);
});

test('a caller that makes the group whole goes through whatever its timeout; Barrier(1) lets every caller through at once', () => {
  expect(run(2, [wait(0), wait(1, { timeout: 0 })])[1]?.settled.map((s) => s.outcome)).toEqual(['resolved', 'resolved']);
  expect(run(1, [wait(0), wait(1, { timeout: 0 })]).map((s) => s.settled)).toEqual([
    [{ waiter: 0, outcome: 'resolved', value: 0 }],
    [{ waiter: 1, outcome: 'resolved', value: 0 }],
  ]);
});

test('the invariants and rules reject a whole group waiting, a waiter on a broken barrier, a partial group, shared indexes and a trip by a cancellation', () => {
  const base = barrier(3);
  expect(barrierInvariants.neverAWholeGroupWaiting({ ...base, waiters: [0, 1, 2] })).toBe(false);
  expect(barrierInvariants.nobodyWaitsWhileBroken({ ...base, waiters: [0], broken: true })).toBe(false);
  expect(barrierInvariants.barrierWaitersInArrivalOrder({ ...base, waiters: [1, 0] })).toBe(false);
  const partial: Step<BarrierState> = { state: base, returned: { kind: 'pending' }, settled: [{ waiter: 0, outcome: 'resolved', value: 0 }, { waiter: 1, outcome: 'resolved', value: 1 }] };
  expect(barrierStepInvariants.neverLetsAPartialGroupThrough({ ...base, waiters: [0] }, wait(1), partial)).toBe(false);
  // asyncio's gh-155233: B and C both 1.
  const shared: Step<BarrierState> = {
    state: base,
    returned: { kind: 'pending' },
    settled: [{ waiter: 1, outcome: 'resolved', value: 1 }, { waiter: 2, outcome: 'resolved', value: 1 }, { waiter: 3, outcome: 'resolved', value: 2 }],
  };
  expect(barrierStepInvariants.indexesAreArrivalPlaces({ ...base, waiters: [1, 2] }, wait(3), shared)).toBe(false);
  // threading.Barrier's timeout: one waiter's timeout breaks the barrier for the others.
  const breaks: Step<BarrierState> = {
    state: { ...base, broken: true },
    returned: { kind: 'returned', value: undefined },
    settled: [{ waiter: 0, outcome: 'timeout' }, { waiter: 1, outcome: 'rejected', error: 'BrokenBarrierError' }],
  };
  expect(barrierStepInvariants.cancellationLeavesTheGroupWaiting({ ...base, waiters: [0, 1] }, { kind: 'timeout', waiter: 0 }, breaks)).toBe(false);
  const letsThrough: Step<BarrierState> = { state: { ...base, broken: true }, returned: { kind: 'pending' }, settled: [{ waiter: 0, outcome: 'resolved', value: 0 }] };
  expect(barrierStepInvariants.brokenRefuses({ ...base, broken: true }, wait(0), letsThrough)).toBe(false);
});

test('the model refuses a bad parties with a RangeError', () => {
  for (const parties of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(barrierInit(parties)).toEqual({ error: 'RangeError' });
});
