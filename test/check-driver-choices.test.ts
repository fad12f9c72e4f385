/**
^ * The contract choices that the Tornado and asyncio drivers brought in: each changes what the
 * model says (or which programs are made) exactly as its documentation states, and nothing else.
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { capabilitiesOf } from '../check/check.js';
import { programs, type Capabilities } from '../check/generate/generate.js';
import { compareTraces } from '../check/compare/compare.js';
import { modelTrace } from '../check/program/model-session.js';
import type { Program } from '../check/program/program.js';
import { nativeAdapter } from '../check/run/adapter.js';
import { Semaphore } from '../src/index.js';

const settled = (program: Program, choices: Parameters<typeof modelTrace>[1] = {}) => modelTrace(program, choices).ticks.map((tick) => tick.settled);

describe('abortedSignal', () => {
  const free: Program = { primitive: 'Semaphore', params: { value: 1 }, ticks: [[{ abort: 0 }, { call: 'acquire', id: 0, signal: 0 }]] };
  const taken: Program = { ...free, params: { value: 0 } };

  test('refused (the model): a call with an aborted signal takes nothing, even a free permit', () => {
    expect(settled(free)).toEqual([[{ id: 0, outcome: 'aborted' }]]);
    expect(modelTrace(free).ticks[0]?.observed['value']).toBe(1);
  });

  test('afterCall: the call is made, then cancelled: a permit taken at once is kept', () => {
    expect(settled(free, { abortedSignal: 'afterCall' })).toEqual([[{ id: 0, outcome: 'resolved', value: 'handle' }]]);
    expect(modelTrace(free, { abortedSignal: 'afterCall' }).ticks[0]?.observed['value']).toBe(0);
  });

  test('afterCall: a call that waits is aborted, and leaves no waiter, timer or listener', () => {
    const trace = modelTrace({ ...taken, ticks: [[{ abort: 0 }, { call: 'acquire', id: 0, signal: 0, timeout: 5 }]] }, { abortedSignal: 'afterCall' });
    expect(trace.ticks[0]?.settled).toEqual([{ id: 0, outcome: 'aborted' }]);
    expect(trace.ticks[0]?.observed['statistics']).toEqual({ value: 0, waiting: 0 });
    expect(trace.ticks[0]?.resources).toEqual({ timers: 0, listeners: {} });
  });
});

describe('zeroTimeout by call', () => {
  // An empty Queue: get({ timeout: 0 }) waits, as under `none`; a join({ timeout: 0 }) with a task unfinished times out once the tick ends, as under `timer`.
  const program: Program = {
    primitive: 'Queue',
    params: { maxsize: 0 },
    ticks: [[{ call: 'get', id: 0, timeout: 0 }], [{ call: 'putNowait', id: 1 }], [{ call: 'join', id: 2, timeout: 0 }, { call: 'put', id: 3, timeout: 0 }]],
  };

  test('applies each call its own choice, and the model default to the calls it does not name', () => {
    expect(settled(program, { zeroTimeout: { get: 'none', join: 'timer' } })).toEqual([
      [],
      [{ id: 0, outcome: 'resolved', value: 1 }],
      [
        { id: 3, outcome: 'resolved' },
        { id: 2, outcome: 'timeout' },
      ],
    ]);
    expect(settled(program)).toEqual([[{ id: 0, outcome: 'timeout' }], [], [{ id: 2, outcome: 'timeout' }, { id: 3, outcome: 'resolved' }]]);
  });
});

describe('zeroTimeout: refused', () => {
  // A free permit asked for with a zero timeout, then with a timeout of 5 ms.
  const free: Program = { primitive: 'Semaphore', params: { value: 1 }, ticks: [[{ call: 'acquire', id: 0, timeout: 0 }], [{ call: 'acquire', id: 1, timeout: 5 }]] };

  test('refuses a call that could complete now, which times out and takes nothing', () => {
    const trace = modelTrace(free, { zeroTimeout: 'refused' });
    expect(trace.ticks.map((tick) => tick.settled)).toEqual([[{ id: 0, outcome: 'timeout' }], [{ id: 1, outcome: 'resolved', value: 'handle' }]]);
    expect(trace.ticks[0]?.observed['value']).toBe(1);
    expect(trace.ticks[0]?.resources).toEqual({ timers: 0, listeners: {} });
  });

  test('a port that refuses the call agrees only under the choice, and one that serves it only without', () => {
    const serves = modelTrace(free);
    const refuses = modelTrace(free, { zeroTimeout: 'refused' });
    expect(serves.ticks[0]?.settled).toEqual([{ id: 0, outcome: 'resolved', value: 'handle' }]);
    expect(compareTraces(free, serves, refuses, { queue: false })?.rule).toBe('atomicCancellation');
    expect(compareTraces(free, refuses, serves, { queue: false })?.rule).toBe('atomicCancellation');
    expect(compareTraces(free, refuses, refuses, { queue: false })).toBeUndefined();
  });

  test('changes nothing for a call with a signal already aborted: it is aborted, not timed out', () => {
    const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ abort: 0 }, { call: 'acquire', id: 0, timeout: 0, signal: 0 }]] };
    expect(settled(program, { zeroTimeout: 'refused' })).toEqual([[{ id: 0, outcome: 'aborted' }]]);
  });
});

describe('handoff', () => {
  const capabilities: Capabilities = { calls: new Set(['acquire', 'tryAcquire', 'release']), handleRelease: true, timeout: true, signal: true, badInput: true };

  test('wakeup: an adapter that declares it gets programs of one action per tick', () => {
    const declared = capabilitiesOf(nativeAdapter('Semaphore', Semaphore, { choices: { handoff: 'wakeup' } }));
    expect(declared.actionsPerTick).toBe(1);
    const sample = fc.sample(programs('Semaphore', declared), { numRuns: 200, seed: 3 });
    expect(sample.some((program) => program.ticks.length > 0)).toBe(true);
    expect(sample.every((program) => program.ticks.every((tick) => tick.length === 1))).toBe(true);
  });

  test('direct (the model): ticks hold several actions', () => {
    expect(capabilitiesOf(nativeAdapter('Semaphore', Semaphore)).actionsPerTick).toBeUndefined();
    const sample = fc.sample(programs('Semaphore', capabilities), { numRuns: 200, seed: 3 });
    expect(sample.some((program) => program.ticks.some((tick) => tick.length > 1))).toBe(true);
  });
});
