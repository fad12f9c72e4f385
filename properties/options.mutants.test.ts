/**
 * What the mutation run (`npm run mutate`) showed the other properties left open about the
 * options of waiting calls and the errors that name bad input: options that are not an object,
 * signal look-alikes (tagged ones included), the largest timeout, and the exact message, which
 * names the call and shows the value (STYLE.md: errors say what was wrong and with which value);
 * and how a real AbortSignal is recognised: by its class, or by its tag where there is no class.
 */

import { expect, test } from 'vitest';
import { BoundedSemaphore, Condition, Event, LifoQueue, Lock, PriorityQueue, Queue, QueueEmpty, QueueFull, RWLock, Semaphore, TimeoutError, WeightedSemaphore } from '../src/index.js';

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
  'Semaphore.runExclusive()': (options) => new Semaphore(1).runExclusive(() => 1, options as never),
  'Lock.runExclusive()': (options) => new Lock().runExclusive(() => 1, options as never),
  'WeightedSemaphore.acquire()': (options) => new WeightedSemaphore(2).acquire(2, options as never),
  'WeightedSemaphore.runExclusive()': (options) => new WeightedSemaphore(2).runExclusive(1, () => 1, options as never),
  'RWLock.acquireRead()': (options) => new RWLock().acquireRead(options as never),
  'RWLock.acquireWrite()': (options) => new RWLock().acquireWrite(options as never),
  'RWLock.runRead()': (options) => new RWLock().runRead(() => 1, options as never),
  'RWLock.runWrite()': (options) => new RWLock().runWrite(() => 1, options as never),
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
    for (const [timeout, text] of [[-1, '-1'], [1.5, '1.5'], [2 ** 31, '2147483648'], [Number.NaN, 'NaN']] as const) {
      const error = await rejection(call({ timeout }));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe(`${name} timeout must be an integer number of milliseconds from 0 to 2147483647, got ${text}`);
    }
  }
});

