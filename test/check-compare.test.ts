/**
 * The comparison reads what a trace says, not how a port spelled it: key order is a port's
 * serializer's choice (serde_json and Go write a struct's fields in declaration order).
 */

import { describe, expect, test } from 'vitest';
import * as fc from 'fast-check';
import { canonical, compareTraces, same } from '../check/compare/compare.js';
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

describe('same, the comparison of two values', () => {
  // Values as traces hold them, and what JSON does with the rest: undefined, non-finite numbers, -0.
  const leaf = fc.oneof(fc.constantFrom(undefined, null, 0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, true, false, '', 'a', '0'), fc.integer({ min: -3, max: 3 }));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'kind', 'value'), tie('node'), { maxKeys: 3 })),
  })).node;
  /** `v` with some objects' keys in another order, or a leaf changed. */
  const variant = (v: unknown, flip: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => variant(x, flip));
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v).map(([k, x]) => [k, variant(x, flip)] as const);
      return Object.fromEntries(flip ? entries.reverse() : entries);
    }
    return v;
  };

  test('says what writing both as JSON with sorted keys says, for any two values', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(same(a, b)).toBe(canonical(a) === canonical(b));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  test('says a value and its reordering are the same, and that a changed value is not (the checker must tell them apart)', () => {
    fc.assert(
      fc.property(value, fc.boolean(), (a, flip) => {
        expect(same(a, variant(a, flip))).toBe(true);
        expect(same({ v: a }, { v: a, extra: 1 })).toBe(false);
        expect(same([a], [a, 0])).toBe(false);
      }),
      { numRuns: 1000, seed: 43 },
    );
    expect(same({ kind: 'returned', value: 1 }, { value: 1, kind: 'returned' })).toBe(true);
    expect(same({ kind: 'returned', value: 1 }, { kind: 'returned', value: 2 })).toBe(false);
    expect(same({ kind: 'returned', value: undefined }, { kind: 'returned' })).toBe(true);
    expect(same([undefined], [null])).toBe(true);
    expect(same(Number.NaN, null)).toBe(true);
    expect(same(0, -0)).toBe(true);
    expect(same('1', 1)).toBe(false);
  });
});
