/**
 * Locks and semaphores: uncontended `acquire` + release, contended handoff between 100 workers,
 * and `runExclusive(fn)` uncontended and with 100 workers. Each contender's loop is written out
 * in full, with direct calls, so no call site is shared (and made megamorphic) between
 * libraries.
 *
 * The `acquire` tables carry two references beside the floor: the floor resolving with a handle
 * per acquire (what a handle costs), and the floor with an owned handle and a ring of
 * outstanding grants (what ownership, rule 8, costs: nothing more). The `runExclusive` tables
 * compare toro-ts's `runExclusive` with each peer's fastest equivalent: its own `runExclusive`
 * or `withLock`, or, for a peer that has none, acquire and release wrapped as its users write
 * it (`await acquire(); try { return await fn(); } finally { release(); }`); their floor is the
 * leanest correct `runExclusive` for a synchronous `fn` (`floorRunSync`).
 *
 * @module
 */

import { AsyncMutex } from '@esfx/async-mutex';
import { AsyncSemaphore } from '@esfx/async-semaphore';
import { Lock as RocicorpLock } from '@rocicorp/lock';
import AsyncLock from 'async-lock';
import { Mutex, Semaphore as AsyncMutexSemaphore } from 'async-mutex';
import { Sema } from 'async-sema';
import { createRequire } from 'node:module';
import pLimit from 'p-limit';
import { Lock, Semaphore } from '../src/index.js';
import { FloorHandleSemaphore, FloorOwnedSemaphore, FloorSemaphore, floorRunSync } from './floor.js';
import type { PairedTarget, Scenario } from './harness.js';

/**
 * await-semaphore's API, as used here. It ships its TypeScript source and no declarations, and
 * that source does not compile under this project's settings, so it is loaded without it.
 */
interface AwaitSemaphore {
  acquire(): Promise<() => void>;
}
const { Mutex: AwaitMutex, Semaphore: AwaitSemaphore } = createRequire(import.meta.url)('await-semaphore') as {
  readonly Semaphore: new (count: number) => AwaitSemaphore;
  readonly Mutex: new () => AwaitSemaphore;
};

/** Operations per iteration of the uncontended loops, so harness overhead vanishes. */
const OPS = 1000;
/** Contended scenarios: this many workers... */
const WORKERS = 100;
/** ...each doing this many acquire, one-microtask hold, release cycles. */
const CYCLES = 10;
/** Permits of the semaphore scenarios. */
const PERMITS = 4;

const noop = (): void => undefined;

/** The reference for ownership: the floor with an owned handle and a ring of outstanding grants. */
export const OWNED = 'floor + owned handle + ring of grants';

/** What the `acquire()` + releaser tables promise (issue 22, item 2). */
const acquireTargets: readonly PairedTarget[] = [
  { against: 'reference', name: OWNED, max: 1.05 },
  { against: 'peers', handles: true, max: 1 },
];

