/**
 * Composite calls get bodies of every kind: one that returns or throws at once, one held until
 * the program releases it that then resolves or rejects. The model says the grant goes back
 * however the body ends and the composite settles with the body's very value or error; the
 * checker holds an implementation to it, and catches one that does otherwise.
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { capabilitiesOf, check, showFailure, type Adapter, type Composite } from '../check/index.js';
import { programs } from '../check/generate/generate.js';
import { modelTrace, ProgramError } from '../check/program/model-session.js';
import { NATIVE_COMPOSITES } from '../check/program/families/index.js';
import { parseProgram, showProgram, type Program } from '../check/program/program.js';
import { nativeAdapter } from '../check/run/adapter.js';
import { Lock, RWLock, Semaphore, WeightedSemaphore } from '../src/index.js';

const composites = { composites: NATIVE_COMPOSITES };
const lock = (ticks: Program['ticks']): Program => ({ primitive: 'Lock', params: {}, ticks });

/** toro-ts's Lock, with its runExclusive replaced by `run`. */
const lockWith = (name: string, run: Composite<Lock>['run']): Adapter<Lock> => ({
  ...nativeAdapter('Lock', Lock),
  name,
  composites: { runExclusive: { as: 'acquire', run } },
});

describe('the model: the grant goes back however the body ends, and the composite settles as the body did', () => {
  test('a body that returns or throws ends as soon as it runs: the lock is free once the job ends, and the composite settles with its value or its very error', () => {
    for (const [body, finished] of [
      ['returns', { id: 0, outcome: 'resolved', value: 'value of #0' }],
      ['throws', { id: 0, outcome: 'rejected', error: 'error of #0' }],
    ] as const) {
      const trace = modelTrace(lock([[{ call: 'runExclusive', id: 0, body }, { call: 'tryAcquire', id: 1 }]]), composites);
      // Held through the job's own calls, given back when its continuations run.
      expect(trace.ticks[0]?.calls[1]?.result).toEqual({ kind: 'returned' });
      expect(trace.ticks[0]?.settled).toEqual([{ id: 0, outcome: 'resolved', value: 'handle' }]);
      expect(trace.ticks[0]?.finished).toEqual([finished]);
      expect(trace.ticks[0]?.observed['locked']).toBe(false);
    }
  });

  test('a held body, or one that rejects, holds the grant until the program releases it; then the next waiter is served', () => {
    for (const [body, finished] of [
      [undefined, { id: 0, outcome: 'resolved', value: 'value of #0' }],
      ['rejects', { id: 0, outcome: 'rejected', error: 'error of #0' }],
    ] as const) {
      const program = lock([[{ call: 'runExclusive', id: 0, ...(body === undefined ? {} : { body }) }, { call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 0 }]]);
      const trace = modelTrace(program, composites);
      expect(trace.ticks[0]?.finished).toBeUndefined();
      expect(trace.ticks[1]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
      expect(trace.ticks[1]?.finished).toEqual([finished]);
    }
  });

  test('a body that ends at once, handed the lock by a release, gives it on to the next waiter in the same job', () => {
    const trace = modelTrace(lock([[{ call: 'acquire', id: 0 }, { call: 'runExclusive', id: 1, body: 'throws' }, { call: 'acquire', id: 2 }], [{ call: 'release', id: 3, on: 0 }]]), composites);
    expect(trace.ticks[1]?.settled).toEqual([
      { id: 1, outcome: 'resolved', value: 'handle' },
      { id: 2, outcome: 'resolved', value: 'handle' },
    ]);
    expect(trace.ticks[1]?.finished).toEqual([{ id: 1, outcome: 'rejected', error: 'error of #1' }]);
  });

  test('a body ends once: releasing its handle after it ended changes nothing', () => {
    const trace = modelTrace(lock([[{ call: 'runExclusive', id: 0, body: 'returns' }], [{ call: 'release', id: 1, on: 0 }]]), composites);
    expect(trace.ticks[1]?.calls[0]).toEqual({ id: 1, result: { kind: 'returned' }, ignored: true });
  });

  test('a body or a limit on a call that is not a composite is refused', () => {
    expect(() => modelTrace(lock([[{ call: 'acquire', id: 0, body: 'throws' }]]))).toThrow(ProgramError);
    expect(() => modelTrace(lock([[{ call: 'acquire', id: 0, limit: 5 }]]))).toThrow(/only a composite call has a body and a limit/);
  });

  test('programs print and parse back with their bodies', () => {
    const program = lock([[{ call: 'runExclusive', id: 0, body: 'rejects', timeout: 5 }, { call: 'runExclusive', id: 1 }]]);
    expect(showProgram(program)).toBe('new Lock()\n  tick 1: #0 runExclusive(fn rejects, { timeout: 5 }); #1 runExclusive()');
    expect(parseProgram(showProgram(program))).toEqual(program);
    expect(() => parseProgram('new Lock()\n  tick 1: #0 runExclusive(fn sleeps)')).toThrow(/a body returns, throws or rejects/);
  });
});

describe('the checker', () => {
  test("gives toro-ts's composites bodies of every kind, and they agree with the model", async () => {
    const adapters = [nativeAdapter('Lock', Lock), nativeAdapter('Semaphore', Semaphore), nativeAdapter('WeightedSemaphore', WeightedSemaphore), nativeAdapter('RWLock', RWLock)];
    for (const adapter of adapters) {
      const kinds = new Set(
        fc
          .sample(programs(adapter.primitive, capabilitiesOf(adapter)), { numRuns: 200, seed: 3 })
          .flatMap((p) => p.ticks.flat())
          .flatMap((a) => ('call' in a && adapter.composites?.[a.call] !== undefined ? [a.body ?? 'held'] : [])),
      );
      expect([...kinds].sort(), adapter.name).toEqual(['held', 'rejects', 'returns', 'throws']);
      const result = await check(adapter, { runs: 200, seed: 17 });
      expect(result.failure === undefined ? '' : showFailure(result.failure), adapter.name).toBe('');
    }
  });

  test('gives a composite only the kinds of body it declares', () => {
    const adapter = lockWith('runExclusive of held bodies', (l, _c, body) => l.runExclusive(body));
    const held: Adapter<Lock> = { ...adapter, composites: { runExclusive: { as: 'acquire', run: (l, _c, body) => l.runExclusive(body), bodies: ['held'] } } };
    const bodies = fc.sample(programs('Lock', capabilitiesOf(held)), { numRuns: 200, seed: 3 }).flatMap((p) => p.ticks.flat().flatMap((a) => ('call' in a && a.body !== undefined ? [a.body] : [])));
    expect(bodies).toEqual([]);
    expect(() => capabilitiesOf({ ...held, composites: { runExclusive: { as: 'acquire', run: () => undefined, bodies: ['sleeps' as 'held'] } } })).toThrow(TypeError);
  });

  test.each([
    ['settles with nothing instead of the value', (l: Lock, body: () => unknown) => l.runExclusive(async () => void (await body())), /composite #\d+ must settle as resolved "value of #\d+": its body ended/],
    ['rejects with a copy of the error', (l: Lock, body: () => unknown) => l.runExclusive(body).catch((error: unknown) => Promise.reject(new Error(String(error)))), /must settle as rejected error of #\d+/],
    ['swallows the error', (l: Lock, body: () => unknown) => l.runExclusive(body).catch(() => undefined), /must settle as rejected error of #\d+/],
  ])('catches a composite that %s', async (_what, run, summary) => {
    // Bodies alone: a wrapper that rewrites every rejection also rewrites a timeout's, which
    // breaks another rule, and whichever program comes first would name that one.
    const result = await check({ ...lockWith('a composite', (l, _c, body) => run(l, body)), options: { timeout: false, signal: false } }, { runs: 300, seed: 17 });
    expect(result.failure?.divergence.rule).toBe('composite');
    expect(result.failure?.divergence.summary).toMatch(summary);
  });

  test('catches a composite that gives the grant back before its body ends', async () => {
    const early = lockWith('runExclusive releasing at once', (l, c, body) =>
      l.acquire(c.options).then((releaser) => {
        try {
          return body();
        } finally {
          releaser.release();
        }
      }),
    );
    const result = await check(early, { runs: 300, seed: 17 });
    expect(result.failure?.divergence.rule).toBe('conservation');
    expect(showProgram(result.failure?.program ?? lock([]))).toBe('new Lock()\n  tick 1: #0 runExclusive()');
  });
});
