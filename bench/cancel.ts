/**
 * Cancellation: n waiters on an empty semaphore, each with its own AbortSignal, aborted in a
 * random order; and n waiters whose timeouts all expire. The time charged runs from the first
 * `acquire` to the last rejection; creating the AbortControllers is setup and is not charged.
 *
 * Only toro-ts and @esfx take a per-waiter cancellation (esfx through its `Cancelable`
 * protocol, adapted here from an AbortSignal); async-mutex offers timeouts through
 * `withTimeout` and no per-waiter signal; async-sema and p-limit offer neither. The floor here
 * is the least code that lets a waiter leave in O(1) (see `FloorCancellableSemaphore`).
 *
 * @module
 */

import { AsyncSemaphore } from '@esfx/async-semaphore';
import { Mutex, withTimeout } from 'async-mutex';
import { Semaphore } from '../src/index.js';
import { FloorCancellableSemaphore } from './floor.js';
import { clock, formatRatio, type Case, type Scenario, type ScenarioResult } from './harness.js';

/** One shared abort reason, so that no case pays for creating a DOMException per abort. */
const REASON = new Error('aborted');

/** The timeout of the expiring waiters, in ms: short, so the scenario measures work, not sleep. */
const TIMEOUT = 1;

/** What @esfx's waiting calls take: its own `Cancelable` protocol. */
type EsfxCancelable = NonNullable<Parameters<AsyncSemaphore['wait']>[0]>;

/** The protocol's key, as @esfx/cancelable registers it (a dependency of @esfx, not ours). */
const cancelSignalKey = Symbol.for('@esfx/cancelable:Cancelable.cancelSignal');

/** @esfx's cancellation protocol over a standard AbortSignal, as an esfx user would write it. */
export function cancelableOf(signal: AbortSignal): EsfxCancelable {
  const cancelSignal = {
    get signaled(): boolean {
      return signal.aborted;
    },
    get reason(): unknown {
      return signal.reason;
    },
    subscribe(onSignaled: () => void) {
      const listener = (): void => onSignaled();
      signal.addEventListener('abort', listener, { once: true });
      const unsubscribe = (): void => signal.removeEventListener('abort', listener);
      return { unsubscribe, [Symbol.dispose]: unsubscribe };
    },
  };
  return { [cancelSignalKey]: () => cancelSignal } as unknown as EsfxCancelable;
}

/** A small seeded generator (mulberry32), so every contender aborts in the same order. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, seed = 6): Uint32Array {
  const next = random(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

/**
 * Counts settlements and resolves once `n` promises have settled. It holds the event loop open
 * meanwhile: Node's `AbortSignal.timeout` timers are unref'd, and would let it exit.
 */
