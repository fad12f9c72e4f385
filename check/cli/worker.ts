/**
 * A worker thread of `toro-check --workers N`: it loads the targets itself and runs its share of
 * the run's programs (the same seed: program i is the same whoever runs it). It posts its count
 * as it goes, says at once when a program diverges (so the others stop past it), and posts
 * what it found.
 *
 * @module
 */

import { parentPort, workerData } from 'node:worker_threads';
import { check } from '../check.js';
import type { WorkerJob, WorkerMessage } from './workers.js';
import { targetsOf } from './targets.js';

const job = workerData as WorkerJob;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
let stopAt = Number.POSITIVE_INFINITY;
parentPort?.on('message', (message: { stopAt?: number }) => {
  if (typeof message.stopAt === 'number') stopAt = Math.min(stopAt, message.stopAt);
});
const loaded = await targetsOf(job.source);
try {
  const target = loaded.targets.find((t) => t.name === job.target);
  if (target === undefined) throw new Error(`no target ${job.target} in the worker`);
  let posted = 0;
  const result = await check(target, {
    runs: job.runs,
    seed: job.seed,
    maxTicks: job.maxTicks,
    search: job.search,
    ...(job.exhaustive === undefined ? {} : { exhaustive: job.exhaustive }),
    slice: job.slice,
    stopAt: () => stopAt,
    onProgress: (done) => {
      if (performance.now() - posted < 100) return;
      posted = performance.now();
      post({ progress: done });
    },
    onDivergence: (index) => post({ diverged: index }),
  });
  post({ result });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
} finally {
  parentPort?.removeAllListeners('message');
  await loaded.close();
}
