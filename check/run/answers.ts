/**
 * What a driver says, validated: every message against the protocol's JSON Schema, then
 * against what the models know and what the driver declared in its `hello`. A `hello` names
 * only the models' primitives, calls, observers and parameters; an answer reports every
 * declared observer under its own name and with the model's type, and the tick's calls, each
 * once, in order, and no others. Anything else is a problem, said in one line: the driver is
 * reported, never believed.
 *
 * @module
 */

import { familyOf } from '../program/families/index.js';
import { ModelSession } from '../program/model-session.js';
import { isCall, toNum, type Action, type PrimitiveName, type TickTrace } from '../program/program.js';
import { programs } from '../generate/generate.js';
import { PROTOCOL_SCHEMA } from './protocol-schema.js';
import { printable, SchemaValidator, showProblem, shown } from './schema.js';
import type { Reproduction } from './target.js';

const validator = new SchemaValidator(PROTOCOL_SCHEMA);

/** The messages a driver sends, by type, each with its definition in the schema. */
const DEFINITIONS = { hello: 'Hello', started: 'Started', ticked: 'Ticked', reproduction: 'Reproduction', error: 'Error' } as const;

/** A type of message a driver sends. */
export type DriverMessageType = keyof typeof DEFINITIONS;

/**
 * A driver's line, read: the message due, the driver's own `error` message, what is wrong with
 * the line, or (for a reproduction in good form) why the checker will not write it.
 */
export type Reading = { readonly message: Readonly<Record<string, unknown>> } | { readonly error: string } | { readonly problem: string } | { readonly refused: string };

/** A message's fields as a reproduction, when they have a reproduction's form. */
function asReproduction(message: Readonly<Record<string, unknown>>): Reproduction | undefined {
  const { language, files, run } = message;
  if (typeof language !== 'string' || typeof run !== 'string' || typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  return Object.values(files).every((text) => typeof text === 'string') ? { language, files: files as Record<string, string>, run } : undefined;
}

/** How deep a message may nest: every message of the protocol nests a few levels; a deeper one would exhaust the stack of whatever walks it. */
export const MAX_DEPTH = 64;

/** Whether the JSON text `line` nests arrays and objects deeper than `limit`. */
function nestsDeeper(line: string, limit: number): boolean {
  let depth = 0;
  let string = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (string) {
      if (c === 0x5c) i++;
      else if (c === 0x22) string = false;
    } else if (c === 0x22) string = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Reads `line` as the message of type `due`, validated against the protocol's schema. */
export function readMessage(line: string, due: DriverMessageType): Reading {
  if (nestsDeeper(line, MAX_DEPTH)) return { problem: `printed a line that nests deeper than ${MAX_DEPTH} levels: ${shown(line.slice(0, 60))}` };
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { problem: `printed a line that is not JSON: ${shown(line, 200)}` };
  }
  const type = typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as { type?: unknown }).type : undefined;
  if (type === 'error' && due !== 'error') {
    const problem = validator.problem(`#/$defs/${DEFINITIONS.error}`, message);
    if (problem === undefined) return { error: printable(String((message as { message: string }).message).slice(0, 500)) };
  }
  if (type !== due) return { problem: `answered ${shown(message, 200)} where ${due} was due` };
  // A reproduction's paths are the checker's to refuse, in its own words, before the schema's pattern.
  const reproduction = due === 'reproduction' ? asReproduction(message as Readonly<Record<string, unknown>>) : undefined;
  const refused = reproduction === undefined ? undefined : reproductionProblem(reproduction);
  if (refused !== undefined) return { refused };
  const problem = validator.problem(`#/$defs/${DEFINITIONS[due]}`, message);
  if (problem !== undefined) return { problem: `said a ${due} the protocol does not allow: ${showProblem(problem, due)}` };
  return { message: message as Readonly<Record<string, unknown>> };
}

/** The JSON type of a value, as observers are compared. */
const jsonType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** What a driver declared it shows for one primitive, with the types the model gives each. */
export interface DeclaredObservers {
  readonly primitive: PrimitiveName;
  readonly names: readonly string[];
  /** Each observer's JSON type in the model, and each `statistics` field's. */
  readonly types: Readonly<Record<string, string>>;
  readonly statistics: Readonly<Record<string, string>>;
}

/** A model session of `primitive` with its first parameters: what its observers show and how. */
function defaultSession(primitive: PrimitiveName, params: Readonly<Record<string, number>> = {}): ModelSession {
  const recipe = familyOf(primitive).recipe(primitive);
  const values = Object.fromEntries(Object.entries(recipe.params).map(([name, options]) => [name, toNum(params[name] ?? (options[0] as number))]));
  return new ModelSession({ primitive, params: values });
}

