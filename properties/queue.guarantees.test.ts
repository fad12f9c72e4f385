import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { InvalidStateError, LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, TimeoutError } from '../src/index.js';
import { badCount, badSignal, badTimeout, errorFor } from './input.js';

const ITEMS = 100_000;

test('100,000 items pass through a bounded queue in order, from a producer to a consumer', async () => {
  const queue = new Queue<number>({ maxsize: 10 });
  const producer = async (): Promise<void> => {
    for (let i = 0; i < ITEMS; i++) await queue.put(i);
  };
  const consumer = async (): Promise<number> => {
    let expected = 0;
    for await (const item of queue) {
      if (item !== expected) throw new Error(`got ${item}, expected ${expected}`);
      queue.taskDone();
      if (++expected === ITEMS) break;
    }
    return expected;
  };
  const started = performance.now();
  const [, received] = await Promise.all([producer(), consumer(), queue.join()]);
  console.log(`${ITEMS} items through a Queue({ maxsize: 10 }) in order in ${(performance.now() - started).toFixed(0)} ms`);
  expect(received).toBe(ITEMS);
  expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: false });
});

// Tornado's test_queues.py: PriorityQueueTest.test_order and LifoQueueTest.test_order.
test("a get with putters waiting moves the oldest putter's item in first, then takes by the queue's order (Tornado's test_order)", async () => {
  const priority = new PriorityQueue<[number, string]>({ maxsize: 2, compare: (a, b) => a[0] - b[0] });
  priority.putNowait([1, 'a']);
  priority.putNowait([0, 'b']);
  expect(priority.full()).toBe(true);
  const puts = [priority.put([3, 'c']), priority.put([2, 'd'])];
  expect(priority.getNowait()).toEqual([0, 'b']);
  expect(await priority.get()).toEqual([1, 'a']);
  expect(priority.getNowait()).toEqual([2, 'd']);
  expect(await priority.get()).toEqual([3, 'c']);
  expect(priority.empty()).toBe(true);
  await Promise.all(puts);

  const lifo = new LifoQueue<number>({ maxsize: 2 });
  lifo.putNowait(1);
  lifo.putNowait(0);
  void lifo.put(3);
  void lifo.put(2);
  expect(lifo.getNowait()).toBe(3);
  expect(await lifo.get()).toBe(2);
  expect(lifo.getNowait()).toBe(0);
  expect(await lifo.get()).toBe(1);
});

test('PriorityQueue gives the least first and equal items in put order, for any comparator result', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(3), { maxLength: 40 }), (keys) => {
      const queue = new PriorityQueue<{ key: number; at: number }>({ compare: (a, b) => a.key - b.key });
      keys.forEach((key, at) => queue.putNowait({ key, at }));
      const out = keys.map(() => queue.getNowait());
      const sorted = keys.map((key, at) => ({ key, at })).sort((a, b) => a.key - b.key || a.at - b.at);
      expect(out).toEqual(sorted);
    }),
  );
});

test('leaving a for-await loop, or aborting it, never loses an item', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom('put', 'loop', 'abort', 'tick'), { maxLength: 30 }), async (script) => {
      const queue = new Queue<number>();
      let put = 0;
      const received: number[] = [];
      const loops: Promise<void>[] = [];
      const controllers: AbortController[] = [];
      for (const action of script) {
        if (action === 'put') queue.putNowait(put++);
        else if (action === 'loop') {
          // A consumer that takes one item and leaves, or waits until it is aborted.
          const controller = new AbortController();
          controllers.push(controller);
          loops.push(
            (async () => {
              for await (const item of queue.iterate({ signal: controller.signal })) {
                received.push(item);
                queue.taskDone();
                break;
              }
            })().catch(() => undefined),
          );
        } else if (action === 'abort') controllers.shift()?.abort(new Error('stop'));
        else await new Promise((resolve) => setImmediate(resolve));
      }
      for (const controller of controllers) controller.abort(new Error('stop'));
      await Promise.all(loops);
      while (!queue.empty()) received.push(queue.getNowait());
      expect(received.sort((a, b) => a - b)).toEqual(Array.from({ length: put }, (_, i) => i));
      expect(queue.statistics().waiting).toBe(0);
    }),
    { numRuns: 300 },
  );
});

test("an iterator's return() cancels its pending next() with done, and the item goes to the next getter", async () => {
  const queue = new Queue<string>();
  const iterator = queue[Symbol.asyncIterator]();
  const pending = iterator.next();
  expect(queue.statistics().waiting).toBe(1);
  await iterator.return?.();
  expect(queue.statistics().waiting).toBe(0);
  expect(await pending).toEqual({ done: true, value: undefined });
  queue.putNowait('kept');
  expect(await iterator.next()).toEqual({ done: true, value: undefined });
  expect(queue.getNowait()).toBe('kept');
});

