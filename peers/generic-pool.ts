/**
 * generic-pool: a pool of at most `max` resources is a Semaphore of `max` permits whose permits
 * are resources. `acquire(priority)` resolves with a resource, the model's handle, and
 * `release(resource)` (or `destroy(resource)`) gives it back; `use(fn, priority)` is a composite
 * that runs `fn` with a resource and gives it back when `fn`'s promise settles.
 *
 * - Priorities: the pool has `priorityRange: 3` slots, 0 served first; the model serves larger
 *   first and takes a call without one as 0, as the pool takes it as slot 0. So programs give
 *   priorities -2, -1 and 0, passed as slots 2, 1 and 0.
 * - Timeouts: `acquireTimeoutMillis` is an option of the pool, which each `acquire()` reads when
 *   it is made. The adapter sets it on the pool's options for the one call that has a timeout,
 *   and restores it after: each call gets the library's own timer code, with its own timeout.
 *   A falsy option is no timeout, as the pool's constructor reads it.
 * - The value is `max - borrowed`, and `statistics().waiting` is `pending`.
 *
 * The factory makes a fresh object per resource, at once. No `tryAcquire`, no release on the
 * pool, no signals.
 *
 * @module
 */

import { createRequire } from 'node:module';
import type { Adapter, CallContext } from '../check/index.js';
import type { Peer } from './peer.js';

/** The pool's API, as used here (its CommonJS export is not typed for this project's module settings). */
interface Pool {
  readonly max: number;
  readonly borrowed: number;
  readonly pending: number;
  /** The pool's options, which `acquire()` reads (not in its declarations). */
  readonly _config: { acquireTimeoutMillis: number | undefined };
  acquire(priority?: number): Promise<object>;
  release(resource: unknown): Promise<void>;
  destroy(resource: unknown): Promise<void>;
  use<T>(fn: (resource: object) => T | Promise<T>, priority?: number): Promise<T>;
}
const genericPool = createRequire(import.meta.url)('generic-pool') as {
  createPool(factory: { create(): Promise<object>; destroy(resource: object): Promise<void> }, options: Record<string, unknown>): Pool;
};

/** `acquire(priority)` with this call's timeout as the pool's `acquireTimeoutMillis`, for this call only. */
const acquire = (pool: Pool, c: CallContext): Promise<object> => {
  const options = pool._config;
  const saved = options.acquireTimeoutMillis;
  options.acquireTimeoutMillis = c.options?.timeout || undefined;
  try {
    return pool.acquire(c.priority === undefined ? undefined : -c.priority);
  } finally {
    options.acquireTimeoutMillis = saved;
  }
};

const base = {
  primitive: 'Semaphore',
  create: (p) => genericPool.createPool({ create: async () => ({}), destroy: async () => undefined }, { max: p['value'] ?? 1, priorityRange: 3 }),
  calls: { acquire },
  releaseOnce: true,
  observers: { value: (pool) => pool.max - pool.borrowed, statistics: (pool) => ({ value: pool.max - pool.borrowed, waiting: pool.pending }) },
  params: { value: [1, 2, 3] },
  priority: { calls: ['acquire'], values: [-2, -1, 0] },
  options: { timeout: true, signal: false },
  choices: { handoff: 'wakeup', zeroTimeout: 'none', observe: 'afterTick' },
  imports: "import genericPool from 'generic-pool';",
} as const satisfies Omit<Adapter<Pool>, 'name' | 'handleRelease'>;

const release: Adapter<Pool> = {
  ...base,
  name: 'generic-pool',
  handleRelease: (pool, c) => void pool.release(c.handle),
  priority: { calls: ['acquire', 'use'], values: [-2, -1, 0] },
  composites: { use: { as: 'acquire', run: (pool, c, body) => pool.use(body, c.priority === undefined ? undefined : -c.priority), options: { timeout: false } } },
};

/** `use` as its README asks: `fn` returns a promise, here an async function's. */
const useAsync: Adapter<Pool> = {
  ...release,
  name: 'generic-pool, use(async fn)',
  composites: { use: { ...release.composites?.['use'], as: 'acquire', run: (pool, c, body) => pool.use(async () => body(), c.priority === undefined ? undefined : -c.priority) } },
};

