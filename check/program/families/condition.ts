/**
 * Condition: calls `wait`, `notify(n)` (`n` absent: the default 1), `notifyAll`.
 *
 * @module
 */

import { conditionInit, conditionInvariants, conditionStatistics, conditionStep, conditionStepInvariants, type ConditionOp, type ConditionState } from '../../../model/condition.js';
import { num } from '../program.js';
import type { Family } from './family.js';

export const conditionFamily: Family<ConditionState, ConditionOp> = {
  primitives: ['Condition'],
  calls: { wait: { waits: true }, notify: { waits: false }, notifyAll: { waits: false } },
  init: () => conditionInit(),
  step: conditionStep,
  invariants: conditionInvariants,
  stepInvariants: conditionStepInvariants,
  op: (action, wait) => {
    switch (action.call) {
      case 'wait':
        return { kind: 'wait', waiter: action.id, options: wait };
      case 'notify':
        return { kind: 'notify', n: action.n === undefined ? 1 : num(action.n) };
      case 'notifyAll':
        return { kind: 'notifyAll' };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { waiting: ['wait'] },
  observe: (state) => ({ statistics: conditionStatistics(state) }),
  value: (value) => (typeof value === 'boolean' ? value : undefined),
  recipe: () => ({
    params: {},
    calls: [
      { call: 'wait', weight: 5 },
      // Mostly small counts, sometimes none (the default 1), now and then a bad one.
      { call: 'notify', weight: 3, counts: [undefined, undefined, 0, 1, 2, 3, 0, 1, 2, 3, 1, 2], badCounts: [-1, 1.5, 'NaN', 'Infinity'] },
      { call: 'notifyAll', weight: 1 },
    ],
  }),
};
