/**
 * async-sema: `Sema(n)` is a Semaphore (unbounded: `release()` always adds a token). `acquire()`
 * resolves to a token and `tryAcquire()` returns one or `undefined`; a token is the model's
 * handle, but it is given back with `release()` on the semaphore, so there is no releaser.
 *
 * @module
 */

import { Sema } from 'async-sema';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

const sema: Adapter<Sema> = {
  primitive: 'Semaphore',
  name: 'async-sema Sema',
  create: (p) => new Sema(p['value'] ?? 1),
  calls: {
    acquire: (s) => s.acquire(),
    tryAcquire: (s) => s.tryAcquire(),
    release: (s) => s.release(),
  },
  options: { timeout: false, signal: false },
  choices: { settlementOrder: 'perTick' },
  imports: "import { Sema } from 'async-sema';",
};

export const adapters: readonly Adapter[] = [sema];

export const peer: Peer = {
  library: 'async-sema',
  section: 'Locks and semaphores',
  version: '3.1.1',
  repository: 'https://github.com/vercel/async-sema',
  mapping: '`Sema(n)` is a Semaphore. `acquire()` and `tryAcquire()` give a token, the model\'s handle; tokens go back with `release()` on the semaphore, so there is no releaser. No timeouts, no signals, and no public observer of the count (`nrWaiting()` alone cannot fill the model\'s statistics).',
  adapters,
  why: {
    settlementOrder: '`acquire()` is an async function that returns a promise when it must wait: a waiter granted by `release()` settles a few microtasks after one granted at once in the same job. The grants are made in order; only the continuations run in another.',
  },
  variants: [{ adapter: sema }],
};
