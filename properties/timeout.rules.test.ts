/**
 * The specification speaks on bad timeouts: a waiting call whose `timeout` is not an integer
 * from 0 to 2^31 - 1 returns a promise that rejects at once with a `RangeError`, and nothing
 * changes (model/common.ts, `refusedTimeout`), before any other rule: even with an aborted
 * signal, even when the call could complete now. toro-ts does so at every waiting call; the
 * checker makes such calls as bad input, and reports a port that takes a bad timeout for
 * another one.
 */

import * as toro from 'toro-ts';
import { check, modelTrace, moduleAdapters, nativeAdapter, PRIMITIVES, runProgram, type Adapter, type Capabilities, type Program } from 'toro-ts/check';
import { refusesBadTimeout, type Step } from 'toro-ts/model';
import { describe, expect, test } from 'vitest';
import { familyOf } from '../check/program/families/index.js';
import { BAD_TIMEOUTS } from './input.js';

/** A bad timeout as a program carries it (JSON's names for the numbers it cannot carry). */
const inProgram = (timeout: number): number | 'NaN' | 'Infinity' => (Number.isNaN(timeout) ? 'NaN' : timeout === Number.POSITIVE_INFINITY ? 'Infinity' : timeout);

/** The parameters a program of `primitive` starts from: the constructor's defaults, but a capacity. */
const paramsOf = (primitive: string): Program['params'] => (primitive === 'WeightedSemaphore' ? { capacity: 2 } : {});

/** Each primitive's waiting calls, with what each needs besides its options. */
const waiting: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  Semaphore: [{ call: 'acquire' }, { call: 'idle' }],
  BoundedSemaphore: [{ call: 'acquire' }, { call: 'idle' }],
  Lock: [{ call: 'acquire' }, { call: 'idle' }],
  WeightedSemaphore: [{ call: 'acquire', weight: 1 }],
  RWLock: [{ call: 'acquireRead' }, { call: 'acquireWrite' }],
  Event: [{ call: 'wait' }],
  Condition: [{ call: 'wait' }],
  Barrier: [{ call: 'wait' }],
  Queue: [{ call: 'put', key: 0 }, { call: 'get' }, { call: 'join' }],
  PriorityQueue: [{ call: 'put', key: 0 }, { call: 'get' }, { call: 'join' }],
  LifoQueue: [{ call: 'put', key: 0 }, { call: 'get' }, { call: 'join' }],
};

describe('every model refuses a bad timeout at every waiting call, with a RangeError, changing nothing', () => {
  test('the table names every waiting call of every family', () => {
    for (const primitive of PRIMITIVES) {
      const calls = Object.entries(familyOf(primitive).calls).filter(([, info]) => info.waits).map(([name]) => name);
      expect(waiting[primitive]?.map((c) => c['call']).sort(), primitive).toEqual(calls.sort());
    }
  });

  for (const primitive of PRIMITIVES) {
    test(`${primitive}, even with an aborted signal, even when the call could complete now`, () => {
      for (const call of waiting[primitive] ?? []) {
        for (const timeout of BAD_TIMEOUTS) {
          for (const aborted of [false, true]) {
            const program = { primitive, params: paramsOf(primitive), ticks: [[...(aborted ? [{ abort: 0 }] : []), { ...call, id: 0, timeout: inProgram(timeout), ...(aborted ? { signal: 0 } : {}) }]] } as Program;
            const trace = modelTrace(program);
            const [tick] = trace.ticks;
            expect(tick?.calls[0]?.result, `${primitive} ${String(call['call'])} ${timeout}`).toEqual({ kind: 'pending' });
            expect(tick?.settled, `${primitive} ${String(call['call'])} ${timeout}`).toEqual([{ id: 0, outcome: 'rejected', error: 'RangeError' }]);
            expect(tick?.observed).toEqual(trace.initial);
          }
        }
      }
    });
  }

  test('a good timeout is no refusal: 0 and 2^31 - 1 are taken', () => {
    for (const timeout of [0, 2 ** 31 - 1]) {
      const [tick] = modelTrace({ primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1, timeout }]] }).ticks;
      expect(tick?.settled.map((s) => s.outcome)).toEqual(timeout === 0 ? ['resolved', 'timeout'] : ['resolved']);
    }
  });

  test('the rule rejects a step that queues, times out or serves a call with a bad timeout', () => {
    const before = { waiters: [] as number[] };
    const op = { kind: 'wait', waiter: 3, options: { timeout: -1 } };
    const pending = { kind: 'pending' } as const;
    const refusedStep: Step<typeof before> = { state: before, returned: pending, settled: [{ waiter: 3, outcome: 'rejected', error: 'RangeError' }] };
    expect(refusesBadTimeout(before, op, refusedStep)).toBe(true);
    expect(refusesBadTimeout(before, op, { state: { waiters: [3] }, returned: pending, settled: [] })).toBe(false);
    expect(refusesBadTimeout(before, op, { state: before, returned: pending, settled: [{ waiter: 3, outcome: 'timeout' }] })).toBe(false);
    expect(refusesBadTimeout(before, op, { state: before, returned: pending, settled: [{ waiter: 3, outcome: 'resolved', value: 'releaser' }] })).toBe(false);
    // A good timeout is not this rule's business.
    expect(refusesBadTimeout(before, { ...op, options: { timeout: 5 } }, { state: { waiters: [3] }, returned: pending, settled: [] })).toBe(true);
  });
});

