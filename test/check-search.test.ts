/**
 * The checker's other ways of making programs: the guided search (programs chosen on the model
 * for where they go) and the exhaustive enumeration (every program up to N actions). Each must
 * catch what the zoo plants, pass what is right, run the same programs for the same seed, make
 * only what the target can do, and replay what it found.
 */

import { describe, expect, test } from 'vitest';
import { Barrier, Condition, Event, Lock } from 'toro-ts';
import {
  capabilitiesOf,
  check,
  countExhaustive,
  exhaustivePrograms,
  ModelSession,
  nativeAdapter,
  stateKey,
  type Adapter,
  type Capabilities,
  type CheckOptions,
  type PrimitiveName,
  type Program,
  type Target,
} from 'toro-ts/check';
import { isCall } from '../check/program/program.js';
import { zoo, zooFamilies } from '../properties/zoo/catalog.js';
import type { ZooEntry } from '../properties/zoo.js';

const entry = (bug: string): ZooEntry => {
  const found = zoo.find((e) => e.bug === bug);
  if (found === undefined) throw new Error(`no zoo entry ${bug}`);
  return found;
};

const adapterOf = (e: ZooEntry): Adapter => (e.adapt ?? ((a: Adapter) => a))(nativeAdapter(e.primitive, e.make, { name: e.bug }));

/** A target that agrees with everything and keeps the programs it was given, by index of arrival. */
function recording(primitive: PrimitiveName, capabilities: Capabilities): { target: Target; programs: Program[] } {
  const programs: Program[] = [];
  return {
    programs,
    target: {
      name: `recording ${primitive}`,
      primitive,
      capabilities,
      run: async (program) => {
        programs.push(program);
        return { expected: { initial: {}, ticks: [] }, actual: { initial: {}, ticks: [] }, violations: [], operations: 0 };
      },
    },
  };
}

const lockCapabilities = (): Capabilities => capabilitiesOf(nativeAdapter('Lock', Lock));

/** What a program has that a target without timeouts or signals must never get. */
function timing(program: Program): string[] {
  const found: string[] = [];
  for (const action of program.ticks.flat()) {
    if ('abort' in action) found.push('abort');
    else if ('advance' in action) found.push('advance');
    else {
      if (action.signal !== undefined) found.push('signal');
      if (action.timeout !== undefined) found.push('timeout');
    }
  }
  return found;
}

/** Why a program is not well made, or nothing: ids rise, a call on a handle names an earlier call, and the model runs it. */
function malformed(program: Program, capabilities: Capabilities): string | undefined {
  let last = -1;
  const made = new Set<number>();
  for (const action of program.ticks.flat()) {
    if (!isCall(action)) continue;
    if (action.id <= last) return `id ${action.id} after ${last}`;
    last = action.id;
    if (action.on !== undefined && !made.has(action.on)) return `#${action.id} on #${action.on}, no earlier call`;
    if (!capabilities.calls.has(action.call) && capabilities.composites?.[action.call] === undefined && action.on === undefined) return `${action.call}, which the target lacks`;
    made.add(action.id);
  }
  const session = new ModelSession(program, capabilities.composites === undefined ? {} : { composites: capabilities.composites });
  for (const tick of program.ticks) session.tick(tick);
  return undefined;
}

describe('the guided search', () => {
  test('catches LIFO wakeup in a lock, names rule 1, and replays the program it found from its path', async () => {
    const e = entry('LIFO instead of FIFO wakeup, in a lock');
    const options: CheckOptions = { search: 'guided', seed: 7, runs: 500 };
    const result = await check(adapterOf(e), options);
    expect(result.failure?.divergence.rule).toBe('fifo');
    const path = result.failure?.path as string;
    const again = await check(adapterOf(e), { ...options, path, shrink: false });
    expect(again.programs).toBe(1);
    expect(again.failure?.divergence.rule).toBe('fifo');
  });

  test('catches every bug of the zoo within 2,000 programs', async () => {
    // The rule named is the first symptom of the program found, which need not be the zoo's
    // program: the zoo test holds the rules to the random search's programs.
    const missed: string[] = [];
    for (const e of zoo) {
      const result = await check(adapterOf(e), { search: 'guided', seed: 20150410, runs: 2000, shrink: false });
      if (result.failure === undefined) missed.push(e.bug);
    }
    expect(missed).toEqual([]);
  });

  test("passes the zoo's plain implementations, each the bug's family without its bug", async () => {
    for (const family of zooFamilies) {
      for (const { primitive, make, adapt } of family.plain) {
        const result = await check((adapt ?? ((a: Adapter) => a))(nativeAdapter(primitive, make, { name: `plain ${primitive}` })), { search: 'guided', seed: 20150410, runs: 300 });
        expect(result.failure, `${family.name}: ${primitive}`).toBeUndefined();
      }
    }
  });

  test("passes toro-ts's own primitives", async () => {
    for (const [primitive, Class] of [['Lock', Lock], ['Event', Event], ['Condition', Condition], ['Barrier', Barrier]] as const) {
      const result = await check(nativeAdapter(primitive, Class), { search: 'guided', seed: 3, runs: 300 });
      expect(result.failure, primitive).toBeUndefined();
      expect(result.programs).toBe(300);
    }
  });

  test('runs the same programs for the same seed, other programs for another seed, and shares of a run run exactly its programs', async () => {
    const capabilities = lockCapabilities();
    const runOf = async (options: CheckOptions): Promise<Program[]> => {
      const { target, programs } = recording('Lock', capabilities);
      await check(target, { search: 'guided', runs: 150, ...options });
      return programs;
    };
    const first = await runOf({ seed: 11 });
    expect(await runOf({ seed: 11 })).toEqual(first);
    expect(await runOf({ seed: 12 })).not.toEqual(first);
    const [even, odd] = [await runOf({ seed: 11, slice: { index: 0, count: 2 } }), await runOf({ seed: 11, slice: { index: 1, count: 2 } })];
    expect(first.filter((_, i) => i % 2 === 0)).toEqual(even);
    expect(first.filter((_, i) => i % 2 === 1)).toEqual(odd);
  });

  test('never gives a target without timeouts or signals a timeout, a signal, an abort or time passing, and makes only well-formed programs', async () => {
    const capabilities: Capabilities = { ...lockCapabilities(), timeout: false, signal: false };
    const { target, programs } = recording('Lock', capabilities);
    // The first programs of a run are the ones chosen among mutants: well past them.
    await check(target, { search: 'guided', seed: 5, runs: 200 });
    expect(programs.flatMap(timing)).toEqual([]);
    const full = lockCapabilities();
    const all = recording('Lock', full);
    await check(all.target, { search: 'guided', seed: 5, runs: 200 });
    expect(all.programs.map((p) => malformed(p, full)).filter((m) => m !== undefined)).toEqual([]);
    // The full target does get them: the test above is not empty by accident.
    expect(all.programs.flatMap(timing).length).toBeGreaterThan(0);
  });
});

