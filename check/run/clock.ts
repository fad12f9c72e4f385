/**
 * A virtual clock with the event loop's schedule, for running an implementation in virtual
 * time: it stands in for `setTimeout`, `clearTimeout`, `setInterval`, `clearInterval`,
 * `performance.now()` and `Date.now()` while installed.
 *
 * The schedule is the event loop's: when time passes, due timers fire one at a time, in
 * deadline order (ties in the order they were set), and every promise continuation queued by
 * one timer runs before the next timer fires, as between two macrotasks. A timer of less than
 * 1 ms is due at once: it fires when the current job's continuations have run.
 *
 * `Date.now()` reads a wall-clock time, {@link VIRTUAL_EPOCH} plus the virtual milliseconds,
 * never 0: a library may take 0 for "never" (p-queue 9 keeps the end of its last rate window,
 * 0 at first, and while `Date.now()` is not past it re-arms a 0 ms timer for ever), so a clock
 * that read 0 would show a hang no real run can meet. `performance.now()` reads the virtual
 * milliseconds, as a process that just started does.
 *
 * {@link virtualClock} is self-contained (it refers to nothing outside its own body), so a
 * standalone reproduction can carry its source text and run the library under test on the very
 * same schedule.
 *
 * @module
 */

/** A virtual clock; see the module comment. */
export interface VirtualClock {
  /** Virtual milliseconds since the clock was made. */
  readonly now: number;
  /** Puts the clock in place of the global timer functions. */
  install(): void;
  /** Gives the real timer functions back; pending virtual timers are dropped. */
  uninstall(): void;
  /** Timers set and neither fired nor cleared. */
  timers(): number;
  /** Lets every continuation run, then every timer already due, each followed by its continuations. */
  settle(): Promise<void>;
  /** Lets `ms` milliseconds pass, firing due timers one at a time, each followed by its continuations. */
  advance(ms: number): Promise<void>;
}

/**
 * What `Date.now()` reads when no virtual time has passed: 2026-01-01T00:00:00Z, a fixed
 * instant, so every run reads the same times.
 */
export const VIRTUAL_EPOCH = 1_767_225_600_000;

/** Makes a virtual clock (not installed). */
export function virtualClock(): VirtualClock {
  const g = globalThis as unknown as Record<string, unknown> & { performance?: { now: () => number } };
  const real = {
    setTimeout: g['setTimeout'],
    clearTimeout: g['clearTimeout'],
    setInterval: g['setInterval'],
    clearInterval: g['clearInterval'],
    dateNow: Date.now,
    performanceNow: g.performance?.now,
  };
  const realSetImmediate = g['setImmediate'] as ((callback: () => void) => unknown) | undefined;
  const realSetTimeout = real.setTimeout as (callback: () => void, ms: number) => unknown;
  // One macrotask turn of the real loop: every microtask queued so far runs before it ends.
  const turn = (): Promise<void> =>
    new Promise((resolve) => {
      if (realSetImmediate !== undefined) realSetImmediate(resolve);
      else realSetTimeout(resolve, 0);
    });
  const drain = async (): Promise<void> => {
    // Two turns: continuations that queue an immediate of their own get it run as well.
    await turn();
    await turn();
  };

  interface Timer {
    readonly id: number;
    readonly callback: (...args: unknown[]) => void;
    readonly args: unknown[];
    readonly interval: number | undefined;
    due: number;
    seq: number;
  }
  let now = 0;
  let nextId = 1;
  let seq = 0;
  const live = new Map<number, Timer>();

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
  const set = (callback: unknown, ms: unknown, args: unknown[], repeat: boolean): object => {
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
    const id = nextId++;
    const d = delay(ms);
    live.set(id, { id, callback: callback as (...a: unknown[]) => void, args, interval: repeat ? Math.max(d, 1) : undefined, due: now + d, seq: seq++ });
    return handle(id);
  };
  const clear = (timer: unknown): void => {
    if (timer === undefined || timer === null) return;
    live.delete(Number(timer));
  };
  const fake = {
    setTimeout: (callback: unknown, ms?: unknown, ...args: unknown[]) => set(callback, ms, args, false),
    clearTimeout: clear,
    setInterval: (callback: unknown, ms?: unknown, ...args: unknown[]) => set(callback, ms, args, true),
    clearInterval: clear,
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
    timer.callback(...timer.args);
  };
  const runUntil = async (until: number): Promise<void> => {
    await drain();
    for (let timer = next(until); timer !== undefined; timer = next(until)) {
      now = Math.max(now, timer.due);
      fire(timer);
      await drain();
    }
    now = Math.max(now, until);
  };

  return {
    get now() {
      return now;
    },
    install() {
      Object.assign(g, fake);
      // The epoch is written out: the function's source text must stand alone in reproductions.
      Date.now = () => 1_767_225_600_000 + now;
      if (g.performance !== undefined) g.performance.now = () => now;
    },
    uninstall() {
      Object.assign(g, { setTimeout: real.setTimeout, clearTimeout: real.clearTimeout, setInterval: real.setInterval, clearInterval: real.clearInterval });
      Date.now = real.dateNow;
      // The virtual now() was an own property over the prototype's method: removing it restores that.
      if (g.performance !== undefined && real.performanceNow !== undefined) delete (g.performance as { now?: unknown }).now;
      live.clear();
    },
    timers: () => live.size,
    settle: () => runUntil(now),
    advance: (ms: number) => runUntil(now + ms),
  };
}
