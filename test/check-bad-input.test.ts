/**
 * How the comparison names a difference about bad input (check/compare/compare.ts): a waiting
 * call the model refuses (a bad timeout, weight or count) rejects at once with a `RangeError`;
 * any other end, a refusal by throwing, or a refusal of input the model takes, breaks rule 6.
 */

import { describe, expect, test } from 'vitest';
import { compareTick, NON_BLOCKING, type TickContext } from '../check/compare/compare.js';
import type { TickTrace } from '../check/program/program.js';

const context: TickContext = { index: 0, actions: [{ call: 'acquire', id: 0, timeout: -1 }], nonBlocking: NON_BLOCKING, before: {} };
const refusedTick: TickTrace = { calls: [{ id: 0, result: { kind: 'pending' } }], settled: [{ id: 0, outcome: 'rejected', error: 'RangeError' }], observed: {} };
const servedTick: TickTrace = { calls: [{ id: 0, result: { kind: 'pending' } }], settled: [{ id: 0, outcome: 'resolved', value: 'handle' }], observed: {} };

describe('a bad-input refusal through a promise', () => {
  test('agrees when the implementation rejects as the model does (the checker must not FAIL)', () => {
    expect(compareTick(context, refusedTick, refusedTick)).toBeUndefined();
  });

  test.each<[string, TickTrace, RegExp]>([
    ['served', servedTick, /^#0 must refuse its input and change nothing$/],
    ['timed out', { ...refusedTick, settled: [{ id: 0, outcome: 'timeout' }] }, /^#0 must refuse its input and change nothing$/],
    ['left waiting', { ...refusedTick, settled: [] }, /^#0 must refuse its input and change nothing$/],
    ['rejected with another error', { ...refusedTick, settled: [{ id: 0, outcome: 'rejected', error: 'TimeoutError' }] }, /^#0 must refuse its input and change nothing$/],
    ['refused by a throw', { ...refusedTick, calls: [{ id: 0, result: { kind: 'threw', error: 'RangeError' } }], settled: [] }, /^acquire must refuse its input by rejecting its promise, not by throwing$/],
  ])('is a badInput divergence when the implementation instead %s (the checker must FAIL)', (_what, actual, summary) => {
    const divergence = compareTick(context, refusedTick, actual);
    expect(divergence?.rule).toBe('badInput');
    expect(divergence?.summary).toMatch(summary);
  });

  test('a refusal of input the model takes is a badInput divergence too', () => {
    const good: TickContext = { ...context, actions: [{ call: 'acquire', id: 0, timeout: 5 }] };
    expect(compareTick(good, servedTick, refusedTick)).toMatchObject({ rule: 'badInput', summary: '#0 refused good input' });
  });
});
