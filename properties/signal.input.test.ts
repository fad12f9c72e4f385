/**
 * Signals, hostile and shared. A waiter is never queued unless it can be cancelled: a value
 * that is not an AbortSignal is refused up front with a TypeError naming the call, and a signal
 * that cannot be listened to (its addEventListener throws) is refused before the waiter is
 * queued, leaving no waiter, no timer and nothing taken. A signal that calls its listeners as
 * plain functions still cancels. And one signal shared by n waiters costs one listener, not n:
 * no MaxListenersExceededWarning, O(n) in all, cancellations in arrival order, nothing left
 * behind once the last waiter leaves.
 */

import { getEventListeners } from 'node:events';
import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, expect, test } from 'vitest';
import { BoundedSemaphore, Condition, Event, LifoQueue, Lock, PriorityQueue, Queue, Semaphore } from '../src/index.js';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How a promise stands once the microtasks have run. */
async function outcome<T>(promise: Promise<T>): Promise<{ resolved: T } | { rejected: unknown } | 'pending'> {
  let result: { resolved: T } | { rejected: unknown } | 'pending' = 'pending';
  promise.then(
    (resolved) => (result = { resolved }),
    (rejected: unknown) => (result = { rejected }),
  );
  await flush();
  return result;
}

/**
 * Every waiting call, made where it must wait, by the name its errors show; `serve` later
 * gives it what it waits for (a permit, a set, a notification, an item, a slot, a taskDone);
 * `served` says how the next waiter to come gets it.
 */
interface Waiting {
  readonly name: string;
  /** A primitive in a state where `wait` must wait. */
  readonly make: () => {
    readonly wait: (options: object) => Promise<unknown>;
    readonly serve: () => void;
    readonly statistics: () => object;
  };
}

const waiting: readonly Waiting[] = [
  {
    name: 'Semaphore.acquire()',
    make: () => {
      const semaphore = new Semaphore(0);
      return { wait: (o) => semaphore.acquire(o), serve: () => semaphore.release(), statistics: () => semaphore.statistics() };
    },
  },
  {
    name: 'BoundedSemaphore.acquire()',
    make: () => {
      const semaphore = new BoundedSemaphore(1);
      semaphore.tryAcquire();
      return { wait: (o) => semaphore.acquire(o), serve: () => semaphore.release(), statistics: () => semaphore.statistics() };
    },
  },
  {
    name: 'Lock.acquire()',
    make: () => {
      const lock = new Lock();
      lock.tryAcquire();
      return { wait: (o) => lock.acquire(o), serve: () => lock.release(), statistics: () => lock.statistics() };
    },
  },
  {
    name: 'Event.wait()',
    make: () => {
      const event = new Event();
      return { wait: (o) => event.wait(o), serve: () => event.set(), statistics: () => event.statistics() };
    },
  },
  {
    name: 'Condition.wait()',
    make: () => {
      const condition = new Condition();
      return { wait: (o) => condition.wait(o), serve: () => condition.notify(), statistics: () => condition.statistics() };
    },
  },
  {
    name: 'Queue.get()',
    make: () => {
      const queue = new Queue<number>();
      return { wait: (o) => queue.get(o), serve: () => queue.putNowait(1), statistics: () => queue.statistics() };
    },
  },
  {
    name: 'LifoQueue.put()',
    make: () => {
      const queue = new LifoQueue<number>({ maxsize: 1 });
      queue.putNowait(0);
      return { wait: (o) => queue.put(1, o), serve: () => void queue.getNowait(), statistics: () => queue.statistics() };
    },
  },
  {
    name: 'PriorityQueue.join()',
    make: () => {
      const queue = new PriorityQueue<number>();
      queue.putNowait(0);
      return { wait: (o) => queue.join(o), serve: () => queue.taskDone(), statistics: () => queue.statistics() };
    },
  },
];

/** A real AbortSignal whose addEventListener throws. */
function unlistenable(): AbortSignal {
  const signal = new AbortController().signal;
  Object.defineProperty(signal, 'addEventListener', {
    value: () => {
      throw new Error('no listeners here');
    },
  });
  return signal;
}

/**
 * A stand-in from another realm, or a polyfill: not an instance of this realm's AbortSignal,
 * but it says it is one, and it calls its listeners as plain functions (never `handleEvent`).
 */
