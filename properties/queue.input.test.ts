/**
 * Items the queues must refuse before anything changes: thenable items, which a promise would
 * adopt instead of returning (so the item would be lost), and, in a PriorityQueue without a
 * `compare`, items its default order cannot order.
 */

import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { LifoQueue, PriorityQueue, Queue } from '../src/index.js';

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

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

const makers = [
  ['Queue', () => new Queue<unknown>({ maxsize: 2 })],
  ['LifoQueue', () => new LifoQueue<unknown>({ maxsize: 2 })],
  ['PriorityQueue', () => new PriorityQueue<unknown>({ maxsize: 2, compare: () => 0 })],
] as const;

// ---------------------------------------------------------------------------------------------
// Thenable items (issue 11, item 3)

/** Items a promise would adopt rather than return, and how the refusal describes each. */
function thenables(): readonly (readonly [string, unknown])[] {
  const rejected = Promise.reject(new Error('an item, not an error'));
  rejected.catch(() => undefined);
  return [
    ['a never-settling thenable', { then() {} }],
    ['a resolved promise', Promise.resolve(1)],
    ['a rejected promise', rejected],
    ['a function with a then method', Object.assign(() => 1, { then: () => undefined })],
    [
      'an object whose then getter throws',
      Object.defineProperty({}, 'then', {
        get() {
          throw new Error('no then here');
        },
      }),
    ],
  ];
}

test('a thenable item is refused by put and putNowait with a TypeError that says how to wrap it, and changes nothing', async () => {
  for (const [name, make] of makers) {
    for (const [what, item] of thenables()) {
      const queue = make();
      queue.putNowait('kept');
      const getter = new Queue<unknown>();
      const before = queue.statistics();
      const error = thrown(() => queue.putNowait(item));
      expect(error, what).toBeInstanceOf(TypeError);
      expect(error.message, what).toMatch(new RegExp(`^${name}\\.putNowait\\(\\) item is a thenable .*wrap it, e\\.g\\. \\{ value: item \\}`));
      const put = await outcome(queue.put(item));
      expect(put, what).toMatchObject({ rejected: expect.any(TypeError) });
      expect(((put as { rejected: Error }).rejected).message).toMatch(new RegExp(`^${name}\\.put\\(\\) item is a thenable`));
      expect(queue.statistics(), what).toEqual(before);
      // A getter waiting on an empty queue is not handed the thenable: it stays waiting, and the
      // next real item goes to it.
      const waiting = getter.get();
      expect(() => getter.putNowait(item), what).toThrow(TypeError);
      expect(await outcome(getter.put(item)), what).toMatchObject({ rejected: expect.any(TypeError) });
      expect(getter.statistics(), what).toEqual({ qsize: 0, waiting: 1, putters: 0, unfinished: 0, shutdown: false });
      getter.putNowait('real');
      expect(await outcome(waiting)).toEqual({ resolved: 'real' });
    }
  }
});

test('an item whose then getter answers differently on another read is refused, or comes out as itself: never adopted and lost', async () => {
  // What the getter answers on each read, in turn (the last answer repeats).
  const answer = fc.constantFrom('nothing', 'a method', 'a throw');
  await fc.assert(
    fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), fc.constantFrom('get', 'waiting get', 'for-await'), async (answers, take) => {
      let reads = 0;
      const item = Object.defineProperty({ label: 'item' }, 'then', {
        get() {
          const now = answers[Math.min(reads++, answers.length - 1)];
          if (now === 'a throw') throw new Error('then, read again');
          return now === 'a method' ? (resolve: (value: unknown) => void) => resolve('not the item') : undefined;
        },
      });
      const queue = new Queue<unknown>();
      const waiting = take === 'waiting get' ? queue.get() : undefined;
      let refused = false;
      try {
        queue.putNowait(item);
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        refused = true;
      }
      if (refused) {
        expect(queue.statistics()).toEqual({ qsize: 0, waiting: take === 'waiting get' ? 1 : 0, putters: 0, unfinished: 0, shutdown: false });
        return;
      }
      let taken: unknown;
      if (take === 'waiting get') taken = await outcome(waiting as Promise<unknown>);
      else if (take === 'get') taken = await outcome(queue.get());
      else {
        const iterator = queue.iterate();
        taken = await outcome(iterator.next().then((result) => result.value));
      }
      expect(taken).toEqual({ resolved: item });
    }),
  );
});

