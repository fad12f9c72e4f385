/**
 * The explorer's logic, without the page: which calls a primitive offers, how a program grows,
 * how it runs on the model, how a pasted program or trace is read, how a program travels in a
 * link, and where another trace first parts from the model. Pure (no DOM, no Node API): the page
 * (`app.ts`) draws what this computes, and the unit tests run it in Node.
 *
 * Everything here is generic over `families` and `PRIMITIVES`: a primitive the checker learns
 * appears in the explorer with no line here.
 */

import { CHOICE_NAMES, CONTRACT_CHOICES, type ChoiceInfo, type ContractChoices } from '../../check/compare/choices.js';
import { compareTick, compareTraces, type Divergence } from '../../check/compare/compare.js';
import { familyOf, NATIVE_COMPOSITES, type Family, type ModelChoices } from '../../check/program/families/index.js';
import { ModelSession, type ModelViolation } from '../../check/program/model-session.js';
import { validateProgram } from '../../check/program/validate.js';
import { isCall, parseProgram, PRIMITIVES, ProgramSyntaxError, showProgram, type Action, type Observation, type PrimitiveName, type Program, type TickTrace } from '../../check/program/program.js';
import * as model from '../../model/index.js';
import { diagramsFor, type Diagram } from '../diagrams.js';

/** The family of `primitive`, or `undefined` while no family specifies it yet. */
export function familyFor(primitive: PrimitiveName): Family | undefined {
  try {
    return familyOf(primitive);
  } catch {
    return undefined;
  }
}

/** The primitives the explorer offers: every one of {@link PRIMITIVES} a family specifies. */
export function explorable(): PrimitiveName[] {
  return PRIMITIVES.filter((primitive) => familyFor(primitive) !== undefined);
}

/** One call the explorer offers: a button, and the arguments it takes. */
export interface CallRow {
  readonly call: string;
  /** A composite of toro-ts's (`runExclusive`): the model call it stands for. */
  readonly standsFor?: string;
  /** Made on a handle an earlier call was given (a releaser's `release`). */
  readonly onHandle: boolean;
  /** Returns a promise: it takes `timeout` and `signal`. */
  readonly waits: boolean;
  /** The priorities a put's item may have (it takes a `key`), or `undefined`. */
  readonly keys: readonly number[] | undefined;
  /** It takes a count (absent: the call without one). */
  readonly counts: boolean;
  /** What the API names that count. */
  readonly countName: string;
  /** The action's field the count goes in: `n` (`notify(n)`) or `weight` (`acquire(weight)`). */
  readonly countField: 'n' | 'weight';
  /** It takes a flag (`shutdown(immediate)`). */
  readonly flag: boolean;
}

/**
 * The calls of `primitive`, in its recipe's order, each once (a call made both on the primitive
 * and on a handle is two rows), then any call of the family its recipe does not make (not those
 * only adapters make: toro-ts has no `idle`), then
 * toro-ts's composites that stand for one of its calls (`runExclusive` for `acquire`, as the
 * checker runs them: the body runs until `release` on the composite's handle).
 */
export function callRows(primitive: PrimitiveName): CallRow[] {
  const family = familyFor(primitive);
  if (family === undefined) return [];
  const rows: CallRow[] = [];
  const add = (call: string, onHandle: boolean, keys: readonly number[] | undefined, counts: boolean, weighted: boolean, flag: boolean): void => {
    if (rows.some((row) => row.call === call && row.onHandle === onHandle)) return;
    const info = family.calls[call];
    const countField = weighted ? 'weight' : 'n';
    rows.push({ call, onHandle, waits: !onHandle && info?.waits === true, keys, counts: counts || weighted, countName: info?.countName ?? countField, countField, flag });
  };
  for (const recipe of family.recipe(primitive).calls) {
    // A call only adapters make (a task queue's idle wait) is no call of toro-ts, which the explorer runs live.
    if (family.calls[recipe.call]?.adapterOnly === true) continue;
    const counts = recipe.counts !== undefined || recipe.badCounts !== undefined;
    add(recipe.call, recipe.onHandle === true, recipe.keys, counts, recipe.weights !== undefined, recipe.flags !== undefined);
  }
  for (const [call, info] of Object.entries(family.calls)) if (info.adapterOnly !== true) add(call, info.onHandle === true, undefined, false, false, false);
  for (const [composite, as] of Object.entries(NATIVE_COMPOSITES)) {
    const stood = rows.find((row) => row.call === as && !row.onHandle);
    if (stood !== undefined) rows.push({ ...stood, call: composite, standsFor: as });
  }
  return rows;
}