test("an iterator whose signal aborted is done once it returned: return() then next() gives done and takes nothing", async () => {
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.nat(3), async (pendingAtAbort, items) => {
      const queue = new Queue<number>();
      const controller = new AbortController();
      const iterator = queue.iterate({ signal: controller.signal });
      const pending = pendingAtAbort ? iterator.next() : undefined;
      controller.abort(new Error('stop'));
      await pending?.catch(() => undefined);
      for (let i = 0; i < items; i++) queue.putNowait(i);
      expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
      expect(queue.statistics()).toMatchObject({ qsize: items, waiting: 0 });
    }),
    { numRuns: 50 },
  );
});

test('an item handed to a pending next() before return() still reaches it', async () => {
  const queue = new Queue<string>();
  const iterator = queue.iterate();
  const pending = iterator.next();
  queue.putNowait('handed');
  await iterator.return?.();
  expect(await pending).toEqual({ done: false, value: 'handed' });
});

test('join resolves exactly when every item that entered is done, direct handoffs included', async () => {
  const queue = new Queue<number>();
  const got = queue.get();
  queue.putNowait(1);
  expect(await got).toBe(1);
  let joined = false;
  const join = queue.join().then(() => (joined = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(joined).toBe(false);
  queue.taskDone();
  await join;
  expect(joined).toBe(true);
  await expect(new Queue<number>({ maxsize: 1 }).join({ timeout: 0 })).resolves.toBeUndefined();
});

test('join takes a timeout and a signal', async () => {
  const queue = new Queue<number>();
  queue.putNowait(1);
  await expect(queue.join({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
  await expect(queue.join({ timeout: 5 })).rejects.toBeInstanceOf(TimeoutError);
  const reason = new Error('stop');
  await expect(queue.join({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
});

test('taskDone called more times than items entered throws InvalidStateError and changes nothing', () => {
  const queue = new Queue<number>();
  expect(() => queue.taskDone()).toThrow(InvalidStateError);
  expect(() => queue.taskDone()).toThrow('Queue.taskDone() called more times than items were put');
  queue.putNowait(1);
  queue.taskDone();
  expect(() => queue.taskDone()).toThrow(InvalidStateError);
  expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 0, shutdown: false });
});

test('getNowait on an empty queue throws QueueEmpty, putNowait on a full one QueueFull, changing nothing', () => {
  for (const make of [() => new Queue<number>({ maxsize: 1 }), () => new LifoQueue<number>({ maxsize: 1 }), () => new PriorityQueue<number>({ maxsize: 1 })]) {
    const queue = make();
    expect(() => queue.getNowait()).toThrow(QueueEmpty);
    queue.putNowait(1);
    expect(() => queue.putNowait(2)).toThrow(QueueFull);
    expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 1, shutdown: false });
  }
});

test('a bad maxsize is a TypeError or a RangeError that names the class', () => {
  fc.assert(
    fc.property(badCount, (maxsize) => {
      for (const [make, name] of [[(m: unknown) => new Queue({ maxsize: m as number }), 'Queue'], [(m: unknown) => new LifoQueue({ maxsize: m as number }), 'LifoQueue'], [(m: unknown) => new PriorityQueue({ maxsize: m as number }), 'PriorityQueue']] as const) {
        expect(() => make(maxsize)).toThrow(errorFor(maxsize));
        expect(() => make(maxsize)).toThrow(new RegExp(`^${name} maxsize must be (a number|a non-negative integer|at most)`));
      }
    }),
  );
});

test('a compare that is not a function is a TypeError', () => {
  for (const compare of [1, 'less', {}, null, true]) {
    expect(() => new PriorityQueue({ compare: compare as never })).toThrow(TypeError);
    expect(() => new PriorityQueue({ compare: compare as never })).toThrow(/PriorityQueue compare must be a function, got/);
  }
});

test('a bad timeout is a TypeError or a RangeError, a bad signal a TypeError, and neither changes anything', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(badTimeout.map((timeout) => ({ timeout })), badSignal.map((signal) => ({ signal }))), async (options) => {
      const expected = 'timeout' in options ? errorFor(options.timeout) : TypeError;
      for (const queue of [new Queue<number>({ maxsize: 1 }), new LifoQueue<number>(), new PriorityQueue<number>()]) {
        queue.putNowait(0);
        const before = queue.statistics();
        await expect(queue.put(1, options as never)).rejects.toThrow(expected);
        await expect(queue.get(options as never)).rejects.toThrow(expected);
        await expect(queue.join(options as never)).rejects.toThrow(expected);
        expect(queue.statistics()).toEqual(before);
      }
    }),
  );
});
