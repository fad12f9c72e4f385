/**
 * What the mutation run (`npm run mutate`) showed the queue properties left open: a buffer that
 * grows past its first capacity, PriorityQueue's natural order, a throwing comparator met by
 * `put` and `get` (not only their Nowait forms), the options object, the messages of QueueFull
 * and QueueEmpty, and the iterator's signal handling and cleanup. Then, for the hardened queue:
 * the exact refusals of thenables and of shutdown, `iterate()`'s options, an iterator that has
 * returned, ties in put order after putters' items went straight out, a comparator that cancels
 * a putter whose item is not the least, and the default order's shapes and tuple order.
 */

import { getEventListeners } from 'node:events';
import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, QueueShutDown } from '../src/index.js';
import { flush } from './flush.js';

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

test('any number of items keep their order while the buffer grows and wraps around', () => {
  const batch = fc.integer({ min: 1, max: 40 });
  const script = fc.array(fc.oneof(batch.map((put) => ({ put })), batch.map((get) => ({ get }))), { maxLength: 20 });
  fc.assert(
    fc.property(script, fc.constantFrom('fifo', 'lifo'), (steps, order) => {
      const queue = order === 'fifo' ? new Queue<number>() : new LifoQueue<number>();
      const expected: number[] = [];
      let next = 0;
      for (const step of steps) {
        if ('put' in step) {
          for (let i = 0; i < step.put; i++) {
            queue.putNowait(next);
            expected.push(next++);
          }
        } else {
          for (let i = 0; i < step.get && expected.length > 0; i++) expect(queue.getNowait()).toBe(order === 'fifo' ? expected.shift() : expected.pop());
        }
        expect(queue.qsize()).toBe(expected.length);
      }
    }),
    // Ten taken, then thirty put: the buffer grows while its head is not at the start.
    { examples: [[[{ put: 12 }, { get: 10 }, { put: 30 }, { get: 32 }], 'fifo']] },
  );
});

test('PriorityQueue without a comparator orders by < and >, equal items in put order', () => {
  // One-element arrays compare by their key, and equal ones are told apart by identity.
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 40 }), (keys) => {
      const queue = new PriorityQueue<readonly [number]>();
      const items = keys.map((key): readonly [number] => [key]);
      for (const item of items) queue.putNowait(item);
      const out = keys.map(() => queue.getNowait());
      const expected = [...items].sort((a, b) => a[0] - b[0]);
      expect(out.every((item, i) => item === expected[i])).toBe(true);
    }),
  );
  const words = new PriorityQueue<string>();
  for (const word of ['pear', 'apple', 'fig']) words.putNowait(word);
  expect([words.getNowait(), words.getNowait(), words.getNowait()]).toEqual(['apple', 'fig', 'pear']);
});

test('put and get reject, never throw, when the comparator throws, and change nothing', async () => {
  let failing = false;
  const queue = new PriorityQueue<number>({
    compare: (a, b) => {
      if (failing) throw new Error('comparator failed');
      return a - b;
    },
  });
  for (const item of [3, 1, 2]) queue.putNowait(item);
  const before = queue.statistics();
  failing = true;
  const put = await outcome(queue.put(0));
  expect(put).toEqual({ rejected: new Error('comparator failed') });
  const get = await outcome(queue.get());
  expect(get).toEqual({ rejected: new Error('comparator failed') });
  expect(queue.statistics()).toEqual(before);
  failing = false;
  expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual([1, 2, 3]);
});

test('queue options that are not an object are a TypeError that shows them', () => {
  for (const [options, text] of [[5, '5'], [null, 'null'], ['big', '"big"'], [() => 1, 'a function']] as const) {
    expect(() => new Queue(options as never)).toThrow(new TypeError(`Queue options must be an object, got ${text}`));
    expect(() => new PriorityQueue(options as never)).toThrow(new TypeError(`PriorityQueue options must be an object, got ${text}`));
  }
});

test('QueueFull and QueueEmpty name the queue, and QueueFull its maxsize', () => {
  for (const [queue, name] of [[new Queue<number>({ maxsize: 2 }), 'Queue'], [new LifoQueue<number>({ maxsize: 2 }), 'LifoQueue'], [new PriorityQueue<number>({ maxsize: 2 }), 'PriorityQueue']] as const) {
    expect(() => queue.getNowait()).toThrow(new QueueEmpty(`${name}.getNowait() found the queue empty`));
    queue.putNowait(1);
    queue.putNowait(2);
    expect(() => queue.putNowait(3)).toThrow(new QueueFull(`${name}.putNowait() found the queue full (maxsize 2)`));
  }
});

test('an iterator made with an already-aborted signal rejects next() with its reason and takes nothing', async () => {
  const queue = new Queue<number>();
  queue.putNowait(1);
  const reason = new Error('stopped before it began');
  const iterator = queue.iterate({ signal: AbortSignal.abort(reason) });
  expect(await outcome(iterator.next())).toEqual({ rejected: reason });
  expect(queue.qsize()).toBe(1);
});

