/**
 * Each rule of `Queue.shutdown` in the model (model/queue.ts), shown on the implementation, for
 * all three queues; then a property that no item is lost or duplicated when a shutdown races
 * handoffs, timeouts and aborts in the same tick.
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueShutDown, TimeoutError } from '../src/index.js';

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const kinds = [
  ['Queue', (maxsize = 0) => new Queue<number>({ maxsize })],
  ['PriorityQueue', (maxsize = 0) => new PriorityQueue<number>({ maxsize })],
  ['LifoQueue', (maxsize = 0) => new LifoQueue<number>({ maxsize })],
] as const;

/** How a promise ended, as a line of a log: the value, or the error's name. */
function settle<T>(log: string[], name: string, promise: Promise<T>): void {
  promise.then(
    (value) => log.push(`${name} ${String(value)}`),
    (error: Error) => log.push(`${name} ${error.name}`),
  );
}

describe.each(kinds)('%s.shutdown()', (name, make) => {
  test('put and putNowait refuse with QueueShutDown afterwards, whatever the timeout and even when full, and nothing enters', async () => {
    const queue = make(1);
    queue.putNowait(1);
    queue.shutdown();
    const before = queue.statistics();
    expect(before).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 1, shutdown: true });
    await expect(queue.put(2)).rejects.toBeInstanceOf(QueueShutDown);
    await expect(queue.put(2, { timeout: 0 })).rejects.toThrow(`${name}.put() called on a queue that is shut down`);
    expect(() => queue.putNowait(2)).toThrow(QueueShutDown);
    expect(() => queue.putNowait(2)).toThrow(`${name}.putNowait() called on a queue that is shut down`);
    expect(queue.statistics()).toEqual(before);
  });

  test('waiting putters reject with QueueShutDown, oldest first, and their items never enter', async () => {
    const queue = make(1);
    queue.putNowait(1);
    const log: string[] = [];
    settle(log, 'put 2', queue.put(2));
    settle(log, 'put 3', queue.put(3, { timeout: 1_000 }));
    queue.shutdown();
    expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 1, shutdown: true });
    await flush();
    expect(log).toEqual(['put 2 QueueShutDown', 'put 3 QueueShutDown']);
    expect(await queue.get()).toBe(1);
    await expect(queue.get()).rejects.toBeInstanceOf(QueueShutDown);
  });

  test('get keeps returning what is left, in the queue\'s order, then rejects with QueueShutDown; getNowait throws it instead of QueueEmpty', async () => {
    const queue = make();
    for (const item of [2, 1, 3]) queue.putNowait(item);
    queue.shutdown();
    const order = { Queue: [2, 1, 3], PriorityQueue: [1, 2, 3], LifoQueue: [3, 1, 2] }[name];
    expect([await queue.get(), queue.getNowait(), await queue.get({ timeout: 0 })]).toEqual(order);
    await expect(queue.get()).rejects.toThrow(`${name}.get() called on a queue that is shut down and empty`);
    await expect(queue.get({ timeout: 0 })).rejects.toBeInstanceOf(QueueShutDown);
    expect(() => queue.getNowait()).toThrow(QueueShutDown);
    expect(() => queue.getNowait()).toThrow(`${name}.getNowait() called on a queue that is shut down and empty`);
    expect(() => make().getNowait()).toThrow(QueueEmpty);
  });

  test('when the queue is empty at shutdown, every waiting getter rejects at once, oldest first', async () => {
    const queue = make();
    const log: string[] = [];
    settle(log, 'a', queue.get());
    settle(log, 'b', queue.get({ timeout: 1_000 }));
    settle(log, 'c', queue.get({ signal: new AbortController().signal }));
    queue.shutdown();
    expect(queue.statistics().waiting).toBe(0);
    await flush();
    expect(log).toEqual(['a QueueShutDown', 'b QueueShutDown', 'c QueueShutDown']);
  });

  test('shutdown(true) empties the queue, counting every removed item as done, so join resolves', async () => {
    const queue = make();
    for (const item of [1, 2, 3]) queue.putNowait(item);
    const log: string[] = [];
    settle(log, 'join', queue.join());
    queue.shutdown(true);
    expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: true });
    await flush();
    expect(log).toEqual(['join undefined']);
    await expect(queue.get()).rejects.toBeInstanceOf(QueueShutDown);
  });

  test('shutdown(true) leaves the items taken before it unfinished, so join waits for their taskDone, and never counts below zero', async () => {
    const queue = make();
    queue.putNowait(1);
    queue.putNowait(2);
    queue.getNowait();
    let joined = false;
    void queue.join().then(() => (joined = true));
    queue.shutdown(true);
    await flush();
    expect(joined).toBe(false);
    expect(queue.statistics().unfinished).toBe(1);
    queue.taskDone();
    await flush();
    expect(joined).toBe(true);

    // taskDone called ahead for both buffered items: the count stays at zero, not -2.
    const ahead = make();
    ahead.putNowait(1);
    ahead.putNowait(2);
    ahead.taskDone();
    ahead.taskDone();
    ahead.shutdown(true);
    expect(ahead.statistics().unfinished).toBe(0);
    await expect(ahead.join({ timeout: 0 })).resolves.toBeUndefined();
  });

  test('a plain shutdown leaves joiners waiting for every taskDone', async () => {
    const queue = make();
    queue.putNowait(1);
    let joined = false;
    void queue.join().then(() => (joined = true));
    queue.shutdown();
    await flush();
    expect(joined).toBe(false);
    queue.getNowait();
    queue.taskDone();
    await flush();
    expect(joined).toBe(true);
  });

  test('shutting down twice is harmless, and shutdown(true) after shutdown() still drains', async () => {
    const queue = make();
    queue.putNowait(1);
    queue.putNowait(2);
    queue.shutdown();
    queue.shutdown();
    expect(queue.statistics()).toEqual({ qsize: 2, waiting: 0, putters: 0, unfinished: 2, shutdown: true });
    queue.shutdown(true);
    expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: true });
    queue.shutdown(true);
    queue.shutdown(false);
    expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: true });
  });

  test('for await, by iterate() or Symbol.asyncIterator, yields what is left and ends normally once the queue is shut down and empty', async () => {
    const queue = make();
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const item of queue) seen.push(item);
      return 'ended';
    })();
    queue.putNowait(1);
    await flush();
    queue.putNowait(2);
    queue.putNowait(3);
    queue.shutdown();
    await expect(consumer).resolves.toBe('ended');
    expect(seen.sort()).toEqual([1, 2, 3]);
    const rest: number[] = [];
    for await (const item of queue.iterate({ signal: new AbortController().signal })) rest.push(item);
    expect(rest).toEqual([]);
  });

  test('an item handed to a waiting getter, or moved in from a waiting putter, before a shutdown in the same tick is kept', async () => {
    const queue = make(1);
    const log: string[] = [];
    settle(log, 'get', queue.get());
    queue.putNowait(7);
    queue.shutdown(true);
    await flush();
    expect(log).toEqual(['get 7']);

    const full = make(1);
    full.putNowait(1);
    settle(log, 'put 2', full.put(2));
    settle(log, 'got', full.get());
    full.shutdown();
    await flush();
    // The get moved 2 in (its put resolved), then took by the queue's order: 2 is in, not refused.
    const [taken, kept] = name === 'LifoQueue' ? [2, 1] : [1, 2];
    expect(log.slice(1)).toEqual(['put 2 undefined', `got ${taken}`]);
    expect(full.getNowait()).toBe(kept);
  });

  test('an already-aborted signal is still checked first, and a bad immediate is a TypeError that changes nothing', async () => {
    const queue = make();
    queue.shutdown();
    const reason = new Error('gave up');
    await expect(queue.put(1, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(queue.get({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const open = make();
    open.putNowait(1);
    for (const bad of ['yes', 1, null, {}]) {
      expect(() => open.shutdown(bad as never)).toThrow(TypeError);
      expect(() => open.shutdown(bad as never)).toThrow(`${name}.shutdown() immediate must be a boolean, got`);
    }
    expect(open.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 1, shutdown: false });
  });
});

test('a getter that timed out before the shutdown stays timed out; one refused by the shutdown stays refused when its timer would have fired', async () => {
  const queue = new Queue<number>();
  const early = queue.get({ timeout: 1 });
  await expect(early).rejects.toBeInstanceOf(TimeoutError);
  const late = queue.get({ timeout: 5 });
  queue.shutdown();
  await expect(late).rejects.toBeInstanceOf(QueueShutDown);
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: true });
});

