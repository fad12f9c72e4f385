import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familyOf, NATIVE_COMPOSITES } from '../../check/program/families/index.js';
import { modelTrace } from '../../check/program/model-session.js';
import { parseProgram, PRIMITIVES, showProgram, type Program } from '../../check/program/program.js';
import type { VectorFile } from '../../check/vectors.js';
import * as toro from '../../src/index.js';
import type { TickTrace } from '../../check/program/program.js';
import type { ContractChoices } from '../../check/compare/choices.js';
import { addActions, callRows, defaultParams, diagramMatches, explorable, firstDivergence, fromHash, handlesOf, nextId, parseActions, readChoices, readObservation, readProgram, readState, readTrace, runModel, toBase64Url, toHash, traceFor } from './core.js';
import { runLive } from './live.js';
import { zooReplays } from './zoo-replays.js';
import { zoo } from '../../properties/zoo/catalog.js';

const vectors = (primitive: string): VectorFile => JSON.parse(readFileSync(new URL(`../../conformance/vectors/${primitive}.json`, import.meta.url), 'utf8')) as VectorFile;

describe('the explorer offers', () => {
  it('every primitive that has a model, and every call of its family, on the primitive and on a handle as its recipe makes them', () => {
    expect(explorable()).toEqual([...PRIMITIVES]);
    for (const primitive of explorable()) {
      const family = familyOf(primitive);
      const rows = callRows(primitive);
      const composites = Object.entries(NATIVE_COMPOSITES).filter(([, as]) => as in family.calls).map(([name]) => name);
      const own = Object.entries(family.calls).filter(([, info]) => info.adapterOnly !== true).map(([call]) => call);
      expect(new Set(rows.map((row) => row.call))).toEqual(new Set([...own, ...composites]));
      for (const recipe of family.recipe(primitive).calls.filter((r) => family.calls[r.call]?.adapterOnly !== true)) {
        expect(rows.some((row) => row.call === recipe.call && row.onHandle === (recipe.onHandle === true))).toBe(true);
      }
    }
    expect(callRows('Condition').find((row) => row.call === 'notify')).toMatchObject({ counts: true, countName: 'n', waits: false });
    expect(callRows('PriorityQueue').find((row) => row.call === 'put')).toMatchObject({ keys: [0, 1, 2], waits: true });
    expect(callRows('Lock').find((row) => row.onHandle)).toMatchObject({ call: 'release', waits: false });
  });

  it('a new program with no parameters where the constructor has defaults, and parameters it takes where it needs some', () => {
    for (const primitive of explorable()) {
      const params = defaultParams(primitive);
      expect(() => runModel({ primitive, params, ticks: [] }), primitive).not.toThrow();
    }
    expect(defaultParams('Semaphore')).toEqual({});
  });
});

describe('a program grows', () => {
  it('one tick per action, or in the same tick, and drops the ticks after the one shown', () => {
    let program: Program = { primitive: 'Lock', params: {}, ticks: [] };
    program = addActions(program, 0, [{ call: 'acquire', id: nextId(program) }], false);
    program = addActions(program, 1, [{ call: 'acquire', id: nextId(program), timeout: 5 }], true);
    program = addActions(program, 1, [{ advance: 5 }], false);
    expect(showProgram(program)).toBe('new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 5 })\n  tick 2: advance(5)');
    expect(addActions(program, 1, [{ call: 'release', id: 2, on: 0 }], false).ticks).toHaveLength(2);
    expect(addActions(program, 0, [{ abort: 0 }], true).ticks).toEqual([[{ abort: 0 }]]);
    const run = runModel(program);
    expect(handlesOf(run, 1)).toEqual([0]);
    expect(run.ticks).toEqual(modelTrace(program).ticks);
  });

  it('from actions typed in the printed form, numbering the calls typed without their id', () => {
    expect(parseActions('acquire({ timeout: 5, signal: s1 }); abort(s1); advance(3); #9 release() on #4', 'Lock', 7)).toEqual([
      { call: 'acquire', id: 7, timeout: 5, signal: 1 },
      { abort: 1 },
      { advance: 3 },
      { call: 'release', id: 9, on: 4 },
    ]);
    expect(parseActions('put(key 2); notify(-1)', 'Queue', 0)).toEqual([
      { call: 'put', id: 0, key: 2 },
      { call: 'notify', id: 1, n: -1 },
    ]);
    expect(() => parseActions('#2 acquire()', 'Lock', 3)).toThrow('ids keep increasing; the next is #3');
    expect(() => parseActions('acquire({ deadline: 5 })', 'Lock', 0)).toThrow(/^unknown option/);
    expect(() => parseActions('  ', 'Lock', 0)).toThrow('type an action');
  });
});

