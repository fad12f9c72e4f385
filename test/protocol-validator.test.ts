/**
 * The checker validates driver messages at run time with a validator of its own
 * (check/run/schema.ts, no dependency) over the schema it carries (check/run/protocol-schema.ts):
 * the schema is the file's, and the validator's verdict is ajv's, on valid messages and on
 * invalid ones, for every definition of the schema.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { embedded } from '../conformance/schema/embed.js';
import { programs, type Capabilities } from '../check/generate/generate.js';
import { familyOf } from '../check/program/families/index.js';
import { modelTrace } from '../check/program/model-session.js';
import { PRIMITIVES, type Program } from '../check/program/program.js';
import { PROTOCOL_SCHEMA } from '../check/run/protocol-schema.js';
import { SchemaKeywordError, SchemaValidator } from '../check/run/schema.js';

const ROOT = join(import.meta.dirname, '..');
const text = readFileSync(join(ROOT, 'conformance/schema/protocol.schema.json'), 'utf8');
const schema = JSON.parse(text) as { $id: string; $defs: Record<string, unknown> };
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajv.addSchema(schema);
const validator = new SchemaValidator(PROTOCOL_SCHEMA);
const REFS = ['#', ...Object.keys(schema.$defs).map((name) => `#/$defs/${name}`)];
const ajvOf = new Map(REFS.map((ref) => [ref, ajv.getSchema(`${schema.$id}${ref === '#' ? '' : ref}`) as ValidateFunction]));

/** The refs where the validator and ajv disagree on `value`, with ajv's verdict. */
function disagreements(value: unknown): string[] {
  return REFS.filter((ref) => (validator.problem(ref, value) === undefined) !== (ajvOf.get(ref) as ValidateFunction)(value)).map((ref) => `${ref}: ajv says ${String((ajvOf.get(ref) as ValidateFunction)(value))}`);
}

const everything = (primitive: (typeof PRIMITIVES)[number]): Capabilities => ({ calls: new Set(Object.keys(familyOf(primitive).calls)), handleRelease: true, timeout: true, signal: true, badInput: true });
const samples: Program[] = PRIMITIVES.flatMap((primitive) => fc.sample(programs(primitive, everything(primitive)), { numRuns: 8, seed: 11 }));

/** Valid messages of every kind: a session for each sample, hellos, errors and reproductions. */
const valid: unknown[] = [
  ...samples.flatMap((program) => {
    const trace = modelTrace(program);
    const divergence = { rule: 'fifo', tick: 1, summary: 's', expected: 'e', actual: 'a' };
    return [
      program,
      trace,
      { type: 'start', primitive: program.primitive, params: program.params },
      { type: 'started', observed: trace.initial },
      ...program.ticks.flatMap((actions, i) => [
        { type: 'tick', actions },
        { type: 'ticked', ...trace.ticks[i] },
      ]),
      { type: 'reproduce', primitive: program.primitive, program, expected: trace, divergence },
    ];
  }),
  { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], observers: ['locked'], options: { timeout: false }, choices: { refusedRelease: 'ignored', zeroTimeout: { acquire: 'none' } } } }, reproduce: true },
  { type: 'hello', protocol: 1, name: 'x', primitives: { Semaphore: { calls: ['acquire', 'release'], handleRelease: true, params: { value: [0, 1] }, badInput: false } } },
  { type: 'error', message: 'no' },
  { type: 'tick', actions: [{ call: 'runExclusive', id: 0, body: 'throws', limit: 0.5, priority: -1 }] },
  { type: 'quit' },
  { type: 'reproduction', language: 'Rust', files: { 'Cargo.toml': '[package]', 'src/main.rs': 'fn main() {}' }, run: 'cargo run --offline' },
];

/** Values that break the schema in one place each: the kinds of mistake a driver makes. */
const invalid: unknown[] = [
  { type: 'ping' },
  { type: 'hello', protocol: 1, name: 'x', primitives: null },
  { type: 'hello', protocol: 1, name: '', primitives: { Lock: { calls: ['acquire'] } } },
  { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire', 'acquire'] } } },
  { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: 'acquire' } } },
  { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], params: { value: [] } } } },
  { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], params: { value: ['1'] } } } },
  { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'] } }, reproduce: 'yes' },
  { type: 'ticked', calls: 'x', settled: [], observed: {} },
  { type: 'ticked', calls: [{ id: -1, result: { kind: 'pending' } }], settled: [], observed: {} },
  { type: 'ticked', calls: [{ id: 1.5, result: { kind: 'pending' } }], settled: [], observed: {} },
  { type: 'ticked', calls: [{ id: 0, result: { kind: 'threw', error: '' } }], settled: [], observed: {} },
  { type: 'ticked', calls: [], settled: [{ id: 0, outcome: 'rejected' }], observed: {} },
  { type: 'ticked', calls: [], settled: [], observed: { locked: [true] } },
  { type: 'ticked', calls: [], settled: [], observed: { statistics: { waiting: { n: 1 } } } },
  { type: 'ticked', calls: [], settled: [], observed: {}, resources: { timers: -1, listeners: {} } },
  { type: 'ticked', calls: [], settled: [], observed: {}, extra: 1 },
  { type: 'reproduction', language: 'Rust', files: {}, run: 'x' },
  { type: 'tick', actions: [{ call: 'runExclusive', id: 0, limit: 0 }] },
  { type: 'tick', actions: [{ call: 'acquire', id: 0, priority: 'high' }] },
  { type: 'reproduction', language: 'Rust', files: { 'src/../../x': 'a' }, run: 'x' },
  { type: 'reproduction', language: 'Rust', files: { '/etc/x': 'a' }, run: 'x' },
  { type: 'reproduction', language: 'Rust', files: { 'a\\b': 'a' }, run: 'x' },
  { type: 'reproduction', language: 'Rust', files: { a: 1 }, run: 'x' },
  { type: 'reproduce', primitive: 'Lock', program: { primitive: 'Lock', params: {}, ticks: [] }, expected: { initial: {}, ticks: [] }, divergence: { rule: '', tick: 0, summary: '', expected: '', actual: '' } },
  null,
  [],
  'hello',
  42,
];

