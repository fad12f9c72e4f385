/**
 * The shrinker stays within what the implementation takes: an adapter that narrows a
 * constructor parameter (`params: { value: [1, 2, 3] }`, as p-limit's limit must be at least 1)
 * never sees a smaller value while its failure is shrunk. It removes groups that can only go as
 * a whole, and a shrunk program is numbered afresh.
 */

import * as toro from 'toro-ts';
import { describe, expect, test } from 'vitest';
import { check, nativeAdapter, parseProgram, runProgram, showProgram, shrink, type Adapter, type Program } from '../check/index.js';
import { renumber } from '../check/generate/shrink.js';
import { CancelledIndexReusedBarrier } from '../properties/zoo/barrier-asyncio-cancelled-index-reused.js';

/** A semaphore that refuses a value of 0, with a planted bug: `release()` adds two permits. */
class Doubling {
  value: number;
  constructor(value: number) {
    if (value < 1) throw new RangeError(`Doubling value must be at least 1, got ${value}`);
    this.value = value;
  }
  release(): void {
    this.value += 2;
  }
}

const adapter: Adapter<Doubling> = {
  primitive: 'Semaphore',
  name: 'Doubling',
  create: (p) => new Doubling(p['value'] ?? 1),
  calls: { release: (s) => s.release(), acquire: () => new Promise(() => undefined) },
  observers: { value: (s) => s.value },
  params: { value: [2, 3] },
  options: { timeout: false, signal: false },
};

describe('shrinking', () => {
  test('keeps constructor parameters among the values the adapter allows', async () => {
    const result = await check(adapter, { runs: 200, seed: 7 });
    expect(result.failure?.divergence.rule).toBe('conservation');
    expect(result.failure?.program.params).toEqual({ value: 2 });
  });
});

describe('groups that only go as a whole', () => {
  // asyncio's Barrier hands a cancelled waiter's index out again (properties/zoo): five actions show it.
  const adapter = nativeAdapter('Barrier', (p) => new CancelledIndexReusedBarrier(p['parties'] ?? 1), { name: 'index reused' });
  const fails = async (program: Program): Promise<boolean> => (await runProgram(adapter, program)).divergence !== undefined;
  // A whole cycle of the barrier first (three waits, one a tick): harmless as a whole, but any
  // one of them alone leaves waiters that change what follows.
  const padded = parseProgram(
    'new Barrier(3)\n  tick 1: #0 wait()\n  tick 2: #1 wait()\n  tick 3: #2 wait()\n  tick 4: #3 wait({ signal: s1 }); #4 wait(); abort(s1)\n  tick 5: #5 wait(); #6 wait()',
  );

  test('a 5-action reproduction is not left at 8: a span of ticks goes as a whole', async () => {
    expect(await fails(padded)).toBe(true);
    const shrunk = await shrink(padded, fails);
    expect(showProgram(shrunk)).toBe('new Barrier(3)\n  tick 1: #3 wait({ signal: s1 }); #4 wait(); abort(s1)\n  tick 2: #5 wait(); #6 wait()');
    expect(showProgram(renumber(shrunk))).toBe('new Barrier(3)\n  tick 1: #0 wait({ signal: s0 }); #1 wait(); abort(s0)\n  tick 2: #2 wait(); #3 wait()');
  });

  test('the shrunk program still fails, and toro-ts passes it and the padded one', async () => {
    const shrunk = renumber(await shrink(padded, fails));
    expect(await fails(shrunk)).toBe(true);
    const real = nativeAdapter('Barrier', toro.Barrier);
    expect((await runProgram(real, padded)).divergence).toBeUndefined();
    expect((await runProgram(real, shrunk)).divergence).toBeUndefined();
  });

  test('a call goes with the calls on its handle, and a signal with every call that uses it', async () => {
    // The bug needs only #3 and #4; #0 with its release, and s0 with its waiter and abort, go whole.
    // The groups interleave with what must stay, so that no span of ticks holds one.
    const program = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire({ signal: s0 })\n  tick 2: #3 acquire()\n  tick 3: #2 release() on #0; abort(s0)\n  tick 4: #4 acquire()');
    const needs = async (candidate: Program): Promise<boolean> => {
      const calls = candidate.ticks.flat().flatMap((a) => ('call' in a ? [a.id] : []));
      // A stand-in for a bug that shows only while #3 and #4 are there and nobody holds the lock before them.
      const holds = calls.includes(0) !== calls.includes(2);
      // #1 waits for ever unless its signal is aborted.
      const one = candidate.ticks.flat().find((a) => 'call' in a && a.id === 1);
      const waiter = one !== undefined && !candidate.ticks.flat().some((a) => 'abort' in a && 'signal' in one && a.abort === one.signal);
      return calls.includes(3) && calls.includes(4) && !holds && !waiter;
    };
    expect(showProgram(await shrink(program, needs))).toBe('new Lock()\n  tick 1: #3 acquire()\n  tick 2: #4 acquire()');
  });
});

test('renumbering numbers calls and signals in the order they come, and keeps every reference', () => {
  const program = parseProgram('new Semaphore(0)\n  tick 1: #4 acquire({ signal: s3 }); abort(s5)\n  tick 2: #7 acquire({ signal: s5 }); #9 release() on #4; abort(s3)');
  expect(showProgram(renumber(program))).toBe('new Semaphore(0)\n  tick 1: #0 acquire({ signal: s0 }); abort(s1)\n  tick 2: #1 acquire({ signal: s1 }); #2 release() on #0; abort(s0)');
});
