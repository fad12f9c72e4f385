/**
 * p-limit: `pLimit(n)` runs at most n tasks at once, so it is a Semaphore whose permits are the n
 * slots, and whose only way to take one is to run a task. The adapter's `acquire` starts a task
 * that resolves the handle when it starts and holds its slot until the handle is released:
 *
 * - `acquire` = `limit(() => new Promise((done) => grant({ release: done })))`: the returned
 *   promise resolves with the handle once p-limit runs the task, that is once it has a slot;
 * - the handle's `release` = settling the task's promise, after which p-limit frees the slot and
 *   starts the next task;
 * - `value` = `concurrency - activeCount`, and `statistics().waiting` = `pendingCount`.
 *
 * There is no `tryAcquire`, no release on the limiter, no timeout and no signal; the limit must be
 * at least 1.
 *
 * @module
 */

import pLimit, { type LimitFunction } from 'p-limit';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

const limit: Adapter<LimitFunction> = {
  primitive: 'Semaphore',
  name: 'p-limit',
  create: (p) => pLimit(p['value'] ?? 1),
  calls: {
    acquire: (l) => new Promise((grant) => void l(() => new Promise<void>((done) => grant({ release: done })))),
  },
  handleRelease: (_l, c) => (c.handle as { release(): void }).release(),
  observers: {
    value: (l) => l.concurrency - l.activeCount,
    statistics: (l) => ({ value: l.concurrency - l.activeCount, waiting: l.pendingCount }),
  },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: false },
  choices: { observe: 'afterTick' },
  imports: "import pLimit from 'p-limit';",
};

export const adapters: readonly Adapter[] = [limit];

export const peer: Peer = {
  library: 'p-limit',
  section: 'Queues, limiters and pools',
  version: '7.3.3',
  repository: 'https://github.com/sindresorhus/p-limit',
  mapping:
    '`pLimit(n)` is a Semaphore of n slots whose only acquire is running a task: the adapter\'s `acquire` starts a task that resolves the handle when p-limit starts it and holds the slot until the handle is released (the task\'s promise settles). `value` is `concurrency - activeCount`, `statistics().waiting` is `pendingCount`. No `tryAcquire`, no release on the limiter, no timeouts, no signals; the limit is at least 1.',
  adapters,
  why: {
    observe: 'a task ends when its promise settles, which p-limit can only see in a later microtask: `activeCount` drops, and the next task starts, once that continuation has run, not at the moment the handle is released.',
  },
  variants: [{ adapter: limit }],
};
