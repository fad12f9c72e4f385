/**
 * A run's programs are a sequence anyone can index: program i comes from (seed, i) alone, so
 * the shares of a run (shards, and workers within a shard) together run exactly the programs of
 * the whole run, each once, and find the first divergence one run finds.
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adapterTarget, check, nativeAdapter, showProgram, type Program, type Target } from '../check/index.js';
import { programAt, subSlice } from '../check/generate/sequence.js';
import { programs } from '../check/generate/generate.js';
import * as toro from 'toro-ts';

/** A lock with toro-ts's API and one planted bug: release() hands it to the newest waiter. */
const LIFO_LOCK: string = './fixtures/lifo-lock.mjs';

/** A target that records every program it runs. */
function recording(base: Target): { target: Target; ran: string[] } {
  const ran: string[] = [];
  return { ran, target: { ...base, run: (program: Program) => (ran.push(JSON.stringify(program)), base.run(program)) } };
}

describe('shares of a run', () => {
  test('N shards, each split over W workers, run exactly the programs of one run, each once', async () => {
    const whole = recording(adapterTarget(nativeAdapter('Semaphore', toro.Semaphore)));
    await check(whole.target, { runs: 120, seed: 11 });
    const shares: string[] = [];
    for (let k = 0; k < 3; k++) {
      for (let w = 0; w < 2; w++) {
        const part = recording(adapterTarget(nativeAdapter('Semaphore', toro.Semaphore)));
        const result = await check(part.target, { runs: 120, seed: 11, slice: subSlice({ index: k, count: 3 }, { index: w, count: 2 }) });
        expect(result.programs).toBe(part.ran.length);
        shares.push(...part.ran);
      }
    }
    expect(whole.ran).toHaveLength(120);
    expect([...shares].sort()).toEqual([...whole.ran].sort());
  });

  test('program i is the same whoever draws it, and another seed draws others', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(1_000_000), (seed, index) => {
        const arbitrary = programs('Lock', { calls: new Set(['acquire', 'tryAcquire', 'release']), handleRelease: true, timeout: true, signal: true, badInput: true });
        expect(showProgram(programAt(arbitrary, seed, index))).toBe(showProgram(programAt(arbitrary, seed, index)));
      }),
      { numRuns: 30 },
    );
    const arbitrary = programs('Queue', { calls: new Set(['put', 'get', 'putNowait', 'getNowait']), handleRelease: false, timeout: true, signal: true, badInput: true });
    const drawn = (seed: number): string[] => Array.from({ length: 20 }, (_, i) => JSON.stringify(programAt(arbitrary, seed, i)));
    expect(new Set(drawn(1)).size).toBeGreaterThan(15);
    expect(drawn(1)).not.toEqual(drawn(2));
  });

  test('a planted bug is found in the same program, and shrunk to the same one, by the share that holds it', async () => {
    const { Lock } = (await import(LIFO_LOCK)) as { Lock: typeof toro.Lock };
    const whole = await check(nativeAdapter('Lock', Lock), { runs: 500, seed: 1 });
    expect(whole.failure?.divergence.rule).toBe('fifo');
    const found = [];
    for (let k = 0; k < 4; k++) {
      const part = await check(nativeAdapter('Lock', Lock), { runs: 500, seed: 1, slice: { index: k, count: 4 } });
      if (part.failure !== undefined) found.push(part.failure);
    }
    const first = found.sort((a, b) => (a.index ?? 0) - (b.index ?? 0))[0];
    expect(first?.index).toBe(whole.failure?.index);
    expect(first?.path).toBe(whole.failure?.path);
    expect(showProgram(first?.program as Program)).toBe(showProgram(whole.failure?.program as Program));
  });

  test('a program replays from the path a report prints', async () => {
    const { Lock } = (await import(LIFO_LOCK)) as { Lock: typeof toro.Lock };
    const whole = await check(nativeAdapter('Lock', Lock), { runs: 500, seed: 1, shrink: false });
    const replayed = await check(nativeAdapter('Lock', Lock), { seed: 1, path: whole.failure?.path as string, shrink: false });
    expect(replayed.programs).toBe(1);
    expect(replayed.failure?.program).toEqual(whole.failure?.program);
  });
});
