/**
 * Adapters: how the checker drives a JavaScript implementation. An adapter says which model a
 * class is checked against, how to construct it, which calls it offers (by the model's names),
 * which synchronous observers it has, and which contract choices it makes differently from the
 * model. A class with toro-ts's own API needs no adapter code at all: {@link nativeAdapter}
 * builds one by looking at it.
 *
 * @module
 */

import type { LimitEnd, ModelChoices } from '../program/families/index.js';
import type { ChoiceInfo, ContractChoices } from '../compare/choices.js';
import type { CompareChoices } from '../compare/compare.js';
import { num, type BodyKind, type Params, type PrimitiveName } from '../program/program.js';

/** An item the checker puts in a queue: a priority `key` and a `label` (the putting call's id). Frozen. */
export interface Item {
  readonly key: number;
  readonly label: number;
}

/** The options of a waiting call, as the library gets them (only those the program gave). */
export interface CallOptions {
  timeout?: number;
  signal?: AbortSignal;
  /** The call's priority, for an adapter that declares {@link Adapter.priority}: larger first. */
  priority?: number;
  /** A composite's limit in ms, for a composite that declares {@link Composite.limit}. */
  limit?: number;
}

/** What a call's implementation is given. */
export interface CallContext {
  /** The call's options, or `undefined` when the program gave none (make the call without them). */
  readonly options: CallOptions | undefined;
  /** The item a put puts. */
  readonly item: Item;
  /** `notify(n)`'s count, or `undefined` for `notify()`. */
  readonly n: number | undefined;
  /** The units a weighted call asks for, or `undefined` for a call without a weight. */
  readonly weight: number | undefined;
  /** `shutdown(immediate)`'s flag: `true`, or `undefined` for the call without it. */
  readonly immediate: true | undefined;
  /**
   * The call's priority (larger is served first), or `undefined` for a call without one, which
   * the model takes as 0: pass the library's own default then. Also in `options`.
   */
  readonly priority: number | undefined;
  /** A composite's limit in milliseconds, or `undefined` for none. Also in `options`. */
  readonly limit: number | undefined;
  /** The handle (a releaser) a call on a handle is made on. */
  readonly handle: unknown;
}

/** A call of the library, in the model's vocabulary: make it on `instance` and return what it returns. */
export type CallImplementation<I> = (instance: I, context: CallContext) => unknown;

/**
 * A composite operation of the library (`runExclusive(fn)`, `use(fn)`, a task queue's
 * `add(fn)`): it stands for one of the model's calls (`acquire`), and runs a body the checker
 * gives it while it holds what that call was granted. The body starts when the grant is made
 * (the checker records the handoff then). Programs give bodies of every kind: one that returns
 * a value or throws an error at once, and one that is held until the program releases the
 * composite's handle, then resolves with its value or rejects with its error. However the body
 * ends, the library must give the grant back itself (a continuation later is fine) and settle
 * the composite with the body's very value or error.
 *
 * @example
 * ```ts
 * import type { Composite } from 'toro-ts/check';
 * import type { Mutex } from 'async-mutex';
 * const runExclusive: Composite<Mutex> = { as: 'acquire', run: (mutex, _context, body) => mutex.runExclusive(body) };
 * console.log(runExclusive.as);
 * // prints: acquire
 * ```
 *
 * @example
 * A limiter whose jobs have a priority and an expiration: the model serves waiting jobs by
 * priority, and gives a job's slot back when its limit passes (a forced release), rejecting the
 * job with a timeout error (declare `errors: { TimeoutError: ... }` for the library's class).
 * ```ts
 * import type { Adapter, Composite } from 'toro-ts/check';
 * interface Limiter { schedule(options: { priority: number; expiration?: number }, fn: () => unknown): Promise<unknown> }
 * const schedule: Composite<Limiter> = {
 *   as: 'acquire',
 *   run: (limiter, c, body) => limiter.schedule({ priority: c.priority ?? 0, ...(c.limit === undefined ? {} : { expiration: c.limit }) }, body),
 *   limit: { settles: 'timeout' },
 * };
 * const declared: Pick<Adapter<Limiter>, 'composites' | 'priority'> = { composites: { schedule }, priority: { calls: ['schedule'] } };
 * console.log(Object.keys(declared.composites ?? {}));
 * // prints: [ 'schedule' ]
 * ```
 */
