/**
 * Programs and traces: the checker's language-neutral vocabulary.
 *
 * A **program** is what the checker runs against a model and an implementation: the primitive
 * and its constructor parameters, then ticks. A tick is a few actions made one after another in
 * the same job (no promise continuation runs between them); between ticks every continuation
 * runs. An action is a call on the primitive (or on a handle an earlier call was given, such as
 * a releaser), a signal's abort, or time passing.
 *
 * A **trace** is what a program did, tick by tick: what each call returned or threw, which
 * waiters settled in which order and how, and what the observers showed.
 *
 * Both are plain JSON data: nothing here is JavaScript-specific, so a port in another language
 * reads and writes them (see `conformance/schema/` for the JSON Schema). Pure: no Node API.
 *
 * @module
 */

/** A number that JSON can carry, or one of the names of those it cannot. */
export type Num = number | 'NaN' | 'Infinity' | '-Infinity';

/** The primitives the models specify, by their class names. */
export const PRIMITIVES = ['Semaphore', 'BoundedSemaphore', 'Lock', 'WeightedSemaphore', 'RWLock', 'Event', 'Condition', 'Barrier', 'Queue', 'PriorityQueue', 'LifoQueue'] as const;

/** One of {@link PRIMITIVES}. */
export type PrimitiveName = (typeof PRIMITIVES)[number];

/** Constructor parameters, by the model's names (`value`, `maxsize`, ...). */
export type Params = Readonly<Record<string, Num | boolean>>;

/**
 * How the body of a composite call (`runExclusive(fn)`, a task queue's `add(fn)`) ends, where it
 * does not wait to be released: `returns` its value, or `throws` its error, synchronously, as soon
 * as it runs; or returns a promise that `rejects` with its error once the program releases the
 * composite's handle (`release() on #n`). A composite call without one has a body that is
 * **held**: it returns a promise that resolves with its value once the program releases the
 * handle. The body's value and error are the call's own (`value of #n`, `error of #n`): the
 * composite must settle with that very value, or reject with that very error.
 */
export type BodyKind = 'returns' | 'throws' | 'rejects';

/** Every {@link BodyKind}, and `held`, what a composite's body is when the call names none. */
export const BODY_KINDS = ['held', 'returns', 'throws', 'rejects'] as const;

/**
 * A call. `id` numbers the call within its program (increasing, unique); a waiting call's id is
 * its waiter's name, and a put's id labels its item.
 */
export interface CallAction {
  readonly call: string;
  readonly id: number;
  /**
   * The call is made on the handle that call `on` was given (a releaser), not on the primitive.
   * A handle is in hand from the moment a call returns it, or, when a promise resolves with it,
   * from the next tick (once the continuation has run); before that the call does nothing.
   */
  readonly on?: number;
  /** `timeout` option, in milliseconds. */
  readonly timeout?: Num;
  /** `signal` option: the number of the signal passed (signals are made on first mention). */
  readonly signal?: number;
  /** The priority of a put's item (a PriorityQueue takes the least key first). */
  readonly key?: number;
  /** A count argument (`notify(n)`); absent for the call without it. */
  readonly n?: Num;
  /** The units a weighted call asks for (`acquire(weight)`). */
  readonly weight?: Num;
  /** A flag the call is given (`shutdown(immediate)`): present only when true. */
  readonly immediate?: true;
  /**
   * `priority` option of a waiting call, for a target that serves waiters by priority: larger is
   * served first; absent is 0 (see the models' `Priorities`).
   */
  readonly priority?: number;
  /** How a composite call's body ends; absent: it is held until the program releases its handle. */
  readonly body?: BodyKind;
  /**
   * `limit` option of a composite call, in milliseconds from its body's start: when it passes,
   * the grant goes back on its own (a forced release: a limiter's expiration, a lease), and the
   * body's own end then gives back nothing.
   */
  readonly limit?: number;
}

/** Signal number `abort` aborts now (a signal aborted before a call uses it is already aborted). */
export interface AbortAction {
  readonly abort: number;
}

/** `advance` milliseconds pass: due timeouts fire in deadline order, ties in the order they were set. */
export interface AdvanceAction {
  readonly advance: number;
}

/** One thing a program does. */
export type Action = CallAction | AbortAction | AdvanceAction;

