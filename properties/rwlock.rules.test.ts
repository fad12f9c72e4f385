/**
 * RWLock, rule by rule (model/rwlock.ts states them): readers together, writers alone, one FIFO
 * queue in which a waiting writer holds back later readers, maxReaders, no barging, a cancelled
 * head admits those behind it, releasers only give back their own grant, runRead/runWrite.
 */

import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, test } from 'vitest';
import { RWLock, TimeoutError, type Releaser } from '../src/index.js';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function follow(log: string[], name: string, pending: Promise<Releaser>): Promise<Releaser | undefined> {
  return pending.then(
    (releaser) => {
      log.push(name);
      return releaser;
    },
    (error: unknown) => {
      log.push(`${name}: ${(error as Error).name}`);
      return undefined;
    },
  );
}

describe('construction', () => {
  test('maxReaders is a positive integer or Infinity; anything else is refused by class', () => {
    expect(new RWLock().maxReaders).toBe(Number.POSITIVE_INFINITY);
    expect(new RWLock({ maxReaders: 3 }).maxReaders).toBe(3);
    for (const maxReaders of [0, -1, 1.5, Number.NaN]) expect(() => new RWLock({ maxReaders })).toThrow(RangeError);
    expect(() => new RWLock({ maxReaders: '2' as never })).toThrow(new TypeError('RWLock maxReaders must be a number, got "2"'));
    expect(() => new RWLock(null as never)).toThrow(TypeError);
  });
});

describe('readers together, writers alone', () => {
  test('readers share the lock; a writer waits for them and then holds it alone', async () => {
    const lock = new RWLock();
    const log: string[] = [];
    const r1 = await lock.acquireRead();
    const r2 = await lock.acquireRead();
    expect(lock.statistics()).toEqual({ readers: 2, writing: false, waiting: 0 });
    const w = follow(log, 'w', lock.acquireWrite());
    r1.release();
    await flush();
    expect(log).toEqual([]);
    r2.release();
    await flush();
    expect(log).toEqual(['w']);
    expect(lock.statistics()).toEqual({ readers: 0, writing: true, waiting: 0 });
    (await w)?.release();
    expect(lock.statistics()).toEqual({ readers: 0, writing: false, waiting: 0 });
  });

  test('a waiting writer holds back readers that came after it, which then go in together', async () => {
    const lock = new RWLock();
    const log: string[] = [];
    const r1 = lock.tryAcquireRead();
    const w = follow(log, 'w', lock.acquireWrite());
    const r2 = follow(log, 'r2', lock.acquireRead());
    const r3 = follow(log, 'r3', lock.acquireRead());
    await flush();
    // r2 and r3 would share with r1, but the writer came first.
    expect(log).toEqual([]);
    expect(lock.tryAcquireRead()).toBeUndefined();
    r1?.release();
    await flush();
    expect(log).toEqual(['w']);
    (await w)?.release();
    expect(lock.statistics()).toEqual({ readers: 2, writing: false, waiting: 0 });
    await flush();
    expect(log).toEqual(['w', 'r2', 'r3']);
    (await r2)?.release();
    (await r3)?.release();
  });

  test('maxReaders bounds the readers inside; the rest wait their turn', async () => {
    const lock = new RWLock({ maxReaders: 2 });
    const log: string[] = [];
    const a = lock.tryAcquireRead();
    lock.tryAcquireRead();
    expect(lock.tryAcquireRead()).toBeUndefined();
    void follow(log, 'c', lock.acquireRead());
    a?.release();
    await flush();
    expect(log).toEqual(['c']);
    expect(lock.statistics()).toEqual({ readers: 2, writing: false, waiting: 0 });
  });

  test('tryAcquireRead and tryAcquireWrite never barge past a waiter', () => {
    const lock = new RWLock();
    const w = lock.tryAcquireWrite();
    expect(lock.tryAcquireWrite()).toBeUndefined();
    void lock.acquireRead();
    w?.release();
    // The waiting reader went in when w left; nobody waits now, so another reader may share.
    expect(lock.tryAcquireRead()).toBeDefined();
    void lock.acquireWrite();
    expect(lock.tryAcquireRead()).toBeUndefined();
  });
});

describe('cancellation', () => {
  test('a writer cancelled at the head lets the readers behind it in at once, before its own rejection', async () => {
    const lock = new RWLock();
    const log: string[] = [];
    lock.tryAcquireRead();
    const controller = new AbortController();
    void follow(log, 'w', lock.acquireWrite({ signal: controller.signal }));
    void follow(log, 'r2', lock.acquireRead());
    void follow(log, 'r3', lock.acquireRead());
    void follow(log, 'w2', lock.acquireWrite());
    controller.abort(new Error('gone'));
    expect(lock.statistics()).toEqual({ readers: 3, writing: false, waiting: 1 });
    await flush();
    expect(log).toEqual(['r2', 'r3', 'w: Error']);
  });

  test('a head that times out admits those behind it too, and leaves no timer', async () => {
    const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const lock = new RWLock();
      const log: string[] = [];
      lock.tryAcquireRead();
      void follow(log, 'w', lock.acquireWrite({ timeout: 5 }));
      void follow(log, 'r', lock.acquireRead());
      clock.tick(5);
      await flush();
      expect(log).toEqual(['r', 'w: TimeoutError']);
      expect(clock.countTimers()).toBe(0);
    } finally {
      clock.uninstall();
    }
  });

  test('an already-aborted signal takes nothing even when the lock is free; timeout 0 gives up only if it must wait', async () => {
    const lock = new RWLock();
    const reason = new Error('stop');
    await expect(lock.acquireWrite({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(lock.statistics()).toEqual({ readers: 0, writing: false, waiting: 0 });
    const w = await lock.acquireWrite({ timeout: 0 });
    await expect(lock.acquireRead({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
    w.release();
    await expect(lock.acquireRead({ timeout: -1 })).rejects.toThrow(/RWLock\.acquireRead\(\) timeout/);
  });
});

describe('releasers', () => {
  test('a releaser gives back its own grant once; a second call does nothing', async () => {
    const lock = new RWLock();
    const r1 = await lock.acquireRead();
    const r2 = await lock.acquireRead();
    r1.release();
    r1.release();
    expect(lock.statistics().readers).toBe(1);
    expect(r2.released).toBe(false);
    r2.release();
    const w = await lock.acquireWrite();
    w.release();
    w.release();
    expect(lock.statistics()).toEqual({ readers: 0, writing: false, waiting: 0 });
  });
});

describe('runRead and runWrite', () => {
  test('return what fn returns and give the lock back however fn ends', async () => {
    const lock = new RWLock();
    await expect(lock.runRead(() => 1)).resolves.toBe(1);
    await expect(lock.runWrite(async () => 2)).resolves.toBe(2);
    const error = new Error('boom');
    await expect(lock.runWrite(() => {
      throw error;
    })).rejects.toBe(error);
    await expect(lock.runRead(() => Promise.reject(error))).rejects.toBe(error);
    expect(lock.statistics()).toEqual({ readers: 0, writing: false, waiting: 0 });
    await expect(lock.runRead(42 as never)).rejects.toThrow(new TypeError('RWLock.runRead() fn must be a function, got 42'));
  });

  test('a writer inside runWrite is alone, and fn never runs inside the call', async () => {
    const lock = new RWLock();
    let ran = false;
    const done = lock.runWrite(() => {
      ran = true;
      return lock.statistics();
    });
    expect(ran).toBe(false);
    expect(lock.tryAcquireRead()).toBeUndefined();
    await expect(done).resolves.toEqual({ readers: 0, writing: true, waiting: 0 });
  });
});