describe('a pasted program or trace is read', () => {
  const program = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 5 })\n  tick 2: advance(5)');
  const trace = modelTrace(program);
  const session = [
    '← {"type":"hello","protocol":1,"name":"example","primitives":{"Lock":{"calls":["acquire","release"],"observers":["locked"]}}}',
    '→ {"type":"start","primitive":"Lock","params":{}}',
    '← {"type":"started","observed":{"locked":false}}',
    '→ {"type":"tick","actions":[{"call":"acquire","id":0},{"call":"acquire","id":1,"timeout":5}]}',
    '← {"type":"ticked","calls":[{"id":0,"result":{"kind":"pending"}},{"id":1,"result":{"kind":"pending"}}],"settled":[{"id":0,"outcome":"resolved","value":"handle"}],"observed":{"locked":true}}',
    '→ {"type":"tick","actions":[{"advance":5}]}',
    '← {"type":"ticked","calls":[],"settled":[{"id":1,"outcome":"timeout"}],"observed":{"locked":true}}',
    '→ {"type":"quit"}',
  ].join('\n');

  it('in every form the checker and the protocol write', () => {
    expect(readProgram(showProgram(program)).program).toEqual(program);
    expect(readProgram(JSON.stringify(program, null, 2)).program).toEqual(program);
    const vector = vectors('Lock').vectors[3];
    expect(readProgram(JSON.stringify(vector)).program).toEqual(vector?.program);
    const fromSession = readProgram(session);
    expect(fromSession.program).toEqual(program);
    expect(fromSession.trace?.initial).toEqual({ locked: false });
    expect(fromSession.trace?.ticks).toHaveLength(2);
    expect(firstDivergence(program, runModel(program), fromSession.trace ?? { ticks: [] })).toBeUndefined();
    expect(readTrace(JSON.stringify(trace))).toEqual(trace);
    expect(readTrace(JSON.stringify(trace.ticks))).toEqual({ ticks: trace.ticks });
    expect(readTrace(session)).toEqual(fromSession.trace);
  });

  it('and what cannot be read says why', () => {
    expect(() => readProgram('{"primitive":"Mutex","ticks":[]}')).toThrow(/"primitive" must be one of/);
    expect(() => readProgram('{"primitive":"Lock","params":{},"ticks":[[{"call":"acquire"}]]}')).toThrow(/tick 1, action 1/);
    expect(() => readProgram('Lock()')).toThrow(/neither a printed program/);
    expect(() => readTrace('{"ticks":[{"calls":[]}]}')).toThrow(/tick 1: a tick of a trace has/);
  });
});

