/**
 * @esfx/async-semaphore: `AsyncSemaphore(n)` is a Semaphore, and `AsyncSemaphore(n, n)` (a
 * maximum count equal to the initial one) a BoundedSemaphore. `wait(cancelable)` takes a
 * permit and resolves to nothing, so the adapter resolves it to a token (the model's handle);
 * permits go back with `release()` on the semaphore, so there is no releaser. Signals go through
 * the `Cancelable` bridge; there is no `tryAcquire` and no timeout. `count` is a getter.
 *
 * @module
 */

import { AsyncSemaphore } from '@esfx/async-semaphore';
import type { Adapter } from '../check/index.js';
import { cancelable, cancelableSource } from './esfx-cancelable.js';
import type { Peer } from './peer.js';

const imports = `import { AsyncSemaphore } from '@esfx/async-semaphore';\n${cancelableSource}`;

const semaphore: Adapter<AsyncSemaphore> = {
  primitive: 'Semaphore',
  name: '@esfx/async-semaphore AsyncSemaphore',
  create: (p) => new AsyncSemaphore(p['value'] ?? 1),
  calls: {
    acquire: (s, c) => s.wait(cancelable(c.options?.signal)).then(() => 'permit'),
    release: (s) => s.release(),
  },
  observers: { value: (s) => s.count },
  options: { timeout: false, signal: true },
  choices: { settlementOrder: 'perTick' },
  imports,
};

const bounded: Adapter<AsyncSemaphore> = {
  ...semaphore,
  primitive: 'BoundedSemaphore',
  name: '@esfx/async-semaphore AsyncSemaphore(n, n)',
  create: (p) => new AsyncSemaphore(p['value'] ?? 1, p['value'] ?? 1),
  params: { value: [1, 2, 3] },
};

export const adapters: readonly Adapter[] = [semaphore, bounded];

export const peer: Peer = {
  library: '@esfx/async-semaphore',
  section: 'Locks and semaphores',
  version: '1.0.0',
  repository: 'https://github.com/esfx/esfx',
  mapping: '`AsyncSemaphore(n)` is a Semaphore; `AsyncSemaphore(n, n)` (maximum count = initial count, at least 1) a BoundedSemaphore. `wait(cancelable)` resolves to nothing, so the adapter resolves it to a token, the model\'s handle; permits go back with `release()` on the semaphore (no releaser). Signals pass through the `Cancelable` bridge; no `tryAcquire`, no timeouts.',
  adapters,
  why: {
    settlementOrder: '`wait()` is an async function: a call refused at once (an already-aborted signal) settles a few microtasks before a waiter granted by `release()` in the same job. The decisions are made in order; only the continuations run in another.',
  },
  variants: [{ adapter: semaphore }, { adapter: bounded }],
};