/** What the `runExclusive` tables promise (issue 22, item 1). */
const runTargets: readonly PairedTarget[] = [
  { against: 'floor', max: 1.15 },
  { against: 'peers', max: 1 },
];

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
  const rocicorp = new RocicorpLock();
  const awaitMutex = new AwaitMutex();
  const floor = new FloorSemaphore(1);
  const handled = new FloorHandleSemaphore(1);
  const owned = new FloorOwnedSemaphore(1);
  return {
    id: 'lock-uncontended',
    title: 'Lock, uncontended: acquire + release',
    op: '`await acquire()` then release, with nobody else around (1000 per sample).',
    targets: acquireTargets,
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
        handle: true,
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
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await esfx.lock()).unlock();
        },
      },
      {
        name: '@rocicorp/lock Lock',
        role: 'peer',
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await rocicorp.lock())();
        },
      },
      {
        name: 'await-semaphore Mutex',
        role: 'peer',
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await awaitMutex.acquire())();
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
      {
        name: OWNED,
        role: 'reference',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await owned.acquire()).release();
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
  const awaitSemaphore = new AwaitSemaphore(PERMITS);
  const floor = new FloorSemaphore(PERMITS);
  const handled = new FloorHandleSemaphore(PERMITS);
  const owned = new FloorOwnedSemaphore(PERMITS);
  return {
    id: 'semaphore-uncontended',
    title: `Semaphore(${PERMITS}), uncontended: acquire + release`,
    op: '`await acquire()` then release, permits to spare (1000 per sample).',
    targets: acquireTargets,
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
        handle: true,
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
        name: 'await-semaphore Semaphore',
        role: 'peer',
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await awaitSemaphore.acquire())();
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
      {
        name: OWNED,
        role: 'reference',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await owned.acquire()).release();
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
  const rocicorp = new RocicorpLock();
  const awaitMutex = new AwaitMutex();
  const floor = new FloorSemaphore(1);
  const handled = new FloorHandleSemaphore(1);
  const owned = new FloorOwnedSemaphore(1);
  const tick = async (): Promise<void> => {
    await null;
  };
  const ops = WORKERS * CYCLES;
  return {
    id: 'lock-contended',
    title: `Lock, contended: ${WORKERS} workers`,
    op: `one handoff: a worker acquires, awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
    targets: [...acquireTargets, { against: 'floor', max: 1.3 }],
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
        handle: true,
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
        handle: true,
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
        name: '@rocicorp/lock Lock',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const release = await rocicorp.lock();
              await null;
              release();
            }
          }),
      },
      {
        name: 'await-semaphore Mutex',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const release = await awaitMutex.acquire();
              await null;
              release();
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
      {
        name: OWNED,
        role: 'reference',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await owned.acquire();
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
  const awaitSemaphore = new AwaitSemaphore(PERMITS);
  const floor = new FloorSemaphore(PERMITS);
  const handled = new FloorHandleSemaphore(PERMITS);
  const owned = new FloorOwnedSemaphore(PERMITS);
  const tick = async (): Promise<void> => {
    await null;
  };
  const ops = WORKERS * CYCLES;
  return {
    id: 'semaphore-contended',
    title: `Semaphore(${PERMITS}), contended: ${WORKERS} workers`,
    op: `one handoff: a worker acquires, awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
    targets: [...acquireTargets, { against: 'floor', max: 1.3 }],
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
        handle: true,
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
        name: 'await-semaphore Semaphore',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const release = await awaitSemaphore.acquire();
              await null;
              release();
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
      {
        name: OWNED,
        role: 'reference',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await owned.acquire();
              await null;
              held.release();
            }
          }),
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
async function esfxMutexRun<R>(mutex: AsyncMutex, fn: () => R): Promise<R> {
  const handle = await mutex.lock();
  try {
    return await fn();
  } finally {
    handle.unlock();
  }
}

/** @esfx/async-semaphore has no runExclusive: what its users write. */
async function esfxSemaphoreRun<R>(semaphore: AsyncSemaphore, fn: () => R): Promise<R> {
  await semaphore.wait();
  try {
    return await fn();
  } finally {
    semaphore.release();
  }
}

/** await-semaphore's `use(f)` needs `f` to return a promise: for any `fn`, what its users write. */
async function awaitSemaphoreRun<R>(semaphore: AwaitSemaphore, fn: () => R): Promise<R> {
  const release = await semaphore.acquire();
  try {
    return await fn();
  } finally {
    release();
  }
}

export function runExclusiveLock(): Scenario {
  const lock = new Lock();
  const asyncMutex = new Mutex();
  const sema = new Sema(1);
  const limit = pLimit(1);
  const esfx = new AsyncMutex();
  const rocicorp = new RocicorpLock();
  const awaitMutex = new AwaitMutex();
  const asyncLock = new AsyncLock();
  const floor = new FloorSemaphore(1);
  return {
    id: 'lock-run-uncontended',
    title: 'Lock, uncontended: runExclusive(fn)',
    op: "`await runExclusive(fn)` with a synchronous `fn`, or each peer's fastest equivalent, with nobody else around (1000 per sample).",
    targets: runTargets,
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
        name: 'async-sema Sema(1), wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await semaRun(sema, noop);
        },
      },
      {
        name: '@esfx/async-mutex, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await esfxMutexRun(esfx, noop);
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
        name: 'await-semaphore Mutex, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await awaitSemaphoreRun(awaitMutex, noop);
        },
      },
      {
        name: 'async-lock acquire(key, fn)',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await asyncLock.acquire('key', noop);
        },
      },
      {
        name: 'floor lock, acquire/finally release',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await floorRunSync(floor, noop);
        },
      },
    ],
  };
}

