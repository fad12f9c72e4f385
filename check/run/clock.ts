/**
 * A virtual clock with the event loop's schedule, for running an implementation in virtual
 * time, and the fence around the run: while installed it stands in for every timer the
 * implementation can reach (`setTimeout`, `clearTimeout`, `setInterval`, `clearInterval`,
 * `setImmediate`, `clearImmediate`, on `globalThis` and on the `node:timers` module, the
 * promises of `node:timers/promises`, including named ESM imports of either), `performance.now()`
 * and `Date.now()`, and it catches what escapes the implementation's calls.
 *
 * The schedule is the event loop's: when time passes, due timers fire one at a time, in
 * deadline order (ties in the order they were set), and every promise continuation queued by
 * one timer runs before the next timer fires, as between two macrotasks. A timer of less than
 * 1 ms is due at once: it fires when the current job's continuations have run. An immediate
 * (`setImmediate`) runs once the continuations have run, before any timer due then, each
 * followed by its own continuations, as Node's check phase follows the job that queued it; so
 * work an implementation defers with `setImmediate` is done by the end of the tick, as work it
 * defers with a promise is.
 *
 * What escapes is recorded, for {@link VirtualClock.escapes}: a promise rejected with no
 * handler, an exception thrown from a microtask, a `process.nextTick` callback or a timer, a
 * call of `process.exit()` (which is stopped: it throws instead of exiting), and a global the run
 * relies on replaced (the timer functions, `Date`, `Date.now`, `performance.now`, `Promise`,
 * `queueMicrotask`, `process.nextTick`), which is put back. A real timer the implementation
 * set with a function it kept from before (`const { setTimeout } = require('node:timers')` at
 * load) is not virtual, but it is counted: {@link VirtualClock.timers} includes the real
 * timers that are live now and were not before the clock was installed (unless unref'd, which
 * Node does not count).
 *
 * Only one clock is installed at a time in a realm: installing a second throws. {@link
 * virtualClock} is self-contained (it refers to nothing outside its own body), so a standalone
 * reproduction can carry its source text and run the library under test on the very same
 * schedule.
 *
 * @module
 */

/** Node's timer modules, for the clock to stand in for their functions too (Node only). */
export interface ClockBuiltins {
  /** `node:timers`, its module object (`import timers from 'node:timers'`). */
  readonly timers?: object;
  /** `node:timers/promises`, its module object. */
  readonly timersPromises?: object;
  /** `syncBuiltinESMExports` of `node:module`: named ESM imports of the builtins follow the patch. */
  readonly syncBuiltinESMExports?: () => void;
}

/** How a clock is made. */
export interface ClockOptions {
  /** Node's timer modules; without them only the globals are replaced. */
  readonly builtins?: ClockBuiltins;
  /**
   * How the clock lets continuations run. `macrotasks` (the default where `setImmediate`
   * exists): real turns of the event loop, so `process.nextTick` callbacks and Node's
   * unhandled-rejection tracking run as they do. `microtasks`: a long run of promise jobs
   * only, so the run never yields to the host: in a page, no other code ever sees the virtual
   * timers (the docs site's live mode).
   */
  readonly turns?: 'macrotasks' | 'microtasks';
}

/** A virtual clock; see the module comment. */
export interface VirtualClock {
  /** Virtual milliseconds since the clock was made. */
  readonly now: number;
  /** Puts the clock in place of the timer functions and starts catching what escapes. Throws if a clock is installed already. */
  install(): void;
  /** Gives back everything install() replaced; pending virtual timers are dropped. */
  uninstall(): void;
  /** Timers set and neither fired nor cleared: virtual ones, and real ones set since install(). */
  timers(): number;
  /** Lets every continuation run, then every immediate and every timer already due, each followed by its continuations. */
  settle(): Promise<void>;
  /** Lets `ms` milliseconds pass, firing due timers one at a time, each followed by its continuations. */
  advance(ms: number): Promise<void>;
  /**
   * What escaped since the last call, each a line (`unhandled rejection: Error: boom`), and puts
   * back any global replaced. `name` may name a rejection's reason (`error of #3` for a value
   * the caller made); others are shown by their class and message.
   */
  escapes(name?: (reason: unknown) => string | undefined): string[];
}