describe('a link', () => {
  it('carries the program, the tick shown, another trace and live, and gives them back', () => {
    const program = parseProgram('new Queue({ maxsize: 1 })\n  tick 1: #0 putNowait(key 0); #1 put(key 1, { timeout: 5, signal: s0 })\n  tick 2: abort(s0); advance(5)');
    const other = { name: 'a port', trace: modelTrace(program) };
    const hash = toHash({ program, at: 1, other, live: true });
    expect(hash).toMatch(/^#program=new%20Queue/);
    expect(fromHash(hash)).toEqual({ program, at: 1, other, live: true });
    expect(fromHash(toHash({ program }))).toEqual({ program });
  });

  it('falls back to JSON when the printed form cannot carry the program', () => {
    const program: Program = { primitive: 'PriorityQueue', params: {}, ticks: [[{ call: 'put', id: 0, key: -1 }]] };
    const hash = toHash({ program });
    expect(hash).toMatch(/^#json=/);
    expect(fromHash(hash)).toEqual({ program });
    expect(fromHash('#nothing=1')).toBeUndefined();
  });
});

describe('a crafted link or pasted trace', () => {
  const program = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 5 })\n  tick 2: advance(5)');
  const trace = modelTrace(program);
  const link = (other: unknown, shown: Program = program): string => `${toHash({ program: shown })}&name=x&trace=${toBase64Url(JSON.stringify(other))}`;

  it('is refused with a message that says what is wrong, never run or called agreeing', () => {
    const broken = { ...trace, ticks: [{ ...trace.ticks[0], calls: [{ id: 0, result: null }, trace.ticks[0]?.calls[1]] }, trace.ticks[1]] };
    expect(() => fromHash(link(broken))).toThrow('tick 1, call 1: a result is {"kind": "pending"}, {"kind": "returned", "value"?} or {"kind": "threw", "error"}, got null');
    expect(() => fromHash(link({ ticks: [{ calls: [], settled: [{ id: 0, outcome: 'resolved', error: 'x' }], observed: {} }] }))).toThrow(/tick 1, settlement 1: a settlement is/);
    expect(() => fromHash(link({ ticks: [{ calls: [], settled: [], observed: { locked: [1] } }] }))).toThrow('tick 1: observer "locked" shows [1], which no trace holds');
    expect(() => fromHash(link({ ticks: [{ ...trace.ticks[0], extra: 1 }] }))).toThrow(/tick 1: unknown field "extra"/);
    const toString = { primitive: 'Lock', params: {}, ticks: [[{ call: 'toString', id: 0 }]] };
    expect(() => fromHash(`#json=${toBase64Url(JSON.stringify(toString))}`)).toThrow('tick 1, action 1: Lock has no call "toString"; its calls are acquire, tryAcquire, release, idle, runExclusive');
    expect(() => readProgram(JSON.stringify({ ...toString, ticks: [[{ call: 'constructor', id: 0 }]] }))).toThrow(/Lock has no call "constructor"/);
  });

  it('is refused when it is not a trace of the program: other calls, or more ticks', () => {
    const other = { ...trace, ticks: [{ ...trace.ticks[0], calls: [{ id: 0, result: { kind: 'pending' } }, { id: 7, result: { kind: 'pending' } }] }] };
    expect(() => fromHash(link(other))).toThrow('tick 1 of the trace has calls #0, #7, where the program makes #0, #1: it is not a trace of this program');
    expect(() => traceFor(program, { ticks: [...trace.ticks, trace.ticks[1] as TickTrace] })).toThrow('the trace has 3 ticks, the program 2: it is not a trace of this program');
    // One that stops early is a trace of it, as far as it goes.
    expect(traceFor(program, { ticks: trace.ticks.slice(0, 1) }).ticks).toHaveLength(1);
  });
});

describe('the state diagrams', () => {
  it('highlight a state drawn for the program’s configuration, and only then', () => {
    const lock = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire()');
    expect(diagramMatches(lock, runModel(lock).states[0]).map((m) => m.node)).toEqual(['locked\n1 waiter']);
    const semaphore = parseProgram('new Semaphore({ value: 0 })\n  tick 1: #0 acquire()');
    expect(diagramMatches(semaphore, runModel(semaphore).states[0]).map((m) => m.node)).toEqual(['value 0\n1 waiter']);
    const bounded = parseProgram('new BoundedSemaphore({ value: 3 })');
    expect(diagramMatches(bounded, runModel(bounded).initialState)).toMatchObject([{ node: undefined, why: 'it is drawn for new BoundedSemaphore(2), at most 2 waiters' }]);
    const crowd = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire(); #2 acquire(); #3 acquire()');
    expect(diagramMatches(crowd, runModel(crowd).states[0])[0]?.why).toMatch(/lies beyond the states drawn/);
    const priority = parseProgram('new PriorityQueue({ maxsize: 2 })\n  tick 1: #0 putNowait(key 1)');
    // The queues' diagrams: puts and gets (maxsize 2, drawn), tasks and join, and shutdown (maxsize 1: not this one).
    expect(diagramMatches(priority, runModel(priority).states[0]).map((m) => m.node)).toEqual(['1 item', undefined, undefined]);
  });
});