export class Countdown {
  #left: number;
  #resolve: () => void = () => undefined;
  readonly #keepAlive = setTimeout(() => undefined, 600_000);
  readonly done: Promise<void>;
  readonly settle = (): void => {
    if (--this.#left > 0) return;
    clearTimeout(this.#keepAlive);
    this.#resolve();
  };

  constructor(n: number) {
    this.#left = n;
    this.done = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
  }
}

/** Something to abort, with its signal already made (Node makes an AbortController's lazily). */
export interface Abortable {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
}

/** Real AbortControllers for one iteration, signals made, before the clock starts. */
function controllers(n: number): Abortable[] {
  const made: Abortable[] = new Array<Abortable>(n);
  for (let i = 0; i < n; i++) {
    const controller = new AbortController();
    void controller.signal;
    made[i] = controller;
  }
  return made;
}

/**
 * The least object that passes for an AbortSignal with one listener: the scaling scenario uses
 * it to see the libraries' own cost of cancellation, which Node's AbortSignal (several
 * microseconds per listener and per abort on Node 20) would otherwise bury.
 */
export class LiteSignal {
  aborted = false;
  reason: unknown = undefined;
  #listener: EventListenerOrEventListenerObject | undefined = undefined;

  /** What toro-ts recognises a signal from another realm by (it is not an `instanceof AbortSignal`). */
  get [Symbol.toStringTag](): string {
    return 'AbortSignal';
  }

  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }

  addEventListener(_type: 'abort', listener: EventListenerOrEventListenerObject): void {
    if (this.#listener !== undefined) throw new Error('LiteSignal holds one listener');
    this.#listener = listener;
  }

  removeEventListener(_type: 'abort', listener: EventListenerOrEventListenerObject): void {
    if (this.#listener === listener) this.#listener = undefined;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    if (typeof listener === 'function') listener(EVENT);
    else listener?.handleEvent(EVENT);
  }
}

const EVENT = new Event('abort');

export function liteSignals(n: number): Abortable[] {
  const made: Abortable[] = new Array<Abortable>(n);
  for (let i = 0; i < n; i++) made[i] = new LiteSignal();
  return made;
}

function abortCases(n: number, make: (n: number) => Abortable[]): Case[] {
  const order = permutation(n);
  return [
    {
      name: 'toro-ts Semaphore',
      role: 'toro',
      ops: n,
      run: async () => {
        const made = make(n);
        const start = clock();
        const semaphore = new Semaphore(0);
        const countdown = new Countdown(n);
        for (let i = 0; i < n; i++) {
          semaphore.acquire({ signal: (made[i] as Abortable).signal }).then(undefined, countdown.settle);
        }
        for (let i = 0; i < n; i++) (made[order[i] as number] as Abortable).abort(REASON);
        await countdown.done;
        return clock() - start;
      },
    },
    {
      name: '@esfx/async-semaphore',
      role: 'peer',
      ops: n,
      run: async () => {
        const made = make(n);
        const start = clock();
        const semaphore = new AsyncSemaphore(0);
        const countdown = new Countdown(n);
        for (let i = 0; i < n; i++) {
          semaphore.wait(cancelableOf((made[i] as Abortable).signal)).then(undefined, countdown.settle);
        }
        for (let i = 0; i < n; i++) (made[order[i] as number] as Abortable).abort(REASON);
        await countdown.done;
        return clock() - start;
      },
    },
    {
      name: 'floor (cancellable)',
      role: 'floor',
      ops: n,
      run: async () => {
        const made = make(n);
        const start = clock();
        const semaphore = new FloorCancellableSemaphore(0);
        const countdown = new Countdown(n);
        for (let i = 0; i < n; i++) {
          semaphore.acquire({ signal: (made[i] as Abortable).signal }).then(undefined, countdown.settle);
        }
        for (let i = 0; i < n; i++) (made[order[i] as number] as Abortable).abort(REASON);
        await countdown.done;
        return clock() - start;
      },
    },
  ];
}

export function cancelAbort(n: number): Scenario {
  return {
    title: `Cancellation by signal: ${n.toLocaleString('en-US')} waiters aborted in random order`,
    op: "one waiter queued with its own AbortSignal, aborted, its rejection delivered (Node's AbortSignal costs most of it, the same for every row).",
    cases: abortCases(n, controllers),
    iterations: 5,
  };
}

export function cancelScaling(n: number): Scenario {
  return {
    title: `Scaling, cancellation by signal at n = ${n.toLocaleString('en-US')}`,
    op: 'one waiter queued with its own signal (a one-listener stand-in for AbortSignal), aborted in random order, its rejection delivered.',
    cases: abortCases(n, liteSignals),
    iterations: Math.max(3, Math.round(1_000_000 / n)),
  };
}

export function cancelTimeout(n: number): Scenario {
  return {
    title: `Cancellation by timeout: ${n.toLocaleString('en-US')} waiters whose ${TIMEOUT} ms timeouts all expire`,
    op: `one waiter queued with a ${TIMEOUT} ms timeout, expired, its rejection delivered. The wait itself costs no CPU time (with --wall it is counted, the same for every row); creating each rejection's Error (3 to 5 us on this machine, more for a subclass of Error) costs most.`,
    iterations: 5,
    cases: [
      {
        name: 'toro-ts Semaphore',
        role: 'toro',
        ops: n,
        run: async () => {
          const semaphore = new Semaphore(0);
          const countdown = new Countdown(n);
          for (let i = 0; i < n; i++) semaphore.acquire({ timeout: TIMEOUT }).then(undefined, countdown.settle);
          await countdown.done;
        },
      },
      {
        name: 'async-mutex withTimeout(Mutex)',
        role: 'peer',
        ops: n,
        run: async () => {
          const mutex = new Mutex();
          await mutex.acquire();
          const timed = withTimeout(mutex, TIMEOUT);
          const countdown = new Countdown(n);
          for (let i = 0; i < n; i++) timed.acquire().then(undefined, countdown.settle);
          await countdown.done;
        },
      },
      {
        name: '@esfx/async-semaphore + AbortSignal.timeout',
        role: 'peer',
        ops: n,
        run: async () => {
          const semaphore = new AsyncSemaphore(0);
          const countdown = new Countdown(n);
          for (let i = 0; i < n; i++) {
            semaphore.wait(cancelableOf(AbortSignal.timeout(TIMEOUT))).then(undefined, countdown.settle);
          }
          await countdown.done;
        },
      },
      {
        name: 'floor (cancellable)',
        role: 'floor',
        ops: n,
        run: async () => {
          const semaphore = new FloorCancellableSemaphore(0);
          const countdown = new Countdown(n);
          for (let i = 0; i < n; i++) semaphore.acquire({ timeout: TIMEOUT }).then(undefined, countdown.settle);
          await countdown.done;
        },
      },
    ],
  };
}

/** Waiters cancelled per timed iteration of the depth scenario. */
const FRESH = 1_000;

/**
 * The algorithm alone: n waiters already wait (and keep waiting), and each iteration queues
 * 1,000 more with signals behind them and aborts those in random order. A cancellation that
 * searches the queue pays for the n in front; an O(1) one does not notice them.
 */
export function cancelDepth(n: number): Scenario {
  const order = permutation(FRESH);
  const toro = new Semaphore(0);
  const esfx = new AsyncSemaphore(0);
  const floor = new FloorCancellableSemaphore(0);
  for (let i = 0; i < n; i++) {
    void toro.acquire();
    void esfx.wait();
    void floor.acquire();
  }
  return {
    title: `Scaling, cancellation behind n = ${n.toLocaleString('en-US')} waiters`,
    op: `one of ${FRESH.toLocaleString('en-US')} waiters queued behind n others with its own signal (a one-listener stand-in), aborted in random order, its rejection delivered.`,
    iterations: 200,
    cases: [
      {
        name: 'toro-ts Semaphore',
        role: 'toro',
        ops: FRESH,
        run: async () => {
          const made = liteSignals(FRESH);
          const start = clock();
          const countdown = new Countdown(FRESH);
          for (let i = 0; i < FRESH; i++) toro.acquire({ signal: (made[i] as Abortable).signal }).then(undefined, countdown.settle);
          for (let i = 0; i < FRESH; i++) (made[order[i] as number] as Abortable).abort(REASON);
          await countdown.done;
          return clock() - start;
        },
      },
      {
        name: '@esfx/async-semaphore',
        role: 'peer',
        ops: FRESH,
        run: async () => {
          const made = liteSignals(FRESH);
          const start = clock();
          const countdown = new Countdown(FRESH);
          for (let i = 0; i < FRESH; i++) {
            esfx.wait(cancelableOf((made[i] as Abortable).signal)).then(undefined, countdown.settle);
          }
          for (let i = 0; i < FRESH; i++) (made[order[i] as number] as Abortable).abort(REASON);
          await countdown.done;
          return clock() - start;
        },
      },
      {
        name: 'floor (cancellable)',
        role: 'floor',
        ops: FRESH,
        run: async () => {
          const made = liteSignals(FRESH);
          const start = clock();
          const countdown = new Countdown(FRESH);
          for (let i = 0; i < FRESH; i++) floor.acquire({ signal: (made[i] as Abortable).signal }).then(undefined, countdown.settle);
          for (let i = 0; i < FRESH; i++) (made[order[i] as number] as Abortable).abort(REASON);
          await countdown.done;
          return clock() - start;
        },
      },
    ],
  };
}

/**
 * One signal shared by n waiters (issue 11, item 6): n waiters on an empty semaphore all take
 * the same AbortSignal, which is aborted once. The time charged runs from the first `acquire`
 * to the last rejection. The reference row is the same n waiters with a signal each, aborted in
 * arrival order, in the same run: sharing should cost no more per waiter than not sharing, and
 * neither should grow with n. (An EventTarget's listeners are an array it scans on every add and
 * remove, so a listener per waiter on one signal costs O(n) each, O(n^2) in all; toro-ts keeps one
 * listener per signal.) Only toro-ts runs here: a peer that adds a listener per waiter makes Node
 * print a MaxListenersExceededWarning for every signal of every iteration.
 */
export function cancelShared(n: number): Scenario {
  return {
    title: `Scaling, cancellation by one shared signal at n = ${n.toLocaleString('en-US')}`,
    op: 'one of n waiters sharing one AbortSignal, aborted at once, its rejection delivered.',
    iterations: Math.max(3, Math.round(300_000 / n)),
    cases: [
      {
        name: 'toro-ts Semaphore, one shared signal',
        role: 'toro',
        ops: n,
        run: async () => {
          const controller = new AbortController();
          const signal = controller.signal;
          const start = clock();
          const semaphore = new Semaphore(0);
          const countdown = new Countdown(n);
          for (let i = 0; i < n; i++) semaphore.acquire({ signal }).then(undefined, countdown.settle);
          controller.abort(REASON);
          await countdown.done;
          return clock() - start;
        },
      },
      {
        name: 'toro-ts Semaphore, a signal each',
        role: 'reference',
        ops: n,
        run: async () => {
          const made = controllers(n);
          const start = clock();
          const semaphore = new Semaphore(0);
          const countdown = new Countdown(n);
          for (let i = 0; i < n; i++) semaphore.acquire({ signal: (made[i] as Abortable).signal }).then(undefined, countdown.settle);
          for (let i = 0; i < n; i++) (made[i] as Abortable).abort(REASON);
          await countdown.done;
          return clock() - start;
        },
      },
    ],
  };
}

/** The line under a shared-signal table: toro-ts's row over the reference row, at each n. */
export function sharedRatios(results: readonly { readonly n: number; readonly result: ScenarioResult }[]): string {
  const parts = results.map(({ n, result }) => {
    const shared = result.rows.find((r) => r.role === 'toro')?.ns;
    const separate = result.rows.find((r) => r.role === 'reference')?.ns;
    const ratio = shared === undefined || separate === undefined ? '-' : formatRatio(shared / separate);
    return `${n.toLocaleString('en-US')}: ${ratio}`;
  });
  return `toro-ts / reference, per waiter, at each n: ${parts.join(', ')}.`;
}

/**
 * The algorithm alone, for a shared signal: n waiters on another semaphore already wait on the
 * signal (and keep waiting); each iteration queues 1,000 more on the same signal and releases
 * them, so each one joins and leaves the signal's waiters. A listener per waiter makes the
 * signal's listener array n long, and every add and remove scans it; one listener per signal
 * does not notice the n. The reference row does the same with a signal nobody else waits on.
 */
export function cancelSharedDepth(n: number): Scenario {
  const shared = new AbortController().signal;
  const behind = new Semaphore(0);
  for (let i = 0; i < n; i++) void behind.acquire({ signal: shared });
  const alone = new AbortController().signal;
  const semaphore = new Semaphore(0);
  const fresh = (signal: AbortSignal) => async (): Promise<number> => {
    const start = clock();
    const pending = new Array<Promise<unknown>>(FRESH);
    for (let i = 0; i < FRESH; i++) pending[i] = semaphore.acquire({ signal });
    for (let i = 0; i < FRESH; i++) semaphore.release();
    await Promise.all(pending);
    return clock() - start;
  };
  return {
    title: `Scaling, a signal shared with n waiters at n = ${n.toLocaleString('en-US')}`,
    op: `one of ${FRESH.toLocaleString('en-US')} waiters queued with a signal n others wait on, then released.`,
    iterations: 200,
    cases: [
      { name: 'toro-ts Semaphore, signal shared with n', role: 'toro', ops: FRESH, run: fresh(shared) },
      { name: 'toro-ts Semaphore, signal shared with nobody else', role: 'reference', ops: FRESH, run: fresh(alone) },
    ],
  };
}