export interface Composite<I> {
  /** The model's call it stands for. */
  readonly as: string;
  /**
   * Makes the composite call on `instance`, with `body` as the function it runs while it holds
   * the grant: `body()` returns a value, throws, or returns a promise. The model runs a body in
   * a continuation after the grant, so one that returns or throws gives its grant back once the
   * job's continuations have run; a library that calls `fn` inside the call that made the grant
   * and gives the grant back there when `fn` throws (p-queue's `add`) is checked as its users
   * mostly call it, with an async function: `(queue, c, body) => queue.add(async () => body())`.
   */
  run(instance: I, context: CallContext, body: () => unknown): unknown;
  /**
   * The options it takes, where it takes fewer than the adapter's calls (`use(fn)` of a pool
   * whose `acquire()` has a timeout but whose `use` has none): what it does not take is never
   * given to it. An option the adapter's `options` leave out is never given either way.
   * @defaultValue the adapter's `options`
   */
  readonly options?: { readonly timeout?: boolean; readonly signal?: boolean };
  /**
   * The kinds of body programs give it, where the library cannot run them all (a body it can
   * only call back, say). A composite without one is held until the program releases it.
   * @defaultValue every kind: `['held', 'returns', 'throws', 'rejects']`
   */
  readonly bodies?: readonly ('held' | BodyKind)[];
  /**
   * It takes a time limit (`context.limit`, ms from its body's start): when the limit passes
   * before the body ends, the library gives the grant back on its own, and the body's own end
   * then gives back nothing. `settles` says how the composite settles then (see
   * {@link LimitEnd}); `values`, the limits programs give.
   * @defaultValue no limit
   */
  readonly limit?: { readonly settles?: LimitEnd; readonly values?: readonly number[] };
}

/**
 * Contract choices: where a library legitimately differs from the model. Each changes what
 * counts as a divergence; a difference that is not declared is reported.
 */
export interface Choices extends ModelChoices, CompareChoices {
  /**
   * How to tell the library's errors by the model's names (`TimeoutError`, `RangeError`,
   * `InvalidStateError`, `QueueEmpty`, `QueueFull`, ...). By default an error is known by its
   * `name`.
   */
  readonly errors?: Readonly<Record<string, (error: unknown) => boolean>>;
  /**
   * What an aborted wait rejects with: `reason` (the model: the signal's `reason`), or `any`
   * (any rejection after the abort counts as aborted).
   */
  readonly abortRejection?: 'reason' | 'any';
}

/**
 * The choices only an adapter declares (a driver's port names its errors by the models' names
 * itself), as data beside {@link CONTRACT_CHOICES}: the guides' table of choices lists both.
 */
export const ADAPTER_CHOICES = {
  abortRejection: {
    values: ['reason', 'any'],
    meaning: "what an aborted call rejects with: its signal's `reason`, or any error.",
  },
  errors: {
    values: [],
    form: '{ TimeoutError: (error) => error === E_TIMEOUT }',
    meaning: "how to tell the library's errors by the model's names (by default, an error is known by its `name`).",
  },
} as const satisfies { readonly [K in Exclude<keyof Choices, keyof ContractChoices>]-?: Omit<ChoiceInfo, 'changes'> };

/**
 * How the checker drives one class. Calls and observers are named as in the model; those not
 * given are never generated or compared.
 *
 * @typeParam I - the instance the adapter makes.
 *
 * @example
 * ```ts
 * import { Mutex } from 'async-mutex';
 * import type { Adapter } from 'toro-ts/check';
 * const adapter: Adapter<Mutex> = {
 *   primitive: 'Lock',
 *   name: 'async-mutex Mutex',
 *   create: () => new Mutex(),
 *   calls: {
 *     acquire: (mutex) => mutex.acquire().then((release) => ({ release })),
 *     release: (mutex, { handle }) => (handle as { release(): void }).release(),
 *   },
 *   observers: { locked: (mutex) => mutex.isLocked() },
 *   options: { timeout: false, signal: false },
 *   imports: "import { Mutex } from 'async-mutex';",
 * };
 * ```
 */