/** The constructor parameters of `primitive`, each with the values programs usually give it. */
export function paramChoices(primitive: PrimitiveName): Readonly<Record<string, readonly number[]>> {
  const family = familyFor(primitive);
  if (family === undefined) return {};
  const params = family.recipe(primitive).params;
  return Object.fromEntries(Object.entries(params).map(([name, values]) => [name, [...new Set(values)].sort((a, b) => a - b)]));
}

/**
 * The parameters a new program of `primitive` starts with: none when the constructor has
 * defaults for them all, else for each parameter the least value its recipe gives that the
 * constructor takes.
 */
export function defaultParams(primitive: PrimitiveName): Program['params'] {
  const family = familyFor(primitive);
  if (family === undefined) return {};
  const takes = (params: Program['params']): boolean => {
    const state = family.init(primitive, params);
    return !(isObject(state) && 'error' in state);
  };
  if (takes({})) return {};
  const params: Record<string, number> = {};
  for (const [name, values] of Object.entries(paramChoices(primitive))) {
    params[name] = values.find((value) => takes({ ...params, [name]: value })) ?? values[0] ?? 0;
  }
  return params;
}

/** A program run on the model: what each tick did and the model's state after it. */
export interface ModelRun {
  readonly initial: Observation;
  readonly initialState: unknown;
  readonly ticks: readonly TickTrace[];
  /** The model's state after each tick. */
  readonly states: readonly unknown[];
  /** Invariants the model broke (never, for a sound model). */
  readonly violations: readonly ModelViolation[];
}

/**
 * Runs `program` on its model, under the model choices among `choices` (what another
 * implementation declared: `releaser: 'everyCall'` makes its model release on every call).
 * Throws `ProgramError` for a call the model does not have or parameters it refuses.
 */
export function runModel(program: Program, choices: ContractChoices = {}): ModelRun {
  // toro-ts's composites (runExclusive, ...) as the checker runs them: a zoo program may make them.
  const session = new ModelSession(program, { ...modelChoices(choices), composites: { ...NATIVE_COMPOSITES, ...choices.composites } });
  const initial = session.observe();
  const initialState = session.state;
  const ticks: TickTrace[] = [];
  const states: unknown[] = [];
  for (const actions of program.ticks) {
    ticks.push(session.tick(actions));
    states.push(session.state);
  }
  return { initial, initialState, ticks, states, violations: session.violations };
}

/** The next call's id: one more than any id the program used. */
export function nextId(program: Program): number {
  let next = 0;
  for (const action of program.ticks.flat()) if (isCall(action)) next = Math.max(next, action.id + 1, (action.on ?? -1) + 1);
  return next;
}

/** The signals the program mentions, in order of their numbers. */
export function signalsOf(program: Program): number[] {
  const found = new Set<number>();
  for (const action of program.ticks.flat()) {
    if (isCall(action) && action.signal !== undefined) found.add(action.signal);
    if ('abort' in action) found.add(action.abort);
  }
  return [...found].sort((a, b) => a - b);
}

/** The signals aborted within the first `upTo` ticks. */
export function abortedSignals(program: Program, upTo: number): Set<number> {
  return new Set(program.ticks.slice(0, upTo).flatMap((tick) => tick.flatMap((action) => ('abort' in action ? [action.abort] : []))));
}

/** The calls given a handle within the first `upTo` ticks of `run`: returned at once, or resolved with one. */
export function handlesOf(run: ModelRun, upTo: number): number[] {
  const found: number[] = [];
  for (const tick of run.ticks.slice(0, upTo)) {
    for (const call of tick.calls) if (call.result.kind === 'returned' && call.result.value === 'handle') found.push(call.id);
    for (const settled of tick.settled) if (settled.outcome === 'resolved' && settled.value === 'handle') found.push(settled.id);
  }
  return [...new Set(found)];
}

/**
 * `program` with `actions` added after its first `at` ticks (later ticks are dropped: the reader
 * chose another future): in tick `at` when `sameTick` (no continuation runs between), else as
 * a new tick.
 */
export function addActions(program: Program, at: number, actions: readonly Action[], sameTick: boolean): Program {
  const kept = program.ticks.slice(0, at);
  const last = kept.at(-1);
  const ticks = sameTick && last !== undefined ? [...kept.slice(0, -1), [...last, ...actions]] : [...kept, actions];
  return { ...program, ticks };
}

