/**
 * The implementation's side of a run: it makes a program's calls through an adapter's
 * functions and records what they did as a trace. Self-contained (it refers to nothing outside
 * its own body), so a standalone reproduction carries this very function and runs the library
 * exactly as the checker did.
 *
 * @module
 */

import type { CallAction, CallResult, CallTrace, Observation, Resources, TickTrace, TraceSettlement } from '../program/program.js';

/** What the real side is built from: an adapter's functions, and the clock it runs on. */
export interface RealSideParts {
  readonly create: (params: Readonly<Record<string, number>>) => unknown;
  readonly calls: Readonly<Record<string, ((instance: any, context: any) => unknown) | undefined>>;
  readonly handleRelease: ((instance: any, context: any) => unknown) | undefined;
  /** Composite calls, by name: each runs a body while it holds its grant. */
  readonly composites: Readonly<Record<string, ((instance: any, context: any, body: () => unknown) => unknown) | undefined>>;
  readonly observers: Readonly<Record<string, ((instance: any) => unknown) | undefined>>;
  /** The library's errors, by the model's names. */
  readonly errors: Readonly<Record<string, (error: unknown) => boolean>>;
  /** Any rejection of an aborted call counts as aborted. */
  readonly abortAny: boolean;
  /** Calls whose value is a handle (a releaser). */
  readonly givesHandle: readonly string[];
  /** Calls that wait (return a promise). */
  readonly waits: readonly string[];
  /**
   * The clock, and its fence where it has one: `escapes` says what escaped the calls since the
   * last tick, a rejection named by `name` where it knows its reason (a body's error).
   */
  readonly clock: { timers(): number; settle(): Promise<void>; advance(ms: number): Promise<void>; escapes?(name?: (reason: unknown) => string | undefined): readonly string[] };
  /** Node's `getEventListeners`, to count abort listeners. */
  readonly listeners: (target: EventTarget, type: string) => readonly unknown[];
}

/** The implementation's side of a run; see the module comment. */
export interface RealSide {
  /** Makes the instance; returns what the observers show then. */
  start(params: Readonly<Record<string, number>>): Observation;
  /** Runs one tick's actions, lets every continuation run, and returns what the tick did. */
  tick(actions: readonly unknown[]): Promise<TickTrace>;
}