export interface Adapter<I = any> {
  /** The model the class is checked against. */
  readonly primitive: PrimitiveName;
  /** The name reports use: `async-mutex Mutex`. */
  readonly name: string;
  /** Makes a fresh instance for a program's constructor parameters. */
  create(params: Readonly<Record<string, number>>): I;
  /**
   * The calls, by the model's names: `acquire`, `tryAcquire`, `release` (on the primitive) for the
   * semaphores; `wait`, `set`, `clear`; `wait`, `notify`, `notifyAll`; `put`, `putNowait`, `get`,
   * `getNowait`, `taskDone`, `join`. `release` is made on a handle when the program says so
   * (`context.handle`), on the primitive otherwise; give `handleRelease` to tell them apart.
   */
  readonly calls: Readonly<Partial<Record<string, CallImplementation<I>>>>;
  /** A releaser's `release`: a call on the handle an `acquire` or `tryAcquire` resolved to. */
  readonly handleRelease?: CallImplementation<I>;
  /**
   * The library's handles are not releasers of one grant but values it lends again (a pool's
   * resource, given back with `pool.release(resource)`) or one release shared by every holder
   * (a semaphore's `leave()`): it cannot tell a second release of a handle from the release of
   * whoever holds it now, so programs release each handle at most once (rule 8, what a spent
   * releaser does, is then not checked). Not with a release on the primitive, which gives back
   * grants whose handles programs would still release.
   * @defaultValue false: programs release handles again, which must then do nothing
   */
  readonly releaseOnce?: boolean;
  /** Composite operations, by the library's names (`runExclusive`): each stands for a model call. */
  readonly composites?: Readonly<Record<string, Composite<I>>>;
  /**
   * The calls that take a priority, by the model's names or a composite's (`acquire`, `add`),
   * for a library that serves waiters by priority: programs give them `priority` values
   * (`context.priority`: larger is served first, `undefined` is 0), and the model serves them
   * highest first, FIFO among equals. `values` are the priorities programs give.
   * @defaultValue no priorities: every waiter is served in arrival order
   */
  readonly priority?: { readonly calls: readonly string[]; readonly values?: readonly number[] };
  /** Synchronous observers, by the model's names: `value`, `locked`, `isSet`, `qsize`, `empty`, `full`, `maxsize`, `statistics`. */
  readonly observers?: Readonly<Partial<Record<string, (instance: I) => unknown>>>;
  /**
   * Which options waiting calls take, the timeouts programs give where the library takes fewer
   * (`timeouts: [1, 5, 10, 20]` for one that refuses a timeout of 0), and whether a call may be
   * given a signal already aborted (`abortedSignals: false` leaves that case out, to look past
   * a bug it shows first).
   * @defaultValue both; timeouts of 0, 1, 5, 10 and 20 ms; signals aborted before the call too
   */
  readonly options?: { readonly timeout?: boolean; readonly signal?: boolean; readonly timeouts?: readonly number[]; readonly abortedSignals?: boolean };
  /** The constructor parameters the library supports, as the values programs may use (`{ value: [1, 2, 3] }`). */
  readonly params?: Readonly<Record<string, readonly number[]>>;
  /** Whether programs may make calls with bad arguments (`notify(-1)`). @defaultValue true */
  readonly badInput?: boolean;
  /** The library's declared contract choices. */
  readonly choices?: Choices;
  /**
   * For the standalone reproduction: the lines that import what `create`, the calls and the
   * observers use. Those functions are copied into the reproduction as their source text, so
   * they may use only their parameters and what these lines import.
   */
  readonly imports?: string;
}

type AnyClass = new (...args: any[]) => any;

/** How each primitive of toro-ts's API is constructed from a program's parameters. */
const constructors: Readonly<Record<PrimitiveName, (C: AnyClass, params: Readonly<Record<string, number>>) => unknown>> = {
  Semaphore: (C, p) => new C(p['value'] ?? 1),
  BoundedSemaphore: (C, p) => new C(p['value'] ?? 1),
  Lock: (C) => new C(),
  WeightedSemaphore: (C, p) => new C(p['capacity'] ?? 1),
  RWLock: (C, p) => new C({ maxReaders: p['maxReaders'] ?? Number.POSITIVE_INFINITY }),
  Event: (C) => new C(),
  Condition: (C) => new C(),
  Barrier: (C, p) => new C(p['parties'] ?? 1),
  Queue: (C, p) => new C({ maxsize: p['maxsize'] ?? 0 }),
  LifoQueue: (C, p) => new C({ maxsize: p['maxsize'] ?? 0 }),
  PriorityQueue: (C, p) => new C({ maxsize: p['maxsize'] ?? 0, compare: (a: Item, b: Item) => a.key - b.key }),
};

