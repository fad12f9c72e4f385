/**
 * Locks and semaphores: uncontended acquire + release, and contended handoff between 100
 * workers. Each contender's loop is written out in full, with direct calls, so no call site is
 * shared (and made megamorphic) between libraries.
 *
 * @module
 */

import { AsyncMutex } from '@esfx/async-mutex';
import { AsyncSemaphore } from '@esfx/async-semaphore';
import { Mutex, Semaphore as AsyncMutexSemaphore } from 'async-mutex';
import { Sema } from 'async-sema';
import pLimit from 'p-limit';
import { Lock, Semaphore } from '../src/index.js';
import { Lock as RocicorpLock } from '@rocicorp/lock';
import { FloorHandleSemaphore, FloorSemaphore, floorRunExclusive } from './floor.js';
import type { Scenario } from './harness.js';

/** Operations per iteration of the uncontended loops, so harness overhead vanishes. */
const OPS = 1000;
/** Contended scenarios: this many workers... */
const WORKERS = 100;
/** ...each doing this many acquire, one-microtask hold, release cycles. */
const CYCLES = 10;
/** Permits of the semaphore scenarios. */
const PERMITS = 4;

const noop = (): void => undefined;

/** Starts `WORKERS` copies of `worker` at once and waits for them all. */
async function crowd(worker: () => Promise<void>): Promise<void> {
  const running: Promise<void>[] = [];
  for (let w = 0; w < WORKERS; w++) running.push(worker());
  await Promise.all(running);
}

export function uncontendedLock(): Scenario {
  const lock = new Lock();
  const asyncMutex = new Mutex();
  const sema = new Sema(1);
  const limit = pLimit(1);
  const esfx = new AsyncMutex();
  const floor = new FloorSemaphore(1);
  const handled = new FloorHandleSemaphore(1);
  return {
    title: 'Lock, uncontended: acquire + release',
    op: '`await acquire()` then release, with nobody else around (1000 per sample).',
    target: { maxFloorRatio: 1.2 },
    cases: [
      {
        name: 'toro-ts Lock',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await lock.acquire()).release();
        },
      },
      {
        name: 'async-mutex Mutex',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await asyncMutex.acquire())();
        },
      },
      {
        name: 'async-sema Sema(1)',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await sema.acquire();
            sema.release();
          }
        },
      },
      {
        name: 'p-limit(1)',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await limit(noop);
        },
      },
      {
        name: '@esfx/async-mutex',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await esfx.lock()).unlock();
        },
      },
      {
        name: 'floor lock',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await floor.acquire();
            floor.release();
          }
        },
      },
      {
        name: 'floor + a handle per acquire',
        role: 'reference',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await handled.acquire()).release();
        },
      },
    ],
  };
}

export function uncontendedSemaphore(): Scenario {
  const semaphore = new Semaphore(PERMITS);
  const asyncMutex = new AsyncMutexSemaphore(PERMITS);
  const sema = new Sema(PERMITS);
  const limit = pLimit(PERMITS);
  const esfx = new AsyncSemaphore(PERMITS);
  const floor = new FloorSemaphore(PERMITS);
  const handled = new FloorHandleSemaphore(PERMITS);
  return {
    title: `Semaphore(${PERMITS}), uncontended: acquire + release`,
    op: '`await acquire()` then release, permits to spare (1000 per sample).',
    target: { maxFloorRatio: 1.2 },
    cases: [
      {
        name: 'toro-ts Semaphore',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await semaphore.acquire()).release();
        },
      },
      {
        name: 'async-mutex Semaphore',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await asyncMutex.acquire())[1]();
        },
      },
      {
        name: 'async-sema Sema',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await sema.acquire();
            sema.release();
          }
        },
      },
      {
        name: `p-limit(${PERMITS})`,
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await limit(noop);
        },
      },
      {
        name: '@esfx/async-semaphore',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await esfx.wait();
            esfx.release();
          }
        },
      },
      {
        name: 'floor semaphore',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await floor.acquire();
            floor.release();
          }
        },
      },
      {
        name: 'floor + a handle per acquire',
        role: 'reference',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await handled.acquire()).release();
        },
      },
    ],
  };
}

