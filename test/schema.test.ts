/**
 * The JSON Schema of programs, traces and the driver protocol (conformance/schema/) describes
 * what the checker really makes and says: generated programs, the model's traces, and every
 * message PROTOCOL.md shows validate; malformed messages do not. (The drivers' own messages are
 * validated in conformance/drivers.test.ts, which needs Python.)
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { programs, type Capabilities } from '../check/generate/generate.js';
import { familyOf } from '../check/program/families/index.js';
import { modelTrace } from '../check/program/model-session.js';
import { PRIMITIVES, type Program } from '../check/program/program.js';

const ROOT = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'conformance/schema/protocol.schema.json'), 'utf8')) as { $id: string; $defs: Record<string, { enum?: unknown[] }> };
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajv.addSchema(schema);
const message = ajv.getSchema(schema.$id) as ValidateFunction;
const def = (name: string): ValidateFunction => ajv.getSchema(`${schema.$id}#/$defs/${name}`) as ValidateFunction;

/** The errors of `value` against `validate`, printed, or '' when it is valid. */
function errors(validate: ValidateFunction, value: unknown): string {
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

/** Everything a program may contain: every call of its family, handles, options, bad input. */
function everything(primitive: (typeof PRIMITIVES)[number]): Capabilities {
  return { calls: new Set(Object.keys(familyOf(primitive).calls)), handleRelease: true, timeout: true, signal: true, badInput: true };
}

const samples: Program[] = PRIMITIVES.flatMap((primitive) => fc.sample(programs(primitive, everything(primitive)), { numRuns: 60, seed: 7 }));

/** The JSON values in PROTOCOL.md's code blocks, in order (a value may span lines). */
function protocolExamples(): unknown[] {
  const text = readFileSync(join(ROOT, 'conformance/PROTOCOL.md'), 'utf8');
  const values: unknown[] = [];
  for (const block of text.matchAll(/```(?:json)?\n([\s\S]*?)```/g)) {
    let pending = '';
    for (const line of (block[1] as string).split('\n')) {
      pending += line.replace(/^[←→] /, '');
      try {
        values.push(JSON.parse(pending));
        pending = '';
      } catch {
        pending += '\n';
      }
    }
  }
  return values;
}

describe('the protocol schema', () => {
  test('names every primitive the models specify', () => {
    expect(schema.$defs['PrimitiveName']?.enum).toEqual([...PRIMITIVES]);
  });

  test('accepts every generated program, of every primitive', () => {
    expect(samples.length).toBe(PRIMITIVES.length * 60);
    expect(samples.map((program) => errors(def('Program'), program)).filter((e) => e !== '')).toEqual([]);
  });

  test("accepts the model's trace of each of them", () => {
    const traces = samples.map((program) => modelTrace(program));
    expect(traces.some((trace) => trace.ticks.some((tick) => tick.settled.length > 0))).toBe(true);
    expect(traces.map((trace) => errors(def('Trace'), trace)).filter((e) => e !== '')).toEqual([]);
  });

  test('accepts the messages of a session: start, tick and ticked for each program', () => {
    const sent = samples.flatMap((program) => {
      const trace = modelTrace(program);
      return [
        { type: 'start', primitive: program.primitive, params: program.params },
        { type: 'started', observed: trace.initial },
        ...program.ticks.flatMap((actions, i) => [
          { type: 'tick', actions },
          { type: 'ticked', ...trace.ticks[i] },
        ]),
      ];
    });
    expect(sent.map((m) => errors(message, m)).filter((e) => e !== '')).toEqual([]);
  });

  test('accepts programs with priorities, composite bodies and limits, and their traces with composites finishing', () => {
    const reach = (['Lock', 'WeightedSemaphore', 'Queue'] as const).flatMap((primitive) => {
      const composite = primitive === 'Queue' ? {} : { composites: { runExclusive: 'acquire' }, limits: { runExclusive: [1, 5] } };
      const priority = { calls: new Set(primitive === 'Queue' ? ['get', 'put'] : ['acquire', 'runExclusive']), values: [0, 1, 2] };
      return fc.sample(programs(primitive, { ...everything(primitive), ...composite, priority }), { numRuns: 60, seed: 7 });
    });
    const actions = reach.flatMap((program) => program.ticks.flat());
    expect(['priority', 'body', 'limit'].filter((field) => !actions.some((a) => field in a))).toEqual([]);
    expect(reach.map((program) => errors(def('Program'), program)).filter((e) => e !== '')).toEqual([]);
    const traces = reach.map((program) => modelTrace(program, { composites: { runExclusive: 'acquire' } }));
    expect(traces.some((trace) => trace.ticks.some((tick) => (tick.finished ?? []).length > 0))).toBe(true);
    expect(traces.map((trace) => errors(def('Trace'), trace)).filter((e) => e !== '')).toEqual([]);
    const hello = { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], priority: { calls: ['acquire'], values: [0, 1] } } } };
    expect(errors(message, hello)).toBe('');
  });

  test('accepts the optional reproduce exchange PROTOCOL.md shows, and a hello that offers it', () => {
    const examples = protocolExamples();
    const types = examples.map((m) => (m as { type?: string }).type);
    expect(types).toEqual(expect.arrayContaining(['reproduce', 'reproduction']));
    expect(errors(message, { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'] } }, reproduce: true })).toBe('');
  });

  test('accepts every message PROTOCOL.md shows', () => {
    const examples = protocolExamples();
    expect(examples.map((m) => (m as { type?: string }).type)).toEqual(expect.arrayContaining(['hello', 'start', 'started', 'tick', 'ticked', 'quit', 'reproduce', 'reproduction']));
    expect(examples.map((m) => errors(message, m)).filter((e) => e !== '')).toEqual([]);
  });

  test.each([
    ['a message of no known type', { type: 'ping' }],
    ['a hello of another protocol version', { type: 'hello', protocol: 2, name: 'x', primitives: { Lock: { calls: ['acquire'] } } }],
    ['a hello with no primitive', { type: 'hello', protocol: 1, name: 'x', primitives: {} }],
    ['a hello declaring a primitive no model specifies', { type: 'hello', protocol: 1, name: 'x', primitives: { Mutex: { calls: ['acquire'] } } }],
    ['a hello declaring an unknown choice', { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], choices: { fairness: 'none' } } } }],
    ['a hello declaring a choice value that does not exist', { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], choices: { releaser: 'twice' } } } }],
    ['a start without params', { type: 'start', primitive: 'Lock' }],
    ['a tick whose call has no id', { type: 'tick', actions: [{ call: 'acquire' }] }],
    ['a tick with a negative advance', { type: 'tick', actions: [{ advance: -1 }] }],
    ['a tick with an action that is two at once', { type: 'tick', actions: [{ abort: 1, advance: 5 }] }],
    ['a call with a timeout JSON cannot mean', { type: 'tick', actions: [{ call: 'acquire', id: 0, timeout: 'soon' }] }],
    ['a ticked without its settlements', { type: 'ticked', calls: [], observed: {} }],
    ['a ticked with an unknown result kind', { type: 'ticked', calls: [{ id: 0, result: { kind: 'maybe' } }], settled: [], observed: {} }],
    ['a ticked whose thrown call names no error', { type: 'ticked', calls: [{ id: 0, result: { kind: 'threw' } }], settled: [], observed: {} }],
    ['a ticked with an unknown outcome', { type: 'ticked', calls: [], settled: [{ id: 0, outcome: 'done' }], observed: {} }],
    ['a ticked whose timeout carries a value', { type: 'ticked', calls: [], settled: [{ id: 0, outcome: 'timeout', value: false }], observed: {} }],
    ['a ticked counting listeners on something not a signal', { type: 'ticked', calls: [], settled: [], observed: {}, resources: { timers: 0, listeners: { x: 1 } } }],
    ['an error without its message', { type: 'error' }],
    ['a hello whose offer of reproductions is not a boolean', { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'] } }, reproduce: 'yes' }],
    ['a reproduction whose file is not text', { type: 'reproduction', language: 'Rust', files: { 'main.rs': 1 }, run: 'cargo run' }],
    ['a call whose body is of no known kind', { type: 'tick', actions: [{ call: 'runExclusive', id: 0, body: 'sleeps' }] }],
    ['a call with a limit of no time', { type: 'tick', actions: [{ call: 'runExclusive', id: 0, limit: 0 }] }],
    ['a call whose priority is not a number', { type: 'tick', actions: [{ call: 'acquire', id: 0, priority: 'high' }] }],
    ['a hello declaring priorities without their calls', { type: 'hello', protocol: 1, name: 'x', primitives: { Lock: { calls: ['acquire'], priority: { values: [1] } } } }],
    ['a reproduce without its divergence', { type: 'reproduce', primitive: 'Lock', program: { primitive: 'Lock', params: {}, ticks: [] }, expected: { initial: {}, ticks: [] } }],
    ['a reproduction writing to an absolute path', { type: 'reproduction', language: 'Rust', files: { '/etc/passwd': 'x' }, run: 'cargo run' }],
    ['a reproduction writing outside its folder', { type: 'reproduction', language: 'Go', files: { 'src/../../main.go': 'x' }, run: 'go run .' }],
    ['a reproduction with no file', { type: 'reproduction', language: 'Go', files: {}, run: 'go run .' }],
    ['a reproduction with no command to run it', { type: 'reproduction', language: 'Go', files: { 'main.go': 'package main' } }],
  ])('refuses %s', (_what, bad) => {
    expect(message(bad)).toBe(false);
  });
});
