/** Generators of bad input, shared by every primitive's bad-input properties. */

import * as fc from 'fast-check';

/** Anything that is not a non-negative safe integer: negative, fractional, NaN, infinite, or not a number. */
export const badCount: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -0.5),
  fc.constantFrom('1', null, true, {}, [1], 1n),
);

/** Timeouts that are not integer milliseconds from 0 to 2147483647. */
export const badTimeout: fc.Arbitrary<unknown> = fc.oneof(badCount.filter((x) => x !== null), fc.constant(2 ** 31));

/** Signals that are not AbortSignals. */
export const badSignal: fc.Arbitrary<unknown> = fc.constantFrom(null, 1, 'signal', {}, { aborted: false }, () => undefined);
