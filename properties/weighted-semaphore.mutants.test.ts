/**
 * What the mutation run (`npm run mutate`) showed the WeightedSemaphore properties left open:
 * the exact messages of a bad capacity and of a `runExclusive` fn that is not a function, and
 * the smallest capacity.
 */

import { expect, test } from 'vitest';
import { WeightedSemaphore } from '../src/index.js';

test('a capacity that is not a number is a TypeError that shows it', () => {
  for (const [capacity, text] of [['4', '"4"'], [null, 'null'], [4n, '4n']] as const) {
    expect(() => new WeightedSemaphore(capacity as never)).toThrow(new TypeError(`WeightedSemaphore capacity must be a number, got ${text}`));
  }
});

test('a capacity of 1 is a lock that counts in weights of 1', () => {
  const semaphore = new WeightedSemaphore(1);
  const held = semaphore.tryAcquire(1);
  expect(semaphore.tryAcquire(1)).toBeUndefined();
  held?.release();
  expect(semaphore.statistics()).toEqual({ value: 1, waiting: 0 });
});

test('runExclusive refuses a fn that is not a function with a TypeError that names the call, and takes nothing', async () => {
  const semaphore = new WeightedSemaphore(3);
  for (const [fn, text] of [['job', '"job"'], [undefined, 'undefined'], [{}, 'an object']] as const) {
    await expect(semaphore.runExclusive(1, fn as never)).rejects.toThrow(new TypeError(`WeightedSemaphore.runExclusive() fn must be a function, got ${text}`));
  }
  await expect(semaphore.runExclusive(4, () => 1)).rejects.toThrow(
    new RangeError('WeightedSemaphore.runExclusive() weight must be an integer from 1 to the capacity 3, got 4'),
  );
  expect(semaphore.statistics()).toEqual({ value: 3, waiting: 0 });
});
