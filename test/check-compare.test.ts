/**
 * The comparison reads what a trace says, not how a port spelled it: key order is a port's
 * serializer's choice (serde_json and Go write a struct's fields in declaration order).
 */

import { describe, expect, test } from 'vitest';
import { compareTraces } from '../check/compare/compare.js';
import { modelTrace, parseProgram, type Trace } from '../check/index.js';

const program = parseProgram(`new Lock()
  tick 1: #0 acquire(); #1 acquire({ timeout: 5 }); #2 tryAcquire()
  tick 2: #3 release() on #0; advance(5)`);
const expected = modelTrace(program);

/** `value` with every object's keys in reverse order, as another serializer may write them. */
function reversed<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)),
  ) as T;
}

describe('key order is not a divergence', () => {
  test('a trace with every key in another order agrees with the model', () => {
    const actual = reversed(expected);
    expect(JSON.stringify(actual)).not.toBe(JSON.stringify(expected));
    expect(compareTraces(program, expected, actual, { queue: false })).toBeUndefined();
  });

  test('a trace that says something else, keys reordered or not, still diverges', () => {
    const wrong: Trace = {
      ...expected,
      ticks: expected.ticks.map((tick, i) => (i === 0 ? { ...tick, calls: tick.calls.map((c) => (c.id === 2 ? { ...c, result: { kind: 'threw', error: 'RangeError' } } : c)) } : tick)),
    };
    expect(compareTraces(program, expected, reversed(wrong), { queue: false })?.tick).toBe(1);
    expect(compareTraces(program, expected, wrong, { queue: false })?.tick).toBe(1);
  });
});
