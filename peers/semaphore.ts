/**
 * semaphore (the npm package `semaphore`): `semaphore(capacity)` is a BoundedSemaphore, whose
 * `leave()` throws when called more often than `take()` was. `take(fn)` runs `fn` once a slot is
 * free (at once when one is, else from a `process.nextTick` after a `leave()`), handing it the
 * semaphore's `leave`: the adapter's `acquire` resolves from `fn` with that `leave`.
 *
 * - `leave()` on the semaphore is the release on the primitive (the first adapter);
 * - the `leave` handed to `fn` is the same function, not a releaser of one grant, so the second
 *   adapter calls it once per `take()`, as the README's examples do (`releaseOnce`);
 * - `take(n, fn)` and `leave(n)` take and give back `n` slots at once: a WeightedSemaphore of
 *   `capacity` units (the third adapter). The library does not check `n`, so programs give only
 *   weights from 1 to the capacity.
 *
 * The value is `capacity - current`. A capacity of 0 is taken as 1, so programs use 1 to 3 (and
 * the weighted one 3 and 4). No `tryAcquire`, no timeout, no signal.
 *
 * @module
 */

import { createRequire } from 'node:module';
import type { Adapter } from '../check/index.js';
import { without, type Peer } from './peer.js';

/** The library's API, as used here (the package ships no declarations). */
interface Sem {
  readonly capacity: number;
  readonly current: number;
  take(fn: (leave: (n?: number) => void) => void): void;
  take(n: number, fn: (leave: (n?: number) => void) => void): void;
  leave(n?: number): void;
}
const semaphore = createRequire(import.meta.url)('semaphore') as (capacity: number) => Sem;

const imports = "import semaphore from 'semaphore';";

const bounded: Adapter<Sem> = {
  primitive: 'BoundedSemaphore',
  name: 'semaphore',
  create: (p) => semaphore(p['value'] ?? 1),
  calls: {
    acquire: (s) => new Promise((granted) => s.take((leave) => granted(leave))),
    release: (s) => s.leave(),
  },
  observers: { value: (s) => s.capacity - s.current },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: false },
  choices: { settlementOrder: 'perTick', errors: { RangeError: (e) => e instanceof Error && e.message === 'leave called too many times.' } },
  imports,
};

/** Each `take()` is given back once, with the `leave` it was handed. */
const paired: Adapter<Sem> = {
  ...without(bounded, { calls: ['release'] }, 'leave() past the capacity'),
  name: 'semaphore, each take() left once',
  handleRelease: (_s, c) => (c.handle as () => void)(),
  releaseOnce: true,
};

const weighted: Adapter<Sem> = {
  primitive: 'WeightedSemaphore',
  name: 'semaphore, take(n) and leave(n)',
  create: (p) => semaphore(p['capacity'] ?? 1),
  calls: { acquire: (s, c) => new Promise((granted) => s.take(c.weight ?? 1, (leave) => granted({ leave, n: c.weight ?? 1 }))) },
  handleRelease: (_s, c) => {
    const { leave, n } = c.handle as { leave(n: number): void; n: number };
    leave(n);
  },
  releaseOnce: true,
  observers: { value: (s) => s.capacity - s.current, capacity: (s) => s.capacity },
  params: { capacity: [3, 4] },
  badInput: false,
  options: { timeout: false, signal: false },
  imports,
};

export const adapters: readonly Adapter[] = [bounded, weighted];

export const peer: Peer = {
  library: 'semaphore',
  version: '1.1.0',
  repository: 'https://github.com/abrkn/semaphore.js',
  mapping:
    '`semaphore(capacity)` is a BoundedSemaphore: `take(fn)` is `acquire` (the adapter resolves from `fn`, which runs at once when a slot is free, else from a `process.nextTick` after a `leave()`), and `leave()` the release on the primitive, which throws `leave called too many times.` past the capacity. `fn` is handed that same `leave`, not a releaser of its own: an adapter that gives each `take()` back with it calls it once per `take()`. `take(n, fn)` and `leave(n)` make it a WeightedSemaphore of `capacity` units; the library does not check `n`, so programs give weights from 1 to the capacity only. The value is `capacity - current`. A capacity of 0 is taken as 1. No `tryAcquire`, no timeouts, no signals.',
  adapters,
  why: {
    settlementOrder: 'a `take()` that finds a slot free runs its callback at once, but one served by a `leave()` runs from a `process.nextTick`: a waiter handed a slot settles after a `take()` served at once in the same job. The slots are handed in order; only the callbacks run in another.',
    errors: '`leave()` past the capacity throws `Error: leave called too many times.`, the model\'s `RangeError`.',
  },
  variants: [
    {
      adapter: bounded,
      finds: {
        rule: 'conservation',
        title: '`leave()` past the capacity throws, but adds a slot all the same',
        why: '`leave()` lowers `current` first and only then throws `leave called too many times.`: the error says the call was refused, yet `current` stays below zero, so the semaphore has one slot more than its capacity for good, and one `take()` more than the capacity runs at once. Code that catches the error (it is thrown to say "you called leave too often") keeps a semaphore that no longer limits what it was made to limit.',
      },
    },
    { adapter: paired, of: bounded.name, leavesOut: 'the `leave()` past the capacity: each `take()` is given back once, with the `leave` it was handed' },
    {
      adapter: weighted,
      finds: {
        rule: 'fifo',
        title: 'a `take(n)` that does not fit waits while later, smaller `take()`s are let in ahead of it',
        why: '`take(n, fn)` checks only whether its own `n` fits, not whether anyone waits: a `take(1)` made after a waiting `take(3)` runs at once and keeps the slots the `take(3)` waits for. With a steady stream of small `take()`s, the large one never gets its slots (starvation). The README promises no order; the model serves waiting calls in order, the first that does not fit holding back every later one. A second bug hides behind this one, where the random search does not get past it: `leave(n)` serves at most the first waiter, whatever it frees, so after a `take(3)` leaves, of two waiting `take(1)`s only the first runs and the second waits with two slots free (`new WeightedSemaphore({ capacity: 3 })`, tick 1: `#0 acquire(weight 3)`, tick 2: `#1 acquire(weight 1); #2 acquire(weight 1)`, tick 3: `#3 release() on #0`: the checker names it *Nothing lost or duplicated*, #2 never served).',
      },
    },
  ],
};
