/**
 * Ownership (DESIGN.md rule 8, issue 11 item 1) shown directly: the programs, a
 * subclass's overridden `release()`, and `runExclusive` as a grant like any other.
 */

import { describe, expect, test } from 'vitest';
import { BoundedSemaphore, InvalidStateError, Lock, Semaphore, TimeoutError, type Releaser } from '../src/index.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a stale releaser gives back nothing', () => {
  test("r1 = acquire(); release(); r2 = acquire(); r1.release() leaves the lock locked by r2", async () => {
    const lock = new Lock();
    const r1 = await lock.acquire();
    lock.release();
    expect(r1.released).toBe(true);
    const r2 = await lock.acquire();
    r1.release();
    expect(lock.locked()).toBe(true);
    expect(r2.released).toBe(false);
    // Nobody else gets in while r2 holds it.
    expect(lock.tryAcquire()).toBeUndefined();
    r2.release();
    expect(lock.locked()).toBe(false);
  });

  test('a stray release() on a BoundedSemaphore(1) with waiters lets exactly one holder in, and no innocent releaser throws', async () => {
    const semaphore = new BoundedSemaphore(1);
    const r0 = await semaphore.acquire();
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    const worker = async (name: string, pending: Promise<Releaser>): Promise<void> => {
      const held = await pending;
      most = Math.max(most, ++inside);
      order.push(`${name} in`);
      await tick();
      inside--;
      order.push(`${name} out`);
      held.release();
    };
    const workers = [worker('a', semaphore.acquire()), worker('b', semaphore.acquire()), worker('c', semaphore.acquire())];
    // The stray release gives back r0's grant (the oldest) and hands the permit to a.
    semaphore.release();
    expect(semaphore.statistics()).toEqual({ value: 0, waiting: 2 });
    // r0's own release is now stale: it must neither let b in nor throw.
    expect(() => r0.release()).not.toThrow();
    expect(semaphore.statistics()).toEqual({ value: 0, waiting: 2 });
    await Promise.all(workers);
    expect(most).toBe(1);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect(semaphore.statistics()).toEqual({ value: 1, waiting: 0 });
  });

  test('release() gives back the oldest outstanding grant, whose releaser then does nothing', () => {
    const semaphore = new Semaphore(3);
    const [a, b, c] = [semaphore.tryAcquire(), semaphore.tryAcquire(), semaphore.tryAcquire()] as Releaser[];
    b?.release();
    semaphore.release();
    expect([a?.released, b?.released, c?.released]).toEqual([true, true, false]);
    a?.release();
    expect(semaphore.value).toBe(2);
    semaphore.release();
    expect(c?.released).toBe(true);
    expect(semaphore.value).toBe(3);
  });

  test('a plain Semaphore still counts a release up when no grant is outstanding', () => {
    const semaphore = new Semaphore(0);
    semaphore.release();
    semaphore.release();
    expect(semaphore.value).toBe(2);
  });

  test('with no grant outstanding, a BoundedSemaphore and a Lock refuse release() as before', () => {
    const bounded = new BoundedSemaphore(2);
    bounded.tryAcquire()?.release();
    expect(() => bounded.release()).toThrow(RangeError);
    const lock = new Lock();
    lock.tryAcquire()?.release();
    expect(() => lock.release()).toThrow(InvalidStateError);
  });
});

describe("a subclass's overridden release() is what its releasers call", () => {
  test('on a Lock: the override sees the releaser, and super.release() gives back its own grant', async () => {
    class CountingLock extends Lock {
      releases = 0;
      override release(): void {
        this.releases++;
        super.release();
      }
    }
    const lock = new CountingLock();
    const held = await lock.acquire();
    held.release();
    held.release();
    expect(lock.releases).toBe(1);
    expect(lock.locked()).toBe(false);
    await lock.runExclusive(() => undefined);
    expect(lock.releases).toBe(2);
  });

  test('on a Semaphore: a newer releaser gives back its own grant through the override, not the oldest', () => {
    const seen: string[] = [];
    class LoggingSemaphore extends Semaphore {
      override release(): void {
        seen.push('release');
        super.release();
      }
    }
    const semaphore = new LoggingSemaphore(2);
    const older = semaphore.tryAcquire();
    const newer = semaphore.tryAcquire();
    newer?.release();
    expect(seen).toEqual(['release']);
    expect([older?.released, newer?.released]).toEqual([false, true]);
    // A direct call, with no releaser behind it, gives back the oldest.
    semaphore.release();
    expect(older?.released).toBe(true);
    expect(semaphore.value).toBe(2);
  });

  test('an override that refuses leaves the grant outstanding and the releaser unreleased', () => {
    class Sealed extends BoundedSemaphore {
      sealed = true;
      override release(): void {
        if (this.sealed) throw new Error('sealed');
        super.release();
      }
    }
    const semaphore = new Sealed(1);
    const held = semaphore.tryAcquire();
    expect(() => held?.release()).toThrow('sealed');
    expect(held?.released).toBe(false);
    expect(semaphore.value).toBe(0);
    semaphore.sealed = false;
    held?.release();
    expect(held?.released).toBe(true);
    expect(semaphore.value).toBe(1);
  });
});

