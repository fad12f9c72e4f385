/**
 * Barrier cycles and queue shutdowns. A barrier cycle of n parties: n workers each await
 * `wait()` in a loop, so every cycle lets n callers through; one operation is one caller
 * through one cycle. A shutdown with n waiting getters (or putters): n calls wait, then one
 * `shutdown()` refuses them all; one operation is one waiter refused and its rejection
 * delivered. Making the waiters is setup, not charged.
 *
 * @module
 */

import { AsyncBarrier } from '@esfx/async-barrier';
import { Barrier, Queue } from '../src/index.js';
import { FloorBarrier, FloorShutdownQueue } from './floor.js';
import { clock, type Scenario } from './harness.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** Callers through the barrier per sample, whatever the number of parties. */
const PASSES = 10_000;

/** n workers, each awaiting `wait()` `cycles` times. */
async function workers(n: number, cycles: number, wait: () => Promise<unknown>): Promise<void> {
  const work = async (): Promise<void> => {
    for (let c = 0; c < cycles; c++) await wait();
  };
  const all: Promise<void>[] = [];
  for (let i = 0; i < n; i++) all.push(work());
  await Promise.all(all);
}

export function barrierCycle(parties: number): Scenario {
  const cycles = Math.ceil(PASSES / parties);
  const ops = cycles * parties;
  return {
    title: `Barrier cycle of ${count(parties)} parties`,
    op: `one caller through one cycle: ${count(parties)} workers each \`await wait()\` ${count(cycles)} times.`,
    target: { maxFloorRatio: 1.5 },
    cases: [
      {
        name: 'toro-ts Barrier',
        role: 'toro',
        ops,
        run: () => {
          const barrier = new Barrier(parties);
          return workers(parties, cycles, () => barrier.wait());
        },
      },
      {
        name: '@esfx/async-barrier',
        role: 'peer',
        ops,
        run: () => {
          const barrier = new AsyncBarrier(parties);
          return workers(parties, cycles, () => barrier.signalAndWait());
        },
      },
      {
        name: 'floor barrier',
        role: 'floor',
        ops,
        run: () => {
          const barrier = new FloorBarrier(parties);
          return workers(parties, cycles, () => barrier.wait());
        },
      },
    ],
  };
}

/** About 200,000 waiters refused per case and round: many iterations at small n, at least 3 at large n. */
function iterationsFor(n: number): number {
  return Math.max(3, Math.round(200_000 / n));
}

/** Makes n waiters (not charged), then times one shutdown and the delivery of every rejection. */
async function refuse(n: number, wait: () => Promise<unknown>, shutdown: () => void): Promise<number> {
  const waiting: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) waiting.push(wait());
  const settled = Promise.allSettled(waiting);
  const start = clock();
  shutdown();
  const results = await settled;
  const charged = clock() - start;
  if (results.some((r) => r.status !== 'rejected')) throw new Error('a waiter was not refused');
  return charged;
}

export function shutdownGetters(n: number): Scenario {
  return {
    title: `Queue shutdown with ${count(n)} waiting getters`,
    op: 'one waiting getter refused by `shutdown()`, its rejection delivered.',
    iterations: iterationsFor(n),
    cases: [
      {
        name: 'toro-ts Queue',
        role: 'toro',
        ops: n,
        run: () => {
          const queue = new Queue<number>();
          return refuse(n, () => queue.get(), () => queue.shutdown());
        },
      },
      {
        name: 'floor queue with shutdown',
        role: 'floor',
        ops: n,
        run: () => {
          const queue = new FloorShutdownQueue<number>();
          return refuse(n, () => queue.get(), () => queue.shutdown());
        },
      },
    ],
  };
}

export function shutdownPutters(n: number): Scenario {
  return {
    title: `Queue shutdown with ${count(n)} waiting putters`,
    op: 'one putter waiting on a full `Queue({ maxsize: 1 })` refused by `shutdown()`, its rejection delivered.',
    iterations: iterationsFor(n),
    cases: [
      {
        name: 'toro-ts Queue',
        role: 'toro',
        ops: n,
        run: () => {
          const queue = new Queue<number>({ maxsize: 1 });
          queue.putNowait(-1);
          return refuse(n, () => queue.put(0), () => queue.shutdown());
        },
      },
      {
        name: 'floor queue with shutdown',
        role: 'floor',
        ops: n,
        run: () => {
          const queue = new FloorShutdownQueue<number>(1);
          void queue.put(-1);
          return refuse(n, () => queue.put(0), () => queue.shutdown());
        },
      },
    ],
  };
}
