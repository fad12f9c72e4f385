/**
 * The shrinker stays within what the implementation takes: an adapter that narrows a
 * constructor parameter (`params: { value: [1, 2, 3] }`, as p-limit's limit must be at least 1)
 * never sees a smaller value while its failure is shrunk.
 */

import { describe, expect, test } from 'vitest';
import { check, type Adapter } from '../check/index.js';

/** A semaphore that refuses a value of 0, with a planted bug: `release()` adds two permits. */
class Doubling {
  value: number;
  constructor(value: number) {
    if (value < 1) throw new RangeError(`Doubling value must be at least 1, got ${value}`);
    this.value = value;
  }
  release(): void {
    this.value += 2;
  }
}

const adapter: Adapter<Doubling> = {
  primitive: 'Semaphore',
  name: 'Doubling',
  create: (p) => new Doubling(p['value'] ?? 1),
  calls: { release: (s) => s.release(), acquire: () => new Promise(() => undefined) },
  observers: { value: (s) => s.value },
  params: { value: [2, 3] },
  options: { timeout: false, signal: false },
};

describe('shrinking', () => {
  test('keeps constructor parameters among the values the adapter allows', async () => {
    const result = await check(adapter, { runs: 200, seed: 7 });
    expect(result.failure?.divergence.rule).toBe('conservation');
    expect(result.failure?.program.params).toEqual({ value: 2 });
  });
});
