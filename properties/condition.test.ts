import { test } from 'vitest';
import * as fc from 'fast-check';
import { agreesWithModel } from './harness.js';
import { conditionSpec } from './condition.spec.js';

test('Condition agrees with its model under every schedule', async () => {
  await fc.assert(agreesWithModel(conditionSpec()), { numRuns: 300 });
});
