/**
 * What the mutation run (`npm run mutate`) showed the RWLock properties left open: the exact
 * messages of a bad constructor argument, and the smallest `maxReaders`.
 */

import { expect, test } from 'vitest';
import { RWLock } from '../src/index.js';

test('options that are not an object, and a maxReaders out of range, are refused with messages that show the value', () => {
  for (const [options, text] of [[5, '5'], [null, 'null'], ['many', '"many"']] as const) {
    expect(() => new RWLock(options as never)).toThrow(new TypeError(`RWLock options must be an object, got ${text}`));
  }
  for (const [maxReaders, text] of [[0, '0'], [-1, '-1'], [1.5, '1.5'], [Number.NaN, 'NaN']] as const) {
    expect(() => new RWLock({ maxReaders })).toThrow(new RangeError(`RWLock maxReaders must be a positive integer or Infinity, got ${text}`));
  }
});

test('maxReaders 1 lets one reader in at a time', () => {
  const lock = new RWLock({ maxReaders: 1 });
  expect(lock.maxReaders).toBe(1);
  const reader = lock.tryAcquireRead();
  expect(reader).toBeDefined();
  expect(lock.tryAcquireRead()).toBeUndefined();
  reader?.release();
  expect(lock.tryAcquireRead()).toBeDefined();
});
