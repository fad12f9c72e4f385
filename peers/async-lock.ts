/**
 * async-lock: one key of an `AsyncLock` is a Lock whose only way to take it is to run a task, as
 * with p-limit. The adapter's `acquire` runs a task that resolves the handle when it starts and
 * holds the lock until the handle is released:
 *
 * - `acquire` = `lock.acquire('key', () => new Promise((done) => grant({ release: done })),
 *   { timeout })`: the returned promise resolves with the handle once the task runs, and rejects
 *   when the library rejects the task (a timeout in the queue);
 * - the handle's `release` = settling the task's promise, after which the library runs the next;
 * - `locked` = `isBusy('key')`.
 *
 * There is no `tryAcquire`, no release on the lock and no signal; the timeout is the library's
 * `timeout` option.
 *
 * @module
 */

import AsyncLock from 'async-lock';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

const lock: Adapter<AsyncLock> = {
  primitive: 'Lock',
  name: 'async-lock',
  create: () => new AsyncLock(),
  calls: {
    acquire: (l, c) =>
      new Promise((grant, fail) => {
        const task = (): Promise<void> => new Promise<void>((done) => grant({ release: done }));
        (c.options === undefined ? l.acquire('key', task) : l.acquire('key', task, { timeout: c.options.timeout ?? 0 })).catch(fail);
      }),
  },
  handleRelease: (_l, c) => (c.handle as { release(): void }).release(),
  observers: { locked: (l) => l.isBusy('key') },
  options: { timeout: true, signal: false },
  // async-lock checks no timeout: a negative or fractional one is a delay like any other.
  badInput: false,
  choices: { zeroTimeout: 'none', observe: 'afterTick', errors: { TimeoutError: (e) => e instanceof Error && e.message.startsWith('async-lock timed out') } },
  imports: "import AsyncLock from 'async-lock';",
};

export const adapters: readonly Adapter[] = [lock];

export const peer: Peer = {
  library: 'async-lock',
  version: '1.5.0',
  repository: 'https://github.com/rogierschouten/async-lock',
  mapping:
    'One key of an `AsyncLock` is a Lock whose only acquire is running a task: the adapter\'s `acquire` runs a task that resolves the handle when it starts and holds the lock until the handle is released (the task\'s promise settles); it rejects when the library rejects the task. `locked` is `isBusy(key)`. The timeout is the library\'s `timeout` option, which it does not check (no bad input: a negative one is a delay like any other); no `tryAcquire`, no release on the lock, no signals.',
  adapters,
  why: {
    observe: 'a task ends when its promise settles, which the library sees in a later microtask: `isBusy()` turns false, and the next task starts, once that continuation has run, not at the moment the handle is released.',
    zeroTimeout: 'a `timeout` of 0 is documented as "never": the call waits with no timeout.',
    errors: 'a timeout rejects with `Error: async-lock timed out in queue key`.',
  },
  variants: [{ adapter: lock }],
};
