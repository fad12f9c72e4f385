import FakeTimers from '@sinonjs/fake-timers';
import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { Condition } from '../src/index.js';
import { flush } from './flush.js';
import { badCount, badSignal, badTimeout, errorFor } from './input.js';

test('notify(n) with a bad n is a TypeError or a RangeError that names the call, and wakes nobody', async () => {
  await fc.assert(
    fc.asyncProperty(badCount.filter((n) => n !== undefined), fc.integer({ min: 0, max: 3 }), async (n, waiting) => {
      const condition = new Condition();
      const settled: boolean[] = [];
      for (let i = 0; i < waiting; i++) void condition.wait().then((value) => settled.push(value));
      expect(() => condition.notify(n as number)).toThrow(errorFor(n));
      expect(() => condition.notify(n as number)).toThrow(/^Condition\.notify\(\) n must be (a number|a non-negative integer|at most)/);
      await flush();
      expect(settled).toEqual([]);
      expect(condition.statistics()).toEqual({ waiting });
    }),
  );
});

test('notify(-1), notify(1.5) and notify(NaN) are RangeErrors', () => {
  const condition = new Condition();
  expect(() => condition.notify(-1)).toThrow('Condition.notify() n must be a non-negative integer, got -1');
  expect(() => condition.notify(1.5)).toThrow('got 1.5');
  expect(() => condition.notify(Number.NaN)).toThrow('got NaN');
});

test('a bad timeout is a TypeError or a RangeError, a bad signal a TypeError, for wait and waitFor, and neither changes anything', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(badTimeout.map((timeout) => ({ timeout })), badSignal.map((signal) => ({ signal }))), async (options) => {
      const condition = new Condition();
      void condition.wait();
      const expected = 'timeout' in options ? errorFor(options.timeout) : TypeError;
      await expect(condition.wait(options as never)).rejects.toThrow(expected);
      await expect(condition.waitFor(() => false, options as never)).rejects.toThrow(expected);
      expect(condition.statistics()).toEqual({ waiting: 1 });
    }),
  );
});

test('a timed-out wait resolves false, an aborted one rejects with the reason, and neither is counted by notify', async () => {
  const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const condition = new Condition();
    const controller = new AbortController();
    const timed = condition.wait({ timeout: 10 });
    const aborted = condition.wait({ signal: controller.signal });
    const last = condition.wait();
    expect(await condition.wait({ timeout: 0 })).toBe(false);
    clock.tick(10);
    controller.abort(new Error('stop'));
    expect(await timed).toBe(false);
    await expect(aborted).rejects.toThrow('stop');
    condition.notify();
    expect(await last).toBe(true);
    expect(condition.statistics()).toEqual({ waiting: 0 });
  } finally {
    clock.uninstall();
  }
});

test('waitFor re-checks the predicate after every notification and resolves with its value once it holds', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat(5), fc.nat(3), async (needed, spurious) => {
      const condition = new Condition();
      let count = 0;
      let checks = 0;
      let result: number | undefined;
      void condition.waitFor(() => (checks++, count >= needed ? count + 1 : 0)).then((value) => (result = value));
      for (let i = 0; i < spurious; i++) {
        condition.notify();
        await flush();
      }
      for (let i = 0; i < needed; i++) {
        expect(result).toBeUndefined();
        expect(condition.statistics()).toEqual({ waiting: 1 });
        count++;
        condition.notify();
        await flush();
      }
      await flush();
      expect(result).toBe(needed + 1);
      expect(checks).toBe(needed === 0 ? 1 : 1 + spurious + needed);
      expect(condition.statistics()).toEqual({ waiting: 0 });
    }),
  );
});

test('the timeout of waitFor bounds the whole call, not each wait, and the predicate is checked once more at the end', async () => {
  const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout', 'performance'], now: 0 });
  try {
    const condition = new Condition();
    let ready = false;
    let endedAt: number | undefined;
    const pending = condition.waitFor(() => ready, { timeout: 50 }).then((value) => ((endedAt = performance.now()), value));
    for (const at of [20, 40]) {
      await clock.tickAsync(20);
      expect(performance.now()).toBe(at);
      condition.notify();
    }
    await clock.tickAsync(10);
    expect(await pending).toBe(false);
    expect(endedAt).toBe(50);
    expect(clock.countTimers()).toBe(0);
    ready = true;
    expect(await condition.waitFor(() => ready, { timeout: 0 })).toBe(true);
  } finally {
    clock.uninstall();
  }
});

test('waitFor rejects with the abort reason or with what the predicate throws, and leaves no waiter behind', async () => {
  const condition = new Condition();
  const controller = new AbortController();
  const reason = new Error('stop');
  const pending = condition.waitFor(() => false, { signal: controller.signal });
  expect(condition.statistics()).toEqual({ waiting: 1 });
  controller.abort(reason);
  await expect(pending).rejects.toBe(reason);
  await expect(condition.waitFor(() => true, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  let calls = 0;
  const throwing = condition.waitFor(() => {
    if (++calls > 1) throw new Error('predicate failed');
    return false;
  });
  condition.notify();
  await expect(throwing).rejects.toThrow('predicate failed');
  expect(condition.statistics()).toEqual({ waiting: 0 });
});

test('the deadline of waitFor is measured on a monotonic clock: the wall clock jumping back or forth changes nothing', async () => {
  // performance.now() runs on the fake clock; Date.now() is left real, then made to jump.
  const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout', 'performance'], now: 0 });
  const realNow = Date.now;
  try {
    for (const jump of [+3_600_000, -3_600_000]) {
      const condition = new Condition();
      let result: boolean | undefined;
      let endedAt: number | undefined;
      const started = performance.now();
      void condition.waitFor(() => false, { timeout: 50 }).then((value) => ((result = value), (endedAt = performance.now() - started)));
      await clock.tickAsync(20);
      const wall = realNow.call(Date) + jump;
      Date.now = () => wall;
      // A notification makes waitFor wait again for what is left of its 50 ms: 30, whatever the wall clock says.
      condition.notify();
      await clock.tickAsync(29);
      expect(result).toBeUndefined();
      expect(condition.statistics()).toEqual({ waiting: 1 });
      await clock.tickAsync(1);
      expect(result).toBe(false);
      expect(endedAt).toBe(50);
      expect(clock.countTimers()).toBe(0);
      Date.now = realNow;
    }
  } finally {
    Date.now = realNow;
    clock.uninstall();
  }
});

test('waitFor waits again for a whole number of milliseconds, though the monotonic clock has fractions', async () => {
  const condition = new Condition();
  const pending = condition.waitFor(() => false, { timeout: 20 });
  await new Promise((resolve) => setTimeout(resolve, 3));
  condition.notify();
  expect(await pending).toBe(false);
});

test('waitFor refuses a predicate that is not a function with a TypeError naming the call, and waits for nothing', async () => {
  const condition = new Condition();
  for (const [predicate, text] of [[5, '5'], [null, 'null'], ['ready', '"ready"'], [{}, 'an object']] as const) {
    await expect(condition.waitFor(predicate as never)).rejects.toThrow(new TypeError(`Condition.waitFor() predicate must be a function, got ${text}`));
    expect(condition.statistics()).toEqual({ waiting: 0 });
  }
});
