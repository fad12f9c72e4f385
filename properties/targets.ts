/**
 * Every primitive the fuzzer (`npm run fuzz`) checks against its model: one line each.
 */

import type { Spec } from './harness.js';
import { conditionSpec } from './condition.spec.js';
import { eventSpec } from './event.spec.js';
import { queueSpec } from './queue.spec.js';
import { semaphoreSpec } from './semaphore.spec.js';

/** A primitive and the spec that drives it against its model. */
export interface FuzzTarget {
  readonly name: string;
  // Each spec has its own state, op and implementation types; the fuzzer only runs it.
  readonly spec: () => Spec<any, any, any, any>;
}

export const targets: readonly FuzzTarget[] = [
  { name: 'Semaphore', spec: () => semaphoreSpec(undefined, ['semaphore']) },
  { name: 'BoundedSemaphore', spec: () => semaphoreSpec(undefined, ['bounded']) },
  { name: 'Lock', spec: () => semaphoreSpec(undefined, ['lock']) },
  { name: 'Event', spec: () => eventSpec() },
  { name: 'Condition', spec: () => conditionSpec() },
  { name: 'Queue', spec: () => queueSpec(undefined, ['fifo']) },
  { name: 'PriorityQueue', spec: () => queueSpec(undefined, ['priority']) },
  { name: 'LifoQueue', spec: () => queueSpec(undefined, ['lifo']) },
];
