/**
 * A driver's declared parameter values may name a number JSON cannot carry ("Infinity"): the
 * checker reads it as that number, and makes programs with it and no other value.
 */

import { join } from 'node:path';
import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { driverTargets } from '../check/run/driver.js';
import { programs } from '../check/generate/generate.js';

const driver = `node ${join(import.meta.dirname, 'fixtures/hello-only-driver.mjs')}`;

test('a parameter declared as "Infinity" is that number, and the only value programs use', async () => {
  const { targets, close } = await driverTargets(driver);
  try {
    const [rwlock] = targets;
    expect(rwlock?.capabilities.params).toEqual({ maxReaders: [Number.POSITIVE_INFINITY] });
    const sample = fc.sample(programs('RWLock', rwlock!.capabilities), { numRuns: 100, seed: 1 });
    expect(new Set(sample.map((program) => program.params['maxReaders']))).toEqual(new Set(['Infinity']));
  } finally {
    await close();
  }
});

test('without the declaration, programs use the model\'s values, bounded ones among them', async () => {
  const { targets, close } = await driverTargets(driver);
  try {
    const { params: _declared, ...capabilities } = targets[0]!.capabilities;
    const sample = fc.sample(programs('RWLock', capabilities), { numRuns: 100, seed: 1 });
    expect(new Set(sample.map((program) => program.params['maxReaders']))).toEqual(new Set([1, 2, 'Infinity']));
  } finally {
    await close();
  }
});