/** Source text of the constructors, for reproductions. */
const constructorSource: Readonly<Record<PrimitiveName, (name: string) => string>> = {
  Semaphore: (name) => `(p) => new ${name}(p.value ?? 1)`,
  BoundedSemaphore: (name) => `(p) => new ${name}(p.value ?? 1)`,
  Lock: (name) => `() => new ${name}()`,
  WeightedSemaphore: (name) => `(p) => new ${name}(p.capacity ?? 1)`,
  RWLock: (name) => `(p) => new ${name}({ maxReaders: p.maxReaders ?? Infinity })`,
  Event: (name) => `() => new ${name}()`,
  Condition: (name) => `() => new ${name}()`,
  Barrier: (name) => `(p) => new ${name}(p.parties ?? 1)`,
  Queue: (name) => `(p) => new ${name}({ maxsize: p.maxsize ?? 0 })`,
  LifoQueue: (name) => `(p) => new ${name}({ maxsize: p.maxsize ?? 0 })`,
  PriorityQueue: (name) => `(p) => new ${name}({ maxsize: p.maxsize ?? 0, compare: (a, b) => a.key - b.key })`,
};

/** toro-ts's calls, by name: each as the API page writes it. */
const nativeCalls: Readonly<Record<string, CallImplementation<any>>> = {
  acquire: (s, c) => (c.weight !== undefined ? (c.options === undefined ? s.acquire(c.weight) : s.acquire(c.weight, c.options)) : c.options === undefined ? s.acquire() : s.acquire(c.options)),
  tryAcquire: (s, c) => (c.weight === undefined ? s.tryAcquire() : s.tryAcquire(c.weight)),
  acquireRead: (l, c) => (c.options === undefined ? l.acquireRead() : l.acquireRead(c.options)),
  acquireWrite: (l, c) => (c.options === undefined ? l.acquireWrite() : l.acquireWrite(c.options)),
  tryAcquireRead: (l) => l.tryAcquireRead(),
  tryAcquireWrite: (l) => l.tryAcquireWrite(),
  release: (s) => s.release(),
  wait: (s, c) => (c.options === undefined ? s.wait() : s.wait(c.options)),
  set: (s) => s.set(),
  clear: (s) => s.clear(),
  notify: (s, c) => (c.n === undefined ? s.notify() : s.notify(c.n)),
  notifyAll: (s) => s.notifyAll(),
  put: (q, c) => (c.options === undefined ? q.put(c.item) : q.put(c.item, c.options)),
  putNowait: (q, c) => q.putNowait(c.item),
  get: (q, c) => (c.options === undefined ? q.get() : q.get(c.options)),
  getNowait: (q) => q.getNowait(),
  taskDone: (q) => q.taskDone(),
  join: (q, c) => (c.options === undefined ? q.join() : q.join(c.options)),
  shutdown: (q, c) => (c.immediate === undefined ? q.shutdown() : q.shutdown(c.immediate)),
  reset: (b) => b.reset(),
  abort: (b) => b.abort(),
};

/** toro-ts's composite operations: `runExclusive(fn, options)` on the locks and semaphores. */
const runExclusive: Composite<any> = { as: 'acquire', run: (s, c, body) => (c.options === undefined ? s.runExclusive(body) : s.runExclusive(body, c.options)) };
const nativeComposites: Readonly<Partial<Record<PrimitiveName, Readonly<Record<string, Composite<any>>>>>> = {
  Semaphore: { runExclusive },
  BoundedSemaphore: { runExclusive },
  Lock: { runExclusive },
  WeightedSemaphore: {
    runExclusive: { as: 'acquire', run: (s, c, body) => (c.options === undefined ? s.runExclusive(c.weight ?? 1, body) : s.runExclusive(c.weight ?? 1, body, c.options)) },
  },
  RWLock: {
    runRead: { as: 'acquireRead', run: (l, c, body) => (c.options === undefined ? l.runRead(body) : l.runRead(body, c.options)) },
    runWrite: { as: 'acquireWrite', run: (l, c, body) => (c.options === undefined ? l.runWrite(body) : l.runWrite(body, c.options)) },
  },
};

