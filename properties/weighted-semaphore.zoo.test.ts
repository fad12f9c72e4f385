/**
 * The weighted semaphore's zoo: each entry reproduces a real bug (its header names it, with the
 * reference and the shortest program), and runs that program here against the entry, the
 * zoo's correct base and the real WeightedSemaphore, which must differ exactly as the header
 * says. The integrator will also run them through the checker.
 */

import { describe, expect, test } from 'vitest';
import { WeightedSemaphore } from '../src/index.js';
import { AbortedSignalTakesFreeUnits } from './zoo/weighted-semaphore-aborted-signal-takes-free-units.js';
import { ZooWeightedSemaphore } from './zoo/weighted-semaphore-base.js';
import { CancelledHeadWakesNobody } from './zoo/weighted-semaphore-cancelled-head-wakes-nobody.js';
import { SmallOvertakeLarge } from './zoo/weighted-semaphore-small-overtake-large.js';

/** What the zoo entries and the real class share. */
interface WeightedLike {
  acquire(weight: number, options?: { timeout?: number; signal?: AbortSignal }): Promise<{ release(): void }>;
  tryAcquire(weight: number): { release(): void } | undefined;
  statistics(): { value: number; waiting: number };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const correct: readonly [string, (capacity: number) => WeightedLike][] = [
  ['WeightedSemaphore', (capacity) => new WeightedSemaphore(capacity)],
  ["the zoo's base", (capacity) => new ZooWeightedSemaphore(capacity)],
];

describe('each weighted-semaphore zoo entry fails its program, and the correct ones pass it', () => {
  test('a cancelled head that wakes nobody (golang/go#37852, embassy-rs/embassy#6964)', async () => {
    const program = async (semaphore: WeightedLike): Promise<object> => {
      semaphore.tryAcquire(2);
      const controller = new AbortController();
      semaphore.acquire(4, { signal: controller.signal }).catch(() => undefined);
      void semaphore.acquire(1);
      controller.abort(new Error('gone'));
      await flush();
      return semaphore.statistics();
    };
    for (const [name, make] of correct) expect(await program(make(4)), name).toEqual({ value: 1, waiting: 0 });
    expect(await program(new CancelledHeadWakesNobody(4))).toEqual({ value: 2, waiting: 1 });
  });

  test('small requests overtaking a blocked large one (Effect-TS/effect#2107), which a stream of them starves', async () => {
    const program = async (semaphore: WeightedLike): Promise<object> => {
      semaphore.tryAcquire(3);
      void semaphore.acquire(4);
      void semaphore.acquire(1);
      await flush();
      return semaphore.statistics();
    };
    for (const [name, make] of correct) expect(await program(make(4)), name).toEqual({ value: 1, waiting: 2 });
    expect(await program(new SmallOvertakeLarge(4))).toEqual({ value: 0, waiting: 1 });

    const starvation = async (semaphore: WeightedLike): Promise<boolean> => {
      let small = semaphore.tryAcquire(1);
      let largeIn = false;
      void semaphore.acquire(2).then((large) => {
        largeIn = true;
        large.release();
      });
      for (let round = 0; round < 5 && !largeIn; round++) {
        const next = semaphore.acquire(1);
        small?.release();
        small = await next;
      }
      await flush();
      return largeIn;
    };
    for (const [name, make] of correct) expect(await starvation(make(2)), name).toBe(true);
    expect(await starvation(new SmallOvertakeLarge(2))).toBe(false);
  });

  test('an already-aborted signal that still takes free units (golang/go#63615)', async () => {
    const program = async (semaphore: WeightedLike): Promise<string> => {
      const outcome = await semaphore.acquire(1, { signal: AbortSignal.abort(new Error('gave up')) }).then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      return `${outcome}, value ${semaphore.statistics().value}`;
    };
    for (const [name, make] of correct) expect(await program(make(2)), name).toBe('gave up, value 2');
    expect(await program(new AbortedSignalTakesFreeUnits(2))).toBe('resolved, value 1');
  });
});
