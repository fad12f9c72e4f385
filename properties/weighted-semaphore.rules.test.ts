/**
 * WeightedSemaphore, rule by rule (model/weighted-semaphore.ts states them): FIFO with
 * head-of-line blocking, weights refused by class, a releaser gives back exactly its weight
 * once, tryAcquire never barges, a cancelled head admits those behind it, timeouts and aborts
 * as elsewhere, and runExclusive.
 */

import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, test } from 'vitest';
import { TimeoutError, WeightedSemaphore, type Releaser } from '../src/index.js';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Follows a pending acquire: its settlement lands in `log` as `name` or `name: outcome`. */
function follow(log: string[], name: string, pending: Promise<Releaser>): Promise<Releaser | undefined> {
  return pending.then(
    (releaser) => {
      log.push(name);
      return releaser;
    },
    (error: unknown) => {
      log.push(`${name}: ${(error as Error).name}`);
      return undefined;
    },
  );
}

describe('construction and weights', () => {
  test('a capacity must be a positive integer: TypeError for a non-number, RangeError otherwise', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => new WeightedSemaphore(capacity)).toThrow(RangeError);
    }
    for (const capacity of ['2', null, undefined, {}]) expect(() => new WeightedSemaphore(capacity as never)).toThrow(TypeError);
    expect(() => new WeightedSemaphore(0)).toThrow('WeightedSemaphore capacity must be a positive integer, got 0');
    expect(new WeightedSemaphore(3).capacity).toBe(3);
  });

  test('a weight outside 1..capacity, zero, negative or fractional is a RangeError; not a number, a TypeError; nothing changes', async () => {
    const semaphore = new WeightedSemaphore(3);
    const held = semaphore.tryAcquire(1);
    for (const weight of [0, -1, 1.5, 4, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(semaphore.acquire(weight)).rejects.toThrow(RangeError);
      expect(() => semaphore.tryAcquire(weight)).toThrow(RangeError);
      await expect(semaphore.runExclusive(weight, () => 1)).rejects.toThrow(RangeError);
    }
    for (const weight of ['2', null, undefined, {}]) {
      await expect(semaphore.acquire(weight as never)).rejects.toThrow(TypeError);
      expect(() => semaphore.tryAcquire(weight as never)).toThrow(TypeError);
    }
    await expect(semaphore.acquire(4)).rejects.toThrow('WeightedSemaphore.acquire() weight must be an integer from 1 to the capacity 3, got 4');
    expect(() => semaphore.tryAcquire('1' as never)).toThrow('WeightedSemaphore.tryAcquire() weight must be a number, got "1"');
    expect(semaphore.statistics()).toEqual({ value: 2, waiting: 0 });
    held?.release();
  });
});

describe('FIFO with head-of-line blocking', () => {
  test('a large waiter at the head is not overtaken by smaller ones behind it', async () => {
    const semaphore = new WeightedSemaphore(4);
    const log: string[] = [];
    const first = semaphore.tryAcquire(3);
    const big = follow(log, 'big', semaphore.acquire(4));
    const small = follow(log, 'small', semaphore.acquire(1));
    await flush();
    // small fits in the 1 unit left, but waits behind big.
    expect(log).toEqual([]);
    expect(semaphore.statistics()).toEqual({ value: 1, waiting: 2 });
    first?.release();
    await flush();
    expect(log).toEqual(['big']);
    (await big)?.release();
    await flush();
    expect(log).toEqual(['big', 'small']);
    (await small)?.release();
    expect(semaphore.value).toBe(4);
  });

  test('units coming back admit every waiter from the head that fits, in order, synchronously', async () => {
    const semaphore = new WeightedSemaphore(5);
    const log: string[] = [];
    const all = semaphore.tryAcquire(5);
    const pending = [follow(log, 'a', semaphore.acquire(2)), follow(log, 'b', semaphore.acquire(3)), follow(log, 'c', semaphore.acquire(1))];
    all?.release();
    // a and b fit (5), c does not: admitted at once, before any continuation runs.
    expect(semaphore.statistics()).toEqual({ value: 0, waiting: 1 });
    await flush();
    expect(log).toEqual(['a', 'b']);
    (await pending[0])?.release();
    await flush();
    expect(log).toEqual(['a', 'b', 'c']);
    expect(semaphore.statistics()).toEqual({ value: 1, waiting: 0 });
  });

  test('tryAcquire never barges past a waiter, however small', () => {
    const semaphore = new WeightedSemaphore(4);
    semaphore.tryAcquire(2);
    void semaphore.acquire(4);
    expect(semaphore.tryAcquire(1)).toBeUndefined();
    expect(semaphore.statistics()).toEqual({ value: 2, waiting: 1 });
  });

  test('an acquire that would fit still queues behind a waiter', async () => {
    const semaphore = new WeightedSemaphore(4);
    semaphore.tryAcquire(2);
    const log: string[] = [];
    void follow(log, 'big', semaphore.acquire(4));
    void follow(log, 'small', semaphore.acquire(1));
    await flush();
    expect(log).toEqual([]);
    expect(semaphore.statistics()).toEqual({ value: 2, waiting: 2 });
  });
});

