/**
 * A run's programs as a sequence anyone can index: program `i` of the run with seed `s` is made
 * from `(s, i)` alone, so it is the same program whichever thread, worker or machine makes it.
 * That is what lets a run be split (`--workers`, `--shard K/N`) into shares that together run
 * exactly the programs one run would, and lets a report name a program by its index.
 *
 * Program `i` is fast-check's first value for a seed derived from `(s, i)`, drawn with the bias
 * fast-check gives run `i` of a check (small programs first, larger ones as the run goes on), so
 * a run draws its programs as `fc.check` with `numRuns` would. A failing program is shrunk by a
 * one-run `fc.check` on the same seed; its path, after the index, is fast-check's path there.
 *
 * @module
 */

import * as fc from 'fast-check';

/**
 * The seed program `index` of a run with seed `seed` is drawn from: a 32-bit mix of both (the
 * finaliser of MurmurHash3 over the seed and the index's two 32-bit halves).
 */
export function programSeed(seed: number, index: number): number {
  const mix = (h: number): number => {
    let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return x ^ (x >>> 16);
  };
  const low = index % 0x1_0000_0000;
  const high = Math.floor(index / 0x1_0000_0000);
  return mix(mix(seed ^ Math.imul(low + 1, 0x9e3779b1)) ^ Math.imul(high + 1, 0x7feb352d)) | 0;
}

/** fast-check's bias for run `index` of a check: 2 for the first runs, one more for each power of ten. */
export function biasOf(index: number): number {
  return 2 + Math.floor(Math.log10(index + 1));
}

/** `inner`, drawn with a fixed bias whatever the runner asks for. */
class Biased<T> extends fc.Arbitrary<T> {
  readonly #inner: fc.Arbitrary<T>;
  readonly #bias: number;
  constructor(inner: fc.Arbitrary<T>, bias: number) {
    super();
    this.#inner = inner;
    this.#bias = bias;
  }
  generate(random: fc.Random): fc.Value<T> {
    return this.#inner.generate(random, this.#bias);
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.#inner.canShrinkWithoutContext(value);
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.#inner.shrink(value, context);
  }
}

/** The arbitrary program `index` is drawn from, with its seed: run it with `numRuns: 1` to get it, or to shrink it. */
export function atIndex<T>(arbitrary: fc.Arbitrary<T>, seed: number, index: number): { readonly arbitrary: fc.Arbitrary<T>; readonly seed: number } {
  return { arbitrary: new Biased(arbitrary, biasOf(index)), seed: programSeed(seed, index) };
}

/** Program `index` of the run with seed `seed`. */
export function programAt<T>(arbitrary: fc.Arbitrary<T>, seed: number, index: number): T {
  const at = atIndex(arbitrary, seed, index);
  const [value] = fc.sample(at.arbitrary, { seed: at.seed, numRuns: 1 });
  return value as T;
}

/** A share of a run: the programs whose index is `index` modulo `count`. */
export interface Slice {
  /** From 0 to `count - 1`. */
  readonly index: number;
  readonly count: number;
}

/** The share `inner` of the share `outer` (worker `w` of `W` in shard `k` of `N`): programs `i` with `i % N = k` and `⌊i / N⌋ % W = w`. */
export function subSlice(outer: Slice, inner: Slice): Slice {
  return { index: outer.index + outer.count * inner.index, count: outer.count * inner.count };
}

/**
 * A path as a report prints it, `12` or `12:0:3`: the program's index in the run, then
 * fast-check's shrink path within that program's one-run check (absent: the program as drawn).
 */
export function parsePath(path: string): { readonly index: number; readonly shrink: string | undefined } {
  const [index, ...rest] = path.split(':');
  return { index: Number(index), shrink: rest.length === 0 ? undefined : ['0', ...rest].join(':') };
}

/** The path a report prints for program `index`, from fast-check's path in its one-run check (`0:2:1`). */
export function showPath(index: number, shrinkPath: string | undefined): string {
  const rest = shrinkPath?.split(':').slice(1) ?? [];
  return [String(index), ...rest].join(':');
}