/** Builds the real side from `parts`. */
export function realSide(parts: RealSideParts): RealSide {
  const controllers = new Map<number, AbortController>();
  const handles = new Map<number, unknown>();
  /** Handles of composite calls: releasing one ends the body, and the library releases after. */
  const composed = new Set<number>();
  const items = new Map<object, number>();
  /** Each composite body's value and error, as a trace names them: the composite must settle with these very ones. */
  const bodies = new Map<unknown, string>();
  let finished: TraceSettlement[] = [];
  let instance: unknown;
  let settled: TraceSettlement[] = [];
  const num = (v: unknown): number => (v === 'NaN' ? Number.NaN : v === 'Infinity' ? Number.POSITIVE_INFINITY : v === '-Infinity' ? Number.NEGATIVE_INFINITY : (v as number));
  const nameOf = (error: unknown): string => {
    for (const [name, matches] of Object.entries(parts.errors)) if (matches(error)) return name;
    if (typeof error === 'object' && error !== null && 'name' in error) return String((error as { name: unknown }).name);
    return `non-error ${typeof error}`;
  };
  const plain = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'object' && v !== null ? 'object' : v;
    return out;
  };
  const observe = (): Observation => {
    const observed: Record<string, unknown> = {};
    for (const [name, read] of Object.entries(parts.observers)) {
      if (read === undefined) continue;
      try {
        observed[name] = plain(read(instance));
      } catch (error) {
        observed[name] = `threw ${nameOf(error)}`;
      }
    }
    return observed as Observation;
  };
  const resources = (): Resources => {
    const listeners: Record<string, number> = {};
    for (const [n, controller] of controllers) if (!controller.signal.aborted) listeners[`s${n}`] = parts.listeners(controller.signal, 'abort').length;
    return { timers: parts.clock.timers(), listeners };
  };
  const controller = (n: number): AbortController => {
    let found = controllers.get(n);
    if (found === undefined) {
      found = new AbortController();
      controllers.set(n, found);
    }
    return found;
  };
  const traced = (call: string, value: unknown, id: number): string | number | boolean | undefined => {
    if (value === undefined) return undefined;
    if (parts.givesHandle.includes(call)) {
      handles.set(id, value);
      return 'handle';
    }
    if (typeof value === 'object' && value !== null) return items.get(value) ?? 'object';
    if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
    return String(value);
  };
  const returned = (value: string | number | boolean | undefined): CallResult => (value === undefined ? { kind: 'returned' } : { kind: 'returned', value });
  const call = (action: CallAction): CallResult => {
    const onHandle = action.on !== undefined;
    // Own entries only: a program's call named after an Object method (toString) is no call.
    const own = <T>(table: Readonly<Record<string, T>>, name: string): T | undefined => (Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined);
    const composite = onHandle ? undefined : own(parts.composites, action.call);
    const waits = !onHandle && (composite !== undefined || parts.waits.includes(action.call));
    const options: { timeout?: number; signal?: AbortSignal; priority?: number; limit?: number } = {};
    if (action.timeout !== undefined) options.timeout = num(action.timeout);
    if (action.signal !== undefined) options.signal = controller(action.signal).signal;
    if (action.priority !== undefined) options.priority = action.priority;
    if (action.limit !== undefined) options.limit = action.limit;
    const item = Object.freeze({ key: action.key ?? 0, label: action.id });
    items.set(item, action.id);
    const signal = options.signal;
    // A call on a handle that was never given does nothing, in the model as here.
    if (onHandle && !handles.has(action.on as number)) return { kind: 'returned' };
    const implementation = onHandle ? (composed.has(action.on as number) ? (_: unknown, c: { handle: { release(): void } }) => c.handle.release() : parts.handleRelease) : own(parts.calls, action.call);
    if (implementation === undefined && composite === undefined) return { kind: 'threw', error: `no ${action.call} to call` };
    const context = {
      options: waits && Object.keys(options).length > 0 ? options : undefined,
      item,
      n: action.n === undefined ? undefined : num(action.n),
      weight: action.weight === undefined ? undefined : num(action.weight),
      immediate: action.immediate,
      priority: action.priority,
      limit: action.limit,
      handle: onHandle ? handles.get(action.on as number) : undefined,
    };
    // A composite's body starts when the grant is made: that is its handoff. It returns its value
    // or throws its error as soon as it runs, or holds the grant until the program releases the
    // handle the body stands for, then resolves with its value or rejects with its error.
    let started = false;
    const kind = action.body ?? 'held';
    const bodyValue = Object.freeze({ body: action.id });
    const bodyError = new Error(`the body of #${action.id} failed, as the program says`);
    bodies.set(bodyValue, `value of #${action.id}`);
    bodies.set(bodyError, `error of #${action.id}`);
    const body = (): unknown => {
      started = true;
      composed.add(action.id);
      settled.push({ id: action.id, outcome: 'resolved', value: 'handle' });
      if (kind === 'returns' || kind === 'throws') {
        handles.set(action.id, { release: () => undefined });
        if (kind === 'throws') throw bodyError;
        return bodyValue;
      }
      return new Promise((resolve, reject) => handles.set(action.id, { release: () => (kind === 'rejects' ? reject(bodyError) : resolve(bodyValue)) }));
    };
    // How a settled promise reads in a trace: a body's own value or error by its name.
    const rejection = (error: unknown): TraceSettlement => {
      const name = bodies.get(error) ?? nameOf(error);
      if (bodies.has(error)) return { id: action.id, outcome: 'rejected', error: name };
      // Once its body started, only the signal's own reason tells an abort (a limit's timeout may follow one).
      if (signal !== undefined && signal.aborted && (error === signal.reason || (parts.abortAny && !started))) return { id: action.id, outcome: 'aborted' };
      if (name === 'TimeoutError') return { id: action.id, outcome: 'timeout' };
      return { id: action.id, outcome: 'rejected', error: name };
    };
    let value: unknown;
    try {
      value = composite === undefined ? (implementation as (i: unknown, c: unknown) => unknown)(instance, context) : composite(instance, context, body);
    } catch (error) {
      return { kind: 'threw', error: nameOf(error) };
    }
    const thenable = (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
    if (!thenable) return returned(traced(action.call, value, action.id));
    (value as PromiseLike<unknown>).then(
      (resolved) => {
        // A composite's own promise settles after its body started (its handoff was recorded then): it finished.
        const v = bodies.get(resolved) ?? traced(action.call, resolved, action.id);
        const settlement: TraceSettlement = v === undefined ? { id: action.id, outcome: 'resolved' } : { id: action.id, outcome: 'resolved', value: v };
        (started ? finished : settled).push(settlement);
      },
      (error: unknown) => (started ? finished : settled).push(rejection(error)),
    );
    return { kind: 'pending' };
  };
  return {
    start(params) {
      instance = parts.create(params);
      return observe();
    },
    async tick(actions) {
      settled = [];
      finished = [];
      const calls: CallTrace[] = [];
      for (const action of actions as readonly Record<string, unknown>[]) {
        if ('call' in action) {
          const result = call(action as unknown as CallAction);
          // Releasing a composite's handle ends its body; the library gives the grant back a
          // continuation later, so there is nothing to observe right after the call.
          const deferred = action['on'] !== undefined && composed.has(action['on'] as number);
          calls.push(deferred ? { id: action['id'] as number, result } : { id: action['id'] as number, result, observed: observe() });
        } else if ('abort' in action) {
          const c = controller(action['abort'] as number);
          if (!c.signal.aborted) c.abort(new Error(`s${String(action['abort'])} aborted by the program`));
        } else {
          await parts.clock.advance(action['advance'] as number);
        }
      }
      await parts.clock.settle();
      // A body's error that escapes is named as the body's, so the report says whose it was.
      const escaped = parts.clock.escapes?.((reason) => bodies.get(reason)) ?? [];
      return { calls, settled, ...(finished.length === 0 ? {} : { finished }), ...(escaped.length === 0 ? {} : { escaped }), observed: observe(), resources: resources() };
    },
  };
}
