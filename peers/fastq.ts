/**
 * fastq: `fastq.promise(worker, n)` runs at most n tasks at once through one worker, so it is a
 * Semaphore of n permits whose only acquire is pushing a task: `push(task)` is a composite whose
 * body is the task, with a worker that runs it (`async (task) => task()`: the promise API's
 * worker returns a promise). Waiting tasks are served in order; there is no priority (`unshift`
 * puts a task first, which the model has no word for), no timeout and no signal.
 *
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
  calls: {},
  composites: { push: { as: 'acquire', run: (q, _c, body) => q.push(body) } },
  observers: {
    value: (q) => q.concurrency - q.running(),
    statistics: (q) => ({ value: q.concurrency - q.running(), waiting: q.length() }),
  },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: false },
  imports: "import fastq from 'fastq';",
};

export const adapters: readonly Adapter[] = [queue];

export const peer: Peer = {
  library: 'fastq',
  section: 'Queues, limiters and pools',
  version: '1.20.3',
  repository: 'https://github.com/mcollina/fastq',
  mapping:
    "`fastq.promise(worker, n)` is a Semaphore of n permits whose only acquire is pushing a task: `push(task)` is a composite whose body is the task, run by the worker `async (task) => task()` (the promise API's worker returns a promise; a worker that throws synchronously throws out of `push`). Tasks wait in order: no priority, no timeout, no signal; `unshift` (a task put first) has no counterpart in the model. `value` is `concurrency - running()`, `statistics().waiting` is `length()`. `drained()` and `kill()` are not checked: see *What the models leave out* below.",
  adapters,
  why: {},
  variants: [{ adapter: queue }],
};
