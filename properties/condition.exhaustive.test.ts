import { expect, test } from 'vitest';
import { refusedTimeout, type Step } from '../model/common.js';
import { conditionInit, conditionInvariants, conditionStep, conditionStepInvariants, type ConditionOp, type ConditionState } from '../model/condition.js';
import { explore } from './explore.js';
import { BAD_TIMEOUTS } from './input.js';

/** A model state and the number of waiter ids used so far: each id is used once. */
interface Explored {
  readonly model: ConditionState;
  readonly used: number;
}

const MAX_WAITERS = 6;
const COUNTS = [0, 1, 2, 3, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY];

function enabled({ used }: Explored): ConditionOp[] {
  const ops: ConditionOp[] = [{ kind: 'notifyAll' }, ...COUNTS.map((n): ConditionOp => ({ kind: 'notify', n }))];
  if (used < MAX_WAITERS) {
    for (const timeout of [undefined, 0]) for (const aborted of [false, true]) ops.push({ kind: 'wait', waiter: used, options: { timeout, aborted } });
    // Bad timeouts: each is refused and changes nothing, even with an aborted signal.
    for (const timeout of BAD_TIMEOUTS) ops.push({ kind: 'wait', waiter: used, options: { timeout, aborted: timeout < 0 } });
  }
  // Every waiter ever made may time out or abort, before or after it settled.
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  return ops;
}

function step({ model, used }: Explored, op: ConditionOp): Step<Explored> {
  const next = conditionStep(model, op);
  return { ...next, state: { model: next.state, used: used + (op.kind === 'wait' && refusedTimeout(op.waiter, op.options) === undefined ? 1 : 0) } };
}

const lift = <A extends unknown[], R>(f: (state: ConditionState, ...rest: A) => R) => (state: Explored, ...rest: A): R => f(state.model, ...rest);

test('every reachable condition state and transition keeps every invariant', () => {
  const depth = 14;
  const result = explore({
    initial: [{ model: conditionInit(), used: 0 }],
    enabled,
    step,
    invariants: Object.fromEntries(Object.entries(conditionInvariants).map(([name, holds]) => [name, lift(holds)])),
    stepInvariants: Object.fromEntries(
      Object.entries(conditionStepInvariants).map(([name, holds]) => [name, (before: Explored, op: ConditionOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model })]),
    ),
    depth,
  });
  console.log(`Condition: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}, up to ${MAX_WAITERS} waiters`);
  expect(result.violations).toEqual([]);
  // Every subset of the waiters made so far, in order: 2^0 + ... + 2^6 = 127 states.
  expect(result.states).toBe(127);
});

test('notify(n) refuses a bad count with a RangeError and wakes nobody', () => {
  const waiting: ConditionState = { waiters: [0, 1] };
  for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    const next = conditionStep(waiting, { kind: 'notify', n });
    expect(next.returned).toMatchObject({ kind: 'threw', error: 'RangeError' });
    expect(next.settled).toEqual([]);
    expect(next.state).toBe(waiting);
  }
});

test('the rules reject a step that loses a notification or wakes a settled waiter', () => {
  const before: ConditionState = { waiters: [0, 1] };
  const lost = { state: { waiters: [1] }, returned: { kind: 'returned', value: undefined }, settled: [] } as const;
  expect(conditionStepInvariants.notifyWakesExactlyMinOfNAndK(before, { kind: 'notify', n: 1 }, lost)).toBe(false);
  const twice = { state: { waiters: [1] }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter: 0, outcome: 'resolved', value: true }, { waiter: 5, outcome: 'resolved', value: true }] } as const;
  expect(conditionStepInvariants.conditionSettledWaiterNeverWokenAgain(before, { kind: 'notifyAll' }, twice)).toBe(false);
  const late = { state: { waiters: [] }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter: 0, outcome: 'resolved', value: true }, { waiter: 1, outcome: 'resolved', value: true }, { waiter: 2, outcome: 'resolved', value: true }] } as const;
  expect(conditionStepInvariants.notifyAllWakesOnlyEarlierWaiters(before, { kind: 'notifyAll' }, late)).toBe(false);
});
