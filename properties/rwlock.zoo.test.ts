/**
 * The reader-writer lock's zoo: each entry reproduces a real bug (its header names it, with the
 * reference and the shortest program), and runs that program here against the entry, the zoo's
 * correct base and the real RWLock, which must differ exactly as the header says.
 */

import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, test } from 'vitest';
import { RWLock } from '../src/index.js';
import { ZooRWLock, type WaitOptionsLike } from './zoo/rwlock-base.js';
import { CancelledHeadAdmitsNobody } from './zoo/rwlock-cancelled-head-admits-nobody.js';
import { ReadersPassWaitingWriter } from './zoo/rwlock-readers-pass-waiting-writer.js';
import { ReadersStarveWriter } from './zoo/rwlock-readers-starve-writer.js';
import { ToroRWLock } from './zoo/rwlock-toro-write-timeout-leaks-permits.js';

/** What the zoo entries and the real class share. */
interface RWLockLike {
  acquireRead(options?: WaitOptionsLike): Promise<{ release(): void }>;
  acquireWrite(options?: WaitOptionsLike): Promise<{ release(): void }>;
  tryAcquireRead(): { release(): void } | undefined;
  tryAcquireWrite(): { release(): void } | undefined;
  statistics(): { readers: number; writing: boolean; waiting: number };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const correct: readonly [string, (options?: { maxReaders?: number }) => RWLockLike][] = [
  ['RWLock', (options) => new RWLock(options)],
  ["the zoo's base", (options) => new ZooRWLock(options)],
];

describe('each RWLock zoo entry fails its program, and the correct ones pass it', () => {
  test('readers that starve a waiting writer (async-rwlock 1.1.1)', async () => {
    const program = (lock: RWLockLike): boolean => {
      lock.tryAcquireRead();
      void lock.acquireWrite();
      return lock.tryAcquireRead() !== undefined;
    };
    for (const [name, make] of correct) expect(program(make()), name).toBe(false);
    expect(program(new ReadersStarveWriter())).toBe(true);

    const starvation = async (lock: RWLockLike): Promise<boolean> => {
      let reader = lock.tryAcquireRead();
      let written = false;
      void lock.acquireWrite().then((w) => {
        written = true;
        w.release();
      });
      // Overlapping readers: each new one comes before the last leaves.
      for (let round = 0; round < 5 && !written; round++) {
        const next = lock.acquireRead();
        reader?.release();
        reader = await next;
      }
      await flush();
      return written;
    };
    for (const [name, make] of correct) expect(await starvation(make()), name).toBe(true);
    expect(await starvation(new ReadersStarveWriter())).toBe(false);
  });

  test('readers admitted past a waiting writer when a writer leaves (async-rwlock 1.1.1 two queues)', async () => {
    const program = async (lock: RWLockLike): Promise<object> => {
      const w1 = lock.tryAcquireWrite();
      void lock.acquireWrite();
      void lock.acquireRead();
      w1?.release();
      await flush();
      return lock.statistics();
    };
    for (const [name, make] of correct) expect(await program(make()), name).toEqual({ readers: 0, writing: true, waiting: 1 });
    expect(await program(new ReadersPassWaitingWriter())).toEqual({ readers: 1, writing: false, waiting: 1 });
  });

  test('a cancelled head writer that admits nobody (golang/go#37852, on an RWMutex built from a semaphore)', async () => {
    const program = async (lock: RWLockLike): Promise<object> => {
      lock.tryAcquireRead();
      const controller = new AbortController();
      lock.acquireWrite({ signal: controller.signal }).catch(() => undefined);
      void lock.acquireRead();
      controller.abort(new Error('gone'));
      await flush();
      return lock.statistics();
    };
    for (const [name, make] of correct) expect(await program(make()), name).toEqual({ readers: 2, writing: false, waiting: 0 });
    expect(await program(new CancelledHeadAdmitsNobody())).toEqual({ readers: 1, writing: false, waiting: 1 });
  });

  test("Toro's RWLock: a write that times out part-way keeps the permits it got (ajdavis/toro acquire_write)", async () => {
    const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const program = async (lock: RWLockLike): Promise<boolean> => {
        const reader = lock.tryAcquireRead();
        const write = lock.acquireWrite({ timeout: 10 }).then(
          () => 'granted',
          () => 'timed out',
        );
        clock.tick(10);
        expect(await write).toBe('timed out');
        reader?.release();
        return lock.tryAcquireWrite() !== undefined;
      };
      for (const [name, make] of correct) expect(await program(make({ maxReaders: 2 })), name).toBe(true);
      expect(await program(new ToroRWLock({ maxReaders: 2 }))).toBe(false);
    } finally {
      clock.uninstall();
    }
  });
});