describe('the exhaustive check', () => {
  test('catches asyncio Semaphore barging at 2 actions, its shortest program, and not at 1', async () => {
    const e = entry('asyncio Semaphore barging (bpo-45997 / gh-90155)');
    const one = await check(adapterOf(e), { exhaustive: 1 });
    expect(one.failure).toBeUndefined();
    expect(one.programs).toBe(one.exhaustive?.programs);
    const two = await check(adapterOf(e), { exhaustive: 2 });
    expect(two.failure?.divergence.rule).toBe(e.caught.rule);
    expect(two.failure?.program.ticks.flat()).toHaveLength(2);
    // Its path is its place in the enumeration, and replays it.
    const again = await check(adapterOf(e), { exhaustive: 2, path: two.failure?.path as string, shrink: false });
    expect(again.programs).toBe(1);
    expect(again.failure?.divergence.rule).toBe(e.caught.rule);
  });

  test("passes toro-ts's Event, Condition and Barrier on every program of up to 2 actions, and runs every one", async () => {
    for (const [primitive, Class] of [['Event', Event], ['Condition', Condition], ['Barrier', Barrier]] as const) {
      const adapter = nativeAdapter(primitive, Class);
      const result = await check(adapter, { exhaustive: 2 });
      expect(result.failure, primitive).toBeUndefined();
      expect(result.programs).toBe(countExhaustive(primitive, capabilitiesOf(adapter), 2));
      expect(result.exhaustive).toEqual({ actions: 2, programs: result.programs });
    }
  });

  test('makes each program once, shortest first, well formed, and none with what the target lacks', () => {
    const full = lockCapabilities();
    const made = [...exhaustivePrograms('Lock', full, 2)];
    expect(made).toHaveLength(countExhaustive('Lock', full, 2));
    expect(new Set(made.map((m) => JSON.stringify(m.program))).size).toBe(made.length);
    expect(made.map((m) => m.actions)).toEqual([...made.map((m) => m.actions)].sort((a, b) => a - b));
    expect(made.map((m) => malformed(m.program, full)).filter((m) => m !== undefined)).toEqual([]);
    const bare: Capabilities = { ...full, timeout: false, signal: false };
    expect([...exhaustivePrograms('Lock', bare, 3)].flatMap((m) => timing(m.program))).toEqual([]);
    expect(made.flatMap((m) => timing(m.program)).length).toBeGreaterThan(0);
  });
});

describe('what a program reaches on the model', () => {
  test('reads a state with its ids renamed in order of appearance, its logs left out, and bounded', () => {
    const a = stateKey({ kind: 'semaphore', value: 0, waiters: [7, 9], holders: [3] });
    const b = stateKey({ kind: 'semaphore', value: 0, waiters: [1, 2], holders: [0] });
    expect(a.text).toBe(b.text);
    expect(a.exact).toBe(true);
    // A different queue shape is a different state.
    expect(stateKey({ kind: 'semaphore', value: 0, waiters: [1], holders: [0, 2] }).text).not.toBe(a.text);
    // Logs only grow: they are not part of the state.
    expect(stateKey({ buffer: [], entered: [1, 2, 3] }).text).toBe(stateKey({ buffer: [], entered: [] }).text);
    // Past the bound, the key is cut and no longer exact.
    expect(stateKey({ waiters: [1, 2, 3, 4, 5], holders: [] }).exact).toBe(false);
    expect(stateKey({ value: 9, waiters: [] }).exact).toBe(false);
  });
});
