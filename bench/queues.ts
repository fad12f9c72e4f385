/**
 * Queues: an unbounded burst (n puts, then n gets), n getters waiting before n puts hand them
 * their items, and a bounded producer/consumer ping-pong. Every call is awaited, as a
 * producer or a consumer would. Only @esfx/async-queue among the peers is a queue, and an
 * unbounded one; no peer offers a bounded queue.
 *
 * @module
 */

import { AsyncQueue } from '@esfx/async-queue';
import { Queue } from '../src/index.js';
import { FloorQueue } from './floor.js';
import type { Scenario } from './harness.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** About a million items per case and round: many iterations at small n, at least 3 at large n. */
function iterationsFor(n: number): number {
  return Math.max(3, Math.round(1_000_000 / n));
}

function burst(n: number, title: string): Scenario {
  return {
    title,
    op: 'one item through the queue: `await put(item)` (all n first), then `await get()` (all n after).',
    target: { maxFloorRatio: 1.5 },
    iterations: iterationsFor(n),
    cases: [
      {
        name: 'toro-ts Queue',
        role: 'toro',
        ops: n,
        run: async () => {
          const queue = new Queue<number>();
          for (let i = 0; i < n; i++) await queue.put(i);
          for (let i = 0; i < n; i++) await queue.get();
        },
      },
      {
        name: '@esfx/async-queue',
        role: 'peer',
        ops: n,
        run: async () => {
          const queue = new AsyncQueue<number>();
          // esfx's put is synchronous and returns nothing; awaiting it costs the same tick.
          for (let i = 0; i < n; i++) await queue.put(i);
          for (let i = 0; i < n; i++) await queue.get();
        },
      },
      {
        name: 'floor queue',
        role: 'floor',
        ops: n,
        run: async () => {
          const queue = new FloorQueue<number>();
          for (let i = 0; i < n; i++) await queue.put(i);
          for (let i = 0; i < n; i++) await queue.get();
        },
      },
    ],
  };
}

export function queueBurst(n: number): Scenario {
  return burst(n, `Queue, unbounded burst: ${count(n)} puts, then ${count(n)} gets`);
}

export function queueScaling(n: number): Scenario {
  return burst(n, `Scaling, queue burst at n = ${count(n)}`);
}

export function queueWaitingGetters(n: number): Scenario {
  return {
    title: `Scaling, queue with waiting getters at n = ${count(n)}`,
    op: 'one item handed to a waiting getter: n `get()` wait first, then n `await put(item)`, then every get is awaited.',
    target: { maxFloorRatio: 1.5 },
    iterations: iterationsFor(n),
    cases: [
      {
        name: 'toro-ts Queue',
        role: 'toro',
        ops: n,
        run: async () => {
          const queue = new Queue<number>();
          const gets: Promise<number>[] = [];
          for (let i = 0; i < n; i++) gets.push(queue.get());
          for (let i = 0; i < n; i++) await queue.put(i);
          await Promise.all(gets);
        },
      },
      {
        name: '@esfx/async-queue',
        role: 'peer',
        ops: n,
        run: async () => {
          const queue = new AsyncQueue<number>();
          const gets: Promise<number>[] = [];
          for (let i = 0; i < n; i++) gets.push(queue.get());
          for (let i = 0; i < n; i++) await queue.put(i);
          await Promise.all(gets);
        },
      },
      {
        name: 'floor queue',
        role: 'floor',
        ops: n,
        run: async () => {
          const queue = new FloorQueue<number>();
          const gets: Promise<number>[] = [];
          for (let i = 0; i < n; i++) gets.push(queue.get());
          for (let i = 0; i < n; i++) await queue.put(i);
          await Promise.all(gets);
        },
      },
    ],
  };
}

/** Items per sample of the ping-pong. */
const ITEMS = 10_000;

export function queuePingPong(maxsize: number): Scenario {
  return {
    id: `queue-pingpong-${maxsize}`,
    title: `Queue, bounded producer/consumer at maxsize ${maxsize}`,
    op: `one item from a producer (\`await put\`) to a consumer (\`await get\`) running at once (${count(ITEMS)} per sample).`,
    targets: [{ against: 'floor', max: 1.5 }],
    cases: [
      {
        name: 'toro-ts Queue',
        role: 'toro',
        ops: ITEMS,
        run: async () => {
          const queue = new Queue<number>({ maxsize });
          const producer = async (): Promise<void> => {
            for (let i = 0; i < ITEMS; i++) await queue.put(i);
          };
          const consumer = async (): Promise<void> => {
            for (let i = 0; i < ITEMS; i++) await queue.get();
          };
          await Promise.all([producer(), consumer()]);
        },
      },
      {
        name: 'floor queue',
        role: 'floor',
        ops: ITEMS,
        run: async () => {
          const queue = new FloorQueue<number>(maxsize);
          const producer = async (): Promise<void> => {
            for (let i = 0; i < ITEMS; i++) await queue.put(i);
          };
          const consumer = async (): Promise<void> => {
            for (let i = 0; i < ITEMS; i++) await queue.get();
          };
          await Promise.all([producer(), consumer()]);
        },
      },
    ],
  };
}

/** Items through the queue per timed iteration of the depth scenario. */
const THROUGH = 10_000;

/**
 * The algorithm alone: the queue already holds n items, and each operation puts one and gets
 * one, so the depth stays n. The items touched are few and hot, so what grows with n here is
 * the cost of the operations themselves (a linear `Array.prototype.shift` shows), not the
 * memory hierarchy.
 */
export function queueDepth(n: number): Scenario {
  const toro = new Queue<number>();
  const esfx = new AsyncQueue<number>();
  const floor = new FloorQueue<number>();
  for (let i = 0; i < n; i++) {
    toro.putNowait(i);
    esfx.put(i);
    void floor.put(i);
  }
  return {
    title: `Scaling, queue holding n = ${count(n)} items: put one, get one`,
    op: `\`await put(item)\` then \`await get()\` on a queue that holds n items (${count(THROUGH)} per sample).`,
    target: { maxFloorRatio: 1.5 },
    iterations: 20,
    cases: [
      {
        name: 'toro-ts Queue',
        role: 'toro',
        ops: THROUGH,
        run: async () => {
          for (let i = 0; i < THROUGH; i++) {
            await toro.put(i);
            await toro.get();
          }
        },
      },
      {
        name: '@esfx/async-queue',
        role: 'peer',
        ops: THROUGH,
        run: async () => {
          for (let i = 0; i < THROUGH; i++) {
            await esfx.put(i);
            await esfx.get();
          }
        },
      },
      {
        name: 'floor queue',
        role: 'floor',
        ops: THROUGH,
        run: async () => {
          for (let i = 0; i < THROUGH; i++) {
            await floor.put(i);
            await floor.get();
          }
        },
      },
    ],
  };
}