class PlainCallingSignal {
  aborted = false;
  reason: unknown = undefined;
  readonly listeners = new Set<(...args: unknown[]) => void>();
  get [Symbol.toStringTag](): string {
    return 'AbortSignal';
  }
  addEventListener(_type: string, listener: (...args: unknown[]) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: string, listener: (...args: unknown[]) => void): void {
    this.listeners.delete(listener);
  }
  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    for (const listener of [...this.listeners]) listener.call(undefined, { type: 'abort' });
  }
}

let clock: ReturnType<ReturnType<typeof FakeTimers.withGlobal>['install']> | undefined;
afterEach(() => {
  clock?.uninstall();
  clock = undefined;
});

test('a signal that is not an AbortSignal is refused up front, a complete look-alike included', async () => {
  const lookAlike = { aborted: false, addEventListener: () => undefined, removeEventListener: () => undefined };
  for (const { name, make } of waiting) {
    const primitive = make();
    const before = primitive.statistics();
    const result = await outcome(primitive.wait({ signal: lookAlike }));
    expect(result, name).toEqual({ rejected: new TypeError(`${name} signal must be an AbortSignal, got an object`) });
    expect(primitive.statistics(), name).toEqual(before);
  }
});

test('a signal whose addEventListener throws is refused before the waiter is queued: no waiter, no timer, nothing taken', async () => {
  clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'] });
  for (const { name, make } of waiting) {
    const primitive = make();
    const before = primitive.statistics();
    const result = await outcome(primitive.wait({ signal: unlistenable(), timeout: 1_000 }));
    expect(result, name).toMatchObject({ rejected: expect.any(TypeError) });
    const error = (result as { rejected: TypeError }).rejected;
    expect(error.message, name).toBe(`${name} signal could not be listened to: its addEventListener threw no listeners here`);
    expect(error.cause, name).toEqual(new Error('no listeners here'));
    expect(primitive.statistics(), name).toEqual(before);
    expect(clock.countTimers(), name).toBe(0);
    // What the refused call would have waited for goes to the next waiter, not to a dead one.
    const next = primitive.wait({});
    primitive.serve();
    expect(await outcome(next), name).not.toBe('pending');
    expect(await outcome(next), name).not.toMatchObject({ rejected: expect.anything() });
  }
});

test('a signal that aborts while its listener is being added rejects the call with its reason and queues nothing', async () => {
  for (const { name, make } of waiting) {
    const controller = new AbortController();
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    Object.defineProperty(signal, 'addEventListener', {
      value: (...args: Parameters<AbortSignal['addEventListener']>) => {
        controller.abort(new Error('aborted while listening'));
        add(...args);
      },
    });
    const primitive = make();
    const before = primitive.statistics();
    expect(await outcome(primitive.wait({ signal })), name).toEqual({ rejected: new Error('aborted while listening') });
    expect(primitive.statistics(), name).toEqual(before);
    expect(getEventListeners(signal, 'abort'), name).toHaveLength(0);
  }
});

test('a signal that calls its listeners as plain functions cancels the waiter, which leaves nothing behind', async () => {
  for (const { name, make } of waiting) {
    const primitive = make();
    const before = primitive.statistics();
    const signal = new PlainCallingSignal();
    const pending = primitive.wait({ signal });
    expect(signal.listeners.size, name).toBe(1);
    signal.abort(new Error('stop'));
    expect(await outcome(pending), name).toEqual({ rejected: new Error('stop') });
    expect(primitive.statistics(), name).toEqual(before);
    expect(signal.listeners.size, name).toBe(0);
    const next = primitive.wait({});
    primitive.serve();
    expect(await outcome(next), name).not.toBe('pending');
  }
});

test('Queue.iterate() refuses a bad options object or signal with a TypeError naming the call, and listens through a plain function', async () => {
  const queue = new Queue<number>();
  expect(() => queue.iterate(5 as never)).toThrow(new TypeError('Queue.iterate() options must be an object, got 5'));
  expect(() => queue.iterate({ signal: {} as never })).toThrow(new TypeError('Queue.iterate() signal must be an AbortSignal, got an object'));
  expect(() => new LifoQueue<number>().iterate({ signal: 'stop' as never })).toThrow(new TypeError('LifoQueue.iterate() signal must be an AbortSignal, got "stop"'));
  const refused = (() => {
    try {
      new PriorityQueue<number>().iterate({ signal: unlistenable() });
    } catch (error) {
      return error as TypeError;
    }
    return undefined;
  })();
  expect(refused).toEqual(new TypeError('PriorityQueue.iterate() signal could not be listened to: its addEventListener threw no listeners here'));
  const signal = new PlainCallingSignal();
  const iterator = queue.iterate({ signal: signal as unknown as AbortSignal });
  const next = iterator.next();
  signal.abort(new Error('done iterating'));
  expect(await outcome(next)).toEqual({ rejected: new Error('done iterating') });
  expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: false });
  expect(signal.listeners.size).toBe(0);
});