describe('another implementation’s trace', () => {
  it('parts from the model where the checker says, for every zoo counterexample the site links to', async () => {
    const replays = await zooReplays();
    expect(replays).toHaveLength(zoo.length);
    for (const [index, replay] of replays.entries()) {
      const shared = fromHash(replay.hash);
      expect(shared?.program).toEqual(parseProgram(zoo[index]?.caught.program ?? ''));
      if (shared?.other === undefined) throw new Error(`${replay.bug}: no trace in its link`);
      expect(firstDivergence(shared.program, runModel(shared.program), shared.other.trace)?.rule, replay.bug).toBe(zoo[index]?.caught.rule);
    }
  });
});

describe('live side by side', () => {
  it('agrees with the model on conformance vectors of every primitive', async () => {
    for (const primitive of PRIMITIVES) {
      for (const stored of vectors(primitive).vectors.filter((_, i) => i % 25 === 0)) {
        const run = await runLive(stored.program);
        if ('error' in run) throw new Error(run.error);
        expect(firstDivergence(stored.program, runModel(stored.program), run.trace), `${primitive} ${stored.name}`).toBeUndefined();
      }
    }
  });

  it('never leaves the page\'s timers faked: no other code sees them while it runs, and they are back however it ends', async () => {
    const real = { setTimeout: globalThis.setTimeout, setImmediate: globalThis.setImmediate, dateNow: Date.now };
    const program = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 5 })\n  tick 2: advance(5); #2 release()');
    // The page's own code, in the next macrotask: it must find its real timers.
    const seen = new Promise<unknown>((resolve) => real.setImmediate(() => resolve(globalThis.setTimeout)));
    const running = runLive(program);
    expect(await seen).toBe(real.setTimeout);
    expect('trace' in (await running)).toBe(true);
    // An implementation that throws, from a call and from a timer: the run says so, and gives the timers back.
    const acquire = toro.Lock.prototype.acquire;
    toro.Lock.prototype.acquire = function broken(): never {
      setTimeout(() => {
        throw new Error('from a timer');
      }, 1);
      throw new Error('from a call');
    };
    try {
      const run = await runLive(program);
      expect('trace' in run && run.trace.ticks[0]?.calls[0]?.result).toEqual({ kind: 'threw', error: 'Error' });
      expect('trace' in run && run.trace.ticks[1]?.escaped).toEqual(['uncaught exception in a timer: Error: from a timer', 'uncaught exception in a timer: Error: from a timer']);
    } finally {
      toro.Lock.prototype.acquire = acquire;
    }
    expect([globalThis.setTimeout, globalThis.setImmediate, Date.now]).toEqual([real.setTimeout, real.setImmediate, real.dateNow]);
  });

  it('says when the class refuses its parameters', async () => {
    expect(await runLive(parseProgram('new Semaphore({ value: -1 })'))).toEqual({ error: 'new Semaphore({"value":-1}) threw RangeError' });
  });
});

