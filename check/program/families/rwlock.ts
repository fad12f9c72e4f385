/**
 * RWLock: calls `acquireRead`, `acquireWrite`, `tryAcquireRead`, `tryAcquireWrite`, and
 * `release` on a releaser. `maxReaders` is a positive integer, or `"Infinity"` for no limit.
 *
 * @module
 */

import { rwlockInit, rwlockInvariants, rwlockStatistics, rwlockStep, rwlockStepInvariants, type RWLockOp, type RWLockState } from '../../../model/rwlock.js';
import { num } from '../program.js';
import type { Family } from './family.js';

export const rwlockFamily: Family<RWLockState, RWLockOp> = {
  primitives: ['RWLock'],
  calls: {
    acquireRead: { waits: true, givesHandle: true },
    acquireWrite: { waits: true, givesHandle: true },
    tryAcquireRead: { waits: false, givesHandle: true },
    tryAcquireWrite: { waits: false, givesHandle: true },
    release: { waits: false, onHandle: true },
  },
  init: (_primitive, params) => rwlockInit(params['maxReaders'] === undefined ? undefined : num(params['maxReaders'] as number)),
  step: rwlockStep,
  invariants: rwlockInvariants,
  stepInvariants: rwlockStepInvariants,
  op: (action, wait) => {
    switch (action.call) {
      case 'acquireRead':
        return { kind: 'acquire', mode: 'read', waiter: action.id, options: wait };
      case 'acquireWrite':
        return { kind: 'acquire', mode: 'write', waiter: action.id, options: wait };
      case 'tryAcquireRead':
        return { kind: 'tryAcquire', mode: 'read', waiter: action.id };
      case 'tryAcquireWrite':
        return { kind: 'tryAcquire', mode: 'write', waiter: action.id };
      case 'release':
        // Only a releaser gives a grant back: the lock has no release of its own.
        return action.on === undefined ? undefined : { kind: 'releaser', waiter: action.on };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { readers: ['acquireRead', 'tryAcquireRead'], writing: ['acquireWrite', 'tryAcquireWrite'], waiting: ['acquireRead', 'acquireWrite'] },
  observe: (state) => ({ statistics: rwlockStatistics(state) }),
  value: (value) => (value === 'releaser' ? 'handle' : undefined),
  recipe: () => ({
    params: { maxReaders: [1, 2, Number.POSITIVE_INFINITY] },
    calls: [
      { call: 'acquireRead', weight: 3 },
      { call: 'acquireWrite', weight: 2 },
      { call: 'tryAcquireRead', weight: 1 },
      { call: 'tryAcquireWrite', weight: 1 },
      { call: 'release', weight: 4, onHandle: true },
    ],
  }),
};