describe('releasers', () => {
  test('a releaser gives back exactly its weight, once', async () => {
    const semaphore = new WeightedSemaphore(5);
    const three = await semaphore.acquire(3);
    const two = semaphore.tryAcquire(2);
    expect(semaphore.value).toBe(0);
    three.release();
    three.release();
    expect(semaphore.value).toBe(3);
    expect(three.released).toBe(true);
    two?.release();
    expect(semaphore.value).toBe(5);
    {
      using _held = await semaphore.acquire(4);
      expect(semaphore.value).toBe(1);
    }
    expect(semaphore.value).toBe(5);
  });
});

describe('cancellation', () => {
  test('cancelling the head waiter admits those behind it that now fit, in order, before its own rejection', async () => {
    const semaphore = new WeightedSemaphore(4);
    const log: string[] = [];
    semaphore.tryAcquire(2);
    const controller = new AbortController();
    const head = follow(log, 'head', semaphore.acquire(4, { signal: controller.signal }));
    const a = follow(log, 'a', semaphore.acquire(1));
    const b = follow(log, 'b', semaphore.acquire(1));
    const c = follow(log, 'c', semaphore.acquire(1));
    controller.abort(new Error('gone'));
    // a and b fit in the 2 units free; c does not: it is the new head.
    expect(semaphore.statistics()).toEqual({ value: 0, waiting: 1 });
    await flush();
    expect(log).toEqual(['a', 'b', 'head: Error']);
    await Promise.all([head, a, b]);
    void c;
  });

  test('a head that times out admits those behind it too', async () => {
    const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const semaphore = new WeightedSemaphore(3);
      const log: string[] = [];
      semaphore.tryAcquire(1);
      void follow(log, 'head', semaphore.acquire(3, { timeout: 10 }));
      void follow(log, 'small', semaphore.acquire(2));
      clock.tick(10);
      expect(semaphore.statistics()).toEqual({ value: 0, waiting: 0 });
      await flush();
      expect(log).toEqual(['small', 'head: TimeoutError']);
      expect(clock.countTimers()).toBe(0);
    } finally {
      clock.uninstall();
    }
  });

  test('cancelling a waiter behind the head admits nobody', async () => {
    const semaphore = new WeightedSemaphore(3);
    const log: string[] = [];
    semaphore.tryAcquire(2);
    void follow(log, 'head', semaphore.acquire(3));
    const controller = new AbortController();
    void follow(log, 'middle', semaphore.acquire(2, { signal: controller.signal }));
    void follow(log, 'last', semaphore.acquire(1));
    controller.abort(new Error('gone'));
    await flush();
    expect(log).toEqual(['middle: Error']);
    expect(semaphore.statistics()).toEqual({ value: 1, waiting: 2 });
  });

  test('a cancellation after the handoff changes nothing: the waiter keeps its units', async () => {
    const semaphore = new WeightedSemaphore(2);
    const first = semaphore.tryAcquire(2);
    const controller = new AbortController();
    const pending = semaphore.acquire(2, { signal: controller.signal });
    first?.release();
    controller.abort(new Error('late'));
    const held = await pending;
    expect(semaphore.value).toBe(0);
    held.release();
    expect(semaphore.value).toBe(2);
  });

  test('an already-aborted signal rejects and takes nothing, even when units are free; timeout 0 gives up only if it must wait', async () => {
    const semaphore = new WeightedSemaphore(2);
    const reason = new Error('stop');
    await expect(semaphore.acquire(1, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(semaphore.value).toBe(2);
    const held = await semaphore.acquire(2, { timeout: 0 });
    await expect(semaphore.acquire(1, { timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
    held.release();
    expect(semaphore.statistics()).toEqual({ value: 2, waiting: 0 });
  });
});

describe('runExclusive(weight, fn)', () => {
  test('holds the weight while fn runs and gives it back however fn ends', async () => {
    const semaphore = new WeightedSemaphore(4);
    await expect(semaphore.runExclusive(3, () => semaphore.value)).resolves.toBe(1);
    const error = new Error('boom');
    await expect(semaphore.runExclusive(2, () => {
      throw error;
    })).rejects.toBe(error);
    await expect(semaphore.runExclusive(2, () => Promise.reject(error))).rejects.toBe(error);
    expect(semaphore.value).toBe(4);
    await expect(semaphore.runExclusive(1, 'nope' as never)).rejects.toThrow(TypeError);
  });

  test('waits in the same FIFO queue as acquire()', async () => {
    const semaphore = new WeightedSemaphore(2);
    const order: string[] = [];
    const held = semaphore.tryAcquire(2);
    const run = semaphore.runExclusive(2, () => order.push('run'));
    const acquired = semaphore.acquire(1).then((r) => {
      order.push('acquire');
      r.release();
    });
    held?.release();
    await Promise.all([run, acquired]);
    expect(order).toEqual(['run', 'acquire']);
  });
});
