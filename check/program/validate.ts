/**
 * Programs validated: a JSON value read as a {@link Program}, by the rules of the JSON Schema
 * (`conformance/schema/protocol.schema.json`, `#/$defs/Program`) and of the primitive's family,
 * or a one-line {@link ProgramError} that says where and what is wrong. The command line's
 * `--program` and the docs site's explorer both read programs through it. Pure.
 *
 * What it refuses, beyond a value that is not a program at all:
 * - a field no program has (`{"Call": "acquire", "id": 0}`: a misspelled `call`), at any level;
 * - a primitive no model specifies, a constructor parameter its family does not take, or
 *   parameters its constructor refuses (a program starts from a primitive that exists);
 * - an action that is not exactly one call, abort or advance;
 * - a call the primitive lacks (or, when the caller says which calls a target offers, one the
 *   target lacks), or an argument the call does not take (a `timeout` on `tryAcquire`);
 * - ids that are not integers from 0, or that do not increase through the program;
 * - `on` that names no earlier call given a handle, or a call made on a handle without one;
 * - an `advance` that is not a whole number of milliseconds from 0, and signals that are not
 *   integers from 0.
 *
 * @module
 */

import { familyOf, type Family } from './families/index.js';
import { ProgramError } from './model-session.js';
import { BODY_KINDS, PRIMITIVES, type PrimitiveName, type Program } from './program.js';

/** What a program may call besides its family's own calls, and what the target it runs on offers. */
export interface ProgramContext {
  /** Composite calls the target offers, each with the model call it stands for (`{ runExclusive: 'acquire' }`). */
  readonly composites?: Readonly<Record<string, string>>;
  /**
   * The model calls the target offers, and whether it has a releaser's `release`. When given, a
   * call the model has but the target lacks is refused too. Absent: every call of the model.
   */
  readonly offers?: {
    readonly calls: ReadonlySet<string>;
    readonly handleRelease: boolean;
    readonly name: string;
    /** The calls that take a priority there (absent: none). */
    readonly priority?: ReadonlySet<string>;
    /** The composites that take a limit there (absent: none). */
    readonly limits?: ReadonlySet<string>;
    /** The kinds of body each composite takes there. @defaultValue every kind */
    readonly bodies?: Readonly<Record<string, readonly string[]>>;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNum = (value: unknown): boolean => (typeof value === 'number' && !Number.isNaN(value)) || value === 'NaN' || value === 'Infinity' || value === '-Infinity';
const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const shown = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value));

/** The fields a call action may have, and when it may have each. */
const CALL_FIELDS = ['call', 'id', 'on', 'timeout', 'signal', 'key', 'n', 'weight', 'immediate', 'priority', 'body', 'limit'] as const;

/** How a composite's body may end, besides being held (no `body`). */
const BODIES: readonly string[] = BODY_KINDS.filter((kind) => kind !== 'held');

/** A field that is none of `known`: its one line, with the field it most likely meant. */
function unknownField(where: string, field: string, known: readonly string[]): ProgramError {
  const meant = known.find((k) => k.toLowerCase() === field.toLowerCase());
  return new ProgramError(`${where}: unknown field ${JSON.stringify(field)}${meant === undefined ? `; the fields are ${known.join(', ')}` : ` (did you mean ${JSON.stringify(meant)}?)`}`);
}

/** The fields each call of `family` takes, read from its recipes and what its calls are. */
function argumentsOf(family: Family, primitive: PrimitiveName, call: string, onHandle: boolean, composite: boolean): Set<string> {
  const fields = new Set<string>(['call', 'id']);
  const info = family.calls[call];
  if (info?.waits === true && !onHandle) fields.add('timeout').add('signal');
  if (info?.priority === true && !onHandle) fields.add('priority');
  if (composite) fields.add('body').add('limit');
  for (const recipe of family.recipe(primitive).calls) {
    if (recipe.call !== call || (recipe.onHandle === true) !== onHandle) continue;
    if (recipe.keys !== undefined) fields.add('key');
    if (recipe.counts !== undefined || recipe.badCounts !== undefined) fields.add('n');
    if (recipe.weights !== undefined || recipe.badWeights !== undefined) fields.add('weight');
    if (recipe.flags !== undefined) fields.add('immediate');
  }
  if (onHandle) fields.add('on');
  return fields;
}

/** Whether `call` may be made on a handle (a releaser's `release`), and whether only there. */
function handleUse(family: Family, primitive: PrimitiveName, call: string): { readonly onHandle: boolean; readonly only: boolean } {
  const onHandle = family.calls[call]?.onHandle === true || family.recipe(primitive).calls.some((r) => r.call === call && r.onHandle === true);
  return { onHandle, only: family.calls[call]?.onHandle === true };
}

