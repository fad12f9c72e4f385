import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { Event, TimeoutError } from '../src/index.js';
import { badSignal, badTimeout, errorFor } from './input.js';

test('a bad timeout is a TypeError or a RangeError, a bad signal a TypeError, and neither changes anything', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(badTimeout.map((timeout) => ({ timeout })), badSignal.map((signal) => ({ signal }))), fc.boolean(), async (options, isSet) => {
      const event = new Event();
      if (isSet) event.set();
      else void event.wait();
      const before = event.statistics();
      await expect(event.wait(options as never)).rejects.toThrow('timeout' in options ? errorFor(options.timeout) : TypeError);
      expect(event.statistics()).toEqual(before);
    }),
  );
});

test('an already-aborted signal rejects with its reason even when the event is set', async () => {
  const event = new Event();
  event.set();
  const reason = new Error('stop');
  await expect(event.wait({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
});

test('a wait on a set event passes at once whatever its timeout; on a clear one, timeout 0 is a TimeoutError', async () => {
  const event = new Event();
  await expect(event.wait({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
  event.set();
  await expect(event.wait({ timeout: 0 })).resolves.toBeUndefined();
  expect(event.statistics()).toEqual({ isSet: true, waiting: 0 });
});

test('clear() right after set() does not take back a wakeup', async () => {
  const event = new Event();
  const woken: number[] = [];
  void event.wait().then(() => woken.push(0));
  void event.wait().then(() => woken.push(1));
  event.set();
  event.clear();
  void event.wait().then(() => woken.push(2));
  await new Promise((resolve) => setImmediate(resolve));
  expect(woken).toEqual([0, 1]);
  expect(event.statistics()).toEqual({ isSet: false, waiting: 1 });
});
