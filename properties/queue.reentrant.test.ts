/**
 * A PriorityQueue comparator is user code run in the middle of a put or a get. One that calls
 * back into its own queue gets an InvalidStateError naming the call, which changes nothing; one
 * that throws, or cancels a waiter, leaves the queue exactly as it was: no item is lost or
 * duplicated, `qsize()` never passes `maxsize`, and waiting putters keep waiting with their items.
 */

import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { InvalidStateError, PriorityQueue, QueueEmpty, type QueueStatistics } from '../src/index.js';

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

/** Every call a comparator might make on its own queue. */
const calls: Readonly<Record<string, (queue: PriorityQueue<number>) => unknown>> = {
  'put()': (queue) => queue.put(0),
  'putNowait()': (queue) => queue.putNowait(0),
  'get()': (queue) => queue.get(),
  'getNowait()': (queue) => queue.getNowait(),
  'taskDone()': (queue) => queue.taskDone(),
  'join()': (queue) => queue.join(),
  'qsize()': (queue) => queue.qsize(),
  'empty()': (queue) => queue.empty(),
  'full()': (queue) => queue.full(),
  'statistics()': (queue) => queue.statistics(),
  'shutdown()': (queue) => queue.shutdown(),
};

test('a call a comparator makes on its own queue fails with an InvalidStateError naming the call, and changes nothing', async () => {
  for (const [call, make] of Object.entries(calls)) {
    for (const during of ['putNowait', 'getNowait'] as const) {
      const seen: unknown[] = [];
      let reenter = false;
      const queue: PriorityQueue<number> = new PriorityQueue<number>({
        compare: (a, b) => {
          if (reenter) {
            reenter = false;
            try {
              const result = make(queue);
              if (result instanceof Promise) result.catch((error: unknown) => seen.push(error));
              else seen.push(result);
            } catch (error) {
              seen.push(error);
            }
          }
          return a - b;
        },
      });
      for (const item of [5, 3, 8]) queue.putNowait(item);
      const before = queue.statistics();
      reenter = true;
      if (during === 'putNowait') queue.putNowait(4);
      else expect(queue.getNowait()).toBe(3);
      await flush();
      expect(seen, `${call} during ${during}`).toHaveLength(1);
      expect(seen[0], `${call} during ${during}`).toBeInstanceOf(InvalidStateError);
      expect((seen[0] as Error).message).toBe(`PriorityQueue.${call.replace('()', '')}() called from inside the queue's own comparator, which must not use its queue`);
      // The outer call did what it would have done without the inner one, and nothing else.
      expect(queue.statistics().qsize).toBe(before.qsize + (during === 'putNowait' ? 1 : -1));
      expect(queue.statistics().unfinished).toBe(during === 'putNowait' ? 4 : 3);
      const rest: number[] = [];
      while (!queue.empty()) rest.push(queue.getNowait());
      expect(rest).toEqual(during === 'putNowait' ? [3, 4, 5, 8] : [5, 8]);
    }
  }
});

test('a comparator that lets the re-entrant call fail fails the outer call, which changes nothing', async () => {
  let reenter = false;
  const queue: PriorityQueue<number> = new PriorityQueue<number>({
    compare: (a, b) => {
      if (reenter) queue.putNowait(a);
      return a - b;
    },
  });
  for (const item of [5, 3, 8]) queue.putNowait(item);
  const before = queue.statistics();
  reenter = true;
  expect(() => queue.putNowait(1)).toThrow(InvalidStateError);
  expect(() => queue.getNowait()).toThrow(InvalidStateError);
  expect(await outcome(queue.put(1))).toMatchObject({ rejected: expect.any(InvalidStateError) });
  expect(await outcome(queue.get())).toMatchObject({ rejected: expect.any(InvalidStateError) });
  expect(queue.statistics()).toEqual(before);
  reenter = false;
  expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual([3, 5, 8]);
});

