/**
 * Running one target's share of a run on worker threads (`--workers N`): worker w runs the
 * programs of its slice of the share, with the run's own seed, so the workers together run
 * exactly the programs one thread would and find the same first divergence. When a worker
 * finds one, the others stop past it; the divergence in the earliest program is the result.
 *
 * @module
 */

import { Worker } from 'node:worker_threads';
import type { CheckResult, Search } from '../check.js';
import { subSlice, type Slice } from '../generate/sequence.js';
import type { Source } from './targets.js';

/** Work for one worker thread: one target, its slice of the run. */
export interface WorkerJob {
  readonly source: Source;
  readonly target: string;
  readonly runs: number;
  readonly seed: number;
  readonly maxTicks: number;
  readonly search: Search;
  readonly exhaustive: number | undefined;
  readonly slice: Slice;
}

/** What a worker posts: its count so far, the index of a program that diverged, its result, or why it could not run. */
export type WorkerMessage = { readonly progress: number } | { readonly diverged: number } | { readonly result: CheckResult } | { readonly error: string };

/**
 * Starts a worker thread on `job`. Built, the worker is `worker.js`; run from source (under
 * tsx), the worker registers tsx's loader before it imports `worker.ts`, since a worker thread
 * does not inherit the loader of the thread that starts it.
 */
function startWorker(job: WorkerJob): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData: job });
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((api) => { api.register(); return import(${entry}); })`, { eval: true, workerData: job });
}

/** The worker threads running now, to stop them on Ctrl-C. */
const running = new Set<Worker>();

/** Stops every worker thread this process started. */
export function stopWorkers(): void {
  for (const worker of running) void worker.terminate();
  running.clear();
}

/**
 * Runs `share` of a run of `job.target` on `count` worker threads and adds up what they found;
 * `onProgress` gets the programs run so far by all of them.
 */
export async function inWorkers(job: Omit<WorkerJob, 'slice'>, share: Slice, count: number, onProgress: (done: number) => void): Promise<CheckResult> {
  const started = performance.now();
  const done = new Array<number>(count).fill(0);
  const workers: Worker[] = [];
  const results = await Promise.all(
    Array.from(
      { length: count },
      (_, w) =>
        new Promise<CheckResult>((resolve, reject) => {
          const worker = startWorker({ ...job, slice: subSlice(share, { index: w, count }) });
          workers.push(worker);
          running.add(worker);
          worker.on('message', (message: WorkerMessage) => {
            if ('progress' in message) {
              done[w] = message.progress;
              onProgress(done.reduce((a, b) => a + b, 0));
            } else if ('diverged' in message) {
              for (const other of workers) if (other !== worker) other.postMessage({ stopAt: message.diverged });
            } else if ('result' in message) {
              done[w] = message.result.programs;
              onProgress(done.reduce((a, b) => a + b, 0));
              resolve(message.result);
            } else reject(new Error(message.error));
          });
          worker.once('error', reject);
          worker.once('exit', () => running.delete(worker));
        }),
    ),
  );
  const failed = results.filter((r) => r.failure !== undefined).sort((a, b) => (a.failure?.index ?? 0) - (b.failure?.index ?? 0))[0];
  const first = results[0] as CheckResult;
  return {
    name: first.name,
    primitive: first.primitive,
    programs: results.reduce((n, r) => n + r.programs, 0),
    operations: results.reduce((n, r) => n + r.operations, 0),
    seconds: (performance.now() - started) / 1000,
    seed: first.seed,
    ...(first.exhaustive === undefined ? {} : { exhaustive: first.exhaustive }),
    ...(failed?.failure === undefined ? {} : { failure: failed.failure }),
  };
}