/** A program: the primitive, its constructor parameters, and ticks of actions. */
export interface Program {
  readonly primitive: PrimitiveName;
  readonly params: Params;
  readonly ticks: readonly (readonly Action[])[];
}

/**
 * What a call returned, at once: a promise (`pending`, whose outcome is a settlement), a value,
 * or an error thrown synchronously (`error` is the model's name for its class).
 */
export type CallResult =
  | { readonly kind: 'pending' }
  | { readonly kind: 'returned'; readonly value?: TraceValue }
  | { readonly kind: 'threw'; readonly error: string };

/**
 * A value as traces show it: `"handle"` for a releaser, an item's label for a queue item, and
 * booleans and numbers as themselves. `undefined` is left out of a trace.
 */
export type TraceValue = string | number | boolean | null;

/**
 * How a waiter settled: `resolved` with a value, `timeout` (rejected with a TimeoutError, or a
 * Condition's `false`), `aborted` (rejected with its signal's reason), or `rejected` with an
 * error of another class.
 */
export type TraceSettlement =
  | { readonly id: number; readonly outcome: 'resolved'; readonly value?: TraceValue }
  | { readonly id: number; readonly outcome: 'timeout' | 'aborted' }
  | { readonly id: number; readonly outcome: 'rejected'; readonly error: string };

/** What the observers show: `statistics` and the synchronous observers (`value`, `locked`, `qsize`, ...). */
export type Observation = Readonly<Record<string, TraceValue | Readonly<Record<string, TraceValue>>>>;

/** What is still held after a tick: live timers, and abort listeners on each signal still live. */
export interface Resources {
  readonly timers: number;
  readonly listeners: Readonly<Record<string, number>>;
}

/** One call's outcome in a tick, and what the observers showed right after it. */
export interface CallTrace {
  readonly id: number;
  readonly result: CallResult;
  readonly observed?: Observation;
  /** The model ignored this call on a handle: a releaser whose grant was already given back (rule 8). */
  readonly ignored?: true;
}

/** What one tick did. */
export interface TickTrace {
  /** Each call of the tick, in order. */
  readonly calls: readonly CallTrace[];
  /**
   * The waiters that settled during the tick, in the order their promises settled. A composite
   * call is here when its body starts (`resolved "handle"`: its grant was made), or when it is
   * cancelled before that.
   */
  readonly settled: readonly TraceSettlement[];
  /**
   * The composite calls whose own promise settled during the tick, after their body started:
   * with the body's value (`"value of #3"`), with its error (`rejected error of #3`), or as its
   * limit says when a forced release came first. Absent when none did.
   */
  readonly finished?: readonly TraceSettlement[];
  /**
   * What escaped the implementation's calls during the tick, one line each: a promise rejected
   * with no handler (`unhandled rejection: error of #3` for a composite's body's error), an
   * exception thrown from a callback, `process.exit()`, a global replaced. The model never lets
   * anything escape. Only where the runtime can tell; absent when nothing did.
   */
  readonly escaped?: readonly string[];
  /** The observers once every continuation has run. */
  readonly observed: Observation;
  /** Timers and listeners, when the side can count them. */
  readonly resources?: Resources;
}

/** A whole trace: the constructor's outcome, then one entry per tick. */
export interface Trace {
  /** What the observers showed right after construction. */
  readonly initial: Observation;
  readonly ticks: readonly TickTrace[];
}

/** Whether an action is a call. */
export function isCall(action: Action): action is CallAction {
  return 'call' in action;
}

