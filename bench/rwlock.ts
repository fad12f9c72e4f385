/**
 * Reader-writer locks: uncontended reads, many readers at once, and a 90/10 read/write mix,
 * against the floor (`FloorRWLock`) and the peers that have one. Each contender's loop is
 * written out with direct calls, so no call site is shared between libraries.
 *
 * @module
 */

import { AsyncReaderWriterLock } from '@esfx/async-readerwriterlock';
import { RWLock as RocicorpRWLock } from '@rocicorp/lock';
import { RWLock as AsyncRWLock } from 'async-rwlock';
import { RWLock } from '../src/index.js';
import { FloorOwnedRWLock, FloorRWLock, floorRunRead, floorRunWrite } from './floor.js';
import type { PairedTarget, Scenario } from './harness.js';

/** The reference for ownership: the floor with a handle that owns its grant (an RWLock gives back no oldest grant, so no list). */
export const OWNED_RW = 'floor + owned handle';

/** What the acquire tables promise (issue 22, item 2): every peer here hands out a handle but async-rwlock, and toro-ts is to be ahead of them all. */
const acquireTargets: readonly PairedTarget[] = [
  { against: 'reference', name: OWNED_RW, max: 1.05 },
  { against: 'peers', max: 1 },
];

/** What the runRead/runWrite tables promise (issue 22, item 1). */
const runTargets: readonly PairedTarget[] = [
  { against: 'floor', max: 1.15 },
  { against: 'peers', max: 1 },
];

const noop = (): void => undefined;

const OPS = 1000;
const WORKERS = 100;
const CYCLES = 10;

async function crowd(worker: (w: number) => Promise<void>): Promise<void> {
  const running: Promise<void>[] = [];
  for (let w = 0; w < WORKERS; w++) running.push(worker(w));
  await Promise.all(running);
}

export function uncontendedRead(): Scenario {
  const lock = new RWLock();
  const esfx = new AsyncReaderWriterLock();
  const asyncRw = new AsyncRWLock();
  const rocicorp = new RocicorpRWLock();
  const floor = new FloorRWLock();
  const owned = new FloorOwnedRWLock();
  return {
    id: 'rwlock-uncontended',
    title: 'RWLock, uncontended: acquireRead + release',
    op: '`await acquireRead()` then release, with nobody else around (1000 per sample).',
    targets: acquireTargets,
    cases: [
      {
        name: 'toro-ts RWLock',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await lock.acquireRead()).release();
        },
      },
      {
        name: '@esfx/async-readerwriterlock',
        role: 'peer',
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await esfx.read()).unlock();
        },
      },
      {
        name: 'async-rwlock',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await asyncRw.readLock();
            asyncRw.unlock();
          }
        },
      },
      {
        name: '@rocicorp/lock RWLock',
        role: 'peer',
        handle: true,
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await rocicorp.read())();
        },
      },
      {
        name: 'floor rwlock',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            await floor.acquireRead();
            floor.releaseRead();
          }
        },
      },
      {
        name: OWNED_RW,
        role: 'reference',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) (await owned.acquireRead()).release();
        },
      },
    ],
  };
}

export function manyReaders(): Scenario {
  const lock = new RWLock();
  const esfx = new AsyncReaderWriterLock();
  const asyncRw = new AsyncRWLock();
  const rocicorp = new RocicorpRWLock();
  const floor = new FloorRWLock();
  const ops = WORKERS * CYCLES;
  return {
    id: 'rwlock-readers',
    title: `RWLock, many readers: ${WORKERS} readers at once`,
    op: `one read: a reader acquires, awaits one microtask, releases, while the other readers do the same; nobody waits (${WORKERS} readers x ${CYCLES} cycles per sample).`,
    cases: [
      {
        name: 'toro-ts RWLock',
        role: 'toro',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await lock.acquireRead();
              await null;
              held.release();
            }
          }),
      },
      {
        name: '@esfx/async-readerwriterlock',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const held = await esfx.read();
              await null;
              held.unlock();
            }
          }),
      },
      {
        name: 'async-rwlock',
        role: 'peer',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await asyncRw.readLock();
              await null;
              asyncRw.unlock();
            }
          }),
      },
      {
        name: '@rocicorp/lock RWLock',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              const release = await rocicorp.read();
              await null;
              release();
            }
          }),
      },
      {
        name: 'floor rwlock',
        role: 'floor',
        ops,
        run: () =>
          crowd(async () => {
            for (let i = 0; i < CYCLES; i++) {
              await floor.acquireRead();
              await null;
              floor.releaseRead();
            }
          }),
      },
    ],
  };
}

/** Whether worker `w`'s `i`-th operation writes: one in ten, spread over workers and cycles. */
const writes = (w: number, i: number): boolean => (w * CYCLES + i) % 10 === 0;

