/** Generators of bad input, shared by every primitive's bad-input properties. */

import * as fc from 'fast-check';

/** Numbers that are not non-negative safe integers: negative, fractional, NaN, infinite, too large. */
export const badNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e300, -0.5),
);

/** Values that are not numbers at all: numeric strings, null, booleans, objects, arrays, bigints, symbols. */
export const notANumber: fc.Arbitrary<unknown> = fc.constantFrom('1', '2', '', null, true, false, {}, [1], 1n, 0n, Symbol('two'), () => 2);

/** Anything that is not a non-negative safe integer, of the wrong type or the wrong value. */
export const badCount: fc.Arbitrary<unknown> = fc.oneof(badNumber, notANumber);

/** The error a bad count or timeout gets: a wrong type is a TypeError, a wrong number a RangeError. */
export function errorFor(value: unknown): typeof RangeError | typeof TypeError {
  return typeof value === 'number' ? RangeError : TypeError;
}

/** Timeouts that are not integer milliseconds from 0 to 2147483647. */
export const badTimeout: fc.Arbitrary<unknown> = fc.oneof(badCount, fc.constant(2 ** 31));

/** Signals that are not AbortSignals. */
export const badSignal: fc.Arbitrary<unknown> = fc.constantFrom(null, 1, 'signal', {}, { aborted: false }, () => undefined);

/** Timeouts a program may carry that are bad input (JSON's numbers, and the names of those it cannot carry): each refuses its call. */
export const BAD_TIMEOUTS: readonly number[] = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31];
