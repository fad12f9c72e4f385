/**
 * WeightedSemaphore: calls `acquire(weight)`, `tryAcquire(weight)`, and `release` on a
 * releaser. A program's `weight` may be bad on purpose (0, -1, 1.5, above the capacity).
 *
 * @module
 */

import {
  weightedSemaphoreInit,
  weightedSemaphoreInvariants,
  weightedSemaphoreStatistics,
  weightedSemaphoreStep,
  weightedSemaphoreStepInvariants,
  type WeightedSemaphoreOp,
  type WeightedSemaphoreState,
} from '../../../model/weighted-semaphore.js';
import { num } from '../program.js';
import type { Family } from './family.js';

export const weightedSemaphoreFamily: Family<WeightedSemaphoreState, WeightedSemaphoreOp> = {
  primitives: ['WeightedSemaphore'],
  calls: {
    acquire: { waits: true, givesHandle: true, priority: true },
    tryAcquire: { waits: false, givesHandle: true },
    release: { waits: false, onHandle: true },
  },
  init: (_primitive, params) => weightedSemaphoreInit(params['capacity'] === undefined ? undefined : num(params['capacity'] as number)),
  step: weightedSemaphoreStep,
  invariants: weightedSemaphoreInvariants,
  stepInvariants: weightedSemaphoreStepInvariants,
  op: (action, wait) => {
    // A weight is required: a call without one is refused, as the API refuses it.
    const weight = action.weight === undefined ? undefined : num(action.weight);
    switch (action.call) {
      case 'acquire':
        return { kind: 'acquire', waiter: action.id, weight, options: wait };
      case 'tryAcquire':
        return { kind: 'tryAcquire', waiter: action.id, weight };
      case 'release':
        // Only a releaser gives units back: the primitive has no release of its own.
        return action.on === undefined ? undefined : { kind: 'releaser', waiter: action.on };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { waiting: ['acquire'] },
  observe: (state) => ({ statistics: weightedSemaphoreStatistics(state), value: state.value, capacity: state.capacity }),
  value: (value) => (value === 'releaser' ? 'handle' : undefined),
  recipe: () => ({
    params: { capacity: [1, 2, 3, 4] },
    calls: [
      { call: 'acquire', weight: 4, weights: [1, 1, 2, 3], badWeights: [0, -1, 1.5, 5] },
      { call: 'tryAcquire', weight: 1, weights: [1, 2, 3], badWeights: [0, 5] },
      { call: 'release', weight: 4, onHandle: true },
    ],
  }),
};
