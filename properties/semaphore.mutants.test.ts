/**
 * What the mutation run (`npm run mutate`) showed the semaphore properties left open: the
 * Releaser's `released` flag and the over-release message.
 */

import { expect, test } from 'vitest';
import { BoundedSemaphore, Lock, Semaphore } from '../src/index.js';

test('a Releaser says whether its permit was given back', async () => {
  for (const primitive of [new Semaphore(1), new BoundedSemaphore(1), new Lock()]) {
    const releaser = await primitive.acquire();
    expect(releaser.released).toBe(false);
    releaser.release();
    expect(releaser.released).toBe(true);
    releaser.release();
    expect(releaser.released).toBe(true);
  }
});

test('over-releasing a BoundedSemaphore says so and shows its bound', () => {
  expect(() => new BoundedSemaphore(2).release()).toThrow(new RangeError('BoundedSemaphore.release() called too many times: value is already at its bound 2'));
});