/**
 * `value` as a program of the JSON vocabulary, checked as the module comment says; throws a
 * {@link ProgramError} with one line naming the first thing wrong.
 */
export function validateProgram(value: unknown, context: ProgramContext = {}): Program {
  if (!isObject(value)) throw new ProgramError(`a program is an object with "primitive", "params" and "ticks", got ${shown(value)}`);
  for (const field of Object.keys(value)) if (!['primitive', 'params', 'ticks'].includes(field)) throw unknownField('the program', field, ['primitive', 'params', 'ticks']);
  const { primitive, params, ticks } = value;
  if (typeof primitive !== 'string' || !(PRIMITIVES as readonly string[]).includes(primitive)) {
    throw new ProgramError(`"primitive" must be one of ${PRIMITIVES.join(', ')}, got ${shown(primitive)}`);
  }
  const name = primitive as PrimitiveName;
  const family = familyOf(name);
  if (!isObject(params)) throw new ProgramError(`"params" must be an object of constructor parameters ({} for none), got ${shown(params)}`);
  const takes = Object.keys(family.recipe(name).params);
  for (const [param, v] of Object.entries(params)) {
    if (!takes.includes(param)) throw new ProgramError(takes.length === 0 ? `new ${name}() takes no parameters, got ${JSON.stringify(param)}` : `new ${name}() takes ${takes.map((t) => JSON.stringify(t)).join(', ')}, not ${JSON.stringify(param)}`);
    if (!isNum(v) && typeof v !== 'boolean') throw new ProgramError(`"params": ${JSON.stringify(param)} must be a number (or "NaN", "Infinity", "-Infinity"), got ${shown(v)}`);
  }
  const made = family.init(name, params as Program['params']);
  if (isObject(made) && 'error' in made) throw new ProgramError(`new ${name}(${JSON.stringify(params)}) throws ${String(made['error'])}: a program starts from a primitive its constructor makes`);
  if (!Array.isArray(ticks)) throw new ProgramError(`"ticks" must be an array of ticks, each an array of actions, got ${shown(ticks)}`);
  // A composite stands for a call of its family: one that stands for another family's call is none here.
  const composites = Object.fromEntries(Object.entries(context.composites ?? {}).filter(([, as]) => family.calls[as] !== undefined));
  /** The ids of the calls made so far, with the handle each may be given. */
  const calls = new Map<number, Handle>();
  let lastId = -1;
  ticks.forEach((tick: unknown, t) => {
    if (!Array.isArray(tick)) throw new ProgramError(`tick ${t + 1}: a tick is an array of actions, got ${shown(tick)}`);
    tick.forEach((action: unknown, a) => {
      const where = `tick ${t + 1}, action ${a + 1}`;
      if (!isObject(action)) throw new ProgramError(`${where}: an action is an object, got ${shown(action)}`);
      const kinds = ['call', 'abort', 'advance'].filter((k) => k in action);
      if (kinds.length !== 1) {
        const [first] = Object.keys(action);
        if (kinds.length === 0 && first !== undefined) throw unknownField(where, first, ['call', 'abort', 'advance']);
        throw new ProgramError(`${where}: an action is one call ({"call", "id"}), abort ({"abort": n}) or advance ({"advance": ms}), got ${shown(action)}`);
      }
      if ('abort' in action) {
        for (const field of Object.keys(action)) if (field !== 'abort') throw unknownField(where, field, ['abort']);
        if (!isIndex(action['abort'])) throw new ProgramError(`${where}: abort names a signal by its number, an integer from 0, got ${shown(action['abort'])}`);
        return;
      }
      if ('advance' in action) {
        for (const field of Object.keys(action)) if (field !== 'advance') throw unknownField(where, field, ['advance']);
        if (!isIndex(action['advance'])) throw new ProgramError(`${where}: advance takes a whole number of milliseconds from 0, got ${shown(action['advance'])}`);
        return;
      }
      lastId = checkCall(action, `${where}`, { family, primitive: name, composites, calls, lastId, offers: context.offers });
    });
  });
  return value as unknown as Program;
}

/** The handle a call may be given: a releaser, a composite's (which ends its body), or none. */
type Handle = 'releaser' | 'composite' | 'none';

interface CallScope {
  readonly family: Family;
  readonly primitive: PrimitiveName;
  readonly composites: Readonly<Record<string, string>>;
  readonly calls: Map<number, Handle>;
  readonly lastId: number;
  readonly offers: ProgramContext['offers'];
}

