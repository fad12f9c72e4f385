/**
 * The checker's extension point for composite operations (`runExclusive(fn)`, `use(fn)`): a
 * composite stands for one of the model's calls, its body starts at the handoff and holds the
 * grant until the program releases its handle. A correct composite built on toro-ts passes; one
 * that gives its grant back twice is caught, with the permit it duplicates.
 */

import { Semaphore } from 'toro-ts';
import { check, showProgram, type Adapter, type Composite } from 'toro-ts/check';
import { expect, test } from 'vitest';

/** `use(fn)` as many libraries write it: acquire, run, release however fn ends, settle as fn did. */
const use: Composite<Semaphore> = {
  as: 'acquire',
  run: (semaphore, context, body) =>
    semaphore.acquire(context.options).then(async (releaser) => {
      try {
        return await body();
      } finally {
        releaser.release();
      }
    }),
};

/** The same, with the bug of releasing the primitive as well as the releaser. */
const useTwice: Composite<Semaphore> = {
  as: 'acquire',
  run: (semaphore, context, body) =>
    semaphore.acquire(context.options).then(async (releaser) => {
      try {
        return await body();
      } finally {
        releaser.release();
        semaphore.release();
      }
    }),
};

const adapter = (name: string, composite: Composite<Semaphore>): Adapter<Semaphore> => ({
  primitive: 'Semaphore',
  name,
  create: (p) => new Semaphore(p['value'] ?? 1),
  calls: { acquire: (s, c) => s.acquire(c.options), release: (s) => s.release() },
  composites: { use: composite },
  observers: { value: (s) => s.value, statistics: (s) => s.statistics() },
});

test('a composite use(fn) built on acquire and its releaser agrees with the model', async () => {
  const result = await check(adapter('use', use), { runs: 500, seed: 5 });
  expect(result.failure).toBeUndefined();
});

test('a composite that releases twice is caught: a permit out of nothing', async () => {
  const result = await check(adapter('use releasing twice', useTwice), { runs: 500, seed: 5 });
  expect(result.failure?.divergence.rule).toBe('conservation');
  expect(result.failure === undefined ? '' : showProgram(result.failure.program)).toMatch(/#\d+ use\(/);
});
