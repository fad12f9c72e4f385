/**
 * A forced release after a time limit: a composite that declares a limit gives its grant back
 * on its own when the limit passes before its body ends (the next waiter is served), settles as
 * it declares, and its body's own end then gives back nothing. The checker holds a limiter to
 * it, and catches one that does otherwise.
 */

import { describe, expect, test } from 'vitest';
import * as fc from 'fast-check';
import { capabilitiesOf, check, showFailure, type Adapter, type Composite, type LimitEnd } from '../check/index.js';
import { programs } from '../check/generate/generate.js';
import { ModelSession } from '../check/program/model-session.js';
import { showProgram, parseProgram, type Program } from '../check/program/program.js';
import { Semaphore, TimeoutError } from '../src/index.js';

const semaphore = (ticks: Program['ticks'], value = 1): Program => ({ primitive: 'Semaphore', params: { value }, ticks });

/** Runs `program` on the model with `runExclusive` as a composite whose limit settles as `end`. */
function trace(program: Program, end: LimitEnd = 'timeout') {
  const session = new ModelSession(program, { composites: { runExclusive: 'acquire' }, limits: { runExclusive: end } });
  return program.ticks.map((tick) => session.tick(tick));
}

describe('the model', () => {
  test('when the limit passes first, the grant goes back, the next waiter is served, and the composite times out', () => {
    const ticks = trace(semaphore([[{ call: 'runExclusive', id: 0, limit: 5 }, { call: 'acquire', id: 1 }], [{ advance: 4 }], [{ advance: 1 }], [{ call: 'release', id: 2, on: 0 }]]));
    expect(ticks[0]?.resources?.timers).toBe(1);
    expect(ticks[1]?.settled).toEqual([]);
    expect(ticks[2]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
    expect(ticks[2]?.finished).toEqual([{ id: 0, outcome: 'timeout' }]);
    expect(ticks[2]?.resources?.timers).toBe(0);
    // The body's own end gives back nothing: #1 still holds the only permit.
    expect(ticks[3]?.calls[0]).toEqual({ id: 2, result: { kind: 'returned' }, ignored: true });
    expect(ticks[3]?.observed['value']).toBe(0);
    expect(ticks[3]?.finished).toBeUndefined();
  });

  test('a composite whose limit settles withBody settles when its body ends, as the body ended; one that resolves, at the limit with nothing', () => {
    const program = semaphore([[{ call: 'runExclusive', id: 0, limit: 5, body: 'rejects' }], [{ advance: 5 }], [{ call: 'release', id: 1, on: 0 }]]);
    const withBody = trace(program, 'withBody');
    expect(withBody[1]?.finished).toBeUndefined();
    expect(withBody[2]?.finished).toEqual([{ id: 0, outcome: 'rejected', error: 'error of #0' }]);
    expect(trace(program, 'resolved')[1]?.finished).toEqual([{ id: 0, outcome: 'resolved' }]);
  });

  test('a body that ends first clears its limit: nothing happens when it would have passed', () => {
    const ticks = trace(semaphore([[{ call: 'runExclusive', id: 0, limit: 5 }, { call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 0 }], [{ advance: 10 }]]));
    expect(ticks[1]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
    expect(ticks[1]?.resources?.timers).toBe(0);
    expect(ticks[2]).toMatchObject({ settled: [], observed: { value: 0 } });
  });

  test("a limit's timer is set when the body starts, after the timers of the job's own calls: of two due at once, a later call's timeout fires first", () => {
    // #0 is granted at once, with a limit of 5; #1 waits with a timeout of 5, set in the same job.
    const ticks = trace(semaphore([[{ call: 'runExclusive', id: 0, limit: 5 }, { call: 'acquire', id: 1, timeout: 5 }], [{ advance: 5 }]]));
    expect(ticks[1]?.settled).toEqual([{ id: 1, outcome: 'timeout' }]);
    expect(ticks[1]?.finished).toEqual([{ id: 0, outcome: 'timeout' }]);
    expect(ticks[1]?.observed['value']).toBe(1);
  });

  test('a body started by a forced release gets its own limit, which fires within the same advance', () => {
    const ticks = trace(semaphore([[{ call: 'runExclusive', id: 0, limit: 5 }, { call: 'runExclusive', id: 1, limit: 5 }, { call: 'acquire', id: 2 }], [{ advance: 20 }]]));
    expect(ticks[1]?.settled).toEqual([
      { id: 1, outcome: 'resolved', value: 'handle' },
      { id: 2, outcome: 'resolved', value: 'handle' },
    ]);
    expect(ticks[1]?.finished).toEqual([
      { id: 0, outcome: 'timeout' },
      { id: 1, outcome: 'timeout' },
    ]);
  });

  test('a limit prints and parses back; a limit that is not a positive number of milliseconds is refused', () => {
    const program = semaphore([[{ call: 'runExclusive', id: 0, timeout: 1, limit: 5 }]]);
    expect(showProgram(program)).toBe('new Semaphore(1)\n  tick 1: #0 runExclusive({ timeout: 1, limit: 5 })');
    expect(parseProgram(showProgram(program))).toEqual(program);
    expect(() => trace(semaphore([[{ call: 'runExclusive', id: 0, limit: 0 }]]))).toThrow(/a limit is a positive number of milliseconds/);
  });
});

/**
 * A limiter on toro-ts's Semaphore, as a library with job expirations writes it: a job takes a
 * slot, runs, and gives it back when it ends, or when its limit passes first (rejecting then
 * with a TimeoutError). `onLimit` is what it does at the limit; `onEnd`, at the job's end.
 */
function limiter(name: string, settles: LimitEnd, behaviour: { onLimit?: 'release' | 'nothing'; clears?: boolean; settlesAtLimit?: boolean } = {}): Adapter<Semaphore> {
  const { onLimit = 'release', clears = true, settlesAtLimit = true } = behaviour;
  const schedule: Composite<Semaphore> = {
    as: 'acquire',
    limit: { settles },
    run: (s, c, body) =>
      s.acquire(c.options === undefined ? undefined : { ...(c.options.timeout === undefined ? {} : { timeout: c.options.timeout }), ...(c.options.signal === undefined ? {} : { signal: c.options.signal }) }).then(
        (releaser) =>
          new Promise((resolve, reject) => {
            const timer =
              c.limit === undefined
                ? undefined
                : setTimeout(() => {
                    if (onLimit === 'release') releaser.release();
                    if (settlesAtLimit) reject(new TimeoutError(c.limit ?? 0));
                  }, c.limit);
            Promise.resolve()
              .then(body)
              .then(
                (value) => {
                  if (clears) clearTimeout(timer);
                  releaser.release();
                  resolve(value);
                },
                (error: unknown) => {
                  if (clears) clearTimeout(timer);
                  releaser.release();
                  reject(error);
                },
              );
          }),
      ),
  };
  return {
    primitive: 'Semaphore',
    name,
    create: (p) => new Semaphore(p['value'] ?? 1),
    calls: { acquire: (s, c) => s.acquire(c.options), tryAcquire: (s) => s.tryAcquire(), release: (s) => s.release() },
    handleRelease: (_s, c) => (c.handle as { release(): void }).release(),
    composites: { schedule },
    observers: { value: (s) => s.value, statistics: (s) => s.statistics() },
  };
}

describe('the checker', () => {
  test('a limiter that gives the slot back at the limit, rejects the job, and clears its timer when the job ends first agrees with the model', async () => {
    const result = await check(limiter('limiter', 'timeout'), { runs: 400, seed: 23 });
    expect(result.failure === undefined ? '' : showFailure(result.failure)).toBe('');
  });

  test('a lease that settles with its body, declared withBody, agrees; declared as a timeout, it is caught', async () => {
    const lease = limiter('lease', 'withBody', { settlesAtLimit: false });
    expect((await check(lease, { runs: 400, seed: 23 })).failure).toBeUndefined();
    const declaredWrong = await check({ ...lease, composites: { schedule: { ...(lease.composites?.['schedule'] as Composite<Semaphore>), limit: { settles: 'timeout' } } } }, { runs: 400, seed: 23 });
    expect(declaredWrong.failure?.divergence.rule).toBe('composite');
    expect(declaredWrong.failure?.divergence.summary).toBe('composite #0 does not settle, where it must settle as timeout: its limit passed');
  });

  test('catches a limiter that never gives the slot back at the limit: the next job is never served', async () => {
    const result = await check(limiter('limiter that holds on', 'timeout', { onLimit: 'nothing' }), { runs: 400, seed: 23 });
    expect(result.failure?.divergence.rule).toBe('conservation');
    expect(result.failure?.divergence.summary).toBe('value is 0, the model says 1');
  });

  test("catches a limiter that leaves a job's limit timer running after the job ended", async () => {
    const result = await check(limiter('limiter with a stray timer', 'timeout', { clears: false }), { runs: 400, seed: 23 });
    expect(result.failure?.divergence.rule).toBe('cleanup');
  });

  test('limits are given only to the composites that declare them, and only positive ones can be declared', () => {
    const limited = limiter('limiter', 'timeout');
    const { limit: _none, ...schedule } = limited.composites?.['schedule'] as Composite<Semaphore>;
    const limitsIn = (adapter: Adapter): number[] => fc.sample(programs('Semaphore', capabilitiesOf(adapter)), { numRuns: 300, seed: 5 }).flatMap((p) => p.ticks.flat().flatMap((a) => ('call' in a && a.limit !== undefined ? [a.limit] : [])));
    expect(new Set(limitsIn(limited))).toEqual(new Set([1, 5, 10, 20]));
    expect(limitsIn({ ...limited, composites: { schedule } })).toEqual([]);
    expect(() => capabilitiesOf({ ...limited, composites: { schedule: { ...schedule, limit: { values: [0] } } } })).toThrow(TypeError);
  });
});