describe('runExclusive', () => {
  test('returns what fn returns and releases, whether fn returns, throws or rejects', async () => {
    for (const primitive of [new Lock(), new Semaphore(1), new BoundedSemaphore(1)]) {
      const free = (): boolean => (primitive instanceof Lock ? !primitive.locked() : primitive.value === 1);
      await expect(primitive.runExclusive(() => 42)).resolves.toBe(42);
      expect(free()).toBe(true);
      await expect(primitive.runExclusive(async () => 'later')).resolves.toBe('later');
      expect(free()).toBe(true);
      const thrown = new Error('thrown');
      await expect(primitive.runExclusive(() => {
        throw thrown;
      })).rejects.toBe(thrown);
      expect(free()).toBe(true);
      const rejected = new Error('rejected');
      await expect(primitive.runExclusive(() => Promise.reject(rejected))).rejects.toBe(rejected);
      expect(free()).toBe(true);
    }
  });

  test('never calls fn inside the call, and holds the permit from the call on', async () => {
    const lock = new Lock();
    let ran = false;
    const done = lock.runExclusive(() => {
      ran = true;
    });
    expect(ran).toBe(false);
    expect(lock.locked()).toBe(true);
    expect(lock.tryAcquire()).toBeUndefined();
    await done;
    expect(ran).toBe(true);
    expect(lock.locked()).toBe(false);
  });

  test('waits its turn in FIFO order with acquire()', async () => {
    const lock = new Lock();
    const order: string[] = [];
    const first = await lock.acquire();
    const run = lock.runExclusive(() => order.push('run'));
    const acquired = lock.acquire().then((held) => {
      order.push('acquire');
      held.release();
    });
    first.release();
    await Promise.all([run, acquired]);
    expect(order).toEqual(['run', 'acquire']);
  });

  test('does not call fn when its wait times out or aborts, and takes nothing', async () => {
    const lock = new Lock();
    const held = lock.tryAcquire();
    let calls = 0;
    await expect(lock.runExclusive(() => calls++, { timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
    const reason = new Error('stop');
    await expect(lock.runExclusive(() => calls++, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const controller = new AbortController();
    const pending = lock.runExclusive(() => calls++, { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(calls).toBe(0);
    expect(lock.statistics()).toEqual({ locked: true, waiting: 0 });
    held?.release();
    expect(lock.locked()).toBe(false);
  });

  test('its hold is a grant like any other: release() may give it back, and its own release then does nothing', async () => {
    const lock = new Lock();
    let release!: () => void;
    const inside = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = lock.runExclusive(() => inside);
    await tick();
    lock.release(); // the oldest outstanding grant: runExclusive's
    const next = await lock.acquire();
    release();
    await run;
    // runExclusive's release was stale: the lock is still next's.
    expect(lock.locked()).toBe(true);
    next.release();
    expect(lock.locked()).toBe(false);
  });

  test('refuses a fn that is not a function with a TypeError that names the call, and changes nothing', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.runExclusive('nope' as never)).rejects.toThrow(new TypeError('Semaphore.runExclusive() fn must be a function, got "nope"'));
    await expect(new Lock().runExclusive(undefined as never)).rejects.toThrow('Lock.runExclusive() fn must be a function, got undefined');
    expect(semaphore.value).toBe(1);
  });

  test('refuses bad options as acquire() does, naming runExclusive', async () => {
    await expect(new Lock().runExclusive(() => 1, { timeout: -1 })).rejects.toThrow(/Lock\.runExclusive\(\) timeout/);
  });
});

test("the zoo's stale releaser (Tornado's release on every exit) fails the issue's program, and the real Lock passes it", async () => {
  const { StaleReleaserSemaphore } = await import('./zoo/semaphore-stale-releaser-releases-others-permit.js');
  const program = async (lock: { acquire(): Promise<{ release(): void }>; release(): void; locked?(): boolean }): Promise<boolean | undefined> => {
    const r1 = await lock.acquire();
    lock.release();
    await lock.acquire();
    r1.release();
    return lock.locked?.();
  };
  expect(await program(new Lock())).toBe(true);
  expect(await program(new StaleReleaserSemaphore('lock', 1))).toBe(false);
});