test("aborting an iterator's signal rejects its pending next() with the reason, and the signal keeps no listener", async () => {
  const queue = new Queue<number>();
  const controller = new AbortController();
  const iterator = queue.iterate({ signal: controller.signal });
  const pending = iterator.next();
  const reason = new Error('shutting down');
  controller.abort(reason);
  expect(await outcome(pending)).toEqual({ rejected: reason });
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  queue.putNowait(1);
  expect(await outcome(iterator.next())).toEqual({ rejected: reason });
  expect(queue.qsize()).toBe(1);
});

test("an iterator's return() resolves done and removes its listener from the signal", async () => {
  const controller = new AbortController();
  const iterator = new Queue<number>().iterate({ signal: controller.signal });
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
  expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
});

test('an iterator is its own async iterable, so for-await takes items through it', async () => {
  const queue = new Queue<string>();
  const iterator = queue.iterate();
  expect(iterator[Symbol.asyncIterator]()).toBe(iterator);
  queue.putNowait('a');
  for await (const item of iterator) {
    expect(item).toBe('a');
    break;
  }
  expect(queue.statistics().waiting).toBe(0);
});

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const result = await outcome(promise);
  if (typeof result !== 'object' || !('rejected' in result)) throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return result.rejected as Error;
}

test('a thenable is refused with the reason it is one: a then method, a then getter, or a then property that throws when read', () => {
  const queue = new Queue<unknown>();
  const tail = 'which a promise would adopt instead of returning, losing the item: wrap it, e.g. { value: item }';
  expect(() => queue.putNowait({ then() {} })).toThrow(new TypeError(`Queue.putNowait() item is a thenable (it has a then method), ${tail}`));
  expect(() => queue.putNowait(Object.create({ then() {} }))).toThrow(new TypeError(`Queue.putNowait() item is a thenable (it has a then method), ${tail}`));
  let reads = 0;
  const getter = Object.defineProperty({}, 'then', {
    get() {
      reads++;
      throw new Error('no then here');
    },
  });
  expect(() => queue.putNowait(getter)).toThrow(new TypeError(`Queue.putNowait() item is a thenable (its then property is a getter, which a promise would read again), ${tail}`));
  expect(reads).toBe(0);
  const trapped = new Proxy({}, {
    has: () => true,
    getOwnPropertyDescriptor() {
      throw new Error('no then here');
    },
  });
  expect(() => queue.putNowait(trapped)).toThrow(new TypeError(`Queue.putNowait() item is a thenable (reading its then property throws), ${tail}`));
  // A then that is no function, a setter alone, none down a prototype chain that ends, or a proxy
  // that says it has a then it cannot show: no thenable.
  queue.putNowait({ then: 1 });
  queue.putNowait(Object.defineProperty({}, 'then', { set() {} }));
  queue.putNowait(Object.create(Object.create(null)));
  queue.putNowait(new Proxy({}, { has: () => true }));
  expect(queue.qsize()).toBe(4);
});

test('shutdown() refuses each waiting put and get with a QueueShutDown of its own that says what happened', async () => {
  const full = new Queue<number>({ maxsize: 1 });
  full.putNowait(1);
  const puts = [full.put(2), full.put(3)];
  const empty = new LifoQueue<number>();
  const get = empty.get();
  full.shutdown();
  empty.shutdown();
  const [first, second, refused] = await Promise.all([...puts, get].map(rejection));
  for (const error of [first, second]) {
    expect(error).toBeInstanceOf(QueueShutDown);
    expect(error?.message).toBe('Queue.shutdown() refused this put(): its item never entered');
  }
  expect(first).not.toBe(second);
  expect(refused).toBeInstanceOf(QueueShutDown);
  expect(refused?.message).toBe('LifoQueue.shutdown() refused this get(): the queue is shut down and empty');
});

test('iterate() takes an options object without a signal, and refuses null with a TypeError that shows it', async () => {
  const queue = new Queue<number>();
  expect(() => queue.iterate(null as never)).toThrow(new TypeError('Queue.iterate() options must be an object, got null'));
  queue.putNowait(1);
  queue.putNowait(2);
  expect(await queue.iterate({}).next()).toEqual({ done: false, value: 1 });
  expect(await queue.iterate({ signal: undefined }).next()).toEqual({ done: false, value: 2 });
});

test("an iterator that returned stays done: next() resolves done without asking its queue, even from inside the queue's comparator", async () => {
  let inside: Promise<IteratorResult<number>> | undefined;
  const queue: PriorityQueue<number> = new PriorityQueue<number>({
    compare: (a, b) => {
      inside ??= iterator.next();
      return a - b;
    },
  });
  const iterator = queue.iterate();
  expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
  queue.putNowait(2);
  // The second put compares, and its comparator calls next() on the finished iterator.
  queue.putNowait(1);
  expect(inside).toBeDefined();
  expect(await outcome(inside as Promise<IteratorResult<number>>)).toEqual({ resolved: { done: true, value: undefined } });
  expect(queue.qsize()).toBe(2);
});

