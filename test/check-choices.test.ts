/**
 * The two release choices the peers needed (`refusedRelease`, `spentReleaser`): each accepts
 * exactly the difference it names, and the model's trace a report or reproduction shows is read
 * under it, so that the first difference printed is the divergence, not a declared one.
 */

import { describe, expect, test } from 'vitest';
import { check, runProgram, type Adapter, type Program } from '../check/index.js';
import { Lock, type Releaser } from '../src/index.js';

/** toro-ts's Lock, but `release()` on an unlocked lock does nothing, as async-mutex's does. */
const quietRelease: Adapter<Lock> = {
  primitive: 'Lock',
  name: 'Lock with a quiet release()',
  create: () => new Lock(),
  calls: { acquire: (l) => l.acquire(), tryAcquire: (l) => l.tryAcquire(), release: (l) => (l.locked() ? l.release() : undefined) },
  handleRelease: (_l, c) => (c.handle as Releaser).release(),
  observers: { locked: (l) => l.locked() },
  options: { timeout: false, signal: false },
  choices: { refusedRelease: 'ignored' },
};

/** toro-ts's Lock, but a spent releaser throws, as @esfx/async-mutex's handle does. */
const loudReleaser: Adapter<Lock> = {
  ...quietRelease,
  name: 'Lock with a loud releaser',
  calls: { acquire: (l) => l.acquire(), tryAcquire: (l) => l.tryAcquire() },
  handleRelease: (_l, c) => {
    const releaser = c.handle as Releaser;
    if (releaser.released) throw new Error('Lock already released.');
    releaser.release();
  },
  choices: { spentReleaser: 'throws' },
};

const without = (adapter: Adapter): Adapter => ({ ...adapter, choices: {} });

describe('release choices', () => {
  test('refusedRelease: "ignored" accepts a release that does nothing where the model refuses it', async () => {
    expect((await check(quietRelease, { runs: 300, seed: 1 })).failure).toBeUndefined();
    expect((await check(without(quietRelease), { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('returns');
  });

  test('spentReleaser: "throws" accepts a spent releaser that throws', async () => {
    expect((await check(loudReleaser, { runs: 300, seed: 1 })).failure).toBeUndefined();
    expect((await check(without(loudReleaser), { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('ownership');
  });

  test('a release that does change something is still reported', async () => {
    const leaky: Adapter<Lock> = { ...quietRelease, name: 'Lock whose quiet release() locks it', calls: { ...quietRelease.calls, release: (l) => (l.locked() ? l.release() : void l.tryAcquire()) } };
    expect((await check(leaky, { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('conservation');
  });

  test('the model trace a report shows is read under the choices', async () => {
    const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ call: 'release', id: 0 }], [{ call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 1 }, { call: 'release', id: 3, on: 1 }]] };
    const quiet = await runProgram(quietRelease, program);
    expect(quiet.expected.ticks[0]?.calls[0]?.result).toEqual({ kind: 'returned' });
    const loud = await runProgram(loudReleaser, { ...program, ticks: program.ticks.slice(1) });
    expect(loud.expected.ticks[1]?.calls[1]?.result).toEqual({ kind: 'threw', error: 'Error' });
  });
});
