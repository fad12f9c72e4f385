/**
 * What the mutation run (`npm run mutate`) showed the other properties left open about the
 * options of waiting calls and the errors that name bad input: options that are not an object,
 * signal look-alikes, the largest timeout, and the exact message, which names the call and
 * shows the value (STYLE.md: errors say what was wrong and with which value).
 */

import { expect, test } from 'vitest';
import { BoundedSemaphore, Condition, Event, LifoQueue, Lock, PriorityQueue, Queue, QueueEmpty, QueueFull, Semaphore, TimeoutError } from '../src/index.js';

/** Every waiting call, made where it completes at once, by the name its errors show. */
const calls: Readonly<Record<string, (options: unknown) => Promise<unknown>>> = {
  'Semaphore.acquire()': (options) => new Semaphore(1).acquire(options as never),
  'BoundedSemaphore.acquire()': (options) => new BoundedSemaphore(1).acquire(options as never),
  'Lock.acquire()': (options) => new Lock().acquire(options as never),
  'Event.wait()': (options) => {
    const event = new Event();
    event.set();
    return event.wait(options as never);
  },
  'Condition.wait()': (options) => {
    const condition = new Condition();
    const wait = condition.wait(options as never);
    condition.notify();
    return wait;
  },
  'Condition.waitFor()': (options) => new Condition().waitFor(() => true, options as never),
  'Queue.put()': (options) => new Queue<number>().put(1, options as never),
  'LifoQueue.get()': (options) => {
    const queue = new LifoQueue<number>();
    queue.putNowait(1);
    return queue.get(options as never);
  },
  'PriorityQueue.join()': (options) => new PriorityQueue<number>().join(options as never),
};

const noop = (): void => undefined;

/** A bad value and how a message shows it. */
const shown: readonly (readonly [unknown, string])[] = [
  [5, '5'],
  [null, 'null'],
  ['fast', '"fast"'],
  [noop, 'a function'],
];

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

test('options that are not an object reject with a TypeError that names the call and shows the value', async () => {
  for (const [name, call] of Object.entries(calls)) {
    for (const [options, text] of shown) {
      const error = await rejection(call(options));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`${name} options must be an object, got ${text}`);
    }
  }
});

test('a bad timeout names the call, the range and the value', async () => {
  for (const [name, call] of Object.entries(calls)) {
    for (const [timeout, text] of [[-1, '-1'], [1.5, '1.5'], ['10', '"10"'], [2 ** 31, '2147483648'], [null, 'null']] as const) {
      const error = await rejection(call({ timeout }));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe(`${name} timeout must be an integer number of milliseconds from 0 to 2147483647, got ${text}`);
    }
  }
});

test('a signal that is not an AbortSignal, look-alikes included, names the call and shows the value', async () => {
  const lookAlikes: readonly (readonly [unknown, string])[] = [
    ...shown,
    [{}, 'an object'],
    [[], 'an array'],
    [{ aborted: 'no', addEventListener: noop, removeEventListener: noop }, 'an object'],
    [{ aborted: false, addEventListener: 1, removeEventListener: noop }, 'an object'],
    [{ aborted: false, addEventListener: noop, removeEventListener: 1 }, 'an object'],
    [Object.assign(() => undefined, { aborted: false, addEventListener: noop, removeEventListener: noop }), 'a function'],
  ];
  for (const [name, call] of Object.entries(calls)) {
    for (const [signal, text] of lookAlikes) {
      const error = await rejection(call({ signal }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`${name} signal must be an AbortSignal, got ${text}`);
    }
  }
});

test('a timeout of 2147483647 ms, the largest timers support, is accepted by every waiting call', async () => {
  for (const call of Object.values(calls)) await call({ timeout: 2_147_483_647 });
});

test('a bad count shows the value as the other messages do, and names what it counts', () => {
  expect(() => new Semaphore('1' as never)).toThrow(new RangeError('Semaphore value must be a non-negative integer, got "1"'));
  expect(() => new BoundedSemaphore([1] as never)).toThrow(new RangeError('BoundedSemaphore value must be a non-negative integer, got an array'));
  expect(() => new Queue({ maxsize: {} as never })).toThrow(new RangeError('Queue maxsize must be a non-negative integer, got an object'));
  expect(() => new LifoQueue({ maxsize: noop as never })).toThrow(new RangeError('LifoQueue maxsize must be a non-negative integer, got a function'));
  expect(() => new Condition().notify(null as never)).toThrow(new RangeError('Condition.notify() n must be a non-negative integer, got null'));
});

test('a timed-out wait rejects with a TimeoutError that carries its timeout; the queue errors have default messages', async () => {
  const error = await rejection(new Semaphore(0).acquire({ timeout: 0 }));
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error.message).toBe('Timed out after 0 ms');
  expect((error as TimeoutError).timeout).toBe(0);
  expect(new TimeoutError(50).message).toBe('Timed out after 50 ms');
  expect(new QueueEmpty().message).toBe('Queue is empty');
  expect(new QueueFull().message).toBe('Queue is full');
});
