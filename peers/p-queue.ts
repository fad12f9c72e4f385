/**
 * p-queue: `new PQueue({ concurrency: n })` runs at most n tasks at once, so it is a Semaphore of
 * n permits whose only acquire is running a task: `add(fn, options)` is a composite whose body is
 * the task. Its options map onto the model's:
 *
 * - `priority` is the order of waiting tasks (larger first, FIFO among equals), as the model's;
 * - `timeout` is a limit: the task's slot goes back when it passes, the task still running, and
 *   `add` rejects with p-timeout's `TimeoutError` (named so: no mapping needed);
 * - `signal` cancels a waiting task (it leaves the queue, `add` rejects with the signal's reason)
 *   and, unlike the model's acquire, a running one too: `add` races the task against the signal,
 *   so an abort frees the slot and rejects `add` while the task goes on (`abortsBody`).
 *
 * `onIdle()` is the model's `idle()`. `value` is `concurrency - pending` and
 * `statistics().waiting` is `size`. Pinned to 9.3.5, the
 * last version for Node 20 (10.0.0 asks for Node 22).
 *
 * @module
 */

import PQueue from 'p-queue';
import type { Adapter, Composite } from '../check/index.js';
import { without, type Peer } from './peer.js';

const queue: Adapter<PQueue> = {
  primitive: 'Semaphore',
  name: 'p-queue',
  create: (p) => new PQueue({ concurrency: p['value'] ?? 1 }),
  calls: {},
  composites: {
    add: {
      as: 'acquire',
      run: (q, c, body) =>
        q.add(body, {
          ...(c.priority === undefined ? {} : { priority: c.priority }),
          ...(c.options?.signal === undefined ? {} : { signal: c.options.signal }),
          ...(c.limit === undefined ? {} : { timeout: c.limit }),
        }),
      limit: { settles: 'timeout' },
      abortsBody: true,
    },
  },
  priority: { calls: ['add'] },
  observers: {
    value: (q) => q.concurrency - q.pending,
    statistics: (q) => ({ value: q.concurrency - q.pending, waiting: q.size }),
  },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: true },
  imports: "import PQueue from 'p-queue';",
};

/** `queue` without the `timeout` option (the limit), which shows finding 1. */
const withoutTimeouts: Adapter<PQueue> = {
  ...without(queue, {}, 'timeout'),
  composites: {
    add: {
      as: 'acquire',
      run: (q, c, body) =>
        q.add(body, {
          ...(c.priority === undefined ? {} : { priority: c.priority }),
          ...(c.options?.signal === undefined ? {} : { signal: c.options.signal }),
        }),
      abortsBody: true,
    },
  },
  options: { timeout: false, signal: true },
};

/**
 * `queue` with `onIdle()`, the model's `idle()`: it takes no signal and no timeout, and an
 * adapter's options are every waiting call's, so this one gives signals to nobody.
 */
const withOnIdle: Adapter<PQueue> = {
  ...queue,
  name: 'p-queue with onIdle()',
  calls: { idle: (q) => q.onIdle() },
  // Without signals no abort can reach a running task: `abortsBody` has nothing to declare.
  composites: { add: { ...(queue.composites?.['add'] as Composite<PQueue>), abortsBody: false } },
  options: { timeout: false, signal: false },
};

export const adapters: readonly Adapter[] = [queue, withOnIdle];

export const peer: Peer = {
  library: 'p-queue',
  section: 'Queues, limiters and pools',
  version: '9.3.5',
  repository: 'https://github.com/sindresorhus/p-queue',
  mapping:
    "`new PQueue({ concurrency: n })` is a Semaphore of n permits whose only acquire is running a task: `add(fn, { priority, signal, timeout })` is a composite whose body is the task (given as it is, sync or async: p-queue frees the slot a microtask after the task ends, as the model does). `priority` orders the waiting tasks (larger first, as the model); `timeout` is a limit (the slot goes back when it passes and `add` rejects with `TimeoutError`); `signal` cancels a waiting task and, unlike the model's acquire, a running one (declared `abortsBody`). `onIdle()` is the model's `idle()`: it resolves once no task runs and none waits (checked in an adapter of its own, without signals: `onIdle()` takes none, and an adapter's options are every waiting call's). `value` is `concurrency - pending`, `statistics().waiting` is `size`. Pinned to 9.3.5, the last version for Node 20 (10.0.0 asks for Node 22). `onEmpty` and `clear` are not checked: see *What the models leave out* below.",
  adapters,
  why: {
    abortsBody:
      "`add` races a running task against its signal: an abort rejects `add` with the signal's reason and frees the slot at once, the task going on until it sees the signal it was given (`fn({ signal })`). The README leaves a running task's cancellation to the task; the slot is given back as a `timeout` gives it back, which the model calls a forced release.",
  },
  variants: [
    {
      adapter: queue,
      finds: {
        rule: 'cleanup',
        title: "an aborted task's `timeout` timer stays set until it fires",
        why: "When a running task with a `timeout` is aborted, `add` rejects and the slot goes back, but the timer p-timeout set for the timeout is cleared only when the task itself settles: the aborted task's timer (and what its closure holds) stays until the timeout passes, and a process that aborted its work cannot exit before it does. p-timeout clears its timer on an abort of the signal it is given (p-timeout#36); p-queue races the signal itself and does not give it.",
        upstream: 'none found in https://github.com/sindresorhus/p-queue/issues; the same leak was fixed inside p-timeout for a signal passed to it: https://github.com/sindresorhus/p-timeout/pull/36',
      },
    },
    { adapter: withoutTimeouts, of: queue.name, leavesOut: 'the `timeout` option (finding 1): priorities, signals and every kind of task then agree' },
    { adapter: withOnIdle },
  ],
};
