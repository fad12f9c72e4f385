/**
 * Semaphore, BoundedSemaphore and Lock: calls `acquire`, `tryAcquire`, `release`, and
 * `release` on a releaser.
 *
 * @module
 */

import { semaphoreInit, semaphoreInvariants, semaphoreStatistics, semaphoreStep, type SemaphoreOp, type SemaphoreState } from '../../../model/semaphore.js';
import { num } from '../program.js';
import type { Family } from './family.js';

const kinds = { Semaphore: 'semaphore', BoundedSemaphore: 'bounded', Lock: 'lock' } as const;

export const semaphoreFamily: Family<SemaphoreState, SemaphoreOp> = {
  primitives: ['Semaphore', 'BoundedSemaphore', 'Lock'],
  calls: {
    acquire: { waits: true, givesHandle: true, priority: true },
    tryAcquire: { waits: false, givesHandle: true },
    release: { waits: false },
  },
  init: (primitive, params) => {
    const kind = kinds[primitive as keyof typeof kinds];
    return semaphoreInit(kind, params['value'] === undefined ? 1 : num(params['value'] as number));
  },
  step: semaphoreStep,
  invariants: semaphoreInvariants,
  op: (action, wait, choices) => {
    switch (action.call) {
      case 'acquire':
        return { kind: 'acquire', waiter: action.id, options: wait };
      case 'tryAcquire':
        return { kind: 'tryAcquire', waiter: action.id };
      case 'release':
        // On a releaser: its own grant, once (rule 8), unless the library releases on every call.
        if (action.on === undefined || choices.releaser === 'everyCall') return { kind: 'release' };
        return { kind: 'releaser', waiter: action.on };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { waiting: ['acquire'] },
  observe: (state) =>
    state.kind === 'lock'
      ? { statistics: semaphoreStatistics(state), locked: state.value === 0 }
      : { statistics: semaphoreStatistics(state), value: state.value },
  value: (value) => (value === 'releaser' ? 'handle' : undefined),
  recipe: (primitive) => ({
    params: primitive === 'Lock' ? {} : { value: [0, 1, 2, 3] },
    calls: [
      { call: 'acquire', weight: 4 },
      { call: 'tryAcquire', weight: 1 },
      { call: 'release', weight: 2 },
      { call: 'release', weight: 3, onHandle: true },
    ],
  }),
};
