/**
 * `npm run vectors`: writes the conformance vectors, one file per primitive, under
 * conformance/vectors/. Each vector is a program with the trace the model gives it:
 *
 * - **exhaustive**: every program of up to three ticks, one action a tick, from a small alphabet
 *   of the primitive's calls (with and without a timeout and a signal, on a handle, time
 *   passing, an abort), from small initial states; and every program of one such tick, or
 *   none, then a waiting call with a bad timeout (each of -1, 1.5, NaN, Infinity and 2^31),
 *   which the models refuse with a `RangeError`;
 * - **zoo**: the program the checker finds for each bug of the zoo (those in the base vocabulary:
 *   no priorities, no composite's body or limit);
 * - **random**: a seeded sample of the checker's own random programs.
 *
 * `--check` compares instead of writing, and fails when the files differ from what the models
 * produce now (the drift test runs the same comparison).
 *
 * @module
 */

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { programs, type Capabilities } from '../check/generate/generate.js';
import { familyOf, NATIVE_COMPOSITES } from '../check/program/families/index.js';
import { parseProgram, PRIMITIVES, type Action, type CallAction, type Num, type PrimitiveName, type Program } from '../check/program/program.js';
import { vector, VECTORS_VERSION, type Vector, type VectorFile } from '../check/vectors.js';
import { zoo } from '../properties/zoo/catalog.js';

export const VECTORS_DIR = fileURLToPath(new URL('./vectors', import.meta.url));

/** One letter of an alphabet: the action(s) it makes, given the next call id and the calls that may hold a handle. */
type Letter = (id: number, handles: readonly number[]) => Action | undefined;

const call = (name: string, extra: Partial<Record<'timeout' | 'signal' | 'key' | 'n' | 'weight', number>> = {}): Letter => (id) => ({ call: name, id, ...extra });
const onHandle: Letter = (id, handles) => (handles[0] === undefined ? undefined : { call: 'release', id, on: handles[0] });
const advance: Letter = () => ({ advance: 5 });
const abort: Letter = () => ({ abort: 0 });
const cancellable = { timeout: 5, signal: 0 };

const semaphoreLetters: readonly Letter[] = [call('acquire'), call('acquire', cancellable), call('tryAcquire'), call('release'), onHandle, advance, abort];
const shutdown = (immediate: boolean): Letter => (id) => ({ call: 'shutdown', id, ...(immediate ? { immediate: true as const } : {}) });
const queueLetters: readonly Letter[] = [call('put', { ...cancellable, key: 1 }), call('putNowait'), call('get'), call('get', cancellable), call('taskDone'), call('join'), shutdown(true), advance, abort];
/** For the orders, fewer letters: puts of two priorities, takes, and a shutdown. */
const orderLetters: readonly Letter[] = [call('put', { key: 1, timeout: 5 }), call('putNowait'), call('get'), call('getNowait'), shutdown(false), advance];

/** The alphabet and initial parameters of each primitive's exhaustive programs. */
const exhaustive: Readonly<Record<PrimitiveName, { readonly letters: readonly Letter[]; readonly params: readonly Program['params'][] }>> = {
  Semaphore: { letters: semaphoreLetters, params: [{ value: 0 }, { value: 1 }] },
  BoundedSemaphore: { letters: semaphoreLetters, params: [{ value: 1 }] },
  Lock: { letters: semaphoreLetters, params: [{}] },
  WeightedSemaphore: {
    letters: [call('acquire', { weight: 1 }), call('acquire', { weight: 2, ...cancellable }), call('tryAcquire', { weight: 1 }), onHandle, advance, abort],
    params: [{ capacity: 2 }],
  },
  RWLock: {
    letters: [call('acquireRead'), call('acquireWrite'), call('acquireRead', cancellable), call('tryAcquireWrite'), onHandle, advance, abort],
    params: [{ maxReaders: 2 }],
  },
  Event: { letters: [call('wait'), call('wait', cancellable), call('set'), call('clear'), advance, abort], params: [{}] },
  Condition: { letters: [call('wait'), call('wait', cancellable), call('notify'), call('notify', { n: 2 }), call('notifyAll'), advance, abort], params: [{}] },
  Barrier: { letters: [call('wait'), call('wait', cancellable), call('reset'), call('abort'), advance, abort], params: [{ parties: 3 }] },
  Queue: { letters: queueLetters, params: [{ maxsize: 1 }] },
  PriorityQueue: { letters: orderLetters, params: [{ maxsize: 2 }] },
  LifoQueue: { letters: orderLetters, params: [{ maxsize: 2 }] },
};

/** The waiting calls each primitive's bad timeouts are tried on. */
const badTimeoutCalls: Readonly<Record<PrimitiveName, readonly Letter[]>> = {
  Semaphore: [call('acquire')],
  BoundedSemaphore: [call('acquire')],
  Lock: [call('acquire')],
  WeightedSemaphore: [call('acquire', { weight: 1 })],
  RWLock: [call('acquireRead'), call('acquireWrite')],
  Event: [call('wait')],
  Condition: [call('wait')],
  Barrier: [call('wait')],
  Queue: [call('put', { key: 1 }), call('get'), call('join')],
  PriorityQueue: [call('get')],
  LifoQueue: [call('get')],
};

/** Timeouts the models refuse, as a program carries them. */
const BAD_TIMEOUTS: readonly Num[] = [-1, 1.5, 'NaN', 'Infinity', 2 ** 31];

/** The depth of the exhaustive programs: ticks of one action each. */
const DEPTH = 3;
/** Random programs per primitive, their most ticks, and the seed that draws them. */
const RANDOM = { count: 15, maxTicks: 8, seed: 20150526 };

