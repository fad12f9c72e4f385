/**
 * What the mutation run (`npm run mutate`) showed the semaphore properties left open: the
 * Releaser's `released` flag and the over-release message; which grant `release()` gives back
 * after a subclass's override refused a releaser, or when a releaser is released again from
 * inside its own release; and when `runExclusive` gives the permit back, by what fn returned.
 */

import { expect, test } from 'vitest';
import { BoundedSemaphore, Lock, Semaphore, type Releaser } from '../src/index.js';
import { flush } from './flush.js';

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

test("after a subclass's release() refused a releaser, a plain release() gives back the oldest grant, not the refused one", () => {
  class Refusing extends Semaphore {
    refuse = false;
    override release(): void {
      if (this.refuse) throw new Error('refused');
      super.release();
    }
  }
  const semaphore = new Refusing(2);
  const older = semaphore.tryAcquire();
  const newer = semaphore.tryAcquire();
  semaphore.refuse = true;
  expect(() => newer?.release()).toThrow('refused');
  semaphore.refuse = false;
  // No releaser is releasing now: the oldest outstanding grant goes back.
  semaphore.release();
  expect([older?.released, newer?.released]).toEqual([true, false]);
  expect(semaphore.value).toBe(1);
});

test('a releaser released again from inside its own release gives its grant back once; the outer super.release() then gives back the oldest', () => {
  class Reentrant extends Semaphore {
    inner: (() => void) | undefined;
    override release(): void {
      const inner = this.inner;
      this.inner = undefined;
      inner?.();
      super.release();
    }
  }
  const semaphore = new Reentrant(3);
  const older = semaphore.tryAcquire() as Releaser;
  const newer = semaphore.tryAcquire() as Releaser;
  semaphore.inner = () => newer.release();
  newer.release();
  // Two releases went through: newer's own grant, then, newer's being back, the oldest.
  expect([older.released, newer.released]).toEqual([true, true]);
  expect(semaphore.value).toBe(3);
  // No live releaser is left to give back a permit that is already free.
  older.release();
  expect(semaphore.value).toBe(3);
});

test('runExclusive gives the permit back as soon as a plain fn returns, before any other microtask runs', async () => {
  // A value that is not a thenable, however much it looks like an object or a function.
  for (const value of [1, null, { done: true }, () => 'a function']) {
    const lock = new Lock();
    let lockedAfterward: boolean | undefined;
    const result = await lock.runExclusive(() => {
      queueMicrotask(() => (lockedAfterward = lock.locked()));
      return value;
    });
    expect(result).toBe(value);
    expect(lockedAfterward, String(value)).toBe(false);
  }
});

test('runExclusive holds the permit until a thenable that fn returns settles, a callable thenable included', async () => {
  let settle: (value: string) => void = () => undefined;
  const later = new Promise<string>((resolve) => (settle = resolve));
  const callable = Object.assign(() => undefined, { then: later.then.bind(later) }) as unknown as PromiseLike<string>;
  const lock = new Lock();
  const run = lock.runExclusive(() => callable);
  await flush();
  expect(lock.locked()).toBe(true);
  settle('settled');
  expect(await run).toBe('settled');
  expect(lock.locked()).toBe(false);
});