/** toro-ts's observers: methods and properties. */
const nativeObservers: Readonly<Record<string, { readonly method: boolean; readonly read: (instance: any) => unknown }>> = {
  value: { method: false, read: (s) => s.value },
  locked: { method: true, read: (s) => s.locked() },
  isSet: { method: true, read: (s) => s.isSet() },
  maxsize: { method: false, read: (q) => q.maxsize },
  capacity: { method: false, read: (s) => s.capacity },
  parties: { method: false, read: (b) => b.parties },
  broken: { method: false, read: (b) => b.broken },
  qsize: { method: true, read: (q) => q.qsize() },
  empty: { method: true, read: (q) => q.empty() },
  full: { method: true, read: (q) => q.full() },
  statistics: { method: true, read: (s) => s.statistics() },
};

/** The calls each primitive of toro-ts's API has. */
const apiCalls: Readonly<Record<PrimitiveName, readonly string[]>> = {
  Semaphore: ['acquire', 'tryAcquire', 'release'],
  BoundedSemaphore: ['acquire', 'tryAcquire', 'release'],
  Lock: ['acquire', 'tryAcquire', 'release'],
  WeightedSemaphore: ['acquire', 'tryAcquire'],
  RWLock: ['acquireRead', 'acquireWrite', 'tryAcquireRead', 'tryAcquireWrite'],
  Event: ['wait', 'set', 'clear'],
  Condition: ['wait', 'notify', 'notifyAll'],
  Barrier: ['wait', 'reset', 'abort'],
  Queue: ['put', 'putNowait', 'get', 'getNowait', 'taskDone', 'join', 'shutdown'],
  PriorityQueue: ['put', 'putNowait', 'get', 'getNowait', 'taskDone', 'join', 'shutdown'],
  LifoQueue: ['put', 'putNowait', 'get', 'getNowait', 'taskDone', 'join', 'shutdown'],
};

/** The observers each primitive of toro-ts's API has. */
const apiObservers: Readonly<Record<PrimitiveName, readonly string[]>> = {
  Semaphore: ['value', 'statistics'],
  BoundedSemaphore: ['value', 'statistics'],
  Lock: ['locked', 'statistics'],
  WeightedSemaphore: ['value', 'capacity', 'statistics'],
  RWLock: ['statistics'],
  Event: ['isSet', 'statistics'],
  Condition: ['statistics'],
  Barrier: ['parties', 'broken', 'statistics'],
  Queue: ['maxsize', 'qsize', 'empty', 'full', 'statistics'],
  PriorityQueue: ['maxsize', 'qsize', 'empty', 'full', 'statistics'],
  LifoQueue: ['maxsize', 'qsize', 'empty', 'full', 'statistics'],
};

/** The parameters a probe instance is made with, to see which observers it has. */
const probeParams: Readonly<Record<string, number>> = { value: 1, maxsize: 1, capacity: 1, maxReaders: 1, parties: 1 };

/** Whether `fn` is constructed with `new` (a class, or an ES5 constructor with methods) rather than called. */
function isConstructor(fn: Function): boolean {
  if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) return true;
  const prototype = (fn as { prototype?: object }).prototype;
  return prototype !== undefined && Object.getOwnPropertyNames(prototype).length > 1;
}

/**
 * An adapter for a class with toro-ts's API (the names and signatures of API.md), made by
 * looking at it: the calls and observers it has are checked, the others are not generated.
 *
 * @param primitive - the model to check it against.
 * @param make - the class (constructed as toro-ts's is: `new Semaphore(value)`, `new Queue({
 *   maxsize })`, ...), or a function that makes an instance from a program's parameters.
 * @param options - a name for reports (by default the name the module exports the class
 *   under, else the class's own), the module the class is imported from and the name it is
 *   exported under (for reproductions; by default the class's name), and any contract choices.
 *
 * @example
 * ```ts
 * import { Semaphore } from 'toro-ts';
 * import { check, nativeAdapter } from 'toro-ts/check';
 * const result = await check(nativeAdapter('Semaphore', Semaphore), { runs: 100, seed: 1 });
 * console.log(result.programs, result.failure === undefined);
 * // prints: 100 true
 * ```
 */
