/**
 * An adapter may narrow the bad weights programs try (`badInput: { weights }`), for a library
 * whose contract takes a weight the model refuses (bottleneck's weight 0): the weights left out
 * are never given, the others still are, and a library that accepts one of them is caught.
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { capabilitiesOf, check, type Adapter } from '../check/index.js';
import { programs } from '../check/generate/generate.js';
import { nativeAdapter } from '../check/run/adapter.js';
import { WeightedSemaphore } from '../src/index.js';
import { adapters as bottleneck } from '../peers/bottleneck.js';

const weightsGiven = (adapter: Adapter): Set<unknown> =>
  new Set(fc.sample(programs(adapter.primitive, capabilitiesOf(adapter)), { numRuns: 300, seed: 2 }).flatMap((p) => p.ticks.flat().flatMap((a) => ('call' in a && a.weight !== undefined ? [a.weight] : []))));

describe('bad weights narrowed by the adapter', () => {
  const narrowed: Adapter = { ...nativeAdapter('WeightedSemaphore', WeightedSemaphore), badInput: { weights: [-1, 5] } };

  test('the weights left out are never given, the others are', () => {
    const given = weightsGiven(narrowed);
    expect(given.has(0)).toBe(false);
    expect(given.has(1.5)).toBe(false);
    expect(given.has(-1)).toBe(true);
    expect(given.has(5)).toBe(true);
    expect(weightsGiven(nativeAdapter('WeightedSemaphore', WeightedSemaphore)).has(0)).toBe(true);
  });

  test("toro-ts's WeightedSemaphore agrees under them", async () => {
    const result = await check(narrowed, { runs: 200, seed: 2 });
    expect(result.failure?.divergence).toBeUndefined();
  });

  test('a library that accepts a weight still given (bottleneck and -1) is caught', async () => {
    const result = await check(bottleneck[0] as Adapter, { runs: 300, seed: 1 });
    expect(result.failure?.divergence.rule).toBe('badInput');
    expect(JSON.stringify(result.failure?.program)).toContain('"weight":-1');
  });
});