test('100 waiters on one signal print no MaxListenersExceededWarning', async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning);
  process.on('warning', onWarning);
  try {
    const controller = new AbortController();
    const semaphore = new Semaphore(0);
    const queue = new Queue<number>();
    const pending = [];
    for (let i = 0; i < 100; i++) pending.push(semaphore.acquire({ signal: controller.signal }), queue.get({ signal: controller.signal }));
    await flush();
    controller.abort();
    await Promise.allSettled(pending);
    await flush();
  } finally {
    process.off('warning', onWarning);
  }
  expect(warnings.map((w) => w.name)).toEqual([]);
});

/** A real AbortSignal that counts the listeners added to it and removed from it. */
function counted(): { controller: AbortController; signal: AbortSignal; added: () => number; removed: () => number } {
  const controller = new AbortController();
  const signal = controller.signal;
  let added = 0;
  let removed = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  Object.defineProperty(signal, 'addEventListener', { value: (...args: Parameters<AbortSignal['addEventListener']>) => (added++, add(...args)) });
  Object.defineProperty(signal, 'removeEventListener', { value: (...args: Parameters<AbortSignal['removeEventListener']>) => (removed++, remove(...args)) });
  return { controller, signal, added: () => added, removed: () => removed };
}

test('n waiters sharing one signal cost one listener whatever n, and aborting cancels them in arrival order', async () => {
  for (const n of [1, 10, 1_000, 10_000]) {
    const { controller, signal, added, removed } = counted();
    const semaphore = new Semaphore(0);
    const queue = new Queue<number>();
    const order: number[] = [];
    const pending: Promise<unknown>[] = [];
    // Arrival alternates between the two primitives: cancellations keep that order too.
    for (let i = 0; i < n; i++) {
      const wait = i % 2 === 0 ? semaphore.acquire({ signal }) : queue.get({ signal });
      pending.push(wait.catch(() => order.push(i)));
    }
    expect(added(), `n = ${n}`).toBe(1);
    expect(getEventListeners(signal, 'abort'), `n = ${n}`).toHaveLength(1);
    controller.abort();
    await Promise.all(pending);
    expect(order, `n = ${n}`).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(added(), `n = ${n}`).toBe(1);
    expect(removed(), `n = ${n}`).toBeLessThanOrEqual(1);
    expect(getEventListeners(signal, 'abort'), `n = ${n}`).toHaveLength(0);
    expect(semaphore.statistics().waiting + queue.statistics().waiting).toBe(0);
  }
});

test('a shared signal keeps its one listener while any waiter waits, and loses it when the last leaves, however each leaves', async () => {
  clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'] });
  const { signal, added, removed } = counted();
  const semaphore = new Semaphore(0);
  const condition = new Condition();
  const served = semaphore.acquire({ signal });
  const timed = semaphore.acquire({ signal, timeout: 10 }).catch((error: unknown) => error);
  const notified = condition.wait({ signal });
  const last = semaphore.acquire({ signal });
  semaphore.release();
  expect(await outcome(served)).toMatchObject({ resolved: expect.anything() });
  expect(getEventListeners(signal, 'abort')).toHaveLength(1);
  await clock.tickAsync(10);
  expect(await outcome(timed)).toMatchObject({ resolved: expect.objectContaining({ name: 'TimeoutError' }) });
  condition.notify();
  expect(await outcome(notified)).toEqual({ resolved: true });
  expect(getEventListeners(signal, 'abort')).toHaveLength(1);
  semaphore.release();
  expect(await outcome(last)).toMatchObject({ resolved: expect.anything() });
  expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  expect([added(), removed()]).toEqual([1, 1]);
  // A new waiter after that listens afresh.
  const again = semaphore.acquire({ signal });
  expect(getEventListeners(signal, 'abort')).toHaveLength(1);
  semaphore.release();
  await outcome(again);
  expect([added(), removed()]).toEqual([2, 2]);
});
