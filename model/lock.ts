/**
 * The specification of {@link Lock}: the semaphore family's state machine with `kind: 'lock'`,
 * a bound of one permit, and a release while unlocked refused with an `InvalidStateError`
 * (Tornado's Lock is a `BoundedSemaphore(1)` that translates the error; so is this one).
 *
 * @module
 */

import type { SemaphoreState } from './semaphore.js';

/** A new lock: unlocked (value 1, bound 1), nobody waiting. Step it with {@link semaphoreStep}. */
export function lockInit(): SemaphoreState {
  return { kind: 'lock', value: 1, bound: 1, waiters: [], holders: [] };
}

/** Whether the lock is held in `state`: no permit is free. */
export function lockLocked(state: SemaphoreState): boolean {
  return state.value === 0;
}

