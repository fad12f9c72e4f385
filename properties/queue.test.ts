import { test } from 'vitest';
import * as fc from 'fast-check';
import { agreesWithModel } from './harness.js';
import { queueSpec } from './queue.spec.js';

test('Queue agrees with its model under every schedule, bounded and unbounded', async () => {
  await fc.assert(agreesWithModel(queueSpec(undefined, ['fifo'])), { numRuns: 300 });
});

test('LifoQueue agrees with its model under every schedule, bounded and unbounded', async () => {
  await fc.assert(agreesWithModel(queueSpec(undefined, ['lifo'])), { numRuns: 300 });
});

test('PriorityQueue agrees with its model under every schedule, ties included, bounded and unbounded', async () => {
  await fc.assert(agreesWithModel(queueSpec(undefined, ['priority'])), { numRuns: 300 });
});
