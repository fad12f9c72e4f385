/**
 * The specification: one pure state machine per primitive. Each `step(state, op)` is total,
 * never mutates and never throws; the implementation in `toro-ts` must agree with it on every
 * program, which the property tests check.
 *
 * @module model
 */

// The shared vocabulary; the helpers that build steps (unchanged, refused, ...) stay inside.
export type { Prioritized, Priorities, Returned, Settlement, Step, StepInvariant, WaitSpec, WaiterId } from './common.js';
// The rule every waiting call shares: a bad timeout is refused (RangeError) and changes nothing.
export { MAX_TIMEOUT, refusedTimeout, refusesBadTimeout } from './common.js';
export * from './semaphore.js';
export * from './lock.js';
export * from './event.js';
export * from './condition.js';
export * from './queue.js';
export * from './weighted-semaphore.js';
export * from './rwlock.js';
export * from './barrier.js';
