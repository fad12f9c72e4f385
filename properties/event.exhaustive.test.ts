import { expect, test } from 'vitest';
import { refusedTimeout, type Step } from '../model/common.js';
import { eventInit, eventInvariants, eventStep, eventStepInvariants, type EventOp, type EventState } from '../model/event.js';
import { explore } from './explore.js';
import { BAD_TIMEOUTS } from './input.js';

/** A model state and the number of waiter ids used so far: each id is used once. */
interface Explored {
  readonly model: EventState;
  readonly used: number;
}

const MAX_WAITERS = 6;

function enabled({ used }: Explored): EventOp[] {
  const ops: EventOp[] = [{ kind: 'set' }, { kind: 'clear' }];
  if (used < MAX_WAITERS) {
    for (const timeout of [undefined, 0]) for (const aborted of [false, true]) ops.push({ kind: 'wait', waiter: used, options: { timeout, aborted } });
    // Bad timeouts: each is refused and changes nothing, even with an aborted signal.
    for (const timeout of BAD_TIMEOUTS) ops.push({ kind: 'wait', waiter: used, options: { timeout, aborted: timeout < 0 } });
  }
  // Every waiter ever made may time out or abort, before or after it settled.
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  return ops;
}

function step({ model, used }: Explored, op: EventOp): Step<Explored> {
  const next = eventStep(model, op);
  return { ...next, state: { model: next.state, used: used + (op.kind === 'wait' && refusedTimeout(op.waiter, op.options) === undefined ? 1 : 0) } };
}

test('every reachable event state and transition keeps every invariant', () => {
  const depth = 14;
  const result = explore({
    initial: [{ model: eventInit(), used: 0 }],
    enabled,
    step,
    invariants: Object.fromEntries(Object.entries(eventInvariants).map(([name, holds]) => [name, (state: Explored) => holds(state.model)])),
    stepInvariants: Object.fromEntries(
      Object.entries(eventStepInvariants).map(([name, holds]) => [name, (before: Explored, op: EventOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model })]),
    ),
    depth,
  });
  console.log(`Event: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}, up to ${MAX_WAITERS} waiters`);
  expect(result.violations).toEqual([]);
  // Clear: every subset of the waiters made so far (127); set: nobody waits (7).
  expect(result.states).toBe(134);
});

test('the rules reject a clear() that un-wakes a waiter or a set() that skips one', () => {
  const before: EventState = { isSet: false, waiters: [0, 1] };
  const skipped = { state: { isSet: true, waiters: [] }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter: 1, outcome: 'resolved', value: undefined }] } as const;
  expect(eventStepInvariants.setWakesEveryWaiterOldestFirst(before, { kind: 'set' }, skipped)).toBe(false);
  const unwoken = { state: { isSet: false, waiters: [0, 1, 2] }, returned: { kind: 'returned', value: undefined }, settled: [] } as const;
  expect(eventStepInvariants.clearNeverUnwakes({ isSet: true, waiters: [] }, { kind: 'clear' }, unwoken)).toBe(false);
});