/** Makes a virtual clock (not installed). */
export function virtualClock(options: ClockOptions = {}): VirtualClock {
  type Fn = (...args: any[]) => any;
  const g = globalThis as unknown as Record<string | symbol, unknown> & { performance?: { now: () => number } };
  const proc = g['process'] as
    | { on: Fn; off: Fn; listeners: (event: string) => Fn[]; nextTick: Fn; exit: Fn; getActiveResourcesInfo?: () => string[] }
    | undefined;
  const timersModule = options.builtins?.timers as Record<string, unknown> | undefined;
  const promisesModule = (options.builtins?.timersPromises ?? timersModule?.['promises']) as Record<string, unknown> | undefined;
  const sync = (): void => options.builtins?.syncBuiltinESMExports?.();
  const realSetImmediate = g['setImmediate'] as ((callback: () => void) => unknown) | undefined;
  const realSetTimeout = g['setTimeout'] as (callback: () => void, ms: number) => unknown;
  const microtasksOnly = (options.turns ?? (realSetImmediate === undefined ? 'microtasks' : 'macrotasks')) === 'microtasks';
  /** One turn of the loop: every microtask queued so far runs before it ends. */
  const turn = async (): Promise<void> => {
    if (microtasksOnly) {
      // A promise job per hop: deep enough for any chain of continuations a program makes.
      for (let hop = 0; hop < 256; hop++) await undefined;
      return;
    }
    await new Promise<void>((resolve) => {
      if (realSetImmediate !== undefined) realSetImmediate(resolve);
      else realSetTimeout(resolve, 0);
    });
  };
  const drain = async (): Promise<void> => {
    // Two turns: continuations that queue an immediate of their own get it run as well.
    await turn();
    await turn();
  };

  // What escaped, and how to say it in one line: a rejection keeps its reason, to be named later.
  const escaped: ({ readonly line: string } | { readonly rejected: unknown })[] = [];
  const describe = (value: unknown): string => {
    try {
      if (value instanceof Error) return `${value.name}: ${value.message}`;
      return typeof value === 'string' ? JSON.stringify(value) : String(value);
    } catch {
      return 'a value that cannot be shown';
    }
  };

  interface Timer {
    readonly id: number;
    readonly callback: Fn;
    readonly args: unknown[];
    readonly interval: number | undefined;
    due: number;
    seq: number;
  }
  let now = 0;
  let nextId = 1;
  let seq = 0;
  const live = new Map<number, Timer>();
  /** Immediates in the order they were queued. */
  const immediates = new Map<number, { readonly callback: Fn; readonly args: unknown[] }>();

  /** What the timer functions return: a number-like handle with Node's Timeout methods. */
  const handle = (id: number): object => ({
    ref() {
      return this;
    },
    unref() {
      return this;
    },
    hasRef: () => true,
    refresh() {
      const timer = live.get(id);
      if (timer !== undefined) {
        timer.due = now + (timer.interval ?? 0);
        timer.seq = seq++;
      }
      return this;
    },
    [Symbol.toPrimitive]: () => id,
  });
  const delay = (ms: unknown): number => {
    const n = Number(ms);
    return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 0;
  };
  const callable = (callback: unknown): Fn => {
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
    return callback as Fn;
  };
  const set = (callback: unknown, ms: unknown, args: unknown[], repeat: boolean): object => {
    const fn = callable(callback);
    const id = nextId++;
    const d = delay(ms);
    live.set(id, { id, callback: fn, args, interval: repeat ? Math.max(d, 1) : undefined, due: now + d, seq: seq++ });
    return handle(id);
  };
  const clear = (timer: unknown): void => {
    if (timer === undefined || timer === null) return;
    live.delete(Number(timer));
  };
  const immediate = (callback: unknown, ...args: unknown[]): object => {
    const fn = callable(callback);
    const id = nextId++;
    immediates.set(id, { callback: fn, args });
    return { ref: () => undefined, unref: () => undefined, hasRef: () => true, [Symbol.toPrimitive]: () => id };
  };
  const clearImmediate = (queued: unknown): void => {
    if (queued !== undefined && queued !== null) immediates.delete(Number(queued));
  };

  // node:timers/promises, on the same clock.
  const abortError = (signal: { reason?: unknown }): Error => Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
  type Signal = { aborted: boolean; reason?: unknown; addEventListener: Fn; removeEventListener: Fn };
  const later = <T>(schedule: (done: () => void) => object, cancel: (scheduled: object) => void, value: T, signal: Signal | undefined): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(abortError(signal));
        return;
      }
      const onAbort = (): void => {
        cancel(scheduled);
        reject(abortError(signal as Signal));
      };
      const scheduled = schedule(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  const promises = {
    setTimeout: <T>(ms?: unknown, value?: T, o?: { signal?: Signal }) => later((done) => set(done, ms, [], false), clear, value, o?.signal),
    setImmediate: <T>(value?: T, o?: { signal?: Signal }) => later((done) => immediate(done), clearImmediate, value, o?.signal),
    setInterval: <T>(ms?: unknown, value?: T, o?: { signal?: Signal }) => ({
      async *[Symbol.asyncIterator]() {
        for (;;) yield await promises.setTimeout(ms, value, o);
      },
    }),
  };
  const scheduler = { wait: (ms?: unknown, o?: { signal?: Signal }) => promises.setTimeout(ms, undefined, o), yield: () => promises.setImmediate() };
  const fake: Record<string, unknown> = {
    setTimeout: (callback: unknown, ms?: unknown, ...args: unknown[]) => set(callback, ms, args, false),
    clearTimeout: clear,
    setInterval: (callback: unknown, ms?: unknown, ...args: unknown[]) => set(callback, ms, args, true),
    clearInterval: clear,
    setImmediate: immediate,
    clearImmediate,
  };

  /** Runs one callback the clock owns; what it throws escapes, as Node would report it. */
  const run = (what: string, callback: Fn, args: unknown[]): void => {
    try {
      callback(...args);
    } catch (error) {
      escaped.push({ line: `uncaught exception in ${what}: ${describe(error)}` });
    }
  };
  /** The earliest live timer due by `until`, by deadline, then the order it was set. */
  const next = (until: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const timer of live.values()) {
      if (timer.due <= until && (best === undefined || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq))) best = timer;
    }
    return best;
  };
  const fire = (timer: Timer): void => {
    if (timer.interval === undefined) live.delete(timer.id);
    else {
      timer.due = now + timer.interval;
      timer.seq = seq++;
    }
    run('a timer', timer.callback, timer.args);
  };
  /** Callbacks one run may make before the clock calls it a loop that never goes idle. */
  const BUSY = 100_000;
  const runUntil = async (until: number): Promise<void> => {
    await drain();
    for (let made = 0; ; made++) {
      if (made === BUSY) {
        escaped.push({ line: `the event loop never went idle: ${BUSY} timers and immediates in one tick` });
        live.clear();
        immediates.clear();
        break;
      }
      const [first] = immediates;
      if (first !== undefined) {
        immediates.delete(first[0]);
        run('an immediate', first[1].callback, first[1].args);
      } else {
        const timer = next(until);
        if (timer === undefined) break;
        now = Math.max(now, timer.due);
        fire(timer);
      }
      await drain();
    }
    now = Math.max(now, until);
  };

  // The fence: what install() replaces, and what escapes() watches.
  const KEY = Symbol.for('toro-ts.check.virtualClock');
  const saved: { target: Record<string | symbol, unknown>; key: string | symbol; value: unknown; had: boolean }[] = [];
  const replace = (target: Record<string | symbol, unknown>, key: string | symbol, value: unknown): void => {
    saved.push({ target, key, value: target[key], had: Object.prototype.hasOwnProperty.call(target, key) });
    target[key] = value;
  };
  /** The globals the run relies on, as installed: one replaced is put back and reported. */
  let watched: { target: Record<string | symbol, unknown>; key: string; name: string; value: unknown }[] = [];
  const listeners: Record<string, Fn[]> = {};
  const onRejection = (reason: unknown): void => {
    escaped.push({ rejected: reason });
  };
  const onException = (error: unknown): void => {
    escaped.push({ line: `uncaught exception: ${describe(error)}` });
  };
  const realTimers = (): number => proc?.getActiveResourcesInfo?.().filter((kind) => kind === 'Timeout').length ?? 0;
  /** The fewest real timers seen live since install(): one set before that may fire meanwhile. */
  let baseline = 0;

  return {
    get now() {
      return now;
    },
    install() {
      if (g[KEY] !== undefined) throw new Error('a virtual clock is installed already: runs on a virtual clock must not overlap');
      replace(g, KEY, true);
      for (const [name, value] of Object.entries(fake)) replace(g, name, value);
      if (timersModule !== undefined) for (const [name, value] of Object.entries(fake)) replace(timersModule, name, value);
      if (promisesModule !== undefined) {
        for (const [name, value] of Object.entries(promises)) replace(promisesModule, name, value);
        replace(promisesModule, 'scheduler', scheduler);
      }
      sync();
      replace(Date as unknown as Record<string, unknown>, 'now', () => now);
      if (g.performance !== undefined) replace(g.performance as unknown as Record<string, unknown>, 'now', () => now);
      if (proc !== undefined) {
        for (const [event, listener] of [['unhandledRejection', onRejection], ['uncaughtException', onException]] as const) {
          listeners[event] = proc.listeners(event);
          for (const other of listeners[event] ?? []) proc.off(event, other);
          proc.on(event, listener);
        }
        replace(proc as unknown as Record<string, unknown>, 'exit', (code?: unknown) => {
          escaped.push({ line: `process.exit(${code === undefined ? '' : describe(code)})` });
          throw new Error(`process.exit(${code === undefined ? '' : describe(code)}) was called during a program: the checker stopped it`);
        });
      }
      const watch = (target: object | undefined, key: string, name: string): void => {
        if (target !== undefined) watched.push({ target: target as Record<string, unknown>, key, name, value: (target as Record<string, unknown>)[key] });
      };
      for (const name of [...Object.keys(fake), 'Promise', 'queueMicrotask', 'Date']) watch(g, name, `globalThis.${name}`);
      watch(Date, 'now', 'Date.now');
      watch(g.performance, 'now', 'performance.now');
      watch(proc, 'nextTick', 'process.nextTick');
      watch(proc, 'exit', 'process.exit');
      baseline = realTimers();
    },
    uninstall() {
      // What the implementation replaced since the last look goes back first, then what install() replaced.
      for (const { target, key, value } of watched) target[key] = value;
      watched = [];
      for (const { target, key, value, had } of saved.splice(0).reverse()) {
        if (had) target[key] = value;
        else delete target[key];
      }
      sync();
      if (proc !== undefined) {
        proc.off('unhandledRejection', onRejection);
        proc.off('uncaughtException', onException);
        for (const [event, others] of Object.entries(listeners)) for (const other of others) proc.on(event, other);
      }
      live.clear();
      immediates.clear();
    },
    timers: () => {
      const real = realTimers();
      baseline = Math.min(baseline, real);
      return live.size + real - baseline;
    },
    settle: () => runUntil(now),
    advance: (ms: number) => runUntil(now + ms),
    escapes(name) {
      for (const { target, key, name: global, value } of watched) {
        if (target[key] === value) continue;
        escaped.push({ line: `${global} was replaced` });
        target[key] = value;
      }
      return escaped.splice(0).map((escape) => ('line' in escape ? escape.line : `unhandled rejection: ${name?.(escape.rejected) ?? describe(escape.rejected)}`));
    },
  };
}
