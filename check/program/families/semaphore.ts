/**
 * Semaphore, BoundedSemaphore and Lock: calls `acquire`, `tryAcquire`, `release`, `release` on a
 * releaser, and `idle` (a task queue's `onIdle()`: toro-ts's own API has none).
 *
 * @module
 */

import { semaphoreInit, semaphoreInvariants, semaphoreStatistics, semaphoreStep, semaphoreStepInvariants, type SemaphoreOp, type SemaphoreState } from '../../../model/semaphore.js';
import { num } from '../program.js';
import type { Family } from './family.js';

const kinds = { Semaphore: 'semaphore', BoundedSemaphore: 'bounded', Lock: 'lock' } as const;

export const semaphoreFamily: Family<SemaphoreState, SemaphoreOp> = {
  primitives: ['Semaphore', 'BoundedSemaphore', 'Lock'],
  calls: {
    acquire: { waits: true, givesHandle: true, priority: true },
    tryAcquire: { waits: false, givesHandle: true },
    release: { waits: false },
    // A task queue's onIdle(): waits until no grant is outstanding and nobody waits.
    idle: { waits: true, adapterOnly: true },
  },
  init: (primitive, params) => {
    const kind = kinds[primitive as keyof typeof kinds];
    return semaphoreInit(kind, params['value'] === undefined ? 1 : num(params['value'] as number));
  },
  step: semaphoreStep,
  invariants: semaphoreInvariants,
  stepInvariants: semaphoreStepInvariants,
  op: (action, wait, choices) => {
    switch (action.call) {
      case 'acquire':
        return { kind: 'acquire', waiter: action.id, options: wait };
      case 'tryAcquire':
        return { kind: 'tryAcquire', waiter: action.id };
      case 'idle':
        return { kind: 'idle', waiter: action.id, options: wait };
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
      { call: 'idle', weight: 1 },
    ],
  }),
};