test('a comparator that throws during a get with putters waiting leaves the queue as it was: within maxsize, the putter still waiting with its item', async () => {
  // Four items and a putter holding 5: moving it in and taking the least makes four comparisons.
  for (const failOn of [1, 2, 3, 4]) {
    let calls = 0;
    let failing = false;
    const queue = new PriorityQueue<number>({
      maxsize: 4,
      compare: (a, b) => {
        if (failing && ++calls === failOn) throw new Error('comparator failed');
        return a - b;
      },
    });
    for (const item of [2, 4, 6, 8]) queue.putNowait(item);
    const putter = queue.put(5);
    const before: QueueStatistics = queue.statistics();
    expect(before).toEqual({ qsize: 4, waiting: 0, putters: 1, unfinished: 4, shutdown: false });
    failing = true;
    expect(() => queue.getNowait(), `failing on call ${failOn}`).toThrow('comparator failed');
    expect(queue.statistics(), `failing on call ${failOn}`).toEqual(before);
    calls = 0;
    expect(await outcome(queue.get())).toMatchObject({ rejected: new Error('comparator failed') });
    expect(queue.statistics()).toEqual(before);
    expect(await outcome(putter)).toBe('pending');
    failing = false;
    expect(queue.getNowait()).toBe(2);
    expect(await outcome(putter)).toEqual({ resolved: undefined });
    expect([queue.getNowait(), queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual([4, 5, 6, 8]);
    expect(queue.statistics()).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 5, shutdown: false });
  }
  // A putter whose item is the least: one comparison, and it comes straight back out.
  const queue = new PriorityQueue<number>({ maxsize: 1, compare: (a, b) => a - b });
  queue.putNowait(9);
  const putter = queue.put(1);
  expect(queue.getNowait()).toBe(1);
  expect(await outcome(putter)).toEqual({ resolved: undefined });
  expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 2, shutdown: false });
});

test("a comparator that aborts the oldest putter's signal during a get loses no item and takes none from the aborted put", async () => {
  const first = new AbortController();
  let abortOnce = false;
  const queue = new PriorityQueue<number>({
    maxsize: 1,
    compare: (a, b) => {
      if (abortOnce) {
        abortOnce = false;
        first.abort(new Error('cancelled from the comparator'));
      }
      return a - b;
    },
  });
  queue.putNowait(5);
  const aborted = queue.put(1, { signal: first.signal });
  const second = queue.put(7);
  abortOnce = true;
  expect(queue.getNowait()).toBe(5);
  expect(await outcome(aborted)).toMatchObject({ rejected: new Error('cancelled from the comparator') });
  expect(await outcome(second)).toEqual({ resolved: undefined });
  expect(queue.statistics()).toEqual({ qsize: 1, waiting: 0, putters: 0, unfinished: 2, shutdown: false });
  expect(queue.getNowait()).toBe(7);
  expect(() => queue.getNowait()).toThrow(QueueEmpty);
});

test('under random puts, gets and re-entrant or throwing comparator calls, no item is lost or duplicated and qsize stays within maxsize', async () => {
  const step = fc.oneof(
    fc.record({ put: fc.nat(9), wait: fc.boolean() }),
    fc.record({ get: fc.boolean() }),
    fc.constant({ flush: true }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.infiniteStream(fc.nat(9)), fc.integer({ min: 1, max: 3 }), async (steps, coins, maxsize) => {
      const dice = coins[Symbol.iterator]();
      let live = true;
      const queue: PriorityQueue<{ key: number; id: number }> = new PriorityQueue<{ key: number; id: number }>({
        maxsize,
        compare: (a, b) => {
          if (live) {
            const coin = dice.next().value as number;
            if (coin === 0) throw new Error('comparator failed');
            if (coin === 1) queue.putNowait(a);
            if (coin === 2) {
              try {
                queue.getNowait();
              } catch (error) {
                if (!(error instanceof InvalidStateError)) throw error;
              }
            }
          }
          return a.key - b.key;
        },
      });
      const entered = new Set<number>();
      const received: number[] = [];
      const pending: Promise<unknown>[] = [];
      let id = 0;
      for (const s of steps) {
        if ('put' in s) {
          const item = { key: s.put, id: id++ };
          if (s.wait) {
            pending.push(queue.put(item).then(() => entered.add(item.id), () => undefined));
          } else {
            try {
              queue.putNowait(item);
              entered.add(item.id);
            } catch {
              // refused: QueueFull, the comparator's error or the re-entrant call's
            }
          }
        } else if ('get' in s) {
          if (s.get) pending.push(queue.get({ timeout: 0 }).then((item) => received.push(item.id), () => undefined));
          else {
            try {
              received.push(queue.getNowait().id);
            } catch {
              // refused: QueueEmpty, or the comparator's error
            }
          }
        } else await flush();
        expect(queue.qsize()).toBeLessThanOrEqual(maxsize);
      }
      await flush();
      live = false;
      while (queue.statistics().putters > 0 || !queue.empty()) received.push(queue.getNowait().id);
      await Promise.all(pending);
      expect(new Set(received).size).toBe(received.length);
      expect([...received].sort((a, b) => a - b)).toEqual([...entered].sort((a, b) => a - b));
      expect(queue.statistics().unfinished).toBe(entered.size);
    }),
    { numRuns: 300 },
  );
});