/** A number from its JSON form. */
export function num(value: Num): number {
  return typeof value === 'number' ? value : value === 'NaN' ? Number.NaN : value === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** A number in its JSON form. */
export function toNum(value: number): Num {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/** The options part of a call, printed: `{ timeout: 5, signal: s1, priority: 2, limit: 10 }`, or nothing. */
function showOptions(action: CallAction): string {
  const parts: string[] = [];
  if (action.timeout !== undefined) parts.push(`timeout: ${action.timeout}`);
  if (action.signal !== undefined) parts.push(`signal: s${action.signal}`);
  if (action.priority !== undefined) parts.push(`priority: ${action.priority}`);
  if (action.limit !== undefined) parts.push(`limit: ${action.limit}`);
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`;
}

/**
 * One action, printed as a call: `#3 acquire({ timeout: 5 })`, `#4 release() on #3`,
 * `#5 runExclusive(fn throws, { limit: 10 })`, `abort(s1)`, `advance(10)`.
 */
export function showAction(action: Action): string {
  if ('abort' in action) return `abort(s${action.abort})`;
  if ('advance' in action) return `advance(${action.advance})`;
  const args: string[] = [];
  if (action.weight !== undefined) args.push(`weight ${action.weight}`);
  if (action.key !== undefined) args.push(`key ${action.key}`);
  if (action.n !== undefined) args.push(String(action.n));
  if (action.immediate === true) args.push('immediate');
  if (action.body !== undefined) args.push(`fn ${action.body}`);
  const options = showOptions(action);
  if (options !== '') args.push(options);
  const on = action.on === undefined ? '' : ` on #${action.on}`;
  return `#${action.id} ${action.call}(${args.join(', ')})${on}`;
}

/**
 * The constructor parameter each primitive takes as its only argument (`new Semaphore(2)`,
 * `new WeightedSemaphore(3)`, `new Barrier(3)`); the others take an options object
 * (`new Queue({ maxsize: 1 })`, `new RWLock({ maxReaders: 2 })`), as their API does.
 */
const POSITIONAL: Readonly<Partial<Record<PrimitiveName, string>>> = { Semaphore: 'value', BoundedSemaphore: 'value', WeightedSemaphore: 'capacity', Barrier: 'parties' };

/** A program's constructor, printed as the API writes it: `new Barrier(3)`, `new Queue({ maxsize: 1 })`, `new Lock()`. */
export function showConstructor(program: Pick<Program, 'primitive' | 'params'>): string {
  const entries = Object.entries(program.params);
  const positional = POSITIONAL[program.primitive];
  if (positional !== undefined && entries.every(([name]) => name === positional)) {
    const value = program.params[positional];
    return `new ${program.primitive}(${value === undefined ? '' : String(value)})`;
  }
  const params = entries.map(([name, value]) => `${name}: ${String(value)}`);
  return `new ${program.primitive}(${params.length === 0 ? '' : `{ ${params.join(', ')} }`})`;
}

/** A program, printed: the constructor, then one line per tick. */
export function showProgram(program: Program): string {
  return [showConstructor(program), ...program.ticks.map((tick, i) => `  tick ${i + 1}: ${tick.map(showAction).join('; ')}`)].join('\n');
}

/** A settlement, printed: `#3 resolved handle`, `#4 timeout`. */
export function showSettlement(settlement: TraceSettlement): string {
  if (settlement.outcome === 'resolved') return `#${settlement.id} resolved${settlement.value === undefined ? '' : ` ${JSON.stringify(settlement.value)}`}`;
  if (settlement.outcome === 'rejected') return `#${settlement.id} rejected ${settlement.error}`;
  return `#${settlement.id} ${settlement.outcome}`;
}

/** A call's result, printed: `pending`, `returned "handle"`, `threw QueueEmpty`. */
export function showResult(result: CallResult): string {
  if (result.kind === 'pending') return 'pending';
  if (result.kind === 'threw') return `threw ${result.error}`;
  return result.value === undefined ? 'returned' : `returned ${JSON.stringify(result.value)}`;
}

/** A printed program that cannot be read back: the line and what is wrong with it. */
export class ProgramSyntaxError extends Error {
  override get name(): string {
    return 'ProgramSyntaxError';
  }
}

const NUMBER = /^(-?\d+(\.\d+)?(e[+-]?\d+)?|NaN|-?Infinity)$/;

function readNum(text: string, where: string): Num {
  const t = text.trim();
  if (!NUMBER.test(t)) throw new ProgramSyntaxError(`${where}: ${JSON.stringify(t)} is not a number`);
  return t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? t : Number(t);
}

function readFinite(text: string, where: string, what: string): number {
  const n = readNum(text, where);
  if (typeof n !== 'number') throw new ProgramSyntaxError(`${where}: ${what} is a finite number, got ${n}`);
  return n;
}

function readBody(text: string, where: string): BodyKind {
  if (text === 'returns' || text === 'throws' || text === 'rejects') return text;
  throw new ProgramSyntaxError(`${where}: a body returns, throws or rejects (a held one is written without "fn"), got ${JSON.stringify(`fn ${text}`)}`);
}

function readAction(text: string, where: string): Action {
  const t = text.trim();
  let m = /^abort\(s(\d+)\)$/.exec(t);
  if (m !== null) return { abort: Number(m[1]) };
  m = /^advance\((\d+)\)$/.exec(t);
  if (m !== null) return { advance: Number(m[1]) };
  m = /^#(\d+) ([A-Za-z]+)\((.*)\)(?: on #(\d+))?$/.exec(t);
  if (m === null) throw new ProgramSyntaxError(`${where}: cannot read ${JSON.stringify(t)}`);
  const [, id, call, inner = '', on] = m;
  const action: { -readonly [K in keyof CallAction]: CallAction[K] } = { call: call as string, id: Number(id) };
  if (on !== undefined) action.on = Number(on);
  const options = /\{([^}]*)\}/.exec(inner);
  const rest = (options === null ? inner : inner.replace(options[0], '')).split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const arg of rest) {
    const key = /^key (\d+)$/.exec(arg);
    const weight = /^weight (\S+)$/.exec(arg);
    const body = /^fn (\S+)$/.exec(arg);
    if (arg === 'immediate') action.immediate = true;
    else if (key !== null) action.key = Number(key[1]);
    else if (weight !== null) action.weight = readNum(weight[1] ?? '', where);
    else if (body !== null) action.body = readBody(body[1] ?? '', where);
    else action.n = readNum(arg, where);
  }
  for (const option of (options?.[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [name, value = ''] = option.split(':').map((s) => s.trim());
    if (name === 'timeout') action.timeout = readNum(value, where);
    else if (name === 'signal' && /^s\d+$/.test(value)) action.signal = Number(value.slice(1));
    else if (name === 'priority') action.priority = readFinite(value, where, 'a priority');
    else if (name === 'limit') action.limit = readFinite(value, where, 'a limit');
    else throw new ProgramSyntaxError(`${where}: unknown option ${JSON.stringify(option)}`);
  }
  return action;
}

/**
 * Reads a program back from its printed form ({@link showProgram}): the constructor as the API
 * writes it (`new Lock()`, `new Semaphore(2)`, `new Queue({ maxsize: 1 })`; the options-object
 * form `new Semaphore({ value: 2 })` reads too), then one line per tick,
 * `tick 1: #0 acquire({ timeout: 5 }); advance(5)`.
 */
export function parseProgram(text: string): Program {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const head = /^new ([A-Za-z]+)\((.*)\)$/.exec(lines[0] ?? '');
  if (head === null) throw new ProgramSyntaxError(`line 1: a program starts with its constructor, as in new Lock() or new Queue({ maxsize: 1 })`);
  const primitive = head[1] as PrimitiveName;
  if (!PRIMITIVES.includes(primitive)) throw new ProgramSyntaxError(`line 1: no model specifies ${primitive}`);
  const params: Record<string, Num | boolean> = {};
  const argument = (head[2] ?? '').trim();
  const positional = POSITIONAL[primitive];
  if (argument !== '' && !argument.startsWith('{')) {
    // The API's form, `new Semaphore(2)`: the primitive's one parameter.
    if (positional === undefined) throw new ProgramSyntaxError(`line 1: new ${primitive} takes an options object, as in new ${primitive}({ ... }), got ${JSON.stringify(argument)}`);
    params[positional] = readNum(argument, 'line 1');
  } else {
    // An options object: the API's form for queues and RWLock, and the form every primitive once printed.
    if (argument !== '' && !argument.endsWith('}')) throw new ProgramSyntaxError(`line 1: cannot read the parameters ${JSON.stringify(argument)}`);
    const inner = argument.replace(/^\{|\}$/g, '').trim();
    for (const part of inner.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const [name, value = ''] = part.split(':').map((s) => s.trim());
      params[name as string] = value === 'true' ? true : value === 'false' ? false : readNum(value, 'line 1');
    }
  }
  const ticks = lines.slice(1).map((line, i) => {
    const tick = /^tick \d+:(.*)$/.exec(line);
    if (tick === null) throw new ProgramSyntaxError(`line ${i + 2}: a tick reads "tick ${i + 1}: ...", got ${JSON.stringify(line)}`);
    return (tick[1] ?? '').split(';').map((action) => readAction(action, `line ${i + 2}`));
  });
  return { primitive, params, ticks };
}
