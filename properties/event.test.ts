import { test } from 'vitest';
import * as fc from 'fast-check';
import { agreesWithModel } from './harness.js';
import { eventSpec } from './event.spec.js';

test('Event agrees with its model under every schedule', async () => {
  await fc.assert(agreesWithModel(eventSpec()), { numRuns: 300 });
});