test('a timeout that is not a number is a TypeError that names the call and shows the value', async () => {
  for (const [name, call] of Object.entries(calls)) {
    for (const [timeout, text] of [['10', '"10"'], [null, 'null'], [true, 'true'], [10n, '10n'], [{}, 'an object']] as const) {
      const error = await rejection(call({ timeout }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`${name} timeout must be a number of milliseconds, got ${text}`);
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

/** The exact error a call throws: its class and its message. */
function thrown(call: () => unknown): { type: string; message: string } {
  try {
    call();
  } catch (error) {
    return { type: (error as Error).constructor.name, message: (error as Error).message };
  }
  throw new Error('expected a throw');
}

test('a count that is not a number is a TypeError that shows the value and names the class, subclasses included', () => {
  expect(thrown(() => new Semaphore('1' as never))).toEqual({ type: 'TypeError', message: 'Semaphore value must be a number, got "1"' });
  expect(thrown(() => new BoundedSemaphore([1] as never))).toEqual({ type: 'TypeError', message: 'BoundedSemaphore value must be a number, got an array' });
  expect(thrown(() => new BoundedSemaphore(1n as never))).toEqual({ type: 'TypeError', message: 'BoundedSemaphore value must be a number, got 1n' });
  expect(thrown(() => new Semaphore(false as never))).toEqual({ type: 'TypeError', message: 'Semaphore value must be a number, got false' });
  expect(thrown(() => new Queue({ maxsize: {} as never }))).toEqual({ type: 'TypeError', message: 'Queue maxsize must be a number, got an object' });
  expect(thrown(() => new LifoQueue({ maxsize: noop as never }))).toEqual({ type: 'TypeError', message: 'LifoQueue maxsize must be a number, got a function' });
  expect(thrown(() => new PriorityQueue({ maxsize: null as never }))).toEqual({ type: 'TypeError', message: 'PriorityQueue maxsize must be a number, got null' });
  expect(thrown(() => new Condition().notify(null as never))).toEqual({ type: 'TypeError', message: 'Condition.notify() n must be a number, got null' });
  expect(thrown(() => new Condition().notify('2' as never))).toEqual({ type: 'TypeError', message: 'Condition.notify() n must be a number, got "2"' });
});

test('a count that is a bad number is a RangeError that shows the value and names the class; past MAX_SAFE_INTEGER says so', () => {
  expect(thrown(() => new Semaphore(-1))).toEqual({ type: 'RangeError', message: 'Semaphore value must be a non-negative integer, got -1' });
  expect(thrown(() => new BoundedSemaphore(1.5))).toEqual({ type: 'RangeError', message: 'BoundedSemaphore value must be a non-negative integer, got 1.5' });
  expect(thrown(() => new LifoQueue({ maxsize: Number.NaN }))).toEqual({ type: 'RangeError', message: 'LifoQueue maxsize must be a non-negative integer, got NaN' });
  expect(thrown(() => new PriorityQueue({ maxsize: 2 ** 53 }))).toEqual({
    type: 'RangeError',
    message: 'PriorityQueue maxsize must be at most Number.MAX_SAFE_INTEGER (9007199254740991), got 9007199254740992',
  });
  expect(thrown(() => new Semaphore(1e300))).toEqual({ type: 'RangeError', message: 'Semaphore value must be at most Number.MAX_SAFE_INTEGER (9007199254740991), got 1e+300' });
  expect(thrown(() => new Condition().notify(Number.POSITIVE_INFINITY))).toEqual({ type: 'RangeError', message: 'Condition.notify() n must be a non-negative integer, got Infinity' });
  expect(new Semaphore(Number.MAX_SAFE_INTEGER).value).toBe(Number.MAX_SAFE_INTEGER);
  expect(new Queue({ maxsize: Number.MAX_SAFE_INTEGER }).maxsize).toBe(Number.MAX_SAFE_INTEGER);
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

/** A stand-in that says it is an AbortSignal (`Symbol.toStringTag`), with the members given. */
function tagged(members: object): object {
  return Object.assign(Object.create(null) as object, { [Symbol.toStringTag]: 'AbortSignal' }, members);
}

test('a value tagged AbortSignal is refused unless it is an object with a boolean aborted and both listener methods', async () => {
  const complete = { aborted: false, addEventListener: noop, removeEventListener: noop };
  const refused: readonly (readonly [unknown, string])[] = [
    [tagged({ ...complete, aborted: 'no' }), 'an object'],
    [tagged({ ...complete, addEventListener: 1 }), 'an object'],
    [tagged({ ...complete, removeEventListener: 1 }), 'an object'],
    [Object.assign(() => undefined, complete, { [Symbol.toStringTag]: 'AbortSignal' }), 'a function'],
  ];
  for (const [signal, text] of refused) {
    const error = await rejection(new Semaphore(1).acquire({ signal } as never));
    expect(error).toEqual(new TypeError(`Semaphore.acquire() signal must be an AbortSignal, got ${text}`));
  }
  // The complete one is taken for a signal from another realm.
  await new Semaphore(1).acquire({ signal: tagged(complete) } as never);
});

test('an instance of AbortSignal is accepted by its class, whatever its Symbol.toStringTag says', async () => {
  const signal = new AbortController().signal;
  Object.defineProperty(signal, Symbol.toStringTag, { value: 'Renamed' });
  const releaser = await new Semaphore(1).acquire({ signal });
  expect(releaser.released).toBe(false);
});

test('where the global AbortSignal is missing, a signal is recognised by its tag and members', async () => {
  const signal = new AbortController().signal;
  const global = Object.getOwnPropertyDescriptor(globalThis, 'AbortSignal');
  let acquiring: Promise<unknown>;
  Object.defineProperty(globalThis, 'AbortSignal', { value: undefined, configurable: true, writable: true });
  try {
    // The options are read during the call; nothing else runs until the global is back.
    acquiring = new Semaphore(1).acquire({ signal });
  } finally {
    Object.defineProperty(globalThis, 'AbortSignal', global as PropertyDescriptor);
  }
  await acquiring;
});