const destroy: Adapter<Pool> = {
  ...base,
  name: 'generic-pool, giving back with destroy()',
  handleRelease: (pool, c) => void pool.destroy(c.handle),
};

export const adapters: readonly Adapter[] = [release, destroy];

export const peer: Peer = {
  library: 'generic-pool',
  version: '3.9.0',
  repository: 'https://github.com/coopernurse/node-pool',
  mapping:
    'A pool of at most `max` resources is a Semaphore whose permits are resources: `acquire(priority)` resolves with a resource, the model\'s handle, given back with `release(resource)` (or, in a second adapter, `destroy(resource)`, after which the pool makes a new one when it needs it); `use(fn, priority)` is a composite. The pool has three priority slots, 0 first, which the model\'s priorities -2, -1 and 0 become (a call without one is slot 0, as it is to the model). `acquireTimeoutMillis` is an option of the pool that each `acquire()` reads when it is made: the adapter sets it for the one call that has a timeout and restores it after, so each call has its own, through the pool\'s own timer code. A release names a resource, which the pool lends again, so programs release each resource once. The value is `max - borrowed`, `statistics().waiting` is `pending`. No `tryAcquire`, no release on the pool, no signals.',
  unspecified:
    'A pool promises more than a count of permits, and the model counts permits only. **Which resource** a borrower gets (the oldest idle one, with `fifo`), and that one resource is never lent to two borrowers at once, is not checked: the model has no resources, and the pool knows a loan only by its resource, so programs release each resource once (a second `release()` of a resource lent again would release the new borrower\'s loan, which no model of permits can tell from a first one). **`destroy(resource)`** is checked as a release: the permit goes back and the next borrower gets a resource the factory makes then; that the destroyed one is never lent again, and that `factory.destroy` is called, is not. **`drain()`** (refuse every later `acquire()`, let the waiters be served, resolve once every loan is back) and **`clear()`** are left out: the semaphore model has no closed state. A closed state is what pools and task queues share (tarn\'s `destroy()` aborts its waiters instead; the Queue model\'s `shutdown` is the nearest rule), but the libraries disagree on what happens to the waiters, so there is no one rule to state yet. `min`, idle eviction, `testOnBorrow` validation, factory errors and `maxWaitingClients` are about the resources\' life, not about waiting, and are left out too.',
  adapters,
  why: {
    handoff: 'the pool makes a resource with the factory\'s promise and lends it, once made, to whoever is first in line then: a request that finds the pool with room but no idle resource (a new pool, or one whose resource was destroyed) is served a few microtasks later, and a request of higher priority made in the same job goes first. Programs make one call per job, where the two agree; a resource given back with `release()` is handed on at once, as the model says.',
    zeroTimeout: 'an `acquireTimeoutMillis` of 0 is no timeout: the pool reads the option only when it is truthy.',
    observe: 'the factory\'s `create()` is a promise, so the pool lends a new resource, and counts it `borrowed`, a few microtasks after the `acquire()` that asked for it.',
  },
  variants: [
    {
      adapter: release,
      finds: {
        rule: 'conservation',
        title: '`use(fn)` with a `fn` that is not async (it throws, or returns a value as its type declarations allow) never gives the resource back',
        why: '`use()` calls `fn(resource).then(...)`: when `fn` returns a plain value (which the declarations shipped with the package, `use<U>(cb: (resource: T) => U | Promise<U>)`, allow) or throws, that line throws, `use()` rejects with a `TypeError` (or `fn`\'s error) and neither `release()` nor `destroy()` is called. The resource stays borrowed for good: with `max: 1`, every later `acquire()` waits forever. The README asks for a `fn` that returns a promise; the types do not.',
        upstream: 'https://github.com/coopernurse/node-pool/issues/296 (open: `.use` does not handle synchronous work functions)',
      },
    },
    { adapter: useAsync, of: release.name, leavesOut: '`use` with a `fn` that is not async: `fn` is an async function, as the README asks' },
    { adapter: destroy },
  ],
};