/** Every program of up to DEPTH one-action ticks over the primitive's alphabet. */
function exhaustivePrograms(primitive: PrimitiveName): Program[] {
  const { letters, params } = exhaustive[primitive];
  const givesHandle = new Set(Object.entries(familyOf(primitive).calls).filter(([, info]) => info.givesHandle === true).map(([name]) => name));
  const found: Program[] = [];
  const grow = (p: Program['params'], ticks: Action[][], nextId: number, handles: number[]): void => {
    if (ticks.length > 0) found.push({ primitive, params: p, ticks });
    if (ticks.length === DEPTH) return;
    for (const letter of letters) {
      const action = letter(nextId, handles);
      if (action === undefined) continue;
      const isCall = 'call' in action;
      const more = isCall && action.on === undefined && givesHandle.has(action.call) ? [...handles, nextId] : handles;
      grow(p, [...ticks, [action]], isCall ? nextId + 1 : nextId, more);
    }
  };
  for (const p of params) grow(p, [], 0, []);
  return found;
}

/** Every program of at most one tick of the alphabet, then a waiting call with each bad timeout. */
function badTimeoutPrograms(primitive: PrimitiveName): Program[] {
  const { letters, params } = exhaustive[primitive];
  const prefixes: (readonly Action[])[] = [[], ...letters.flatMap((letter) => [letter(0, [])].filter((a): a is Action => a !== undefined).map((a) => [a]))];
  return params.flatMap((p) =>
    prefixes.flatMap((prefix) => {
      const id = prefix.some((a) => 'call' in a) ? 1 : 0;
      return badTimeoutCalls[primitive].flatMap((letter) =>
        BAD_TIMEOUTS.map((timeout): Program => ({ primitive, params: p, ticks: [...(prefix.length === 0 ? [] : [prefix]), [{ ...(letter(id, []) as CallAction), timeout }]] })),
      );
    }),
  );
}

/** The checker's random programs for `primitive`, every call and option allowed. */
function randomPrograms(primitive: PrimitiveName): Program[] {
  const family = familyOf(primitive);
  const capabilities: Capabilities = { calls: new Set(Object.keys(family.calls)), handleRelease: true, timeout: true, signal: true, badInput: true };
  return fc.sample(programs(primitive, capabilities, RANDOM.maxTicks), { numRuns: RANDOM.count, seed: RANDOM.seed + PRIMITIVES.indexOf(primitive) });
}


/** A zoo program in the models' vocabulary: a composite call (`runExclusive`) becomes the call it stands for. */
function inModelCalls(program: Program): Program {
  return { ...program, ticks: program.ticks.map((tick) => tick.map((action) => ('call' in action && NATIVE_COMPOSITES[action.call] !== undefined ? { ...action, call: NATIVE_COMPOSITES[action.call] as string } : action))) };
}

/**
 * Whether a zoo program keeps to what every port replays: no priorities (a port declares them),
 * no composite's body or limit (the protocol has no composites). The others stay in the zoo.
 */
function inBaseVocabulary(program: Program): boolean {
  return program.ticks.every((tick) => tick.every((action) => !('call' in action) || (action.priority === undefined && action.body === undefined && action.limit === undefined)));
}

/** Every vector of `primitive`, in a stable order. */
export function vectorsOf(primitive: PrimitiveName): Vector[] {
  const vectors: Vector[] = [];
  exhaustivePrograms(primitive).forEach((program, i) => vectors.push(vector(`exhaustive-${i + 1}`, 'exhaustive', program)));
  badTimeoutPrograms(primitive).forEach((program, i) => vectors.push(vector(`bad-timeout-${i + 1}`, 'exhaustive', program)));
  for (const entry of zoo) {
    const program = inModelCalls(parseProgram(entry.caught.program));
    if (program.primitive === primitive && inBaseVocabulary(program)) vectors.push(vector(`zoo: ${entry.bug}`, 'zoo', program));
  }
  randomPrograms(primitive).forEach((program, i) => vectors.push(vector(`random-${i + 1}`, 'random', program)));
  return vectors;
}

/** A file's text: one vector a line, so that a change shows as a change of lines. */
export function fileText(primitive: PrimitiveName): string {
  const file: VectorFile = { version: VECTORS_VERSION, primitive, vectors: vectorsOf(primitive) };
  const lines = file.vectors.map((v) => `    ${JSON.stringify(v)}`);
  return `{\n  "version": ${file.version},\n  "primitive": ${JSON.stringify(primitive)},\n  "vectors": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

export const fileOf = (primitive: PrimitiveName): string => join(VECTORS_DIR, `${primitive}.json`);

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const checking = process.argv.includes('--check');
  mkdirSync(VECTORS_DIR, { recursive: true });
  let drifted = 0;
  let total = 0;
  let bytes = 0;
  for (const primitive of PRIMITIVES) {
    const text = fileText(primitive);
    const count = (text.match(/\n {4}\{/g) ?? []).length;
    total += count;
    bytes += text.length;
    if (checking) {
      let committed = '';
      try {
        committed = readFileSync(fileOf(primitive), 'utf8');
      } catch {
        // A missing file has drifted too.
      }
      if (committed !== text) {
        drifted++;
        console.log(`${primitive}: differs from what the models produce now`);
      }
    } else {
      writeFileSync(fileOf(primitive), text);
      console.log(`${primitive.padEnd(16)} ${String(count).padStart(5)} vectors  ${(text.length / 1024).toFixed(0).padStart(5)} KiB`);
    }
  }
  console.log(`${total} vectors, ${(bytes / 1024 / 1024).toFixed(2)} MiB${checking ? `; ${drifted === 0 ? 'no drift' : `${drifted} files drifted: run npm run vectors`}` : ''}`);
  process.exitCode = drifted === 0 ? 0 : 1;
}
