/**
 * The specification: one pure state machine per primitive. Each `step(state, op)` is total,
 * never mutates and never throws; the implementation in `toro-ts` must agree with it on every
 * program, which the property tests check.
 *
 * @module model
 */

export * from './common.js';
export * from './semaphore.js';
export * from './lock.js';
export * from './event.js';
export * from './condition.js';
export * from './queue.js';
export * from './barrier.js';
