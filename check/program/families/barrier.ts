/**
 * Barrier: calls `wait`, `reset`, and `abort` (the barrier's own, which breaks it; a waiter's
 * signal aborting is the `abort` action). A trace shows a wait's arrival index as a number.
 *
 * @module
 */

import { barrierInit, barrierInvariants, barrierStatistics, barrierStep, barrierStepInvariants, type BarrierOp, type BarrierState } from '../../../model/barrier.js';
import { num } from '../program.js';
import type { Family } from './family.js';

export const barrierFamily: Family<BarrierState, BarrierOp> = {
  primitives: ['Barrier'],
  calls: { wait: { waits: true }, reset: { waits: false }, abort: { waits: false } },
  init: (_primitive, params) => barrierInit(params['parties'] === undefined ? 1 : num(params['parties'] as number)),
  step: barrierStep,
  invariants: barrierInvariants,
  stepInvariants: barrierStepInvariants,
  op: (action, wait) => {
    switch (action.call) {
      case 'wait':
        return { kind: 'wait', waiter: action.id, options: wait };
      case 'reset':
        return { kind: 'reset' };
      case 'abort':
        return { kind: 'abortBarrier' };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { waiting: ['wait'], broken: ['abort'] },
  observe: (state) => ({ statistics: barrierStatistics(state), parties: state.parties, broken: state.broken }),
  value: (value) => (typeof value === 'number' ? value : undefined),
  recipe: () => ({
    params: { parties: [1, 2, 3] },
    calls: [
      { call: 'wait', weight: 6, bursts: true },
      { call: 'reset', weight: 1 },
      { call: 'abort', weight: 1 },
    ],
  }),
};