test('a thenable is refused even by a full queue: it never waits as a putter', async () => {
  const queue = new Queue<unknown>({ maxsize: 1 });
  queue.putNowait(1);
  expect(await outcome(queue.put({ then() {} }))).toMatchObject({ rejected: expect.any(TypeError) });
  expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 1, shutdown: false });
});

test('a wrapped promise passes through get, getNowait and for-await alike', async () => {
  const promise = Promise.resolve('inside');
  for (const take of ['get', 'getNowait', 'for-await'] as const) {
    const queue = new Queue<{ value: Promise<string> }>();
    queue.putNowait({ value: promise });
    let taken: { value: Promise<string> } | undefined;
    if (take === 'get') taken = await queue.get();
    else if (take === 'getNowait') taken = queue.getNowait();
    else {
      for await (const item of queue) {
        taken = item;
        break;
      }
    }
    expect(taken?.value, take).toBe(promise);
    expect(queue.statistics(), take).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 1, shutdown: false });
  }
});

// ---------------------------------------------------------------------------------------------
// PriorityQueue's default order (issue 11, item 7)

/** Everything a PriorityQueue without a compare takes out, in order. */
function drain<T>(queue: PriorityQueue<T>): T[] {
  const out: T[] = [];
  while (!queue.empty()) out.push(queue.getNowait());
  return out;
}

test('without a compare, numbers and bigints order together, ties (1 and 1n) in put order', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.boolean()), { maxLength: 40 }), (keys) => {
      const queue = new PriorityQueue<number | bigint>();
      const items = keys.map(([key, big]) => (big ? BigInt(key) : key));
      for (const item of items) queue.putNowait(item);
      const expected = items.map((item, at) => ({ item, at })).sort((a, b) => Number(a.item) - Number(b.item) || a.at - b.at).map((e) => e.item);
      // toEqual would call 1 and 1n equal: compare types too.
      expect(drain(queue).map((x) => `${typeof x}:${x}`)).toEqual(expected.map((x) => `${typeof x}:${x}`));
    }),
  );
  const queue = new PriorityQueue<number | bigint>();
  for (const item of [2n ** 64n, 1.5, -(2n ** 64n), 1n, Number.NEGATIVE_INFINITY]) queue.putNowait(item);
  expect(drain(queue)).toEqual([Number.NEGATIVE_INFINITY, -(2n ** 64n), 1n, 1.5, 2n ** 64n]);
});

test('without a compare, arrays are compared element by element as Python compares tuples, a shorter prefix first', () => {
  const queue = new PriorityQueue<readonly unknown[]>();
  // As strings, [10, 'ten'] would come before [9, 'nine']: '10,ten' < '9,nine'.
  const items = [[10, 'ten'], [2, 'write docs'], [9, 'nine'], [1, 'fix bug', 2], [1, 'fix bug'], [1, 'answer mail'], [], [1n, 'fix bug', 1]];
  for (const item of items) queue.putNowait(item);
  expect(drain(queue)).toEqual([[], [1, 'answer mail'], [1, 'fix bug'], [1n, 'fix bug', 1], [1, 'fix bug', 2], [2, 'write docs'], [9, 'nine'], [10, 'ten']]);
  // Nested arrays compare recursively.
  for (const item of [[0, ['a', 2]], [0, ['a', 1, 0]], [0, ['b']], [0, ['a', 1]], [-1, []]]) queue.putNowait(item);
  expect(drain(queue)).toEqual([[-1, []], [0, ['a', 1]], [0, ['a', 1, 0]], [0, ['a', 2]], [0, ['b']]]);
  const words = new PriorityQueue<string>();
  for (const word of ['pear', 'apple', 'fig']) words.putNowait(word);
  expect(drain(words)).toEqual(['apple', 'fig', 'pear']);
});