/** One call of a same-tick program: what a shutdown can race. */
type Call =
  | { readonly kind: 'put'; readonly signal: number | undefined; readonly timeout0: boolean }
  | { readonly kind: 'putNowait' }
  | { readonly kind: 'get'; readonly signal: number | undefined }
  | { readonly kind: 'getNowait' }
  | { readonly kind: 'abort'; readonly signal: number }
  | { readonly kind: 'shutdown'; readonly immediate: boolean }
  | { readonly kind: 'flush' };

const SIGNALS = 3;
const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), signal: fc.option(fc.nat(SIGNALS - 1), { nil: undefined }), timeout0: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'putNowait' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('get' as const), signal: fc.option(fc.nat(SIGNALS - 1), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'getNowait' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('abort' as const), signal: fc.nat(SIGNALS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('shutdown' as const), immediate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

test('no item is lost or duplicated when shutdowns race handoffs, timeouts and aborts in the same tick', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...kinds), fc.nat(3), fc.array(call, { maxLength: 40 }), async ([, make], maxsize, calls) => {
      const queue = make(maxsize);
      const controllers = Array.from({ length: SIGNALS }, () => new AbortController());
      const entered = new Set<number>();
      const refused = new Set<number>();
      const received: number[] = [];
      let discarded = 0;
      let label = 0;
      let shut = false;
      /** Items of puts made after a shutdown: none may ever enter. */
      const late = new Set<number>();
      for (const c of calls) {
        switch (c.kind) {
          case 'put': {
            const item = label++;
            if (shut) late.add(item);
            const options: { signal?: AbortSignal; timeout?: number } = {};
            if (c.signal !== undefined) options.signal = (controllers[c.signal] as AbortController).signal;
            if (c.timeout0) options.timeout = 0;
            queue.put(item, options).then(
              () => entered.add(item),
              () => refused.add(item),
            );
            break;
          }
          case 'putNowait': {
            const item = label++;
            if (shut) late.add(item);
            try {
              queue.putNowait(item);
              entered.add(item);
            } catch {
              refused.add(item);
            }
            break;
          }
          case 'get':
            queue.get(c.signal === undefined ? undefined : { signal: (controllers[c.signal] as AbortController).signal }).then(
              (item) => received.push(item),
              () => undefined,
            );
            break;
          case 'getNowait':
            try {
              received.push(queue.getNowait());
            } catch {
              // Empty, or shut down and empty: nothing taken.
            }
            break;
          case 'abort':
            (controllers[c.signal] as AbortController).abort(new Error('cancelled'));
            controllers[c.signal] = new AbortController();
            break;
          case 'shutdown':
            if (c.immediate) discarded += queue.qsize();
            queue.shutdown(c.immediate);
            shut = true;
            // Nobody is left waiting to put or to get: their items can never enter.
            expect(queue.statistics()).toMatchObject({ waiting: 0, putters: 0, shutdown: true });
            if (c.immediate) expect(queue.qsize()).toBe(0);
            break;
          case 'flush':
            await flush();
        }
      }
      await flush();
      // Whatever is left comes out (moving in the items of putters still waiting), and then the
      // queue has nothing more.
      const left: number[] = [];
      for (let more = true; more; ) {
        try {
          left.push(queue.getNowait());
        } catch {
          more = false;
        }
      }
      await flush();
      const out = [...received, ...left];
      expect(new Set(out).size).toBe(out.length);
      expect(out.every((item) => entered.has(item))).toBe(true);
      expect([...refused].filter((item) => entered.has(item))).toEqual([]);
      expect([...late].filter((item) => entered.has(item))).toEqual([]);
      expect(out.length + discarded).toBe(entered.size);
      expect(entered.size + refused.size).toBeLessThanOrEqual(label);
    }),
    { numRuns: 300 },
  );
});
