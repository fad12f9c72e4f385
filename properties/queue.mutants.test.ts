/**
 * What the mutation run (`npm run mutate`) showed the queue properties left open: a buffer that
 * grows past its first capacity, PriorityQueue's natural order, a throwing comparator met by
 * `put` and `get` (not only their Nowait forms), the options object, the messages of QueueFull
 * and QueueEmpty, and the iterator's signal handling and cleanup.
 */

import { getEventListeners } from 'node:events';
import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull } from '../src/index.js';
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
    expect(() => queue.getNowait()).toThrow(new QueueEmpty(`${name} is empty`));
    queue.putNowait(1);
    queue.putNowait(2);
    expect(() => queue.putNowait(3)).toThrow(new QueueFull(`${name} is full (maxsize 2)`));
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
