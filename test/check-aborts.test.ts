/**
 * A composite whose signal still cancels it once its body runs (`abortsBody`, p-queue's `add`):
 * the abort is a forced release, as a limit's is. The model gives the grant back once the job's
 * continuations have run, rejects the composite as aborted, and counts the library's listener
 * while the body runs; the checker holds a library that declares it to that, and catches one
 * that does otherwise. Without the declaration an abort after the handoff changes nothing.
 */

import { describe, expect, test } from 'vitest';
import { check, showFailure, type Adapter, type Composite } from '../check/index.js';
import { ModelSession } from '../check/program/model-session.js';
import { parseProgram, type Program } from '../check/program/program.js';
import { nativeAdapter } from '../check/run/adapter.js';
import { runProgram } from '../check/run/run.js';
import { Semaphore } from '../src/index.js';

const aborts = { composites: { runExclusive: 'acquire' }, abortsBodies: ['runExclusive'] };

function trace(text: string, choices: ConstructorParameters<typeof ModelSession>[1] = aborts) {
  const program: Program = parseProgram(text);
  const session = new ModelSession(program, choices);
  return program.ticks.map((tick) => session.tick(tick));
}

describe('the model', () => {
  test('an abort while the body runs gives the grant back once the continuations ran, rejects the composite as aborted, and the body then gives back nothing', () => {
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 runExclusive({ signal: s0 }); #1 acquire()\n  tick 2: abort(s0); #2 tryAcquire()\n  tick 3: #3 release() on #0');
    expect(ticks[0]?.resources?.listeners).toEqual({ s0: 1 });
    // #2 is made before the job's continuations run: the slot is still #0's, and #1 is first in line anyway.
    expect(ticks[1]?.calls[0]?.result).toEqual({ kind: 'returned' });
    expect(ticks[1]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
    expect(ticks[1]?.finished).toEqual([{ id: 0, outcome: 'aborted' }]);
    expect(ticks[1]?.resources?.listeners).toEqual({});
    expect(ticks[2]?.calls[0]).toEqual({ id: 3, result: { kind: 'returned' }, ignored: true });
    expect(ticks[2]?.observed['value']).toBe(0);
  });

  test("an abort clears the body's limit; after the body ended it changes nothing", () => {
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 runExclusive({ signal: s0, limit: 5 })\n  tick 2: abort(s0)\n  tick 3: advance(10)', { ...aborts, limits: { runExclusive: 'timeout' } });
    expect(ticks[0]?.resources).toEqual({ timers: 1, listeners: { s0: 1 } });
    expect(ticks[1]?.resources).toEqual({ timers: 0, listeners: {} });
    expect(ticks[0]?.resources?.timers).toBe(1);
    expect(ticks[2]?.finished).toBeUndefined();
    const ended = trace('new Semaphore({ value: 1 })\n  tick 1: #0 runExclusive(fn returns, { signal: s0 })\n  tick 2: abort(s0)');
    expect(ended[0]?.resources?.listeners['s0']).toBe(0);
    expect(ended[1]?.finished).toBeUndefined();
  });

  test("without the declaration, an abort after the handoff changes nothing (rule 3), and a waiter's abort is as ever", () => {
    const plain = { composites: { runExclusive: 'acquire' } };
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 runExclusive({ signal: s0 }); #1 runExclusive({ signal: s0 })\n  tick 2: abort(s0)', plain);
    expect(ticks[0]?.resources?.listeners).toEqual({ s0: 1 });
    expect(ticks[1]?.settled).toEqual([{ id: 1, outcome: 'aborted' }]);
    expect(ticks[1]?.finished).toBeUndefined();
    expect(ticks[1]?.observed['value']).toBe(0);
  });

  test('the listeners of one signal fire in the order they were added: a waiter queued before a body started is aborted first', () => {
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 acquire()\n  tick 2: #1 runExclusive({ signal: s0 }); #2 acquire({ signal: s0 }); #3 acquire()\n  tick 3: #4 release() on #0\n  tick 4: abort(s0)');
    expect(ticks[2]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
    expect(ticks[3]?.settled).toEqual([
      { id: 2, outcome: 'aborted' },
      { id: 3, outcome: 'resolved', value: 'handle' },
    ]);
  });
});

/** toro-ts's Semaphore with a `runExclusive` that races its body against its signal, as p-queue does, made by `settle`. */
function racing(name: string, settle: (body: Promise<unknown>, aborted: Promise<never>) => Promise<unknown>): Adapter<Semaphore> {
  const run: Composite<Semaphore>['run'] = async (s, c, body) => {
    const releaser = await (c.options === undefined ? s.acquire() : s.acquire(c.options));
    const signal = c.options?.signal;
    // The body runs first, as p-queue runs a task before it listens for the abort.
    let ran: Promise<unknown>;
    try {
      ran = Promise.resolve(body());
    } catch (error) {
      ran = Promise.reject(error);
    }
    let listener: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      listener = () => reject(signal?.reason);
      if (signal?.aborted === true) listener();
      else signal?.addEventListener('abort', listener, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      return await settle(ran, aborted);
    } finally {
      if (listener !== undefined) signal?.removeEventListener('abort', listener);
      releaser.release();
    }
  };
  const { handleRelease: _none, ...native } = nativeAdapter('Semaphore', Semaphore);
  return { ...native, name, calls: {}, composites: { runExclusive: { as: 'acquire', run, abortsBody: true } }, options: { timeout: false, signal: true } };
}

describe('the checker', () => {
  const race = racing('a semaphore racing its body against its signal', (body, aborted) => Promise.race([body, aborted]));

  test('a composite that races its body against its signal agrees, declared abortsBody', async () => {
    const result = await check(race, { runs: 400, seed: 5 });
    expect(result.failure === undefined ? 'agrees' : showFailure(result.failure)).toBe('agrees');
  });

  test('the same composite, not declared, is caught: it listens on the signal of a call already served', async () => {
    const undeclared: Adapter<Semaphore> = { ...race, composites: { runExclusive: { ...(race.composites?.['runExclusive'] as Composite<Semaphore>), abortsBody: false } } };
    const outcome = await runProgram(undeclared, parseProgram('new Semaphore({ value: 1 })\n  tick 1: #0 runExclusive({ signal: s0 }); #1 runExclusive()\n  tick 2: abort(s0)'));
    expect(outcome.divergence?.rule).toBe('cleanup');
    expect((await check(undeclared, { runs: 400, seed: 5 })).failure).toBeDefined();
  });

  test('a composite declared abortsBody that keeps the grant until its body ends is caught', async () => {
    const keeps = racing('a semaphore that rejects at the abort only once its body ended', async (body, aborted) => {
      const value = await body;
      return Promise.race([aborted, value]);
    });
    const outcome = await runProgram(keeps, parseProgram('new Semaphore({ value: 1 })\n  tick 1: #0 runExclusive({ signal: s0 }); #1 runExclusive()\n  tick 2: abort(s0)'));
    expect(outcome.divergence?.rule).toBe('conservation');
  });
});