test('without a compare, an item that has no order is refused at put and putNowait with a TypeError that says to pass a compare, and changes nothing', async () => {
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  const unorderable: readonly (readonly [unknown, string])[] = [
    [{ priority: 1 }, 'item an object has no order'],
    [null, 'item null has no order'],
    [undefined, 'item undefined has no order'],
    [true, 'item true has no order'],
    [Symbol('s'), 'item Symbol(s) has no order'],
    [Number.NaN, 'item NaN has no order'],
    [new Date(0), 'item an object has no order'],
    [[1, { task: 'x' }], 'item element 1, an object, has no order'],
    [[1, [2, null]], 'item element 1.1, null, has no order'],
    [[1, , 3], 'item element 1, undefined, has no order'], // eslint-disable-line no-sparse-arrays
    [cyclic, 'item element 1 is a cyclic array'],
  ];
  for (const [item, text] of unorderable) {
    const queue = new PriorityQueue<unknown>({ maxsize: 2 });
    // An item of the kind the refused one would be compared with, had it an order.
    const held = Array.isArray(item) ? [0, [0]] : 5;
    queue.putNowait(held);
    const before = queue.statistics();
    const error = thrown(() => queue.putNowait(item));
    expect(error, text).toBeInstanceOf(TypeError);
    expect(error.message, text).toContain(`PriorityQueue.putNowait() item`);
    expect(error.message, text).toContain(text);
    expect(error.message, text).toContain('pass a compare');
    const put = await outcome(queue.put(item));
    expect(put, text).toMatchObject({ rejected: expect.any(TypeError) });
    expect(((put as { rejected: Error }).rejected).message, text).toContain('PriorityQueue.put() item');
    expect(queue.statistics(), text).toEqual(before);
    expect(drain(queue)).toEqual([held]);
    // Alone in an empty queue it has no order either.
    expect(() => queue.putNowait(item), text).toThrow(TypeError);
  }
});

test('without a compare, items the order cannot compare with those the queue holds are refused, waiting putters included; an empty queue starts afresh', async () => {
  const queue = new PriorityQueue<unknown>({ maxsize: 1 });
  queue.putNowait(1);
  const before = queue.statistics();
  expect(thrown(() => queue.putNowait('a')).message).toMatch(/^PriorityQueue\.putNowait\(\) item "a" is a string, but the queue holds numbers.*pass a compare/);
  // A full queue refuses at put, not later at the get that would move the item in.
  expect(await outcome(queue.put('a'))).toMatchObject({ rejected: expect.any(TypeError) });
  expect(await outcome(queue.put([1]))).toMatchObject({ rejected: expect.any(TypeError) });
  expect(queue.statistics()).toEqual(before);
  const putter = queue.put(0);
  expect(await outcome(queue.put('b'))).toMatchObject({ rejected: expect.any(TypeError) });
  expect(queue.getNowait()).toBe(0);
  expect(await outcome(putter)).toEqual({ resolved: undefined });
  expect(queue.getNowait()).toBe(1);
  // Empty again: the next item may be of any orderable kind.
  queue.putNowait('a');
  expect(queue.getNowait()).toBe('a');
  // Arrays: each position keeps one kind among the items held.
  const pairs = new PriorityQueue<readonly unknown[]>();
  pairs.putNowait([1, 'x']);
  pairs.putNowait([2]);
  expect(thrown(() => pairs.putNowait([3, 4])).message).toMatch(/^PriorityQueue\.putNowait\(\) item element 1, 4, is a number, but the queue's items hold strings there/);
  expect(thrown(() => pairs.putNowait(['1', 'x'])).message).toMatch(/element 0, "1", is a string, but the queue's items hold numbers there/);
  expect(thrown(() => pairs.putNowait(7 as never)).message).toMatch(/item 7 is a number, but the queue holds arrays/);
  pairs.putNowait([2, 'y', [0]]);
  expect(drain(pairs)).toEqual([[1, 'x'], [2], [2, 'y', [0]]]);
});

test('a compare lifts every restriction of the default order', () => {
  const queue = new PriorityQueue<{ due: Date; task: string }>({ compare: (a, b) => a.due.getTime() - b.due.getTime() });
  queue.putNowait({ due: new Date(20), task: 'b' });
  queue.putNowait({ due: new Date(10), task: 'a' });
  expect(drain(queue).map((x) => x.task)).toEqual(['a', 'b']);
});

test('a put that never waits (timeout 0, or a signal that cannot be listened to) leaves the default order as it found it', async () => {
  const queue = new PriorityQueue<readonly unknown[]>({ maxsize: 1 });
  queue.putNowait([0]);
  const signal = new AbortController().signal;
  Object.defineProperty(signal, 'addEventListener', {
    value: () => {
      throw new Error('no listeners here');
    },
  });
  expect(await outcome(queue.put([1, 'a'], { timeout: 0 }))).toMatchObject({ rejected: expect.objectContaining({ name: 'TimeoutError' }) });
  expect(await outcome(queue.put([1, 'a'], { signal }))).toMatchObject({ rejected: expect.any(TypeError) });
  // Neither [1, 'a'] counts among the queue's items, so a number may still go where it had a string.
  const putter = queue.put([2, 3]);
  expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 1, unfinished: 1, shutdown: false });
  expect(queue.getNowait()).toEqual([0]);
  expect(await outcome(putter)).toEqual({ resolved: undefined });
});
