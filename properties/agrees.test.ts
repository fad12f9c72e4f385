/**
 * Every primitive agrees with its model under every schedule: the checker, through its public
 * API (`toro-ts/check`), runs random programs against toro-ts as an outside author would run
 * them against a port, and any divergence fails the test with the checker's own report.
 */

import * as toro from 'toro-ts';
import { check, moduleAdapters, PRIMITIVES, showFailure, type Adapter, type CheckResult, type PrimitiveName } from 'toro-ts/check';
import { expect, test } from 'vitest';

/** Programs per primitive in `npm test`; `npm run fuzz` runs many more. */
const RUNS: Readonly<Record<string, number>> = { Semaphore: 1000, BoundedSemaphore: 1000, Lock: 1000, WeightedSemaphore: 500, RWLock: 500, Barrier: 500, Event: 500, Condition: 500, Queue: 500, LifoQueue: 500, PriorityQueue: 500 };

const report = (result: CheckResult): string => (result.failure === undefined ? 'agrees' : showFailure(result.failure));

// Adapters are made inside the tests, never at import: making one constructs its primitive, and
// the mutation run (npm run mutate) can tell which tests ran a constructor only if a test did.
function adapterOf(primitive: PrimitiveName): Adapter {
  const [adapter] = moduleAdapters({ [primitive]: toro[primitive] }, 'toro-ts');
  if (adapter === undefined) throw new Error(`toro-ts exports no ${primitive}`);
  return adapter;
}

test('toro-ts exports every primitive the models specify, each with all of its calls and observers', () => {
  const adapters = moduleAdapters(toro, 'toro-ts');
  expect(adapters.map((a) => a.primitive).sort()).toEqual(Object.keys(RUNS).sort());
  for (const adapter of adapters) {
    expect(Object.keys(adapter.calls).length + Object.keys(adapter.composites ?? {}).length, adapter.name).toBeGreaterThanOrEqual(3);
    expect(Object.keys(adapter.observers ?? {}), adapter.name).toContain('statistics');
  }
});

for (const primitive of PRIMITIVES) {
  test(`${primitive} agrees with its model under every schedule`, async () => {
    const adapter = adapterOf(primitive);
    const result = await check(adapter, { runs: RUNS[adapter.name] ?? 500 });
    expect(report(result)).toBe('agrees');
    expect(result.programs).toBe(RUNS[adapter.name] ?? 500);
  });
}
