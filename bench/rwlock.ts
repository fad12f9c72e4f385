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
import { FloorRWLock } from './floor.js';
import type { Scenario } from './harness.js';

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
  return {
    title: 'RWLock, uncontended: acquireRead + release',
    op: '`await acquireRead()` then release, with nobody else around (1000 per sample).',
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
  const ops = WORKERS * CYCLES;
  return {
    title: `RWLock, 90/10 read/write: ${WORKERS} workers`,
    op: `a worker acquires for reading (9 in 10) or writing (1 in 10), awaits one microtask, releases (${WORKERS} workers x ${CYCLES} cycles per sample).`,
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
    ],
  };
}