/**
 * Actions typed in the printed form, separated by `;`: `acquire({ timeout: 5 })`,
 * `#7 release() on #2`, `abort(s1)`, `advance(10)`. A call typed without its `#id` gets the
 * next one; ids must keep increasing.
 */
export function parseActions(text: string, primitive: PrimitiveName, firstId: number): Action[] {
  let id = firstId;
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (/^#\d+\s/.test(part) || /^abort\(s\d+\)$/.test(part) || /^advance\(\d+\)$/.test(part) ? part : `#${id++} ${part}`));
  if (parts.length === 0) throw new ProgramSyntaxError('type an action, such as acquire({ timeout: 5 }), advance(10) or abort(s0)');
  let actions: readonly Action[];
  try {
    actions = parseProgram(`new ${primitive}()\n  tick 1: ${parts.join('; ')}`).ticks[0] ?? [];
  } catch (error) {
    // The parser names the line; a typed action has none.
    throw error instanceof ProgramSyntaxError ? new ProgramSyntaxError(error.message.replace(/^line \d+: /, '')) : error;
  }
  let expected = firstId;
  for (const action of actions) {
    if (!isCall(action)) continue;
    if (action.id < expected) throw new ProgramSyntaxError(`#${action.id}: ids keep increasing; the next is #${expected}`);
    expected = action.id + 1;
  }
  return [...actions];
}

/** The trace of another implementation, as far as it goes: its observers once constructed, if known, and its ticks. */
export interface OtherTrace {
  readonly initial?: Observation;
  readonly ticks: readonly TickTrace[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON value read as a program, or an error that says what is wrong with it: the checker's own
 * validation (`check/program/validate.ts`), with toro-ts's composite calls, which the explorer runs.
 */
export function asProgram(value: unknown): Program {
  return validateProgram(value, { composites: NATIVE_COMPOSITES });
}

/** The JSON objects of a protocol transcript: one message a line, `←`/`→` arrows allowed. */
function transcript(text: string): Record<string, unknown>[] | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:←|→|<-|->)?\s*/, '').trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return undefined;
  try {
    const messages = lines.map((line) => JSON.parse(line) as unknown);
    return messages.every((message) => isObject(message) && typeof message['type'] === 'string') ? (messages as Record<string, unknown>[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A value JSON can put in a trace: a string, a number, a boolean or null. */
const isTraceValue = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Refuses `value` unless it is an object whose fields are among `fields`. */
function fieldsOf(value: unknown, fields: readonly string[], where: string, shape: string): Record<string, unknown> {
  if (!isObject(value)) throw new ProgramSyntaxError(`${where}: ${shape}, got ${JSON.stringify(value) ?? String(value)}`);
  const stray = Object.keys(value).find((key) => !fields.includes(key));
  if (stray !== undefined) throw new ProgramSyntaxError(`${where}: unknown field ${JSON.stringify(stray)}; ${shape}`);
  return value;
}

/** An observation: names to trace values, or `statistics` to an object of them. */
function checkObservation(value: unknown, where: string): void {
  if (!isObject(value)) throw new ProgramSyntaxError(`${where}: what the observers show is an object, got ${JSON.stringify(value) ?? String(value)}`);
  for (const [name, shown] of Object.entries(value)) {
    const ok = isTraceValue(shown) || (isObject(shown) && Object.values(shown).every(isTraceValue));
    if (!ok) throw new ProgramSyntaxError(`${where}: observer ${JSON.stringify(name)} shows ${JSON.stringify(shown) ?? String(shown)}, which no trace holds`);
  }
}

const RESULT = 'a result is {"kind": "pending"}, {"kind": "returned", "value"?} or {"kind": "threw", "error"}';
const SETTLEMENT = 'a settlement is {"id", "outcome": "resolved", "value"?}, {"id", "outcome": "timeout" | "aborted"} or {"id", "outcome": "rejected", "error"}';

/** One tick of another implementation's trace, checked as the protocol schema's TickTrace. */
function asTick(value: unknown, where: string): TickTrace {
  const tick = fieldsOf(value, ['type', 'calls', 'settled', 'finished', 'observed', 'resources', 'escaped'], where, 'a tick of a trace has "calls", "settled" and "observed"');
  if (!Array.isArray(tick['calls']) || !Array.isArray(tick['settled']) || !isObject(tick['observed'])) throw new ProgramSyntaxError(`${where}: a tick of a trace has "calls", "settled" and "observed"`);
  tick['calls'].forEach((entry: unknown, i) => {
    const at = `${where}, call ${i + 1}`;
    const call = fieldsOf(entry, ['id', 'result', 'observed', 'ignored'], at, 'a call is {"id", "result", "observed"?}');
    if (!Number.isSafeInteger(call['id']) || (call['id'] as number) < 0) throw new ProgramSyntaxError(`${at}: "id" must be an integer from 0, got ${JSON.stringify(call['id']) ?? 'nothing'}`);
    const result = fieldsOf(call['result'], ['kind', 'value', 'error'], at, RESULT);
    const ok =
      (result['kind'] === 'pending' && Object.keys(result).length === 1) ||
      (result['kind'] === 'returned' && result['error'] === undefined && (result['value'] === undefined || isTraceValue(result['value']))) ||
      (result['kind'] === 'threw' && result['value'] === undefined && typeof result['error'] === 'string' && result['error'] !== '');
    if (!ok) throw new ProgramSyntaxError(`${at}: ${RESULT}, got ${JSON.stringify(result)}`);
    if (call['observed'] !== undefined) checkObservation(call['observed'], at);
    if (call['ignored'] !== undefined && call['ignored'] !== true) throw new ProgramSyntaxError(`${at}: "ignored" is true or absent`);
  });
  if (tick['finished'] !== undefined && !Array.isArray(tick['finished'])) throw new ProgramSyntaxError(`${where}: "finished" is an array of settlements`);
  const settlements = [...tick['settled'].map((entry: unknown, i) => [entry, `settlement ${i + 1}`] as const), ...((tick['finished'] ?? []) as unknown[]).map((entry, i) => [entry, `finished ${i + 1}`] as const)];
  settlements.forEach(([entry, which]) => {
    const at = `${where}, ${which}`;
    const settled = fieldsOf(entry, ['id', 'outcome', 'value', 'error'], at, SETTLEMENT);
    const id = settled['id'];
    const outcome = settled['outcome'];
    const ok =
      Number.isSafeInteger(id) &&
      (id as number) >= 0 &&
      ((outcome === 'resolved' && settled['error'] === undefined && (settled['value'] === undefined || isTraceValue(settled['value']))) ||
        ((outcome === 'timeout' || outcome === 'aborted') && Object.keys(settled).length === 2) ||
        (outcome === 'rejected' && settled['value'] === undefined && typeof settled['error'] === 'string' && settled['error'] !== ''));
    if (!ok) throw new ProgramSyntaxError(`${at}: ${SETTLEMENT}, got ${JSON.stringify(settled)}`);
  });
  checkObservation(tick['observed'], where);
  const escaped = tick['escaped'];
  if (escaped !== undefined && !(Array.isArray(escaped) && escaped.every((line) => typeof line === 'string'))) throw new ProgramSyntaxError(`${where}: "escaped" is an array of lines`);
  const resources = tick['resources'];
  if (resources !== undefined) {
    const r = fieldsOf(resources, ['timers', 'listeners'], `${where}, resources`, 'resources are {"timers", "listeners"}');
    const listeners = r['listeners'];
    const counts = isObject(listeners) && Object.entries(listeners).every(([signal, n]) => /^s\d+$/.test(signal) && Number.isSafeInteger(n) && (n as number) >= 0);
    if (!Number.isSafeInteger(r['timers']) || (r['timers'] as number) < 0 || !counts) throw new ProgramSyntaxError(`${where}: resources are {"timers": n, "listeners": {"s0": n, ...}}`);
  }
  const { type: _type, ...rest } = tick;
  return rest as unknown as TickTrace;
}

/**
 * `trace` as a trace of `program`, or an error that says where they part: each of its ticks
 * makes the program's calls of that tick, by id and in order, and it has no tick the program
 * lacks (it may stop early, where a run stopped).
 */
export function traceFor(program: Program, trace: OtherTrace): OtherTrace {
  if (trace.ticks.length > program.ticks.length) throw new ProgramSyntaxError(`the trace has ${trace.ticks.length} ticks, the program ${program.ticks.length}: it is not a trace of this program`);
  trace.ticks.forEach((tick, i) => {
    const want = (program.ticks[i] ?? []).flatMap((action) => (isCall(action) ? [`#${action.id}`] : []));
    const got = tick.calls.map((call) => `#${call.id}`);
    if (want.join() !== got.join()) throw new ProgramSyntaxError(`tick ${i + 1} of the trace has calls ${got.join(', ') || 'none'}, where the program makes ${want.join(', ') || 'none'}: it is not a trace of this program`);
  });
  return trace;
}

/**
 * A pasted program: its printed form (`new Lock()` then `tick 1: ...` lines), its JSON (as a
 * report's `*.program.json`), a conformance vector (`{"name", "program", "trace"}`, whose
 * program is taken), or a driver's protocol transcript (`start` and `tick` messages, and then
 * the driver's answers are its trace).
 */
export function readProgram(text: string): { program: Program; trace?: OtherTrace } {
  const trimmed = text.trim();
  if (trimmed === '') throw new ProgramSyntaxError('paste a program: its printed form, its JSON, a vector or a protocol transcript');
  if (trimmed.startsWith('new ')) return { program: asProgram(parseProgram(trimmed)) };
  const messages = transcript(trimmed);
  if (messages !== undefined && messages.length > 1) {
    const start = messages.find((message) => message['type'] === 'start');
    if (start === undefined) throw new ProgramSyntaxError('a transcript holds a "start" message');
    const program = asProgram({ primitive: start['primitive'], params: start['params'] ?? {}, ticks: messages.filter((m) => m['type'] === 'tick').map((m) => m['actions']) });
    const started = messages.find((message) => message['type'] === 'started');
    const ticks = messages.filter((m) => m['type'] === 'ticked').map((m, i) => asTick(m, `ticked message ${i + 1}`));
    if (ticks.length === 0) return { program };
    if (started?.['observed'] !== undefined) checkObservation(started['observed'], 'the started message');
    return { program, trace: traceFor(program, isObject(started?.['observed']) ? { initial: started['observed'] as Observation, ticks } : { ticks }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new ProgramSyntaxError(`neither a printed program (it starts with "new ") nor JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { program: asProgram(isObject(value) && 'program' in value ? value['program'] : value) };
}

/**
 * A pasted trace of another implementation: a `Trace` (`{"initial", "ticks"}`), its `ticks`
 * array, or a driver's transcript (its `started` and `ticked` answers).
 */
export function readTrace(text: string): OtherTrace {
  const trimmed = text.trim();
  const messages = transcript(trimmed);
  if (messages !== undefined && !(messages.length === 1 && !('type' in (messages[0] ?? {})))) {
    const answers = messages.filter((m) => m['type'] === 'ticked');
    if (answers.length > 0 || messages.some((m) => m['type'] === 'started')) {
      const started = messages.find((m) => m['type'] === 'started');
      const ticks = answers.map((m, i) => asTick(m, `ticked message ${i + 1}`));
      if (started?.['observed'] !== undefined) checkObservation(started['observed'], 'the started message');
      return isObject(started?.['observed']) ? { initial: started['observed'] as Observation, ticks } : { ticks };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new ProgramSyntaxError(`a trace is JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Array.isArray(value)) return { ticks: value.map((tick, i) => asTick(tick, `tick ${i + 1}`)) };
  if (isObject(value) && Array.isArray(value['ticks'])) {
    const ticks = value['ticks'].map((tick, i) => asTick(tick, `tick ${i + 1}`));
    if (value['initial'] !== undefined) checkObservation(value['initial'], 'the trace\'s initial observers');
    return isObject(value['initial']) ? { initial: value['initial'] as Observation, ticks } : { ticks };
  }
  throw new ProgramSyntaxError('a trace is {"initial", "ticks"} or an array of ticks, each with "calls", "settled" and "observed"');
}

/**
 * The first place `other` parts from the model's run of the same program: the observers once
 * constructed (tick 0), then each tick as the checker compares it ({@link compareTick}), under
 * the comparison choices among `choices` (the model choices are the run's: see {@link runModel}).
 * `undefined` when they agree as far as `other` goes.
 */
export function firstDivergence(program: Program, run: ModelRun, other: OtherTrace, choices: ContractChoices = {}): Divergence | undefined {
  // The checker's own comparison, with what it knows of each tick (who waits, which calls are composites).
  const family = familyFor(program.primitive);
  return compareTraces(program, run, other, { queue: family?.primitives.includes('Queue') === true, composites: { ...NATIVE_COMPOSITES, ...choices.composites } }, choices);
}

/** The model choices among `choices`: those that change what the model says. */
export function modelChoices(choices: ContractChoices): ModelChoices {
  return Object.fromEntries(Object.entries(choices).filter(([name]) => CONTRACT_CHOICES[name as keyof ContractChoices]?.changes === 'model')) as ModelChoices;
}

/**
 * `choices` as the explorer offers them: one value of each choice that has values, by name
 * (`zeroTimeout` by call is kept as given). A value the checker does not know is refused.
 */
export function readChoices(value: unknown): ContractChoices {
  if (!isObject(value)) throw new ProgramSyntaxError('contract choices are an object, by name: {"releaser": "everyCall"}');
  for (const [name, chosen] of Object.entries(value)) {
    const info: ChoiceInfo | undefined = (CONTRACT_CHOICES as Readonly<Record<string, ChoiceInfo>>)[name];
    if (info === undefined) throw new ProgramSyntaxError(`no contract choice is named ${JSON.stringify(name)}: one of ${CHOICE_NAMES.join(', ')}`);
    const known = (v: unknown): boolean => typeof v === 'string' && info.values.includes(v);
    const ok = info.values.length === 0 ? isObject(chosen) && Object.values(chosen).every((v) => typeof v === 'string') : known(chosen) || (info.byCall === true && isObject(chosen) && Object.values(chosen).every(known));
    if (!ok) throw new ProgramSyntaxError(`${name}: ${JSON.stringify(chosen)} is not one of ${info.values.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value as ContractChoices;
}

/** What a link carries: the program, the tick shown, another implementation's trace, whether live is on. */
export interface Shared {
  readonly program: Program;
  /** The number of ticks applied in the view; absent: all of them. */
  readonly at?: number;
  readonly other?: { readonly name: string; readonly trace: OtherTrace };
  /** The contract choices the other trace is compared under. */
  readonly choices?: ContractChoices;
  readonly live?: boolean;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** UTF-8 text as base64url, and back: in a browser and in Node alike. */
export function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
export function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/**
 * The fragment of a link to `shared`: `program=` and the printed program (readable in the
 * address bar), or `json=` and its JSON in base64url when the printed form cannot carry it;
 * `at=` the tick shown; `trace=` another implementation's trace (base64url JSON) and `name=` its
 * name; `choices=` the contract choices it is compared under (JSON); `live=1`.
 */
export function toHash(shared: Shared): string {
  const printed = showProgram(shared.program);
  let readsBack = false;
  try {
    readsBack = sameJson(parseProgram(printed), shared.program);
  } catch {
    readsBack = false;
  }
  const parts = [readsBack ? `program=${encodeURIComponent(printed)}` : `json=${toBase64Url(JSON.stringify(shared.program))}`];
  if (shared.at !== undefined && shared.at !== shared.program.ticks.length) parts.push(`at=${shared.at}`);
  if (shared.other !== undefined) parts.push(`name=${encodeURIComponent(shared.other.name)}`, `trace=${toBase64Url(JSON.stringify(shared.other.trace))}`);
  if (shared.choices !== undefined && Object.keys(shared.choices).length > 0) parts.push(`choices=${encodeURIComponent(JSON.stringify(shared.choices))}`);
  if (shared.live === true) parts.push('live=1');
  return `#${parts.join('&')}`;
}

/** What a link's fragment carries, or `undefined` when it carries no program. Throws when it carries a broken one. */
export function fromHash(hash: string): Shared | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const printed = params.get('program');
  const json = params.get('json');
  if (printed === null && json === null) return undefined;
  const program = asProgram(printed !== null ? parseProgram(printed) : JSON.parse(fromBase64Url(json as string)));
  const at = params.get('at');
  const trace = params.get('trace');
  return {
    program,
    ...(at !== null && /^\d+$/.test(at) ? { at: Math.min(Number(at), program.ticks.length) } : {}),
    ...(trace !== null ? { other: { name: params.get('name') ?? 'another implementation', trace: traceFor(program, readTrace(fromBase64Url(trace))) } } : {}),
    ...(params.get('choices') !== null ? { choices: readChoices(JSON.parse(params.get('choices') as string)) } : {}),
    ...(params.get('live') === '1' ? { live: true } : {}),
  };
}

/** A drawn diagram where a model state is one of the drawn nodes. */
export interface DiagramMatch {
  readonly diagram: Diagram;
  /** The node's label, or `undefined` when this state is not drawn. */
  readonly node: string | undefined;
  /** Why it is not drawn, in words. */
  readonly why?: string;
}

let allDiagrams: readonly Diagram[] | undefined;

/** Every state diagram the site draws: those of each `*Step` function the models export. */
export function diagrams(): readonly Diagram[] {
  allDiagrams ??= Object.keys(model)
    .filter((name) => /^[a-z][A-Za-z]*Step$/.test(name))
    .flatMap((name) => diagramsFor(name));
  return allDiagrams;
}

/**
 * Where `state` of a program sits in each diagram drawn for its primitive: a node when the
 * program starts as the diagram does (the fields no call changes in the diagram, its
 * configuration, are the program's too, but for those in which the diagram's classes differ,
 * such as a queue's order) and the state's label is one of the diagram's nodes.
 */
export function diagramMatches(program: Pick<Program, 'primitive' | 'params'>, state: unknown): DiagramMatch[] {
  const family = familyFor(program.primitive);
  if (family === undefined) return [];
  const start = family.init(program.primitive, program.params);
  return diagrams()
    .filter((diagram) => diagram.classes.includes(program.primitive))
    .map((diagram) => {
      if (!isObject(start) || 'error' in start) return { diagram, node: undefined, why: 'the constructor refuses these parameters' };
      const starts = diagram.classes.flatMap((name) => (PRIMITIVES as readonly string[]).includes(name) ? [family.init(name as PrimitiveName, program.params)] : []);
      const byClass = (field: string): boolean => starts.some((other) => !sameJson(isObject(other) ? other[field] : undefined, start[field]));
      const differs = Object.entries(diagram.fixed).some(([field, value]) => !byClass(field) && !sameJson(start[field], value));
      if (differs) return { diagram, node: undefined, why: `it is drawn for ${diagram.configuration}` };
      let label: string;
      try {
        label = diagram.label(state);
      } catch {
        return { diagram, node: undefined, why: 'its states are not this model’s' };
      }
      const shown = label.replaceAll('\n', ', ');
      return diagram.nodes.includes(label) ? { diagram, node: label } : { diagram, node: undefined, why: `"${shown}" lies beyond the states drawn (${diagram.configuration})` };
    });
}

/** One entry of a model's state or observers as a reader reads them. */
export interface ReadLine {
  /** What it is, in words: `permits free`, `waiting, oldest first`. */
  readonly label: string;
  /** Its value in words (`1`, `locked`, `#0`), when it is not a list. */
  readonly text?: string;
  /** The list, in order (waiters oldest first, items as they entered). */
  readonly list?: readonly { readonly text: string; readonly note?: string; readonly next?: boolean }[];
  /** What an empty list reads as: `nobody`, `none`. */
  readonly none?: string;
  /** Where it comes from: the state's field or the observer's name. */
  readonly field: string;
}

const waiterText = (id: unknown): string => (typeof id === 'number' ? `#${id}` : JSON.stringify(id));

/** A list element: a waiter (`#3`), a weighted one (`#3`, weight 2), a reader or writer, a putter with its item, an item. */
function element(value: unknown): { text: string; note?: string } {
  if (!isObject(value)) return { text: waiterText(value) };
  if ('waiter' in value) {
    const item = isObject(value['item']) ? value['item'] : undefined;
    const note = 'weight' in value ? `weight ${String(value['weight'])}` : 'mode' in value ? String(value['mode']) : item !== undefined ? `putting item #${String(item['label'])}${item['key'] === item['label'] ? '' : ` (key ${String(item['key'])})`}` : undefined;
    return note === undefined ? { text: waiterText(value['waiter']) } : { text: waiterText(value['waiter']), note };
  }
  if ('label' in value && 'key' in value) return { text: `item #${String(value['label'])}`, note: `key ${String(value['key'])}` };
  return { text: JSON.stringify(value) };
}

/** How the fields of the models' states read, by name; a field not named here reads as its name and its JSON. */
const FIELD_WORDS: Readonly<Record<string, { readonly label: string; readonly none?: string } | null>> = {
  kind: null,
  order: null,
  value: { label: 'permits free' },
  bound: { label: 'at most' },
  capacity: { label: 'units in all' },
  holders: { label: 'holding, oldest grant first', none: 'nobody' },
  waiters: { label: 'waiting, oldest first', none: 'nobody' },
  readers: { label: 'reading', none: 'nobody' },
  writer: { label: 'writing', none: 'nobody' },
  maxReaders: { label: 'most readers at once' },
  isSet: { label: 'the event is' },
  parties: { label: 'parties' },
  broken: { label: 'broken' },
  maxsize: { label: 'maxsize' },
  buffer: { label: 'items in the queue', none: 'none' },
  getters: { label: 'getters waiting, oldest first', none: 'nobody' },
  putters: { label: 'putters waiting, oldest first', none: 'nobody' },
  joiners: { label: 'joiners waiting, oldest first', none: 'nobody' },
  unfinished: { label: 'unfinished tasks' },
  shutdown: { label: 'shut down' },
  entered: { label: 'entered so far', none: 'none' },
  received: { label: 'got so far', none: 'none' },
  discarded: { label: 'discarded by shutdown', none: 'none' },
};

/** Which buffered item the next get takes: the oldest, the newest, or the least key (ties oldest first). */
function nextOut(state: Readonly<Record<string, unknown>>): number | undefined {
  const buffer = Array.isArray(state['buffer']) ? (state['buffer'] as unknown[]) : [];
  if (buffer.length === 0) return undefined;
  if (state['order'] === 'lifo') return buffer.length - 1;
  if (state['order'] !== 'priority') return 0;
  let least = 0;
  buffer.forEach((item, i) => {
    const key = (value: unknown): number => (isObject(value) && typeof value['key'] === 'number' ? value['key'] : 0);
    if (key(item) < key(buffer[least])) least = i;
  });
  return least;
}

/**
 * A model's state as a reader reads it: permits, holders and waiters in order, items, flags,
 * each in words. Generic over the models: a field it has no words for reads as its name and its
 * JSON, so a new primitive shows too.
 */
export function readState(state: unknown): ReadLine[] {
  if (!isObject(state)) return [{ label: 'state', text: JSON.stringify(state), field: '' }];
  const lock = state['kind'] === 'lock';
  const lines: ReadLine[] = [];
  for (const [field, value] of Object.entries(state)) {
    const words = FIELD_WORDS[field];
    if (words === null) continue;
    // A lock reads as locked or not; its value and bound say the same.
    if (lock && field === 'bound') continue;
    if (lock && field === 'value') {
      lines.push({ label: 'the lock is', text: value === 0 ? 'locked' : 'unlocked', field });
      continue;
    }
    const label = words?.label ?? field;
    if (field === 'value' && typeof state['capacity'] === 'number') {
      lines.push({ label: 'units free', text: `${String(value)} of ${String(state['capacity'])}`, field });
    } else if (Array.isArray(value)) {
      const next = field === 'buffer' ? nextOut(state) : undefined;
      // The queue's histories list items by their labels.
      const items = ['entered', 'received', 'discarded'].includes(field);
      lines.push({ label, list: value.map((v, i) => ({ ...(items ? { text: `item #${String(v)}` } : element(v)), ...(i === next ? { next: true } : {}) })), none: words?.none ?? 'none', field });
    } else if (field === 'writer' || field === 'maxReaders' || field === 'bound') {
      lines.push({ label, text: value === undefined || value === null ? (field === 'writer' ? 'nobody' : 'no limit') : field === 'writer' ? waiterText(value) : String(value), field });
    } else if (field === 'isSet') {
      lines.push({ label, text: value === true ? 'set' : 'clear', field });
    } else if (field === 'maxsize') {
      lines.push({ label, text: value === 0 ? 'none (unbounded)' : String(value), field });
    } else {
      lines.push({ label, text: typeof value === 'boolean' ? (value ? 'yes' : 'no') : typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value), field });
    }
  }
  // The capacity is said with the units free.
  return lines.filter((line) => !(line.field === 'capacity' && lines.some((other) => other.label === 'units free')));
}

/** Observers as a reader reads them: `value 1`, `locked() false`, `statistics(): waiting 0, value 1`. */
export function readObservation(observed: Observation): ReadLine[] {
  return Object.entries(observed).map(([name, value]) => {
    if (isObject(value)) {
      const fields = Object.entries(value).map(([field, v]) => `${field} ${JSON.stringify(v)}`);
      return { label: `${name}()`, text: fields.join(', '), field: name };
    }
    return { label: OBSERVER_METHODS.has(name) ? `${name}()` : name, text: JSON.stringify(value), field: name };
  });
}

/** The observers toro-ts's API reads with a call (`locked()`); the others are properties (`value`). */
const OBSERVER_METHODS: ReadonlySet<string> = new Set(['locked', 'isSet', 'qsize', 'empty', 'full']);