export function mixedReadWrite(): Scenario {
  const lock = new RWLock();
  const esfx = new AsyncReaderWriterLock();
  const asyncRw = new AsyncRWLock();
  const rocicorp = new RocicorpRWLock();
  const floor = new FloorRWLock();
  const owned = new FloorOwnedRWLock();
  const ops = WORKERS * CYCLES;
  return {
    id: 'rwlock-contended',
    title: `RWLock, 90/10 read/write: ${WORKERS} workers`,
    op: `a worker acquires for reading (9 in 10) or writing (1 in 10), awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
    targets: acquireTargets,
    cases: [
      {
        name: 'toro-ts RWLock',
        role: 'toro',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const held = writes(w, i) ? await lock.acquireWrite() : await lock.acquireRead();
              await null;
              held.release();
            }
          }),
      },
      {
        name: '@esfx/async-readerwriterlock',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const held = writes(w, i) ? await esfx.write() : await esfx.read();
              await null;
              held.unlock();
            }
          }),
      },
      {
        name: 'async-rwlock',
        role: 'peer',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              if (writes(w, i)) await asyncRw.writeLock();
              else await asyncRw.readLock();
              await null;
              asyncRw.unlock();
            }
          }),
      },
      {
        name: '@rocicorp/lock RWLock',
        role: 'peer',
        handle: true,
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const release = writes(w, i) ? await rocicorp.write() : await rocicorp.read();
              await null;
              release();
            }
          }),
      },
      {
        name: 'floor rwlock',
        role: 'floor',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const write = writes(w, i);
              if (write) await floor.acquireWrite();
              else await floor.acquireRead();
              await null;
              if (write) floor.releaseWrite();
              else floor.releaseRead();
            }
          }),
      },
      {
        name: OWNED_RW,
        role: 'reference',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              const held = writes(w, i) ? await owned.acquireWrite() : await owned.acquireRead();
              await null;
              held.release();
            }
          }),
      },
    ],
  };
}

/** async-rwlock has no runRead or runWrite: what its users write. */
async function asyncRwRun<R>(lock: AsyncRWLock, write: boolean, fn: () => R): Promise<R> {
  if (write) await lock.writeLock();
  else await lock.readLock();
  try {
    return await fn();
  } finally {
    lock.unlock();
  }
}

/** @esfx/async-readerwriterlock has no runRead or runWrite: what its users write. */
async function esfxRwRun<R>(lock: AsyncReaderWriterLock, write: boolean, fn: () => R): Promise<R> {
  const handle = write ? await lock.write() : await lock.read();
  try {
    return await fn();
  } finally {
    handle.unlock();
  }
}

/** Whether the `i`-th uncontended call writes: one in ten. */
const writesAt = (i: number): boolean => i % 10 === 0;

export function runReadWrite(): Scenario {
  const lock = new RWLock();
  const esfx = new AsyncReaderWriterLock();
  const asyncRw = new AsyncRWLock();
  const rocicorp = new RocicorpRWLock();
  const floor = new FloorRWLock();
  return {
    id: 'rwlock-run-uncontended',
    title: 'RWLock, uncontended: runRead(fn) and runWrite(fn), 90/10',
    op: "`await runRead(fn)` (9 in 10) or `await runWrite(fn)` (1 in 10) with a synchronous `fn`, or each peer's fastest equivalent, with nobody else around (1000 per sample).",
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts RWLock.runRead/runWrite',
        role: 'toro',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            if (writesAt(i)) await lock.runWrite(noop);
            else await lock.runRead(noop);
          }
        },
      },
      {
        name: '@esfx/async-readerwriterlock, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await esfxRwRun(esfx, writesAt(i), noop);
        },
      },
      {
        name: 'async-rwlock, wrapped',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) await asyncRwRun(asyncRw, writesAt(i), noop);
        },
      },
      {
        name: '@rocicorp/lock RWLock.withRead/withWrite',
        role: 'peer',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            if (writesAt(i)) await rocicorp.withWrite(noop);
            else await rocicorp.withRead(noop);
          }
        },
      },
      {
        name: 'floor rwlock, acquire/finally release',
        role: 'floor',
        ops: OPS,
        run: async () => {
          for (let i = 0; i < OPS; i++) {
            if (writesAt(i)) await floorRunWrite(floor, noop);
            else await floorRunRead(floor, noop);
          }
        },
      },
    ],
  };
}

export function runReadWriteContended(): Scenario {
  const lock = new RWLock();
  const esfx = new AsyncReaderWriterLock();
  const asyncRw = new AsyncRWLock();
  const rocicorp = new RocicorpRWLock();
  const floor = new FloorRWLock();
  const ops = WORKERS * CYCLES;
  return {
    id: 'rwlock-run-contended',
    title: `RWLock, contended: runRead(fn) and runWrite(fn), 90/10, ${WORKERS} workers`,
    op: `one \`await runRead(fn)\` (9 in 10) or \`await runWrite(fn)\` (1 in 10) with a synchronous \`fn\`, or each peer's fastest equivalent, while ${WORKERS} workers do the same (${WORKERS} workers x ${CYCLES} calls per sample).`,
    targets: runTargets,
    cases: [
      {
        name: 'toro-ts RWLock.runRead/runWrite',
        role: 'toro',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              if (writes(w, i)) await lock.runWrite(noop);
              else await lock.runRead(noop);
            }
          }),
      },
      {
        name: '@esfx/async-readerwriterlock, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) await esfxRwRun(esfx, writes(w, i), noop);
          }),
      },
      {
        name: 'async-rwlock, wrapped',
        role: 'peer',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) await asyncRwRun(asyncRw, writes(w, i), noop);
          }),
      },
      {
        name: '@rocicorp/lock RWLock.withRead/withWrite',
        role: 'peer',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              if (writes(w, i)) await rocicorp.withWrite(noop);
              else await rocicorp.withRead(noop);
            }
          }),
      },
      {
        name: 'floor rwlock, acquire/finally release',
        role: 'floor',
        ops,
        run: () =>
          crowd(async (w) => {
            for (let i = 0; i < CYCLES; i++) {
              if (writes(w, i)) await floorRunWrite(floor, noop);
              else await floorRunRead(floor, noop);
            }
          }),
      },
    ],
  };
}
