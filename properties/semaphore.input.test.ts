import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { BoundedSemaphore, InvalidStateError, Lock, Semaphore } from '../src/index.js';
import { badCount, badSignal, badTimeout, errorFor } from './input.js';

test('a bad initial value is a TypeError (not a number) or a RangeError (a bad number) that names the class', () => {
  fc.assert(
    fc.property(badCount, (value) => {
      for (const [make, name] of [[(v: unknown) => new Semaphore(v as number), 'Semaphore'], [(v: unknown) => new BoundedSemaphore(v as number), 'BoundedSemaphore']] as const) {
        expect(() => make(value)).toThrow(errorFor(value));
        expect(() => make(value)).toThrow(new RegExp(`^${name} value must be (a number|a non-negative integer|at most)`));
      }
    }),
  );
});

test('a bad timeout is a RangeError, a bad signal a TypeError, and neither changes anything', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(badTimeout.map((timeout) => ({ timeout })), badSignal.map((signal) => ({ signal }))), fc.boolean(), async (options, held) => {
      for (const primitive of [new Semaphore(1), new BoundedSemaphore(1), new Lock()]) {
        if (held) primitive.tryAcquire();
        const before = primitive.statistics();
        const expected = 'timeout' in options ? errorFor(options.timeout) : TypeError;
        await expect(primitive.acquire(options as never)).rejects.toThrow(expected);
        expect(primitive.statistics()).toEqual(before);
      }
    }),
  );
});

test('releasing an unlocked Lock throws InvalidStateError and changes nothing', () => {
  const lock = new Lock();
  expect(() => lock.release()).toThrow(InvalidStateError);
  expect(() => lock.release()).toThrow('Lock.release() called on an unlocked lock');
  expect(lock.statistics()).toEqual({ locked: false, waiting: 0 });
  expect(lock.tryAcquire()).toBeDefined();
});

test('over-releasing a BoundedSemaphore is a RangeError and changes nothing', () => {
  fc.assert(
    fc.property(fc.nat(5), (bound) => {
      const semaphore = new BoundedSemaphore(bound);
      expect(() => semaphore.release()).toThrow(RangeError);
      expect(semaphore.statistics()).toEqual({ value: bound, waiting: 0 });
    }),
  );
});

test('an already-aborted signal rejects with its reason and takes nothing, even when a permit is free', async () => {
  const semaphore = new Semaphore(1);
  const reason = new Error('stop');
  await expect(semaphore.acquire({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  expect(semaphore.value).toBe(1);
});

test('a Releaser releases once however often it is called, and `using` releases at scope exit', async () => {
  const semaphore = new Semaphore(2);
  {
    using held = await semaphore.acquire();
    expect(semaphore.value).toBe(1);
    held.release();
    held.release();
    expect(held.released).toBe(true);
    expect(semaphore.value).toBe(2);
  }
  expect(semaphore.value).toBe(2);
  {
    using _held = await semaphore.acquire();
    expect(semaphore.value).toBe(1);
  }
  expect(semaphore.value).toBe(2);
});

test("a plain Semaphore refuses a release that would pass Number.MAX_SAFE_INTEGER with a RangeError, and changes nothing", () => {
  const semaphore = new Semaphore(Number.MAX_SAFE_INTEGER - 1);
  semaphore.release();
  expect(semaphore.value).toBe(Number.MAX_SAFE_INTEGER);
  expect(() => semaphore.release()).toThrow(new RangeError('Semaphore.release() would pass Number.MAX_SAFE_INTEGER: value is already 9007199254740991'));
  expect(semaphore.statistics()).toEqual({ value: Number.MAX_SAFE_INTEGER, waiting: 0 });
  const held = semaphore.tryAcquire();
  held?.release();
  expect(() => held?.release()).not.toThrow();
  expect(semaphore.value).toBe(Number.MAX_SAFE_INTEGER);
});
