/**
 * Items the queues must refuse before anything changes: thenable items, which a promise would
 * adopt instead of returning (so the item would be lost), and, in a PriorityQueue without a
 * `compare`, items its default order cannot order.
 */

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
      expect(getter.statistics(), what).toEqual({ qsize: 0, waiting: 1, putters: 0, unfinished: 0 });
      getter.putNowait('real');
      expect(await outcome(waiting)).toEqual({ resolved: 'real' });
    }
  }
});

test('a thenable is refused even by a full queue: it never waits as a putter', async () => {
  const queue = new Queue<unknown>({ maxsize: 1 });
  queue.putNowait(1);
  expect(await outcome(queue.put({ then() {} }))).toMatchObject({ rejected: expect.any(TypeError) });
  expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 1 });
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
    expect(queue.statistics(), take).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 1 });
  }
});