/** A change at one place of a JSON value: a field dropped, added or replaced, an element repeated. */
function mutate(value: unknown, at: number, change: 'drop' | 'add' | 'replace' | 'repeat', replacement: unknown, key: string): unknown {
  let index = 0;
  const walk = (node: unknown): unknown => {
    const here = index++ === at;
    if (Array.isArray(node)) {
      if (here && node.length > 0) return change === 'drop' ? node.slice(1) : change === 'repeat' ? [node[0], ...node] : change === 'add' ? [...node, replacement] : replacement;
      return node.map(walk);
    }
    if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      if (here && change === 'drop' && entries.length > 0) return Object.fromEntries(entries.slice(1));
      if (here && change === 'add') return { ...node, [key]: replacement };
      if (here && change === 'replace') return replacement;
      return Object.fromEntries(entries.map(([k, v]) => [k, walk(v)]));
    }
    return here ? replacement : node;
  };
  return walk(value);
}

describe('the schema the checker carries', () => {
  test('is conformance/schema/protocol.schema.json (npm run schema:embed writes it)', () => {
    expect(readFileSync(join(ROOT, 'check/run/protocol-schema.ts'), 'utf8')).toBe(embedded(text));
  });

  test('uses only keywords the validator checks; one it does not is refused, not ignored', () => {
    expect(() => new SchemaValidator(schema as never)).not.toThrow();
    expect(() => new SchemaValidator({ $defs: { Name: { type: 'string', maxLength: 3 } } })).toThrow(SchemaKeywordError);
    expect(() => new SchemaValidator({ $ref: 'other.json#/x' })).toThrow(SchemaKeywordError);
  });
});

describe("the run-time validator agrees with ajv, for every definition of the schema", () => {
  test('on valid messages of every kind', () => {
    expect(valid.filter((value) => validator.problem('#', value) !== undefined && (value as { type?: unknown }).type !== undefined)).toEqual([]);
    expect(valid.flatMap(disagreements)).toEqual([]);
  });

  test('on messages that break the schema in one place', () => {
    expect(invalid.every((value) => validator.problem('#', value) !== undefined)).toBe(true);
    expect(invalid.flatMap(disagreements)).toEqual([]);
  });

  test('on valid messages changed at random (dropped, added, replaced and repeated parts)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(200), fc.constantFrom('drop', 'add', 'replace', 'repeat' as const), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('type', 'id', 'kind', 'value', 'x', '__proto__', 'constructor'), (value, at, change, replacement, key) => {
        expect(disagreements(mutate(value, at, change, replacement, key))).toEqual([]);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  test('on any JSON at all', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(disagreements(value)).toEqual([]);
      }),
      { numRuns: 500, seed: 4 },
    );
  });
});

describe('a problem is said in one line, at its place', () => {
  test.each([
    ['Hello', { type: 'hello', protocol: 1, name: 'x', primitives: null }, 'primitives must be object, got null'],
    ['Hello', { type: 'hello', protocol: 1, name: 'x', primitives: { Mutex: { calls: [] } } }, 'primitives.Mutex is not a name it may have: must be one of "Semaphore", "BoundedSemaphore", "Lock", "WeightedSemaphore", "RWLock", "Event", "Condition", "Barrier", "Queue", "PriorityQueue", "LifoQueue"; got "Mutex"'],
    ['Ticked', { type: 'ticked', calls: [{ id: 0, result: { kind: 'threw' } }], settled: [], observed: {} }, 'calls[0].result lacks error'],
    ['Ticked', { type: 'ticked', calls: [], settled: [{ id: 0, outcome: 'timeout', value: false }], observed: {} }, 'settled[0].value is not a field it may have'],
    ['Ticked', { type: 'ticked', calls: [{ id: 0, result: { kind: 'maybe' } }], settled: [], observed: {} }, 'calls[0].result is none of the forms it may take: {"kind":"maybe"}'],
    ['Ticked', { type: 'ticked', calls: [], settled: [], observed: { 'a\nb': [1] } }, 'observed["a\\nb"] is none of the forms it may take: [1]'],
  ])('%s %j', (definition, value, said) => {
    const problem = validator.problem(`#/$defs/${definition}`, value);
    expect(problem === undefined ? '' : `${problem.path} ${problem.message}`).toBe(said);
  });
});
