/**
 * Weighted semaphores: uncontended and contended, against async-mutex's weighted `Semaphore`
 * and the floor (`FloorWeightedSemaphore`); and the cost of cancelling the head waiter among
 * n others (the admission scan must stop at the new head: O(1)).
 *
 * @module
 */

import { Semaphore as AsyncMutexSemaphore } from 'async-mutex';
import { WeightedSemaphore } from '../src/index.js';
import { liteSignals, type Abortable } from './cancel.js';
import { FloorOwnedWeightedSemaphore, FloorWeightedSemaphore, floorRunWeighted } from './floor.js';
import { clock, type PairedTarget, type Scenario } from './harness.js';

/** The reference for ownership: the floor with a handle that owns its grant (nobody asks for the oldest grant, so no list). */
export const OWNED_WEIGHTED = 'floor + owned handle';

/** What the acquire tables promise (issue 22, item 2); async-mutex's weighted Semaphore hands out a release function. */
const acquireTargets: readonly PairedTarget[] = [
  { against: 'reference', name: OWNED_WEIGHTED, max: 1.05 },
  { against: 'peers', handles: true, max: 1 },
];

/** What the runExclusive tables promise (issue 22, item 1). */
const runTargets: readonly PairedTarget[] = [
  { against: 'floor', max: 1.15 },
  { against: 'peers', max: 1 },
];

const noop = (): void => undefined;

const OPS = 1000;
const WORKERS = 100;
const CYCLES = 10;
const CAPACITY = 4;

async function crowd(worker: (w: number) => Promise<void>): Promise<void> {
  const running: Promise<void>[] = [];
  for (let w = 0; w < WORKERS; w++) running.push(worker(w));
  await Promise.all(running);
}

export function uncontendedWeighted(): Scenario {
  const semaphore = new WeightedSemaphore(CAPACITY);
  const asyncMutex = new AsyncMutexSemaphore(CAPACITY);
  const floor = new FloorWeightedSemaphore(CAPACITY);
  const owned = new FloorOwnedWeightedSemaphore(CAPACITY);
  return {
    id: 'weighted-uncontended',
    title: `WeightedSemaphore(${CAPACITY}), uncontended: acquire(2) + release`,
    op: '`await acquire(2)` then release, units to spare (1000 per sample).',
    targets: acquireTargets,
    cases: [
      {
        name: 'toro-ts WeightedSemaphore',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await semaphore.acquire(2)).release();
        },
      },
      {
        name: 'async-mutex Semaphore (weighted)',
        role: 'peer',
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await asyncMutex.acquire(2))[1]();
        },
      },
      {
        name: 'floor weighted semaphore',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await floor.acquire(2);
            floor.release(2);
          }
        },
      },
      {
        name: OWNED_WEIGHTED,
        role: 'reference',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await owned.acquire(2)).release();
        },
      },
    ],
  };
}

/** Worker `w` asks for 1, 2 or 3 units. */
const weightOf = (w: number): number => 1 + (w % 3);

