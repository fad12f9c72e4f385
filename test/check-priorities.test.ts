/**
 * Waiters served by priority, for targets that declare it: programs give priorities only to the
 * calls a target declares, the model serves the highest first and FIFO among equals, and the
 * checker holds an implementation to it; toro-ts (no priorities) is checked as before.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { capabilitiesOf, check, driverTargets, nativeAdapter, showFailure, type Adapter } from '../check/index.js';
import { programs } from '../check/generate/generate.js';
import { modelTrace, ProgramError } from '../check/program/model-session.js';
import { parseProgram, showProgram, type Program } from '../check/program/program.js';
import { ZooPrioritySemaphore } from '../properties/zoo/semaphore-priority-base.js';
import { type Entry, ZooQueue } from '../properties/zoo/queue-base.js';
import { Lock, Queue, RWLock } from '../src/index.js';

const withPriority = (adapter: Adapter, calls: readonly string[]): Adapter => ({ ...adapter, priority: { calls } });
const prioritiesIn = (adapter: Adapter): number[] =>
  fc.sample(programs(adapter.primitive, capabilitiesOf(adapter)), { numRuns: 300, seed: 9 }).flatMap((p) => p.ticks.flat().flatMap((a) => ('call' in a && a.priority !== undefined ? [a.priority] : [])));

/** The zoo's plain queue, whose getters and putters wait in service order by the priority they give. */
class PriorityWaitersQueue extends ZooQueue {
  readonly priorities = new Map<Entry<unknown>, number>();
  override wait<T>(list: Entry<T>[], entry: Entry<T>, options: { timeout?: number; signal?: AbortSignal; priority?: number }): void {
    super.wait(list, entry, options);
    const priority = options.priority ?? 0;
    this.priorities.set(entry as Entry<unknown>, priority);
    list.pop();
    const place = list.findIndex((other) => (this.priorities.get(other as Entry<unknown>) ?? 0) < priority);
    list.splice(place < 0 ? list.length : place, 0, entry);
  }
}

describe('the model', () => {
  test('serves the highest priority first, FIFO among equals', () => {
    const program: Program = {
      primitive: 'Lock',
      params: {},
      ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }, { call: 'acquire', id: 2, priority: 1 }, { call: 'acquire', id: 3, priority: 1 }], [{ call: 'release', id: 4 }], [{ call: 'release', id: 5 }], [{ call: 'release', id: 6 }]],
    };
    expect(modelTrace(program).ticks.slice(1).map((tick) => tick.settled.map((s) => s.id))).toEqual([[2], [3], [1]]);
  });

  test('a program without priorities is served FIFO, exactly as before', () => {
    const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }, { call: 'acquire', id: 2, priority: 0 }], [{ call: 'release', id: 3 }]] };
    expect(modelTrace(program).ticks[1]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
  });

  test('a priority on a call whose model has none, or one that is not a finite number, is refused', () => {
    expect(() => modelTrace({ primitive: 'RWLock', params: {}, ticks: [[{ call: 'acquireRead', id: 0, priority: 1 }]] })).toThrow(ProgramError);
    expect(() => modelTrace({ primitive: 'Lock', params: {}, ticks: [[{ call: 'tryAcquire', id: 0, priority: 1 }]] })).toThrow(/takes no priority/);
    expect(() => modelTrace({ primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0, priority: Number.NaN }]] })).toThrow(/a priority is a finite number/);
  });

  test('priorities print and parse back, negative ones too', () => {
    const program: Program = { primitive: 'Queue', params: { maxsize: 1 }, ticks: [[{ call: 'get', id: 0, priority: -1, timeout: 5 }, { call: 'put', id: 1, key: 0, priority: 2 }]] };
    expect(showProgram(program)).toBe('new Queue({ maxsize: 1 })\n  tick 1: #0 get({ timeout: 5, priority: -1 }); #1 put(key 0, { priority: 2 })');
    expect(parseProgram(showProgram(program))).toEqual(program);
  });
});