export function contendedLock(): Scenario {
  const lock = new Lock();
  const asyncMutex = new Mutex();
  const sema = new Sema(1);
  const limit = pLimit(1);
  const esfx = new AsyncMutex();
  const floor = new FloorSemaphore(1);
  const handled = new FloorHandleSemaphore(1);
  const tick = async (): Promise<void> => {
    await null;
  };
  const ops = WORKERS * CYCLES;
  return {
    title: `Lock, contended: ${WORKERS} workers`,
    op: `one handoff: a worker acquires, awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
    target: { maxFloorRatio: 1.3 },
    cases: [
      {
        name: 'toro-ts Lock',
        role: 'toro',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await lock.acquire();
              await null;
              held.release();
            }
          }),
      },
      {
        name: 'async-mutex Mutex',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const release = await asyncMutex.acquire();
              await null;
              release();
            }
          }),
      },
      {
        name: 'async-sema Sema(1)',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await sema.acquire();
              await null;
              sema.release();
            }
          }),
      },
      {
        name: 'p-limit(1)',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await limit(tick);
          }),
      },
      {
        name: '@esfx/async-mutex',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const handle = await esfx.lock();
              await null;
              handle.unlock();
            }
          }),
      },
      {
        name: 'floor lock',
        role: 'floor',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await floor.acquire();
              await null;
              floor.release();
            }
          }),
      },
      {
        name: 'floor + a handle per acquire',
        role: 'reference',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await handled.acquire();
              await null;
              held.release();
            }
          }),
      },
    ],
  };
}

export function contendedSemaphore(): Scenario {
  const semaphore = new Semaphore(PERMITS);
  const asyncMutex = new AsyncMutexSemaphore(PERMITS);
  const sema = new Sema(PERMITS);
  const limit = pLimit(PERMITS);
  const esfx = new AsyncSemaphore(PERMITS);
  const floor = new FloorSemaphore(PERMITS);
  const handled = new FloorHandleSemaphore(PERMITS);
  const tick = async (): Promise<void> => {
    await null;
  };
  const ops = WORKERS * CYCLES;
  return {
    title: `Semaphore(${PERMITS}), contended: ${WORKERS} workers`,
    op: `one handoff: a worker acquires, awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
    target: { maxFloorRatio: 1.3 },
    cases: [
      {
        name: 'toro-ts Semaphore',
        role: 'toro',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await semaphore.acquire();
              await null;
              held.release();
            }
          }),
      },
      {
        name: 'async-mutex Semaphore',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const [, release] = await asyncMutex.acquire();
              await null;
              release();
            }
          }),
      },
      {
        name: 'async-sema Sema',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await sema.acquire();
              await null;
              sema.release();
            }
          }),
      },
      {
        name: `p-limit(${PERMITS})`,
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await limit(tick);
          }),
      },
      {
        name: '@esfx/async-semaphore',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await esfx.wait();
              await null;
              esfx.release();
            }
          }),
      },
      {
        name: 'floor semaphore',
        role: 'floor',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await floor.acquire();
              await null;
              floor.release();
            }
          }),
      },
      {
        name: 'floor + a handle per acquire',
        role: 'reference',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await handled.acquire();
              await null;
              held.release();
            }
          }),
      },
    ],
  };
}

export function uncontendedRunExclusive(): Scenario {
  const lock = new Lock();
  const asyncMutex = new Mutex();
  const sema = new Sema(1);
  const limit = pLimit(1);
  const esfx = new AsyncMutex();
  const rocicorp = new RocicorpLock();
  const floor = new FloorSemaphore(1);
  return {
    title: 'Lock, uncontended: runExclusive(fn)',
    op: '`await runExclusive(fn)` or each peer\'s equivalent (acquire, call, release in `finally`), with nobody else around (1000 per sample).',
    target: { maxFloorRatio: 1.15 },
    cases: [
      {
        name: 'toro-ts Lock.runExclusive',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await lock.runExclusive(noop);
        },
      },
      {
        name: 'async-mutex Mutex.runExclusive',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await asyncMutex.runExclusive(noop);
        },
      },
      {
        name: 'p-limit(1)',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await limit(noop);
        },
      },
      {
        name: 'async-sema Sema(1), acquire/finally release',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await semaRun(sema, noop);
        },
      },
      {
        name: '@esfx/async-mutex, lock/finally unlock',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await esfxRun(esfx, noop);
        },
      },
      {
        name: '@rocicorp/lock Lock.withLock',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await rocicorp.withLock(noop);
        },
      },
      {
        name: 'floor lock, acquire/finally release',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await floorRunExclusive(floor, noop);
        },
      },
    ],
  };
}

/** async-sema has no runExclusive: what its users write. */
async function semaRun<R>(sema: Sema, fn: () => R): Promise<R> {
  await sema.acquire();
  try {
    return await fn();
  } finally {
    sema.release();
  }
}

/** @esfx/async-mutex has no runExclusive: what its users write. */
async function esfxRun<R>(mutex: AsyncMutex, fn: () => R): Promise<R> {
  const handle = await mutex.lock();
  try {
    return await fn();
  } finally {
    handle.unlock();
  }
}