export function contendedWeighted(): Scenario {
  const semaphore = new WeightedSemaphore(CAPACITY);
  const asyncMutex = new AsyncMutexSemaphore(CAPACITY);
  const floor = new FloorWeightedSemaphore(CAPACITY);
  const owned = new FloorOwnedWeightedSemaphore(CAPACITY);
  const ops = WORKERS * CYCLES;
  return {
    id: 'weighted-contended',
    title: `WeightedSemaphore(${CAPACITY}), contended: ${WORKERS} workers asking 1 to 3 units`,
    op: `one grant: a worker acquires its weight, awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
    targets: acquireTargets,
    cases: [
      {
        name: 'toro-ts WeightedSemaphore',
        role: 'toro',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await semaphore.acquire(weightOf(w));
              await null;
              held.release();
            }
          }),
      },
      {
        name: 'async-mutex Semaphore (weighted)',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const [, release] = await asyncMutex.acquire(weightOf(w));
              await null;
              release();
            }
          }),
      },
      {
        name: 'floor weighted semaphore',
        role: 'floor',
        ops,
        run: () =>
          crowd(async (w) => {
            const weight = weightOf(w);
            for (let i = 0; i < CYCLES; i++) {
              await floor.acquire(weight);
              await null;
              floor.release(weight);
            }
          }),
      },
      {
        name: OWNED_WEIGHTED,
        role: 'reference',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await owned.acquire(weightOf(w));
              await null;
              held.release();
            }
          }),
      },
    ],
  };
}

export function runExclusiveWeighted(): Scenario {
  const semaphore = new WeightedSemaphore(CAPACITY);
  const asyncMutex = new AsyncMutexSemaphore(CAPACITY);
  const floor = new FloorWeightedSemaphore(CAPACITY);
  return {
    id: 'weighted-run-uncontended',
    title: `WeightedSemaphore(${CAPACITY}), uncontended: runExclusive(2, fn)`,
    op: "`await runExclusive(2, fn)` with a synchronous `fn`, or the peer's own, units to spare (1000 per sample).",
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts WeightedSemaphore.runExclusive',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await semaphore.runExclusive(2, noop);
        },
      },
      {
        name: 'async-mutex Semaphore.runExclusive (weighted)',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await asyncMutex.runExclusive(noop, 2);
        },
      },
      {
        name: 'floor weighted semaphore, acquire/finally release',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await floorRunWeighted(floor, 2, noop);
        },
      },
    ],
  };
}

export function runExclusiveWeightedContended(): Scenario {
  const semaphore = new WeightedSemaphore(CAPACITY);
  const asyncMutex = new AsyncMutexSemaphore(CAPACITY);
  const floor = new FloorWeightedSemaphore(CAPACITY);
  const ops = WORKERS * CYCLES;
  return {
    id: 'weighted-run-contended',
    title: `WeightedSemaphore(${CAPACITY}), contended: runExclusive(weight, fn), ${WORKERS} workers asking 1 to 3 units`,
    op: `one \`await runExclusive(weight, fn)\` with a synchronous \`fn\`, or the peer's own, while ${WORKERS} workers do the same (${WORKERS} workers x ${CYCLES} calls per sample).`,
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts WeightedSemaphore.runExclusive',
        role: 'toro',
        ops,
        run: () =>
          crowd(async (w) => {
            const weight = weightOf(w);
            for (let i = 0; i < CYCLES; i++) await semaphore.runExclusive(weight, noop);
          }),
      },
      {
        name: 'async-mutex Semaphore.runExclusive (weighted)',
        role: 'peer',
        ops,
        run: () =>
          crowd(async (w) => {
            const weight = weightOf(w);
            for (let i = 0; i < CYCLES; i++) await asyncMutex.runExclusive(noop, weight);
          }),
      },
      {
        name: 'floor weighted semaphore, acquire/finally release',
        role: 'floor',
        ops,
        run: () =>
          crowd(async (w) => {
            const weight = weightOf(w);
            for (let i = 0; i < CYCLES; i++) await floorRunWeighted(floor, weight, noop);
          }),
      },
    ],
  };
}

/** Head cancellations per timed iteration of the scaling scenario. */
const FRESH = 1_000;
const ignore = (): void => undefined;
const REASON = new Error('aborted');

/**
 * The algorithm alone: n waiters of weight 2 wait on a `WeightedSemaphore(2)` one of whose
 * units is held, so none fits. Each operation queues one more at the back and cancels the head;
 * the admission that follows looks at the new head, which does not fit either. An admission
 * that scanned past a head that does not fit would pay for the n behind it.
 */
export function weightedCancelHead(n: number): Scenario {
  const semaphore = new WeightedSemaphore(2);
  semaphore.tryAcquire(1);
  const queued: Abortable[] = [];
  let head = 0;
  const enqueue = (signal: Abortable): void => {
    queued.push(signal);
    semaphore.acquire(2, { signal: signal.signal }).then(undefined, ignore);
  };
  for (const signal of liteSignals(n)) enqueue(signal);
  return {
    title: `Scaling, cancelling the head among n = ${n.toLocaleString('en-US')} weighted waiters`,
    op: `one waiter queued at the back, the head aborted (a one-listener stand-in signal), its rejection delivered, with n waiters that do not fit in between.`,
    iterations: 200,
    cases: [
      {
        name: 'toro-ts WeightedSemaphore',
        role: 'toro',
        ops: FRESH,
        run: async () => {
          const made = liteSignals(FRESH);
          const start = clock();
          for (let i = 0; i < FRESH; i++) {
            enqueue(made[i] as Abortable);
            (queued[head] as Abortable).abort(REASON);
            queued[head++] = undefined as unknown as Abortable;
          }
          // Let the aborted waiters' rejections be delivered, inside the clock.
          await new Promise((resolve) => setImmediate(resolve));
          return clock() - start;
        },
      },
    ],
  };
}