describe('the generator', () => {
  test('gives priorities only to the calls a target declares, from the values it declares', () => {
    const lock = nativeAdapter('Lock', Lock);
    expect(prioritiesIn(lock)).toEqual([]);
    expect(new Set(prioritiesIn(withPriority(lock, ['acquire'])))).toEqual(new Set([0, 1, 2]));
    expect(new Set(prioritiesIn({ ...lock, priority: { calls: ['acquire'], values: [5, 9] } }))).toEqual(new Set([5, 9]));
    // The composite is declared apart from the call it stands for.
    const runOnly = fc.sample(programs('Lock', capabilitiesOf(withPriority(lock, ['runExclusive']))), { numRuns: 300, seed: 9 }).flatMap((p) => p.ticks.flat());
    expect(runOnly.some((a) => 'call' in a && a.call === 'runExclusive' && a.priority !== undefined)).toBe(true);
    expect(runOnly.some((a) => 'call' in a && a.call === 'acquire' && a.priority !== undefined)).toBe(false);
  });

  test('refuses a priority declared where the model has none, or on a call the target lacks', () => {
    expect(() => capabilitiesOf(withPriority(nativeAdapter('RWLock', RWLock), ['acquireRead']))).toThrow(/serves acquireRead in arrival order only/);
    expect(() => capabilitiesOf(withPriority(nativeAdapter('Lock', Lock), ['tryAcquire']))).toThrow(TypeError);
    expect(() => capabilitiesOf(withPriority(nativeAdapter('Lock', Lock), ['get']))).toThrow(/neither one of its calls nor a composite/);
    expect(() => capabilitiesOf({ ...nativeAdapter('Lock', Lock), priority: { calls: ['acquire'], values: [Number.POSITIVE_INFINITY] } })).toThrow(/finite/);
  });

  test('a driver that declares a priority where the model has none is refused, and told to quit', async () => {
    const hello = { type: 'hello', protocol: 1, name: 'x', primitives: { RWLock: { calls: ['acquireRead'], priority: { calls: ['acquireRead'] } } } };
    const pidFile = join(mkdtempSync(join(tmpdir(), 'toro-driver-')), 'pid');
    // A driver as the protocol has it: it says hello, then waits for its input to end.
    const driver = `const fs = require('node:fs'); fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); console.log(${JSON.stringify(JSON.stringify(hello))}); process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`;
    await expect(driverTargets(`node -e ${JSON.stringify(driver)}`, 5000)).rejects.toThrow(/serves it in arrival order only/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive()).toBe(false);
  });
});

describe('the checker', () => {
  test('a lock and a semaphore that serve by priority agree with the model', async () => {
    for (const adapter of [
      withPriority(nativeAdapter('Lock', () => new ZooPrioritySemaphore('lock', 1), { name: 'priority lock' }), ['acquire']),
      withPriority(nativeAdapter('Semaphore', (p) => new ZooPrioritySemaphore('semaphore', p['value'] ?? 1), { name: 'priority semaphore' }), ['acquire']),
    ]) {
      const result = await check(adapter, { runs: 400, seed: 31 });
      expect(result.failure === undefined ? '' : showFailure(result.failure), adapter.name).toBe('');
    }
  });

  test('catches a lock that ignores priorities, naming who was first in line', async () => {
    const result = await check(withPriority(nativeAdapter('Lock', Lock), ['acquire']), { runs: 400, seed: 31 });
    expect(result.failure?.divergence.rule).toBe('fifo');
    expect(result.failure?.divergence.summary).toBe('#1 was served where the model serves #2, the first in line (highest priority, then oldest)');
  });

  test("a queue whose getters and putters wait by priority agrees with the model; toro-ts's Queue, declared so, is caught", async () => {
    const byPriority = withPriority(nativeAdapter('Queue', (p) => new PriorityWaitersQueue('fifo', p['maxsize'] ?? 0), { name: 'priority waiters' }), ['get', 'put']);
    const agrees = await check(byPriority, { runs: 400, seed: 31 });
    expect(agrees.failure === undefined ? '' : showFailure(agrees.failure)).toBe('');
    const fifo = await check(withPriority(nativeAdapter('Queue', Queue), ['get', 'put']), { runs: 400, seed: 31 });
    expect(fifo.failure?.divergence.rule).toBe('fifo');
    expect(showProgram(fifo.failure?.program ?? { primitive: 'Queue', params: {}, ticks: [] })).toBe('new Queue({ maxsize: 1 })\n  tick 1: #0 put(key 0); #1 put(key 0)\n  tick 2: #2 put(key 0, { priority: 1 })\n  tick 3: #3 getNowait()');
  });
});
