/**
 * What pools and the small libraries around them need of the checker: handles released once
 * (a pool lends resources by value, so it cannot tell a second release of a handle from the next
 * borrower's), timeouts narrowed to those a library takes, a composite that takes fewer options
 * than the calls, and signals aborted before the call left out (to look past a bug they show). Each narrows what programs are made, never what is compared: a library
 * that needs it passes only with it declared, and a bug it could hide is still caught.
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adapterTarget, capabilitiesOf, check, nativeAdapter, type Adapter, type CallContext } from '../check/index.js';
import { programs } from '../check/generate/generate.js';
import { judge } from '../properties/zoo.js';
import { asPool, ZooPool } from '../properties/zoo/pool-base.js';
import { WithoutFinallySemaphore } from '../properties/zoo/semaphore-run-exclusive-without-finally.js';
import { LifoSemaphore } from '../properties/zoo/semaphore-lifo-wakeup.js';
import { TimerLeakSemaphore } from '../properties/zoo/semaphore-timer-left-running.js';
import { Lock, Semaphore } from '../src/index.js';

const actions = (adapter: Adapter) => fc.sample(programs(adapter.primitive, capabilitiesOf(adapter)), { numRuns: 300, seed: 7 }).map((p) => p.ticks.flat());
const pool = (make: (value: number) => object): ((p: Readonly<Record<string, number>>) => object) => (p) => make(p['value'] ?? 1);

describe('handles released once (releaseOnce)', () => {
  const plain = asPool(nativeAdapter('Semaphore', pool((value) => new ZooPool('semaphore', value)), { name: 'plain pool' }));

  test('programs release each handle at most once where it is declared, and again where it is not', () => {
    const releases = (adapter: Adapter): number[] =>
      actions(adapter).map((program) => {
        const counts = new Map<number, number>();
        for (const a of program) if ('call' in a && a.on !== undefined) counts.set(a.on, (counts.get(a.on) ?? 0) + 1);
        return Math.max(0, ...counts.values());
      });
    expect(Math.max(...releases(plain))).toBe(1);
    expect(Math.max(...releases({ ...plain, releaseOnce: false }))).toBeGreaterThan(1);
  });

  test('a pool that gives a resource back by value passes with it declared, and is caught without it', async () => {
    expect((await check(plain, { runs: 300, seed: 1 })).failure).toBeUndefined();
    const undeclared = await check({ ...plain, releaseOnce: false }, { runs: 300, seed: 1 });
    expect(undeclared.failure?.divergence.rule).toBe('ownership');
  });

  test("a pool's own bugs are still caught with it declared", async () => {
    const lifo = await judge('Semaphore', pool((value) => new (class extends LifoSemaphore {
      override releaser(): { release(): void } {
        return { release: () => this.giveBack(undefined) };
      }
    })('semaphore', value)), 'LIFO pool', 300, asPool);
    expect(lifo.failure?.divergence.rule).toBe('fifo');
  });

  test('is refused beside a release on the primitive, whose grants programs would release again', () => {
    expect(() => capabilitiesOf({ ...nativeAdapter('Semaphore', Semaphore), releaseOnce: true })).toThrow(/releaseOnce and a release on the primitive/);
  });
});

describe('timeouts narrowed to those a library takes (options.timeouts)', () => {
  /** toro-ts's Lock, as a library that refuses a timeout of 0 (tarn does). */
  const refusesZero = (timeouts?: readonly number[]): Adapter => {
    const base = nativeAdapter('Lock', Lock);
    const acquire = base.calls['acquire'] as (l: unknown, c: CallContext) => unknown;
    return {
      ...base,
      name: 'refuses 0',
      calls: {
        ...base.calls,
        acquire: (l, c) => {
          if (c.options?.timeout === 0) throw new TypeError('a timeout must be positive');
          return acquire(l, c);
        },
      },
      options: { timeout: true, signal: false, ...(timeouts === undefined ? {} : { timeouts }) },
    };
  };

  test('programs give only the declared timeouts', () => {
    // Bad timeouts (refused by the model, as bad input) come on top; those are another rule's.
    const good = (t: unknown): t is number => typeof t === 'number' && Number.isInteger(t) && t >= 0 && t < 2 ** 31;
    const given = new Set(actions(refusesZero([5, 10])).flat().flatMap((a) => ('call' in a && good(a.timeout) ? [a.timeout] : [])));
    expect(given).toEqual(new Set([5, 10]));
  });

  test('a library that refuses a timeout of 0 passes with positive ones declared, and is caught without', async () => {
    expect((await check(refusesZero([1, 5, 10, 20]), { runs: 300, seed: 1 })).failure).toBeUndefined();
    expect((await check(refusesZero(), { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('badInput');
  });

  test('a timer left running is still caught with the timeouts narrowed', async () => {
    const result = await judge('Semaphore', pool((value) => new TimerLeakSemaphore('semaphore', value)), 'timer leak', 500, (a) => ({ ...a, options: { timeouts: [5, 10] } }));
    expect(result.failure?.divergence.rule).toBe('cleanup');
  });

  test('none, or a negative one, is refused', () => {
    expect(() => capabilitiesOf(refusesZero([]))).toThrow(/timeouts must be milliseconds of 0 or more, got \[\]/);
    expect(() => capabilitiesOf(refusesZero([5, -1]))).toThrow(/got \[5,-1\]/);
  });
});

describe('a composite that takes fewer options than the calls (Composite.options)', () => {
  /** toro-ts's Semaphore, with a composite that takes no timeout and no signal (semaphore-async-await's `execute(fn)`). */
  const execute = (declared: boolean, make: (value: number) => object = (value) => new Semaphore(value)): Adapter => ({
    ...nativeAdapter('Semaphore', pool(make), { name: 'execute' }),
    composites: { execute: { as: 'acquire', run: (s, _c, body) => (s as Semaphore).runExclusive(body), ...(declared ? { options: { timeout: false, signal: false } } : {}) } },
  });

  test('programs give the composite no timeout and no signal, and the calls still theirs', () => {
    const calls = actions(execute(true)).flat().flatMap((a) => ('call' in a && (a.timeout !== undefined || a.signal !== undefined) ? [a.call] : []));
    expect(new Set(calls)).toEqual(new Set(['acquire']));
  });

  test('a composite without a timeout passes with it declared, and is caught without', async () => {
    expect((await check(execute(true), { runs: 300, seed: 1 })).failure).toBeUndefined();
    // The model holds a timer for the composite's timeout, which the library never set.
    expect((await check(execute(false), { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('cleanup');
  });

  test("the composite's own bugs are still caught with it declared", async () => {
    const result = await check(execute(true, (value) => new WithoutFinallySemaphore('semaphore', value)), { runs: 300, seed: 1 });
    expect(result.failure?.divergence.rule).toBe('conservation');
  });
});

describe('signals aborted before the call left out (options.abortedSignals)', () => {
  /** toro-ts's Lock, seen through an acquire that drops its signal where `drop` says. */
  const dropping = (drop: (signal: AbortSignal) => boolean, declared: boolean): Adapter => {
    const base = nativeAdapter('Lock', Lock);
    const acquire = base.calls['acquire'] as (l: unknown, c: CallContext) => unknown;
    return {
      ...base,
      name: 'drops signals',
      calls: { ...base.calls, acquire: (l, c) => (c.options?.signal !== undefined && drop(c.options.signal) ? acquire(l, { ...c, options: undefined }) : acquire(l, c)) },
      options: { timeout: false, signal: true, ...(declared ? { abortedSignals: false } : {}) },
    };
  };
  const abortedFirst = (adapter: Adapter): number =>
    actions(adapter).filter((program) => program.some((a, i) => 'call' in a && a.signal !== undefined && program.slice(0, i).some((b) => 'abort' in b && b.abort === a.signal))).length;

  test('programs give no signal aborted before the call where it is declared, and signals aborted later still', () => {
    expect(abortedFirst(dropping(() => false, true))).toBe(0);
    expect(abortedFirst(dropping(() => false, false))).toBeGreaterThan(0);
    expect(actions(dropping(() => false, true)).some((program) => program.some((a) => 'abort' in a))).toBe(true);
  });

  test('a library that ignores a signal aborted before the call passes with it declared, and is caught without', async () => {
    expect((await check(dropping((s) => s.aborted, true), { runs: 300, seed: 1 })).failure).toBeUndefined();
    expect((await check(dropping((s) => s.aborted, false), { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('atomicCancellation');
  });

  test('a library that ignores a signal aborted while it waits is still caught with it declared', async () => {
    // First seen as the abort listener a waiting call with a signal must hold, and does not.
    expect((await check(dropping(() => true, true), { runs: 300, seed: 1 })).failure?.divergence.rule).toBe('cleanup');
  });
});

describe('the guided search and the exhaustive check keep to the same declarations', () => {
  const plain = asPool(nativeAdapter('Semaphore', pool((value) => new ZooPool('semaphore', value)), { name: 'plain pool' }));
  /** toro-ts's Lock, as a library that refuses a timeout of 0 and drops a signal aborted before the call. */
  const narrow = (declared: boolean): Adapter => {
    const base = nativeAdapter('Lock', Lock);
    const acquire = base.calls['acquire'] as (l: unknown, c: CallContext) => unknown;
    return {
      ...base,
      name: 'narrow lock',
      calls: {
        ...base.calls,
        acquire: (l, c) => {
          if (c.options?.timeout === 0) throw new TypeError('a timeout must be positive');
          if (c.options?.signal?.aborted !== true) return acquire(l, c);
          const { signal: _dropped, ...options } = c.options;
          return acquire(l, { ...c, options });
        },
      },
      options: { timeout: true, signal: true, ...(declared ? { timeouts: [1, 5], abortedSignals: false } : {}) },
    };
  };
  /** Every program a check makes, each as its actions. */
  const made = async (adapter: Adapter, options: Parameters<typeof check>[1]): Promise<{ failure: unknown; programs: ReturnType<typeof actions> }> => {
    const seen: ReturnType<typeof actions> = [];
    const target = adapterTarget(adapter);
    const result = await check(
      {
        ...target,
        run: (program, ...rest) => {
          seen.push(program.ticks.flat());
          return target.run(program, ...rest);
        },
      },
      options,
    );
    return { failure: result.failure, programs: seen };
  };
  const twiceReleased = (program: ReturnType<typeof actions>[number]): boolean => {
    const on = program.flatMap((a) => ('call' in a && a.on !== undefined ? [a.on] : []));
    return new Set(on).size < on.length;
  };
  const outside = (program: ReturnType<typeof actions>[number]): boolean =>
    program.some((a, i) => 'call' in a && ((typeof a.timeout === 'number' && Number.isInteger(a.timeout) && a.timeout >= 0 && a.timeout < 2 ** 31 && ![1, 5].includes(a.timeout)) || (a.signal !== undefined && program.slice(0, i).some((b) => 'abort' in b && b.abort === a.signal))));

  for (const search of [{ search: 'guided', runs: 400, seed: 3 }, { exhaustive: 3 }] as const) {
    const how = 'search' in search ? 'the guided search' : 'the exhaustive check to 3 actions';
    // The exhaustive check on a pool of one resource, with neither timeouts nor signals (its programs to 3 actions number thousands, not millions).
    const pooled: Adapter = 'search' in search ? plain : { ...plain, options: { timeout: false, signal: false }, params: { value: [1] } };
    test(`${how}: a pool releases each handle once and passes with releaseOnce declared, and is caught without it`, { timeout: 120_000 }, async () => {
      const declared = await made(pooled, search);
      expect(declared.failure).toBeUndefined();
      expect(declared.programs.filter(twiceReleased)).toEqual([]);
      expect(declared.programs.some((p) => p.some((a) => 'call' in a && a.on !== undefined))).toBe(true);
      const undeclared = await check({ ...pooled, releaseOnce: false }, search);
      expect(undeclared.failure?.divergence.rule).toBe('ownership');
    });
    test(`${how}: only the declared timeouts and no signal aborted before the call, and caught without them declared`, { timeout: 120_000 }, async () => {
      const declared = await made(narrow(true), search);
      expect(declared.failure).toBeUndefined();
      expect(declared.programs.filter(outside)).toEqual([]);
      expect(declared.programs.some((p) => p.some((a) => 'call' in a && a.timeout !== undefined))).toBe(true);
      expect((await check(narrow(false), search)).failure).toBeDefined();
    });
  }
});