export function runExclusiveLockContended(): Scenario {
  const lock = new Lock();
  const asyncMutex = new Mutex();
  const sema = new Sema(1);
  const limit = pLimit(1);
  const esfx = new AsyncMutex();
  const rocicorp = new RocicorpLock();
  const awaitMutex = new AwaitMutex();
  const asyncLock = new AsyncLock();
  const floor = new FloorSemaphore(1);
  const ops = WORKERS * CYCLES;
  return {
    id: 'lock-run-contended',
    title: `Lock, contended: runExclusive(fn), ${WORKERS} workers`,
    op: `one \`await runExclusive(fn)\` with a synchronous \`fn\`, or each peer's fastest equivalent, while ${WORKERS} workers do the same (${WORKERS} workers x ${CYCLES} calls per sample).`,
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts Lock.runExclusive',
        role: 'toro',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await lock.runExclusive(noop);
          }),
      },
      {
        name: 'async-mutex Mutex.runExclusive',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await asyncMutex.runExclusive(noop);
          }),
      },
      {
        name: 'p-limit(1)',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await limit(noop);
          }),
      },
      {
        name: 'async-sema Sema(1), wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await semaRun(sema, noop);
          }),
      },
      {
        name: '@esfx/async-mutex, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await esfxMutexRun(esfx, noop);
          }),
      },
      {
        name: '@rocicorp/lock Lock.withLock',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await rocicorp.withLock(noop);
          }),
      },
      {
        name: 'await-semaphore Mutex, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await awaitSemaphoreRun(awaitMutex, noop);
          }),
      },
      {
        name: 'async-lock acquire(key, fn)',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await asyncLock.acquire('key', noop);
          }),
      },
      {
        name: 'floor lock, acquire/finally release',
        role: 'floor',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await floorRunSync(floor, noop);
          }),
      },
    ],
  };
}

export function runExclusiveSemaphore(): Scenario {
  const semaphore = new Semaphore(PERMITS);
  const asyncMutex = new AsyncMutexSemaphore(PERMITS);
  const sema = new Sema(PERMITS);
  const limit = pLimit(PERMITS);
  const esfx = new AsyncSemaphore(PERMITS);
  const awaitSemaphore = new AwaitSemaphore(PERMITS);
  const floor = new FloorSemaphore(PERMITS);
  return {
    id: 'semaphore-run-uncontended',
    title: `Semaphore(${PERMITS}), uncontended: runExclusive(fn)`,
    op: "`await runExclusive(fn)` with a synchronous `fn`, or each peer's fastest equivalent, permits to spare (1000 per sample).",
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts Semaphore.runExclusive',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await semaphore.runExclusive(noop);
        },
      },
      {
        name: 'async-mutex Semaphore.runExclusive',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await asyncMutex.runExclusive(noop);
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
        name: 'async-sema Sema, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await semaRun(sema, noop);
        },
      },
      {
        name: '@esfx/async-semaphore, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await esfxSemaphoreRun(esfx, noop);
        },
      },
      {
        name: 'await-semaphore Semaphore, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await awaitSemaphoreRun(awaitSemaphore, noop);
        },
      },
      {
        name: 'floor semaphore, acquire/finally release',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await floorRunSync(floor, noop);
        },
      },
    ],
  };
}

export function runExclusiveSemaphoreContended(): Scenario {
  const semaphore = new Semaphore(PERMITS);
  const asyncMutex = new AsyncMutexSemaphore(PERMITS);
  const sema = new Sema(PERMITS);
  const limit = pLimit(PERMITS);
  const esfx = new AsyncSemaphore(PERMITS);
  const awaitSemaphore = new AwaitSemaphore(PERMITS);
  const floor = new FloorSemaphore(PERMITS);
  const ops = WORKERS * CYCLES;
  return {
    id: 'semaphore-run-contended',
    title: `Semaphore(${PERMITS}), contended: runExclusive(fn), ${WORKERS} workers`,
    op: `one \`await runExclusive(fn)\` with a synchronous \`fn\`, or each peer's fastest equivalent, while ${WORKERS} workers do the same (${WORKERS} workers x ${CYCLES} calls per sample).`,
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts Semaphore.runExclusive',
        role: 'toro',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await semaphore.runExclusive(noop);
          }),
      },
      {
        name: 'async-mutex Semaphore.runExclusive',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await asyncMutex.runExclusive(noop);
          }),
      },
      {
        name: `p-limit(${PERMITS})`,
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await limit(noop);
          }),
      },
      {
        name: 'async-sema Sema, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await semaRun(sema, noop);
          }),
      },
      {
        name: '@esfx/async-semaphore, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await esfxSemaphoreRun(esfx, noop);
          }),
      },
      {
        name: 'await-semaphore Semaphore, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await awaitSemaphoreRun(awaitSemaphore, noop);
          }),
      },
      {
        name: 'floor semaphore, acquire/finally release',
        role: 'floor',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) await floorRunSync(floor, noop);
          }),
      },
    ],
  };
}
