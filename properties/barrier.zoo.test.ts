/**
 * The barrier's zoo: each entry reproduces a real bug (its header names it, with the reference
 * and the shortest program), and runs that program here against the entry, the zoo's correct
 * base and the real Barrier, which must differ exactly as the header says. The integrator will
 * also run them through the checker.
 */

import { describe, expect, test } from 'vitest';
import { Barrier } from '../src/index.js';
import { CancelledIndexReusedBarrier } from './zoo/barrier-asyncio-cancelled-index-reused.js';
import { ZooBarrier } from './zoo/barrier-base.js';
import { WakeupReleasesNextCycleBarrier } from './zoo/barrier-wakeup-releases-next-cycle.js';

/** What the zoo entries and the real class share. */
interface BarrierLike {
  wait(options?: { timeout?: number; signal?: AbortSignal }): Promise<number>;
  reset(): void;
  abort(): void;
  statistics(): { waiting: number; broken: boolean; parties: number };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const correct: readonly [string, (parties: number) => BarrierLike][] = [
  ['Barrier', (parties) => new Barrier(parties)],
  ["the zoo's base", (parties) => new ZooBarrier(parties)],
];

/** Runs `program` and reports how each named wait ended, in settlement order. */
async function outcomes(barrier: BarrierLike, program: (wait: (name: string, options?: { signal?: AbortSignal }) => void) => void): Promise<string[]> {
  const log: string[] = [];
  program((name, options) => {
    barrier.wait(options).then(
      (index) => log.push(`${name} ${index}`),
      (error: Error) => log.push(`${name} ${error.message}`),
    );
  });
  await flush();
  return log;
}

describe('each barrier zoo entry fails its program, and the correct ones pass it', () => {
  test("asyncio's cancelled waiter's index handed out again (python/cpython gh-155233)", async () => {
    const program = (barrier: BarrierLike) =>
      outcomes(barrier, (wait) => {
        const controller = new AbortController();
        wait('A', { signal: controller.signal });
        wait('B');
        controller.abort(new Error('cancelled'));
        wait('C');
        wait('D');
      });
    for (const [name, make] of correct) expect(await program(make(3)), name).toEqual(['A cancelled', 'B 0', 'C 1', 'D 2']);
    expect(await program(new CancelledIndexReusedBarrier(3))).toEqual(['A cancelled', 'B 1', 'C 1', 'D 2']);
  });

  test("a wakeup meant for one cycle releasing a waiter of the next (lars-t-hansen/parlib-simple#30)", async () => {
    const program = async (barrier: BarrierLike) => {
      const log = await outcomes(barrier, (wait) => {
        wait('a');
        wait('b');
        wait('c');
      });
      return { log, waiting: barrier.statistics().waiting };
    };
    for (const [name, make] of correct) expect(await program(make(2)), name).toEqual({ log: ['a 0', 'b 1'], waiting: 1 });
    expect(await program(new WakeupReleasesNextCycleBarrier(2))).toEqual({ log: ['b 1', 'a 0', 'c 1'], waiting: 0 });
  });
});

test("the zoo's base agrees with the real Barrier on reset, abort and cancellation", async () => {
  for (const [name, make] of correct) {
    const barrier = make(3);
    const log = await outcomes(barrier, (wait) => {
      const controller = new AbortController();
      wait('a', { signal: controller.signal });
      wait('b');
      controller.abort(new Error('gone'));
      barrier.reset();
      wait('c');
      barrier.abort();
      wait('d');
    });
    expect(log.map((line) => line.split(' ').slice(0, 2).join(' ')), name).toEqual(['a gone', 'b Barrier.reset()', 'c Barrier.abort()', 'd Barrier.wait()']);
    expect(barrier.statistics(), name).toEqual({ waiting: 0, broken: true, parties: 3 });
  }
});