/** Checks one call action; returns its id. */
function checkCall(action: Record<string, unknown>, at: string, scope: CallScope): number {
  const { family, primitive, composites, calls, offers } = scope;
  for (const field of Object.keys(action)) if (!(CALL_FIELDS as readonly string[]).includes(field)) throw unknownField(at, field, CALL_FIELDS);
  const { call, id, on } = action;
  const known = [...Object.keys(family.calls), ...Object.keys(composites)];
  if (typeof call !== 'string' || !known.includes(call)) throw new ProgramError(`${at}: ${primitive} has no call ${shown(call)}; its calls are ${known.join(', ')}`);
  const where = `${at} (${call})`;
  if (!isIndex(id)) throw new ProgramError(`${where}: "id" must be an integer from 0, got ${shown(id)}`);
  if (id <= scope.lastId) throw new ProgramError(`${at} (#${id} ${call}): ids increase through the program, each used once; #${id} comes after #${scope.lastId}`);
  const model = composites[call] ?? call;
  const composite = composites[call] !== undefined;
  const handle = handleUse(family, primitive, model);
  const onHandle = on !== undefined;
  if (onHandle && (composite || !handle.onHandle)) throw new ProgramError(`${where}: ${call} is not made on a handle, yet "on" is ${shown(on)}`);
  if (!onHandle && handle.only) throw new ProgramError(`${where}: ${call} is made on a handle: "on" names the call that was given it`);
  if (onHandle) {
    if (!isIndex(on)) throw new ProgramError(`${where}: "on" names an earlier call by its id, got ${shown(on)}`);
    const given = calls.get(on);
    if (given === undefined) throw new ProgramError(`${where}: "on" names #${on}, which is no earlier call`);
    if (given === 'none') throw new ProgramError(`${where}: "on" names #${on}, a call that is given no handle`);
  }
  if (offers !== undefined && !composite && !(onHandle ? offers.handleRelease || calls.get(on as number) === 'composite' : offers.calls.has(model))) {
    throw new ProgramError(`${where}: ${offers.name} offers no ${call}${onHandle ? ' on a handle' : ''}`);
  }
  const fields = argumentsOf(family, primitive, model, onHandle, composite);
  for (const field of Object.keys(action)) if (!fields.has(field)) throw new ProgramError(`${where}: ${call}${onHandle ? ' on a handle' : ''} takes no ${JSON.stringify(field)}`);
  for (const field of ['timeout', 'n', 'weight'] as const) {
    if (field in action && !isNum(action[field])) throw new ProgramError(`${where}: "${field}" must be a number (or "NaN", "Infinity", "-Infinity"), got ${shown(action[field])}`);
  }
  if ('signal' in action && !isIndex(action['signal'])) throw new ProgramError(`${where}: "signal" names a signal by its number, an integer from 0, got ${shown(action['signal'])}`);
  if ('key' in action && !(typeof action['key'] === 'number' && Number.isFinite(action['key']))) throw new ProgramError(`${where}: "key" must be a finite number, got ${shown(action['key'])}`);
  if ('immediate' in action && action['immediate'] !== true) throw new ProgramError(`${where}: "immediate" is true or absent, got ${shown(action['immediate'])}`);
  if ('priority' in action && !(typeof action['priority'] === 'number' && Number.isFinite(action['priority']))) throw new ProgramError(`${where}: "priority" must be a finite number, got ${shown(action['priority'])}`);
  if ('body' in action && !BODIES.includes(action['body'] as string)) throw new ProgramError(`${where}: "body" is one of ${BODIES.map((kind) => JSON.stringify(kind)).join(', ')} or absent (held), got ${shown(action['body'])}`);
  if ('limit' in action && !(typeof action['limit'] === 'number' && Number.isFinite(action['limit']) && action['limit'] > 0)) throw new ProgramError(`${where}: "limit" must be a positive number of milliseconds, got ${shown(action['limit'])}`);
  if (offers !== undefined) {
    if ('priority' in action && offers.priority?.has(call) !== true) throw new ProgramError(`${where}: ${offers.name} takes no priority for ${call}`);
    if ('limit' in action && offers.limits?.has(call) !== true) throw new ProgramError(`${where}: ${offers.name} takes no limit for ${call}`);
    const kinds = offers.bodies?.[call];
    if (composite && kinds !== undefined && !kinds.includes((action['body'] as string | undefined) ?? 'held')) throw new ProgramError(`${where}: ${offers.name}'s ${call} takes no body that ${action['body'] === undefined ? 'is held' : `${String(action['body'])}`}`);
  }
  calls.set(id, onHandle || family.calls[model]?.givesHandle !== true ? 'none' : composite ? 'composite' : 'releaser');
  return id;
}
