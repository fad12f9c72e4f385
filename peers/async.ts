/**
 * async: `queue(worker, n)` and `priorityQueue(worker, n)` run at most n tasks at once through
 * one worker, so each is a Semaphore of n permits whose only acquire is pushing a task:
 * `pushAsync(task)` is a composite whose body is the task, with the worker `async (task) =>
 * task()`. `pushAsync` is the push that rejects when the task fails (`push` without a callback
 * resolves with nothing then). `priorityQueue`'s priority is lower-first: the model's priority p
 * is async's `-p`.
 *
 * `value` is `concurrency - running()`, `statistics().waiting` is `length()`.
 *
 * @module
 */

import { priorityQueue, queue, type QueueObject } from 'async';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

type Task = () => unknown;

const plain: Adapter<QueueObject<Task>> = {
  primitive: 'Semaphore',
  name: 'async queue',
  create: (p) => queue(async (task: Task) => task(), p['value'] ?? 1),
  calls: {},
  composites: { pushAsync: { as: 'acquire', run: (q, _c, body) => q.pushAsync(body) } },
  observers: {
    value: (q) => q.concurrency - q.running(),
    statistics: (q) => ({ value: q.concurrency - q.running(), waiting: q.length() }),
  },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: false },
  choices: { observe: 'afterTick' },
  imports: "import { priorityQueue, queue } from 'async';",
};

interface PriorityPush {
  pushAsync(task: Task, priority: number): Promise<unknown>;
}

const byPriority: Adapter<QueueObject<Task>> = {
  ...plain,
  name: 'async priorityQueue',
  create: (p) => priorityQueue(async (task: Task) => task(), p['value'] ?? 1) as unknown as QueueObject<Task>,
  composites: { pushAsync: { as: 'acquire', run: (q, c, body) => (q as unknown as PriorityPush).pushAsync(body, -(c.priority ?? 0)) } },
  priority: { calls: ['pushAsync'] },
  choices: { observe: 'afterTick', joins: 'endOfJob' },
};

export const adapters: readonly Adapter[] = [plain, byPriority];

const startsLater =
  'async starts the tasks pushed in one job in a microtask after `push` (its `setImmediate` is `queueMicrotask`), so `running()` and `length()` right after a push show the task still waiting, where the model has already granted it; after the job they agree.';

export const peer: Peer = {
  library: 'async',
  section: 'Queues, limiters and pools',
  version: '3.2.6',
  repository: 'https://github.com/caolan/async',
  mapping:
    "`queue(worker, n)` and `priorityQueue(worker, n)` are Semaphores of n permits whose only acquire is pushing a task: `pushAsync(task)` is a composite whose body is the task, run by the worker `async (task) => task()`. `pushAsync` is the push that rejects with the task's error (`push` without a callback resolves with nothing when the task fails, by design: errors go to `q.error`). `priorityQueue`'s priority is lower-first: the model's p is async's `-p`. No timeouts, no signals. `value` is `concurrency - running()`, `statistics().waiting` is `length()`. `drain()` is not the model's `idle()`: its promise is for the *next* drain (the README: \"returns a promise for the next occurrence\"), so it never resolves while the queue is already idle; no model rule states a next occurrence. `empty()` and `kill()` are not checked either: see *What the models leave out* below.",
  adapters,
  why: {
    observe: startsLater,
    joins:
      "async's queues start tasks in a microtask after `push`, so the tasks pushed in one job compete by priority: a task of higher priority pushed after another in the same job runs first, even with a slot free at the first push. A priority queue serves what it holds by priority when it can start a task; the model serves a free permit at the call.",
  },
  variants: [{ adapter: plain }, { adapter: byPriority }],
};