export function nativeAdapter(
  primitive: PrimitiveName,
  make: AnyClass | ((params: Readonly<Record<string, number>>) => unknown),
  options: { readonly name?: string; readonly from?: string; readonly exportName?: string; readonly choices?: Choices } = {},
): Adapter {
  const byClass = isConstructor(make);
  const create = byClass ? (params: Readonly<Record<string, number>>) => constructors[primitive](make as AnyClass, params) : (make as (params: Readonly<Record<string, number>>) => unknown);
  let probe: Record<string, unknown>;
  try {
    probe = create(probeParams) as Record<string, unknown>;
  } catch (error) {
    throw new TypeError(`${options.name ?? make.name} cannot be made as a ${primitive}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const has = (name: string, method: boolean): boolean => (method ? typeof probe[name] === 'function' : name in probe);
  const calls: Record<string, CallImplementation<any>> = {};
  for (const name of apiCalls[primitive]) {
    const call = nativeCalls[name];
    if (call !== undefined && has(name, true)) calls[name] = call;
  }
  const observers: Record<string, (instance: any) => unknown> = {};
  for (const name of apiObservers[primitive]) {
    const observer = nativeObservers[name];
    if (observer !== undefined && has(name, observer.method)) observers[name] = observer.read;
  }
  const exported = options.exportName ?? make.name;
  // The reproduction's own name for the class: the export's, where it can be one.
  const local = isBindable(exported) ? exported : 'Subject';
  if (options.from !== undefined && byClass) sources.set(create, constructorSource[primitive](local));
  const composites: Record<string, Composite<any>> = {};
  for (const [name, composite] of Object.entries(nativeComposites[primitive] ?? {})) if (has(name, true)) composites[name] = composite;
  return {
    primitive,
    name: options.name ?? options.exportName ?? make.name,
    create,
    calls,
    handleRelease: (_s, c) => (c.handle as { release(): void }).release(),
    ...(Object.keys(composites).length === 0 ? {} : { composites }),
    observers,
    ...(options.choices === undefined ? {} : { choices: options.choices }),
    ...(options.from === undefined || !byClass ? {} : { imports: importLine(exported, local, options.from) }),
  };
}

/** Words that cannot name a binding in a module. */
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield arguments eval'.split(' '),
);

/** Whether `name` can be a binding's name in a module as it is. */
function isBindable(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/**
 * The line that imports export `exported` of `from` as `local`: `import { Lock } from './port.js';`,
 * or, for an export whose name is no identifier, `import { "my lock" as Subject } from ...`
 * (every string quoted as JSON, so no name can end it).
 */
function importLine(exported: string, local: string, from: string): string {
  const binding = exported === local ? local : `${JSON.stringify(exported)} as ${local}`;
  return `import { ${binding} } from ${JSON.stringify(from)};`;
}

/** Source text to print for functions whose own text would not run standalone. */
export const sources = new WeakMap<Function, string>();

/**
 * Adapters for every class a module exports under a primitive's name (`Lock`, `Semaphore`,
 * `Queue`, ...), each made by {@link nativeAdapter} and named after its export. `from` is how a
 * reproduction imports the module.
 */
export function moduleAdapters(module: Readonly<Record<string, unknown>>, from?: string, choices?: Choices): Adapter[] {
  const found: Adapter[] = [];
  for (const primitive of Object.keys(constructors) as PrimitiveName[]) {
    const Class = module[primitive];
    if (typeof Class !== 'function') continue;
    // Named after the export, not the class: a module's `export { LifoLock as Lock }` is its Lock.
    found.push(nativeAdapter(primitive, Class as AnyClass, { exportName: primitive, ...(from === undefined ? {} : { from }), ...(choices === undefined ? {} : { choices }) }));
  }
  return found;
}

/** The model's params, as numbers, for an adapter's `create`. */
export function numericParams(params: Params): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(params)) if (typeof value !== 'boolean') out[name] = num(value);
  return out;
}