test('equal items leave a PriorityQueue in put order, even after items of waiting putters went straight out', async () => {
  const queue = new PriorityQueue<readonly [number, string]>({ maxsize: 2, compare: (a, b) => a[0] - b[0] });
  queue.putNowait([1, 'a']);
  queue.putNowait([1, 'b']);
  // Two putters whose items go before everything held: each get takes one straight from its putter.
  const early = [queue.put([0, 'x']), queue.put([0, 'y'])];
  expect(queue.getNowait()).toEqual([0, 'x']);
  expect(queue.getNowait()).toEqual([0, 'y']);
  await Promise.all(early);
  expect(queue.getNowait()).toEqual([1, 'a']);
  queue.putNowait([1, 'c']);
  expect([queue.getNowait(), queue.getNowait()]).toEqual([[1, 'b'], [1, 'c']]);
});

test("a comparator that aborts the oldest putter during a get, whose item is not the least, loses no item and takes none from the aborted put", async () => {
  const first = new AbortController();
  let abortOnce = false;
  const queue = new PriorityQueue<number>({
    maxsize: 2,
    compare: (a, b) => {
      if (abortOnce) {
        abortOnce = false;
        first.abort(new Error('cancelled from the comparator'));
      }
      return a - b;
    },
  });
  queue.putNowait(2);
  queue.putNowait(4);
  const aborted = queue.put(5, { signal: first.signal });
  const second = queue.put(7);
  abortOnce = true;
  expect(queue.getNowait()).toBe(2);
  expect(await outcome(aborted)).toEqual({ rejected: new Error('cancelled from the comparator') });
  expect(await outcome(second)).toEqual({ resolved: undefined });
  expect([queue.getNowait(), queue.getNowait()]).toEqual([4, 7]);
  expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 3, shutdown: false });
});

test("without a compare, a waiting putter's item counts among the items a new one must be comparable with", async () => {
  const queue = new PriorityQueue<readonly unknown[]>({ maxsize: 1 });
  queue.putNowait([1]);
  const putter = queue.put([2, 'a']);
  // [3, 4] could be ordered with [1], but not with the waiting [2, 'a'].
  const refused = await rejection(queue.put([3, 4]));
  expect(refused).toBeInstanceOf(TypeError);
  expect(refused.message).toMatch(/^PriorityQueue\.put\(\) item element 1, 4, is a number, but the queue's items hold strings there/);
  expect(queue.getNowait()).toEqual([1]);
  expect(await outcome(putter)).toEqual({ resolved: undefined });
  expect(queue.getNowait()).toEqual([2, 'a']);
});

test('without a compare, a longer array keeps what the shorter ones held say of their first positions', () => {
  const queue = new PriorityQueue<readonly unknown[]>();
  queue.putNowait([1]);
  queue.putNowait([2, 'a']);
  expect(() => queue.putNowait(['x'])).toThrow(/^PriorityQueue\.putNowait\(\) item element 0, "x", is a string, but the queue's items hold numbers there/);
  expect(() => queue.putNowait([3, 4])).toThrow(/item element 1, 4, is a number, but the queue's items hold strings there/);
  queue.putNowait([0, 'b', 5]);
  expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual([[0, 'b', 5], [1], [2, 'a']]);
});

test('without a compare, an empty array held first leaves every position open', () => {
  const queue = new PriorityQueue<readonly number[]>();
  queue.putNowait([]);
  queue.putNowait([2]);
  queue.putNowait([1, 0]);
  expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual([[], [1, 0], [2]]);
});

test('without a compare, a value of another kind is refused with its kind: an array, a bigint', () => {
  const hint = 'which the default order cannot compare with it: pass a compare';
  const numbers = new PriorityQueue<unknown>();
  numbers.putNowait(1);
  expect(() => numbers.putNowait(['a'])).toThrow(`PriorityQueue.putNowait() item is an array, but the queue holds numbers, ${hint}`);
  const strings = new PriorityQueue<unknown>();
  strings.putNowait('a');
  expect(() => strings.putNowait(1n)).toThrow(`PriorityQueue.putNowait() item 1n is a bigint, but the queue holds strings, ${hint}`);
  expect(() => strings.putNowait(1)).toThrow(`PriorityQueue.putNowait() item 1 is a number, but the queue holds strings, ${hint}`);
});

/** Python's order of tuples: element by element, and a prefix before what extends it. */
function tupleOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

test('without a compare, arrays come out in the order Python gives tuples, equal ones in put order', () => {
  const tuple = fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
  fc.assert(
    fc.property(fc.array(tuple, { maxLength: 30 }), (items) => {
      const queue = new PriorityQueue<readonly number[]>();
      for (const item of items) queue.putNowait(item);
      const expected = items.map((item, at) => ({ item, at })).sort((a, b) => tupleOrder(a.item, b.item) || a.at - b.at);
      const out = expected.map(() => queue.getNowait());
      // By identity, so that equal arrays must come out in put order.
      expect(out.every((item, i) => item === expected[i]?.item)).toBe(true);
    }),
    // A longer array held before a shorter one it extends: the shorter comes out first.
    { examples: [[[[0], [1, 2], [1]]]] },
  );
});
