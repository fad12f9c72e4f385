/**
 * Programs are validated before they run (check/program/validate.ts): by the JSON Schema's
 * rules and the primitive's family, with one line that says where and what is wrong. The
 * command line's `--program` and the docs explorer read programs through it; a program it
 * accepts is one the schema accepts, and every program the generator makes is accepted.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { programs, type Capabilities } from '../check/generate/generate.js';
import { familyOf, NATIVE_COMPOSITES } from '../check/program/families/index.js';
import { ProgramError } from '../check/program/model-session.js';
import { PRIMITIVES, type PrimitiveName, type Program } from '../check/program/program.js';
import { validateProgram } from '../check/program/validate.js';

const ROOT = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'conformance/schema/protocol.schema.json'), 'utf8')) as { $id: string; $defs: Record<string, { allOf?: { if: { properties: { primitive: { enum?: string[]; const?: string } } }; then: { properties: { params: { propertyNames?: { enum: string[] } } } } }[] }> };
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajv.addSchema(schema);
const schemaProgram = ajv.getSchema(`${schema.$id}#/$defs/Program`) as ValidateFunction;

/** The one line `validateProgram` refuses `value` with, or 'valid'. */
function refusal(value: unknown, context?: Parameters<typeof validateProgram>[1]): string {
  try {
    validateProgram(value, context);
    return 'valid';
  } catch (error) {
    expect(error).toBeInstanceOf(ProgramError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
}

const lock = (ticks: unknown): unknown => ({ primitive: 'Lock', params: {}, ticks });

describe('a program that is not one is refused with one line that says where and what', () => {
  test.each<[string, unknown, RegExp]>([
    ['null', null, /^a program is an object with "primitive", "params" and "ticks", got null$/],
    ['an array', [], /^a program is an object/],
    ['a misspelled action, the issue\'s example', lock([[{ Call: 'acquire', id: 0 }]]), /^tick 1, action 1: unknown field "Call" \(did you mean "call"\?\)$/],
    ['a misspelled field of a call', lock([[{ call: 'acquire', id: 0, Timeout: 5 }]]), /^tick 1, action 1: unknown field "Timeout" \(did you mean "timeout"\?\)$/],
    ['a field no program has', { primitive: 'Lock', params: {}, ticks: [], seed: 3 }, /^the program: unknown field "seed"; the fields are primitive, params, ticks$/],
    ['a primitive no model specifies', { primitive: 'Mutex', params: {}, ticks: [] }, /^"primitive" must be one of Semaphore, .*, got "Mutex"$/],
    ['params that are not an object', { primitive: 'Lock', params: null, ticks: [] }, /^"params" must be an object/],
    ['a parameter the primitive does not take', { primitive: 'Semaphore', params: { vaule: 1 }, ticks: [] }, /^new Semaphore\(\) takes "value", not "vaule"$/],
    ['a parameter of a primitive that takes none', { primitive: 'Lock', params: { value: 1 }, ticks: [] }, /^new Lock\(\) takes no parameters, got "value"$/],
    ['parameters the constructor refuses', { primitive: 'Semaphore', params: { value: -1 }, ticks: [] }, /^new Semaphore\(\{"value":-1\}\) throws RangeError/],
    ['ticks that are not an array', { primitive: 'Lock', params: {}, ticks: {} }, /^"ticks" must be an array/],
    ['a tick that is not an array', lock([{ call: 'acquire', id: 0 }]), /^tick 1: a tick is an array of actions/],
    ['an action that is two at once', lock([[{ abort: 1, advance: 5 }]]), /^tick 1, action 1: an action is one call/],
    ['a call without an id', lock([[{ call: 'acquire' }]]), /^tick 1, action 1 \(acquire\): "id" must be an integer from 0, got nothing$/],
    ['a duplicate id', lock([[{ call: 'acquire', id: 0 }], [{ call: 'acquire', id: 0 }]]), /^tick 2, action 1 \(#0 acquire\): ids increase through the program, each used once; #0 comes after #0$/],
    ['an id that goes down', lock([[{ call: 'acquire', id: 3 }, { call: 'acquire', id: 1 }]]), /^tick 1, action 2 \(#1 acquire\): ids increase/],
    ['a negative id', lock([[{ call: 'acquire', id: -1 }]]), /"id" must be an integer from 0, got -1/],
    ['a fractional id', lock([[{ call: 'acquire', id: 0.5 }]]), /"id" must be an integer from 0, got 0.5/],
    ['a negative advance', lock([[{ advance: -1 }]]), /^tick 1, action 1: advance takes a whole number of milliseconds from 0, got -1$/],
    ['a fractional advance', lock([[{ advance: 1.5 }]]), /advance takes a whole number of milliseconds from 0, got 1.5$/],
    ['an infinite advance', lock([[{ advance: 'Infinity' }]]), /advance takes a whole number of milliseconds from 0, got "Infinity"$/],
    ['a not-a-number advance', lock([[{ advance: Number.NaN }]]), /advance takes a whole number of milliseconds from 0, got null$/],
    ['an advance with a stray field', lock([[{ advance: 1, by: 2 }]]), /unknown field "by"/],
    ['a signal that is no number', lock([[{ call: 'acquire', id: 0, signal: 's1' }]]), /"signal" names a signal by its number, an integer from 0, got "s1"$/],
    ['an abort of a negative signal', lock([[{ abort: -1 }]]), /abort names a signal by its number, an integer from 0, got -1$/],
    ['a call the primitive lacks', lock([[{ call: 'fly', id: 0 }]]), /^tick 1, action 1: Lock has no call "fly"; its calls are acquire, tryAcquire, release, idle$/],
    ['a call of another primitive', lock([[{ call: 'put', id: 0 }]]), /Lock has no call "put"/],
    ['an argument the call does not take', lock([[{ call: 'tryAcquire', id: 0, timeout: 5 }]]), /^tick 1, action 1 \(tryAcquire\): tryAcquire takes no "timeout"$/],
    ['a timeout that JSON cannot mean', lock([[{ call: 'acquire', id: 0, timeout: 'soon' }]]), /"timeout" must be a number \(or "NaN", "Infinity", "-Infinity"\), got "soon"$/],
    ['a key on a call that takes none', { primitive: 'Queue', params: {}, ticks: [[{ call: 'get', id: 0, key: 1 }]] }, /get takes no "key"/],
    ['immediate given as false', { primitive: 'Queue', params: {}, ticks: [[{ call: 'shutdown', id: 0, immediate: false }]] }, /"immediate" is true or absent, got false$/],
    ['on that names no earlier call', lock([[{ call: 'release', id: 0, on: 4 }]]), /"on" names #4, which is no earlier call$/],
    ['on that names a call given no handle', lock([[{ call: 'release', id: 0 }, { call: 'release', id: 1, on: 0 }]]), /"on" names #0, a call that is given no handle$/],
    ['on that names the call itself', lock([[{ call: 'acquire', id: 0 }, { call: 'release', id: 1, on: 1 }]]), /"on" names #1, which is no earlier call$/],
    ['on, on a call never made on a handle', lock([[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1, on: 0 }]]), /acquire is not made on a handle, yet "on" is 0$/],
    ['a priority on a call served in arrival order', { primitive: 'Event', params: {}, ticks: [[{ call: 'wait', id: 0, priority: 1 }]] }, /wait takes no "priority"/],
    ['a priority that is not a finite number', lock([[{ call: 'acquire', id: 0, priority: 'high' }]]), /"priority" must be a finite number, got "high"$/],
    ['a body on a call that is no composite', lock([[{ call: 'acquire', id: 0, body: 'throws' }]]), /acquire takes no "body"/],
    ['a release made only on a handle, without on', { primitive: 'RWLock', params: {}, ticks: [[{ call: 'release', id: 0 }]] }, /release is made on a handle: "on" names the call that was given it$/],
  ])('%s', (_what, value, message) => {
    expect(refusal(value)).toMatch(message);
  });

  test('a call the target lacks is refused when the target is named; composites are its calls too', () => {
    const offers = { calls: new Set(['acquire', 'release']), handleRelease: false, name: 'a lock' };
    expect(refusal(lock([[{ call: 'tryAcquire', id: 0 }]]), { offers })).toMatch(/^tick 1, action 1 \(tryAcquire\): a lock offers no tryAcquire$/);
    expect(refusal(lock([[{ call: 'acquire', id: 0 }], [{ call: 'release', id: 1, on: 0 }]]), { offers })).toMatch(/a lock offers no release on a handle$/);
    expect(refusal(lock([[{ call: 'runExclusive', id: 0 }]]), { offers })).toMatch(/Lock has no call "runExclusive"/);
    const composite = lock([[{ call: 'runExclusive', id: 0, timeout: 5 }], [{ call: 'release', id: 1, on: 0 }]]);
    expect(refusal(composite, { offers, composites: NATIVE_COMPOSITES })).toBe('valid');
    expect(refusal(lock([[{ call: 'runExclusive', id: 0, on: 0 }]]), { composites: NATIVE_COMPOSITES })).toMatch(/runExclusive is not made on a handle/);
    expect(refusal(lock([[{ call: 'runExclusive', id: 0, body: 'sleeps' }]]), { composites: NATIVE_COMPOSITES })).toMatch(/"body" is one of "returns", "throws", "rejects" or absent \(held\), got "sleeps"$/);
    expect(refusal(lock([[{ call: 'runExclusive', id: 0, limit: 0 }]]), { composites: NATIVE_COMPOSITES })).toMatch(/"limit" must be a positive number of milliseconds, got 0$/);
    const runs = { ...offers, calls: new Set(['acquire']) };
    expect(refusal(lock([[{ call: 'runExclusive', id: 0, limit: 5 }]]), { offers: runs, composites: NATIVE_COMPOSITES })).toMatch(/a lock takes no limit for runExclusive$/);
    expect(refusal(lock([[{ call: 'acquire', id: 0, priority: 2 }]]), { offers: runs })).toMatch(/a lock takes no priority for acquire$/);
    expect(refusal(lock([[{ call: 'acquire', id: 0, priority: 2 }]]), { offers: { ...runs, priority: new Set(['acquire']) } })).toBe('valid');
    expect(refusal(lock([[{ call: 'runExclusive', id: 0, body: 'throws' }]]), { offers: { ...runs, bodies: { runExclusive: ['held', 'returns'] } }, composites: NATIVE_COMPOSITES })).toMatch(/a lock's runExclusive takes no body that throws$/);
  });
});

/** Everything a program may contain: every call of its family, handles, options, bad input. */
function everything(primitive: PrimitiveName): Capabilities {
  const family = familyOf(primitive);
  const composites = Object.fromEntries(Object.entries(NATIVE_COMPOSITES).filter(([, as]) => family.calls[as] !== undefined));
  const priority = Object.entries(family.calls).filter(([, info]) => info.priority === true).map(([name]) => name);
  return {
    calls: new Set(Object.keys(family.calls)),
    handleRelease: true,
    timeout: true,
    signal: true,
    badInput: true,
    composites,
    limits: Object.fromEntries(Object.keys(composites).map((name) => [name, [1, 5]])),
    ...(priority.length === 0 ? {} : { priority: { calls: new Set([...priority, ...Object.keys(composites)]), values: [0, 1, 2] } }),
  };
}
const anyProgram = fc.constantFrom(...PRIMITIVES).chain((primitive) => programs(primitive, everything(primitive), 8));

describe('what the generator makes, the validator and the schema accept', () => {
  test('every generated program of every primitive is valid, composites included', () => {
    fc.assert(
      fc.property(anyProgram, (program) => {
        const composites = Object.fromEntries(Object.entries(NATIVE_COMPOSITES).filter(([, as]) => familyOf(program.primitive).calls[as] !== undefined));
        expect(refusal(program, { composites })).toBe('valid');
      }),
      { numRuns: 500 },
    );
  });

  test("the schema names the same constructor parameters as each primitive's family", () => {
    const rules = schema.$defs['ParamsOfPrimitive']?.allOf ?? [];
    for (const primitive of PRIMITIVES) {
      const rule = rules.find((r) => r.if.properties.primitive.const === primitive || r.if.properties.primitive.enum?.includes(primitive) === true);
      expect(rule, primitive).toBeDefined();
      expect(rule?.then.properties.params.propertyNames?.enum ?? [], primitive).toEqual(Object.keys(familyOf(primitive).recipe(primitive).params));
    }
  });
});

/** A program with one thing changed, anywhere: a field renamed or removed, a value replaced. */
function mutated(program: Program): fc.Arbitrary<unknown> {
  const values = fc.constantFrom<unknown>(-1, 1.5, 'NaN', 'Infinity', null, 'x', 0, 1, true, [], {});
  const names = fc.constantFrom('call', 'Call', 'id', 'on', 'timeout', 'signal', 'key', 'n', 'weight', 'immediate', 'advance', 'abort', 'extra');
  const copy = (): { primitive: unknown; params: Record<string, unknown>; ticks: Record<string, unknown>[][] } => JSON.parse(JSON.stringify(program)) as never;
  const actions = program.ticks.flatMap((tick, t) => tick.map((_, a) => [t, a] as const));
  const onAction = actions.length === 0
    ? fc.constant(copy())
    : fc.tuple(fc.constantFrom(...actions), names, values, fc.constantFrom('set', 'delete', 'rename')).map(([[t, a], name, value, how]) => {
        const p = copy();
        const action = p.ticks[t]?.[a] as Record<string, unknown>;
        const first = Object.keys(action)[0] as string;
        if (how === 'set') action[name] = value;
        else if (how === 'delete') delete action[first];
        else {
          action[name] = action[first];
          delete action[first];
        }
        return p;
      });
  const onTop = fc.tuple(fc.constantFrom('primitive', 'params', 'ticks', 'extra'), values).map(([field, value]) => ({ ...copy(), [field]: value }));
  const onParams = fc.tuple(fc.constantFrom('value', 'maxsize', 'capacity', 'parties', 'maxReaders', 'vaule'), values).map(([name, value]) => {
    const p = copy();
    p.params[name] = value;
    return p;
  });
  return fc.oneof({ weight: 6, arbitrary: onAction }, { weight: 1, arbitrary: onTop }, { weight: 1, arbitrary: onParams });
}

test('a program the validator accepts is one the schema accepts, however it was changed', () => {
  fc.assert(
    fc.property(anyProgram.chain(mutated), (value) => {
      if (refusal(value) === 'valid') expect(schemaProgram(value), ajv.errorsText(schemaProgram.errors)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test('a call named after an Object method is no call, even past the validator: the model refuses it before any comparison', async () => {
  const { runProgram, moduleAdapters } = await import('../check/index.js');
  const toro = await import('../src/index.js');
  const [adapter] = moduleAdapters({ Lock: toro.Lock });
  for (const call of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
    await expect(runProgram(adapter!, { primitive: 'Lock', params: {}, ticks: [[{ call, id: 0 }]] })).rejects.toThrow(new ProgramError(`Lock has no call ${call}`));
  }
});
