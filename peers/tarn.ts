/**
 * tarn: a pool of at most `max` resources is a Semaphore of `max` permits whose permits are
 * resources. `acquire()` returns a pending operation whose `promise` resolves with a resource,
 * the model's handle, and `release(resource)` gives it back.
 *
 * - Timeouts: `acquireTimeoutMillis` is an option of the pool (30 s unless set, and never 0),
 *   which each `acquire()` reads when it is made. The adapter sets it for the one call that has
 *   a timeout and restores it after: each call gets the pool's own timer code with its own
 *   timeout, and a call without one gets the pool's 30 s, longer than any program.
 * - The value is `max - numUsed()`, and `statistics().waiting` is `numPendingAcquires()`.
 *
 * The factory makes a fresh object per resource, at once. No priorities, no `tryAcquire`, no
 * release on the pool, no signals.
 *
 * @module
 */

import { Pool, TimeoutError } from 'tarn';
import type { Adapter, CallContext } from '../check/index.js';
import type { Peer } from './peer.js';

/** The pool's option that each `acquire()` reads, and its size (both declared protected). */
type Timed = { acquireTimeoutMillis: number };
type Sized = { readonly max: number };

/** `acquire().promise`, with this call's timeout as the pool's `acquireTimeoutMillis`, for this call only. */
const acquire = (pool: Pool<object>, c: CallContext): Promise<object> => {
  const options = pool as unknown as Timed;
  const saved = options.acquireTimeoutMillis;
  if (c.options?.timeout !== undefined) options.acquireTimeoutMillis = c.options.timeout;
  try {
    return pool.acquire().promise;
  } finally {
    options.acquireTimeoutMillis = saved;
  }
};

const pool: Adapter<Pool<object>> = {
  primitive: 'Semaphore',
  name: 'tarn',
  create: (p) => new Pool({ create: () => ({}), destroy: () => undefined, min: 0, max: p['value'] ?? 1 }),
  calls: { acquire },
  handleRelease: (pool, c) => void pool.release(c.handle as object),
  releaseOnce: true,
  observers: {
    value: (pool) => (pool as unknown as Sized).max - pool.numUsed(),
    statistics: (pool) => ({ value: (pool as unknown as Sized).max - pool.numUsed(), waiting: pool.numPendingAcquires() }),
  },
  params: { value: [1, 2, 3] },
  options: { timeout: true, signal: false, timeouts: [1, 5, 10, 20] },
  choices: { observe: 'afterTick', timers: 'unchecked', errors: { TimeoutError: (e) => e instanceof TimeoutError } },
  imports: "import { Pool, TimeoutError } from 'tarn';",
};

export const adapters: readonly Adapter[] = [pool];

export const peer: Peer = {
  library: 'tarn',
  version: '3.1.2',
  repository: 'https://github.com/knex/tarn.js',
  mapping:
    'A pool of at most `max` resources is a Semaphore whose permits are resources: `acquire().promise` resolves with a resource, the model\'s handle, given back with `release(resource)`. `acquireTimeoutMillis` is an option of the pool (30 s unless set; 0 is refused) that each `acquire()` reads when it is made: the adapter sets it for the one call that has a timeout and restores it after, so each call has its own, through the pool\'s own timer code, and programs give timeouts of 1 ms and more. A release names a resource, which the pool lends again, so programs release each resource once. The value is `max - numUsed()`, `statistics().waiting` is `numPendingAcquires()`. No priorities, no `tryAcquire`, no release on the pool, no signals.',
  unspecified:
    'As for generic-pool: **which resource** a borrower gets (the one freed last) and that no resource is lent to two borrowers at once is not checked, since the model counts permits; the pool knows a loan by its resource, so programs release each resource once (`release()` of a resource no longer lent returns `false`). **`destroy()`** of the pool (wait for the loans, abort every pending `acquire()`, destroy the resources) is left out: the semaphore model has no closed state, and pools disagree on what it does to waiters. Validation, creation retries and timeouts, `min` and idle reaping are about the resources\' life and are left out; the factory here makes a resource at once and every resource is valid.',
  adapters,
  why: {
    observe: 'the pool validates a resource (a promise) before it lends it, so an `acquire()` is served, and the resource counted as used, a few microtasks after the call or release that matched them; `release()` takes the resource back at once.',
    timers: 'every `acquire()` has a timer (30 s unless set) and the pool runs a reaping interval while it lends resources: its timers are its own, not one per waiter with a timeout.',
    errors: 'a timeout rejects with the pool\'s own `TimeoutError` class.',
  },
  variants: [{ adapter: pool }],
};