/** The observers `primitive`'s model has, with their JSON types (and those of the fields of `statistics`). */
export function modelObservers(primitive: PrimitiveName, names: readonly string[]): DeclaredObservers {
  const observed = defaultSession(primitive).observe();
  const statistics = observed['statistics'];
  return {
    primitive,
    names,
    types: Object.fromEntries(Object.entries(observed).map(([name, value]) => [name, jsonType(value)])),
    statistics: typeof statistics === 'object' && statistics !== null ? Object.fromEntries(Object.entries(statistics).map(([name, value]) => [name, jsonType(value)])) : {},
  };
}

const list = (names: Iterable<string>): string => [...names].join(', ') || 'none';

/**
 * What is wrong with a `hello` the schema accepts, for the models: a call, observer, parameter
 * or choice a primitive's model does not have, a parameter value its constructor refuses, a
 * name a terminal cannot show, or nothing to make programs of. `undefined` when nothing is.
 */
export function helloProblem(hello: Readonly<Record<string, unknown>>): string | undefined {
  const name = hello['name'] as string;
  if (name !== printable(name) || name.length > 200) return `its name must be one line of at most 200 printable characters, got ${shown(name)}`;
  for (const [primitive, declared] of Object.entries(hello['primitives'] as Record<string, Record<string, unknown>>)) {
    const where = `primitives.${primitive}`;
    const p = primitive as PrimitiveName;
    const family = familyOf(p);
    const calls = declared['calls'] as string[];
    if (calls.length === 0) return `${where}.calls: it declares no call, so no program can be made`;
    const unknownCall = calls.find((call) => !Object.hasOwn(family.calls, call));
    if (unknownCall !== undefined) return `${where}.calls: ${shown(unknownCall)} is not a call of ${primitive}'s model (${list(Object.keys(family.calls))})`;
    const model = modelObservers(p, []);
    const unknownObserver = ((declared['observers'] ?? []) as string[]).find((observer) => !Object.hasOwn(model.types, observer));
    if (unknownObserver !== undefined) return `${where}.observers: ${shown(unknownObserver)} is not an observer of ${primitive}'s model (${list(Object.keys(model.types))})`;
    const recipe = family.recipe(p);
    for (const [param, values] of Object.entries((declared['params'] ?? {}) as Record<string, number[]>)) {
      if (!Object.hasOwn(recipe.params, param)) return `${where}.params: ${shown(param)} is not a parameter of ${primitive}'s model (${list(Object.keys(recipe.params))})`;
      for (const value of values) {
        try {
          defaultSession(p, { [param]: value });
        } catch (error) {
          return `${where}.params.${param}: ${shown(value)} is refused by ${primitive}'s model: ${printable((error as Error).message)}`;
        }
      }
    }
    for (const call of (declared['priority'] as { calls: string[] } | undefined)?.calls ?? []) {
      if (!Object.hasOwn(family.calls, call) || family.calls[call]?.priority !== true) return `${where}.priority.calls: ${shown(call)} takes no priority: ${primitive}'s model serves it in arrival order only`;
    }
    const zeroTimeout = (declared['choices'] as { zeroTimeout?: unknown } | undefined)?.zeroTimeout;
    if (typeof zeroTimeout === 'object' && zeroTimeout !== null) {
      const waits = Object.entries(family.calls).filter(([, info]) => info.waits).map(([call]) => call);
      const unknown = Object.keys(zeroTimeout).find((call) => !waits.includes(call));
      if (unknown !== undefined) return `${where}.choices.zeroTimeout: ${shown(unknown)} is not a call of ${primitive}'s model that waits (${list(waits)})`;
    }
    const options = (declared['options'] ?? {}) as { timeout?: boolean; signal?: boolean };
    try {
      programs(p, { calls: new Set(calls), handleRelease: declared['handleRelease'] === true, timeout: options.timeout ?? true, signal: options.signal ?? true, badInput: declared['badInput'] !== false });
    } catch {
      return `${where}.calls: ${list(calls)} leave no program to make`;
    }
  }
  return undefined;
}

/**
 * What is wrong with `observed`, reported at `where`, for the observers `declared`, in words
 * that follow "the driver's ticked" (or started); `undefined` when nothing is.
 */
