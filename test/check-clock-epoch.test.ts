/**
 * The virtual clock reads a wall-clock time: `Date.now()` is a realistic instant plus the
 * virtual milliseconds, never 0. A library may take 0 for "never" (p-queue 9 does), and a clock
 * that read 0 showed a hang no real run can meet; a library whose timing by `Date.now()` is
 * wrong is still caught.
 */

import { describe, expect, test } from 'vitest';
import { check, parseProgram, runProgram, type Adapter } from '../check/index.js';
import { VIRTUAL_EPOCH, virtualClock } from '../check/run/clock.js';
import { adapters as pQueue } from '../peers/p-queue.js';

describe('the virtual clock', () => {
  test('Date.now() reads a fixed wall-clock instant plus the virtual time, performance.now() the virtual time; both are given back', async () => {
    const realNow = Date.now;
    const clock = virtualClock();
    clock.install();
    try {
      expect(Date.now()).toBe(VIRTUAL_EPOCH);
      expect(performance.now()).toBe(0);
      await clock.advance(5);
      expect(Date.now()).toBe(VIRTUAL_EPOCH + 5);
      expect(performance.now()).toBe(5);
    } finally {
      clock.uninstall();
    }
    expect(Date.now).toBe(realNow);
    expect(Date.now()).not.toBe(VIRTUAL_EPOCH + 5);
  });

  test('a library that takes a time of 0 as "never" runs as it does on a real clock (p-queue 9 looped for ever on one that read 0)', async () => {
    const adapter = pQueue[0] as Adapter;
    const program = parseProgram(['new Semaphore({ value: 1 })', '  tick 1: #0 add()', '  tick 2: #1 add()', '  tick 3: #2 release() on #0'].join('\n'));
    const outcome = await runProgram(adapter, program);
    expect(outcome.divergence).toBeUndefined();
  });
});

/** A lock whose timeouts read `Date.now()` and fire a millisecond late: `>` where `>=` was meant. */
class LateLock {
  #held = false;
  readonly #waiters: { grant: () => void }[] = [];

  acquire(options?: { timeout?: number }): Promise<{ release(): void }> {
    const handle = { release: (): void => this.#release() };
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(handle);
    }
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = {
        grant: (): void => {
          clearTimeout(timer);
          resolve(handle);
        },
      };
      this.#waiters.push(waiter);
      const timeout = options?.timeout;
      if (timeout === undefined) return;
      const deadline = Date.now() + timeout;
      const expire = (): void => {
        if (Date.now() > deadline) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(Object.assign(new Error(`timed out after ${timeout} ms`), { name: 'TimeoutError' }));
        } else timer = setTimeout(expire, 1);
      };
      timer = setTimeout(expire, timeout);
    });
  }

  #release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#held = false;
    else next.grant();
  }
}

const lateLock: Adapter<LateLock> = {
  primitive: 'Lock',
  name: 'late lock',
  create: () => new LateLock(),
  calls: { acquire: (l, c) => l.acquire(c.options) },
  handleRelease: (_l, c) => (c.handle as { release(): void }).release(),
  options: { timeout: true, signal: false },
  choices: { zeroTimeout: 'timer', timers: 'unchecked' },
};

describe('timing by Date.now()', () => {
  test('a lock whose timeouts fire a millisecond late by Date.now() is caught', async () => {
    const result = await check(lateLock, { runs: 300, seed: 1 });
    expect(result.failure?.divergence.rule).toBe('atomicCancellation');
  });
});
