/**
 * fastq: `fastq.promise(worker, n)` runs at most n tasks at once through one worker, so it is a
 * Semaphore of n permits whose only acquire is pushing a task: `push(task)` is a composite whose
 * body is the task, with a worker that runs it (`async (task) => task()`: the promise API's
 * worker returns a promise). Waiting tasks are served in order; there is no priority (`unshift`
 * puts a task first, which the model has no word for), no timeout and no signal.
 *
 * `drained()` is the model's `idle()`, decided when the job's continuations run (`joins`).
 * `value` is `concurrency - running()`, `statistics().waiting` is `length()`.
 *
 * @module
 */

import fastq, { type queueAsPromised } from 'fastq';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

type Task = () => unknown;

const queue: Adapter<queueAsPromised<Task>> = {
  primitive: 'Semaphore',
  name: 'fastq.promise',
  create: (p) => fastq.promise(async (task: Task) => task(), p['value'] ?? 1),
  calls: { idle: (q) => q.drained() },
  composites: { push: { as: 'acquire', run: (q, _c, body) => q.push(body) } },
  observers: {
    value: (q) => q.concurrency - q.running(),
    statistics: (q) => ({ value: q.concurrency - q.running(), waiting: q.length() }),
  },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: false },
  choices: { joins: { idle: 'endOfJob' } },
  imports: "import fastq from 'fastq';",
};

export const adapters: readonly Adapter[] = [queue];

export const peer: Peer = {
  library: 'fastq',
  section: 'Queues, limiters and pools',
  version: '1.20.3',
  repository: 'https://github.com/mcollina/fastq',
  mapping:
    "`fastq.promise(worker, n)` is a Semaphore of n permits whose only acquire is pushing a task: `push(task)` is a composite whose body is the task, run by the worker `async (task) => task()` (the promise API's worker returns a promise; a worker that throws synchronously throws out of `push`). Tasks wait in order: no priority, no timeout, no signal; `unshift` (a task put first) has no counterpart in the model. `drained()` is the model's `idle()`, which it decides in a `process.nextTick` (declared `joins`). `value` is `concurrency - running()`, `statistics().waiting` is `length()`. `kill()` is not checked: see *What the models leave out* below.",
  adapters,
  why: {
    joins:
      '`drained()` looks at the queue in a `process.nextTick` after the call, so a task pushed later in the same job counts: `drained(); push(task)` waits for that task, where the model, deciding at the call, finds the queue idle. It is decided before any task of the job ends, as the model\'s `joins: { idle: \'endOfJob\' }` says.',
  },
  variants: [{ adapter: queue }],
};
