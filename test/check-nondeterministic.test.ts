/**
 * A port that is not deterministic (Tornado's Event wakes its waiters in the order of a Python
 * set) can pass a failing program when it is run again. The checker reports the divergence it
 * saw, and says the port is not deterministic, instead of throwing.
 */

import { describe, expect, test } from 'vitest';
import { check, type Target } from '../check/check.js';
import type { RunOutcome } from '../check/run/run.js';
import type { Program } from '../check/program/program.js';

/** A target that fails the first program it runs, once, and passes every run after. */
function flakyTarget(): Target {
  let runs = 0;
  return {
    name: 'flaky Event',
    primitive: 'Event',
    capabilities: { calls: new Set(['wait', 'set', 'clear']), handleRelease: false, timeout: true, signal: true, badInput: true },
    run: async (_program: Program): Promise<RunOutcome> => {
      const trace = { initial: {}, ticks: [] };
      const divergence = { rule: 'settlementOrder' as const, tick: 1, summary: 'waiters settled in another order', expected: '#0, #1', actual: '#1, #0' };
      return { expected: trace, actual: trace, violations: [], operations: 0, ...(++runs === 1 ? { divergence } : {}) };
    },
  };
}

describe('a port that is not deterministic', () => {
  test.each([true, false])('gets its divergence reported, marked as not seen on every run (shrink: %s)', async (shrink) => {
    const result = await check(flakyTarget(), { runs: 1, seed: 1, shrink });
    expect(result.failure?.divergence.rule).toBe('settlementOrder');
    expect(result.failure?.divergence.summary).toBe('waiters settled in another order (not on every run: the implementation is not deterministic)');
  });
});