export function observationProblem(observed: Readonly<Record<string, unknown>>, declared: DeclaredObservers, where: string): string | undefined {
  const names = new Set(declared.names);
  for (const name of Object.keys(observed)) {
    if (names.has(name)) continue;
    const meant = declared.names.find((n) => n.toLowerCase() === name.toLowerCase());
    return `reports ${shown(name)} in ${where}, which its hello does not declare${meant === undefined ? '' : ` (it declares ${shown(meant)})`}`;
  }
  for (const name of declared.names) {
    if (!Object.hasOwn(observed, name)) return `leaves ${shown(name)} out of ${where}, which its hello declares`;
    const value = observed[name];
    const type = declared.types[name];
    if (jsonType(value) !== type) return `reports ${where}.${name} as ${shown(value)}, where the model's is a ${type}`;
    if (name !== 'statistics') continue;
    for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const fieldType = Object.hasOwn(declared.statistics, field) ? declared.statistics[field] : undefined;
      if (fieldType !== undefined && jsonType(fieldValue) !== fieldType) return `reports ${where}.statistics.${field} as ${shown(fieldValue)}, where the model's is a ${fieldType}`;
    }
  }
  return undefined;
}

const ids = (list: readonly number[]): string => (list.length === 0 ? 'none' : list.map((id) => `#${id}`).join(', '));

/**
 * What is wrong with a `ticked` (schema-valid) in answer to `actions`, for the observers
 * `declared`: its calls must be the tick's, in order, and no others; its settlements calls the
 * program made (`made`, this tick's included), each at most once; its observations the
 * declared observers, by name and type. `undefined` when nothing is.
 */
export function tickedProblem(actions: readonly Action[], ticked: TickTrace, declared: DeclaredObservers, made: ReadonlySet<number>): string | undefined {
  const want = actions.filter(isCall).map((action) => action.id);
  const got = ticked.calls.map((call) => call.id);
  if (want.length !== got.length || want.some((id, i) => got[i] !== id)) {
    const extra = got.filter((id) => !want.includes(id));
    const missing = want.filter((id) => !got.includes(id));
    const why = extra.length > 0 ? `${ids(extra)}, which the tick did not make` : missing.length > 0 ? `no result for ${ids(missing)}` : 'them out of order, or twice';
    return `has calls ${ids(got)} for a tick whose calls are ${ids(want)}: ${why}`;
  }
  for (const [i, call] of ticked.calls.entries()) {
    if (call.observed === undefined) continue;
    const problem = observationProblem(call.observed, declared, `calls[${i}].observed`);
    if (problem !== undefined) return problem;
  }
  const settled = new Set<number>();
  for (const settlement of ticked.settled) {
    if (!made.has(settlement.id)) return `settled #${settlement.id}, which no call of the program made`;
    if (settled.has(settlement.id)) return `settled #${settlement.id} twice in one tick`;
    settled.add(settlement.id);
  }
  return observationProblem(ticked.observed, declared, 'observed');
}

/** The most a reproduction may hold: files, bytes in all, and characters in a path, its language or its command. */
export const REPRODUCTION_LIMITS = { files: 100, bytes: 1024 * 1024, path: 200, language: 40, run: 500 } as const;

/** A file's path in a reproduction, if it is a safe one: relative, inside its folder, printable. */
function pathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > REPRODUCTION_LIMITS.path) return `must be 1 to ${REPRODUCTION_LIMITS.path} characters long`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/.test(path)) return 'holds a control character or a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'must be a relative path without empty, `.` or `..` parts';
  return undefined;
}

/** What is wrong with a reproduction a driver wrote (files a report would write, a command it would print), or `undefined`. */
export function reproductionProblem(reproduction: Reproduction): string | undefined {
  const { language, files, run } = reproduction;
  if (language.length === 0 || language.length > REPRODUCTION_LIMITS.language || language !== printable(language)) return `its language must be one line of 1 to ${REPRODUCTION_LIMITS.language} characters, got ${shown(language)}`;
  if (run.length === 0 || run.length > REPRODUCTION_LIMITS.run || /[\n\r]/.test(run) || run !== printable(run)) return `its command must be one line of 1 to ${REPRODUCTION_LIMITS.run} printable characters, got ${shown(run)}`;
  const paths = Object.keys(files);
  if (paths.length === 0 || paths.length > REPRODUCTION_LIMITS.files) return `it must hold 1 to ${REPRODUCTION_LIMITS.files} files, got ${paths.length}`;
  let bytes = 0;
  const seen = new Map<string, string>();
  for (const path of paths) {
    const problem = pathProblem(path);
    if (problem !== undefined) return `its file ${shown(path)} ${problem}`;
    // Two names one case-insensitive file system holds as one, or a file that is another's folder.
    const key = path.toLowerCase();
    const clash = seen.get(key) ?? [...seen.entries()].find(([other]) => other.startsWith(`${key}/`) || key.startsWith(`${other}/`))?.[1];
    if (clash !== undefined) return `its files ${shown(clash)} and ${shown(path)} cannot both be written`;
    seen.set(key, path);
    bytes += Buffer.byteLength(files[path] as string);
  }
  if (bytes > REPRODUCTION_LIMITS.bytes) return `its files hold ${bytes} bytes, more than ${REPRODUCTION_LIMITS.bytes}`;
  return undefined;
}
