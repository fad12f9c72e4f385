import { test } from 'vitest';
import * as fc from 'fast-check';
import { agreesWithModel } from './harness.js';
import { semaphoreSpec } from './semaphore.spec.js';

test('Semaphore, BoundedSemaphore and Lock agree with their model under every schedule', async () => {
  await fc.assert(agreesWithModel(semaphoreSpec()), { numRuns: 1000 });
});