describe('composites', () => {
  it('are calls the explorer offers where the primitive has the call they stand for, and run on the model as the checker runs them', () => {
    expect(callRows('Lock').find((row) => row.call === 'runExclusive')).toMatchObject({ standsFor: 'acquire', waits: true, onHandle: false });
    expect(callRows('WeightedSemaphore').find((row) => row.call === 'runExclusive')).toMatchObject({ standsFor: 'acquire', countField: 'weight' });
    expect(callRows('RWLock').filter((row) => row.standsFor !== undefined).map((row) => row.call)).toEqual(['runRead', 'runWrite']);
    expect(callRows('Event').some((row) => row.standsFor !== undefined)).toBe(false);
    // The body holds the lock until release() on its handle; the grant comes back after the tick.
    const program = parseProgram('new Lock()\n  tick 1: #0 runExclusive(); #1 acquire()\n  tick 2: #2 release() on #0\n  tick 3: #3 tryAcquire()');
    const run = runModel(program);
    expect(run.ticks[0]?.settled).toEqual([{ id: 0, outcome: 'resolved', value: 'handle' }]);
    expect(run.ticks[1]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
  });
});

describe('the model’s state, as a reader reads it', () => {
  it('names who holds and who waits, oldest first, and a lock as locked', () => {
    const run = runModel(parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 5 }); #2 acquire()'));
    const lines = readState(run.states[0]);
    expect(lines.find((line) => line.field === 'value')).toMatchObject({ label: 'the lock is', text: 'locked' });
    expect(lines.find((line) => line.field === 'holders')?.list?.map((item) => item.text)).toEqual(['#0']);
    expect(lines.find((line) => line.field === 'waiters')?.list?.map((item) => item.text)).toEqual(['#1', '#2']);
  });

  it('lists a queue’s items as they entered and marks the one the next get takes', () => {
    const run = runModel(parseProgram('new PriorityQueue({ maxsize: 2 })\n  tick 1: #0 putNowait(key 2); #1 putNowait(key 1); #2 put(key 0)'));
    const lines = readState(run.states[0]);
    expect(lines.find((line) => line.field === 'buffer')?.list).toEqual([{ text: 'item #0', note: 'key 2' }, { text: 'item #1', note: 'key 1', next: true }]);
    expect(lines.find((line) => line.field === 'putters')?.list).toEqual([{ text: '#2', note: 'putting item #2 (key 0)' }]);
    expect(lines.find((line) => line.field === 'unfinished')?.text).toBe('2');
  });

  it('reads the observers with their call, and statistics by field', () => {
    expect(readObservation({ statistics: { locked: true, waiting: 1 }, locked: true })).toEqual([
      { label: 'statistics()', text: 'locked true, waiting 1', field: 'statistics' },
      { label: 'locked()', text: 'true', field: 'locked' },
    ]);
  });
});

describe('a pasted trace under contract choices', () => {
  // An Event whose waiters settle newest first within a tick: a difference of order only.
  const program = parseProgram('new Event()\n  tick 1: #0 wait(); #1 wait()\n  tick 2: #2 set()');
  const model = runModel(program);
  const reversed = { ticks: model.ticks.map((tick, i) => (i === 1 ? { ...tick, settled: [...tick.settled].reverse() } : tick)) };

  it('is compared as the checker compares it: the order differs under the model’s rules, not under settlementOrder perTick', () => {
    expect(firstDivergence(program, model, reversed)?.rule).toBe('settlementOrder');
    const choices = readChoices({ settlementOrder: 'perTick' });
    expect(firstDivergence(program, runModel(program, choices), reversed, choices)).toBeUndefined();
  });

  it('runs the model under the model choices it declares (a releaser that releases every time)', () => {
    const twice = parseProgram('new Semaphore({ value: 2 })\n  tick 1: #0 acquire(); #1 acquire()\n  tick 2: #2 release() on #0; #3 release() on #0');
    const observed = (choices: ContractChoices): unknown => runModel(twice, choices).ticks.at(-1)?.observed['value'];
    expect(observed({})).toBe(1);
    expect(observed({ releaser: 'everyCall' })).toBe(2);
  });

  it('refuses a choice or a value the checker does not know, naming it', () => {
    expect(() => readChoices({ ordering: 'perTick' })).toThrow(/no contract choice is named "ordering"/);
    expect(() => readChoices({ settlementOrder: 'sometimes' })).toThrow(/settlementOrder: "sometimes" is not one of "exact", "perTick"/);
    expect(readChoices({ zeroTimeout: { get: 'none' } })).toEqual({ zeroTimeout: { get: 'none' } });
  });

  it('travels in the link with the trace', () => {
    const shared = { program, other: { name: 'newest first', trace: reversed }, choices: { settlementOrder: 'perTick' as const } };
    expect(fromHash(toHash(shared))).toEqual({ ...shared, at: undefined } as never);
  });
});