/** toro-ts's adapter for `primitive`, made inside a test (see properties/agrees.test.ts). */
function toroAdapter(primitive: (typeof PRIMITIVES)[number]): Adapter {
  const [adapter] = moduleAdapters({ [primitive]: toro[primitive] }, 'toro-ts');
  if (adapter === undefined) throw new Error(`toro-ts exports no ${primitive}`);
  return adapter;
}

test('toro-ts refuses a bad timeout as the model says, at every waiting call of every primitive', async () => {
  for (const primitive of PRIMITIVES) {
    // Only the calls toro-ts has: `idle` is a call of the model that only adapters make (a task queue's onIdle()).
    for (const call of (waiting[primitive] ?? []).filter((c) => c['call'] !== 'idle')) {
      for (const timeout of BAD_TIMEOUTS) {
        const program = { primitive, params: paramsOf(primitive), ticks: [[{ ...call, id: 0, timeout: inProgram(timeout) }], [{ advance: 5 }]] } as Program;
        const outcome = await runProgram(toroAdapter(primitive), program);
        expect(outcome.divergence, `${primitive} ${String(call['call'])} ${timeout}`).toBeUndefined();
      }
    }
  }
});

describe('the checker makes bad timeouts as bad input', () => {
  /** A lock that takes a bad timeout for the nearest good one, as a port without the check would. */
  class LenientLock extends toro.Lock {
    override acquire(options?: toro.WaitOptions): Promise<toro.Releaser> {
      const timeout = options?.timeout;
      if (timeout === undefined || (Number.isInteger(timeout) && timeout >= 0 && timeout < 2 ** 31)) return super.acquire(options);
      return super.acquire({ ...options, timeout: Number.isFinite(timeout) ? Math.min(Math.max(0, Math.round(timeout)), 2 ** 31 - 1) : 0 });
    }
  }

  test('and reports a port that takes one for another timeout (the checker must FAIL)', async () => {
    const result = await check(nativeAdapter('Lock', LenientLock, { name: 'lenient lock' }), { runs: 300, seed: 7 });
    expect(result.failure?.divergence.rule).toBe('badInput');
    expect(result.failure?.divergence.summary).toMatch(/must refuse its input and change nothing/);
  });

  /** The programs a check of toro-ts's Lock runs, with `capabilities`. */
  async function checked(capabilities: Capabilities): Promise<{ failed: boolean; bad: number; programs: number }> {
    const seen: Program[] = [];
    const adapter = toroAdapter('Lock');
    const result = await check({ name: 'toro-ts Lock', primitive: 'Lock', capabilities, run: (program) => (seen.push(program), runProgram(adapter, program)) }, { runs: 300, seed: 7 });
    const bad = seen.filter((p) => p.ticks.flat().some((a) => 'call' in a && a.timeout !== undefined && !good(a.timeout)));
    return { failed: result.failure !== undefined, bad: bad.length, programs: seen.length };
  }
  const good = (timeout: unknown): boolean => typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0 && timeout < 2 ** 31;
  const lock = { calls: new Set(['acquire', 'tryAcquire', 'release']), handleRelease: true, timeout: true, signal: true };

  test('and passes toro-ts, which refuses them, on programs that make them (the checker must not FAIL)', async () => {
    const { failed, bad } = await checked({ ...lock, badInput: true });
    expect(failed).toBe(false);
    expect(bad).toBeGreaterThan(20);
  });

  test('and never makes them for a port that declares no bad input', async () => {
    expect(await checked({ ...lock, badInput: false })).toEqual({ failed: false, bad: 0, programs: 300 });
  });
});
