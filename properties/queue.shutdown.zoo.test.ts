/**
 * The shutdown zoo: each entry reproduces a real bug of a queue's shutdown (its header names it,
 * with the reference and the shortest program), and runs that program here against the entry,
 * the zoo's correct base and the real Queue, which must differ exactly as the header says. The
 * integrator will also run them through the checker.
 */

import { describe, expect, test } from 'vitest';
import { Queue } from '../src/index.js';
import { ZooShutdownQueue } from './zoo/queue-shutdown-base.js';
import { GettersNotWokenQueue } from './zoo/queue-shutdown-getters-not-woken.js';
import { ImmediateCountBelowZeroQueue } from './zoo/queue-shutdown-immediate-count-below-zero.js';
import { SecondShutdownIgnoredQueue } from './zoo/queue-shutdown-second-call-ignored.js';

/** What the zoo entries and the real class share. */
interface ShutdownQueueLike {
  putNowait(item: number): void;
  get(options?: { timeout?: number; signal?: AbortSignal }): Promise<number>;
  taskDone(): void;
  join(options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  shutdown(immediate?: boolean): void;
  statistics(): { qsize: number; waiting: number; putters: number; unfinished: number; shutdown: boolean };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const correct: readonly [string, () => ShutdownQueueLike][] = [
  ['Queue', () => new Queue<number>()],
  ["the zoo's base", () => new ZooShutdownQueue<number>()],
];

/** How a promise stands after the microtasks have run: its value or error name, or pending. */
async function state(promise: Promise<unknown>): Promise<string> {
  let outcome = 'pending';
  promise.then(
    (value) => (outcome = `resolved ${String(value)}`),
    (error: Error) => (outcome = error.name),
  );
  await flush();
  return outcome;
}

describe('each shutdown zoo entry fails its program, and the correct ones pass it', () => {
  test("a plain shutdown leaving waiting getters waiting (python/cpython gh-117531)", async () => {
    const program = async (queue: ShutdownQueueLike) => {
      const get = queue.get();
      queue.shutdown();
      return { get: await state(get), waiting: queue.statistics().waiting };
    };
    for (const [name, make] of correct) expect(await program(make()), name).toEqual({ get: 'QueueShutDown', waiting: 0 });
    expect(await program(new GettersNotWokenQueue<number>())).toEqual({ get: 'pending', waiting: 1 });
    // The immediate path did wake them.
    const immediate = new GettersNotWokenQueue<number>();
    const get = immediate.get();
    immediate.shutdown(true);
    expect(await state(get)).toBe('QueueShutDown');
  });

  test('an immediate shutdown taking the task count below zero, so join never returns (python/cpython#104750, in review)', async () => {
    const program = async (queue: ShutdownQueueLike) => {
      queue.putNowait(1);
      queue.taskDone();
      queue.shutdown(true);
      return { unfinished: queue.statistics().unfinished, join: await state(queue.join()) };
    };
    for (const [name, make] of correct) expect(await program(make()), name).toEqual({ unfinished: 0, join: 'resolved undefined' });
    expect(await program(new ImmediateCountBelowZeroQueue<number>())).toEqual({ unfinished: -1, join: 'pending' });
  });

  test('a second, immediate shutdown ignored because the queue is already shut down (getkyo/kyo#1772)', async () => {
    const program = async (queue: ShutdownQueueLike) => {
      queue.putNowait(1);
      queue.shutdown();
      queue.shutdown(true);
      return { qsize: queue.statistics().qsize, join: await state(queue.join()) };
    };
    for (const [name, make] of correct) expect(await program(make()), name).toEqual({ qsize: 0, join: 'resolved undefined' });
    expect(await program(new SecondShutdownIgnoredQueue<number>())).toEqual({ qsize: 1, join: 'pending' });
  });
});

test("the zoo's base agrees with the real Queue on the shutdown rules: putters refused, what is left drained, then refused, for await ending", async () => {
  for (const [name, make] of [
    ['Queue', () => new Queue<number>({ maxsize: 1 })],
    ["the zoo's base", () => new ZooShutdownQueue<number>({ maxsize: 1 })],
  ] as const) {
    const queue = make();
    queue.putNowait(1);
    const put = queue.put(2);
    queue.shutdown();
    expect(await state(put), name).toBe('QueueShutDown');
    const seen: number[] = [];
    for await (const item of queue) seen.push(item);
    expect(seen, name).toEqual([1]);
    expect(queue.statistics(), name).toEqual({ qsize: 0, waiting: 0, putters: 0, unfinished: 1, shutdown: true });
  }
});
