/**
 * A worker thread of `toro-check --workers N`: it loads the targets itself, runs its share of
 * the programs with its own seed, and posts what it found.
 *
 * @module
 */

import { parentPort, workerData } from 'node:worker_threads';
import { check } from '../check.js';
import type { WorkerJob } from './cli.js';
import { targetsOf } from './targets.js';

const job = workerData as WorkerJob;
const loaded = await targetsOf(job.source);
try {
  const target = loaded.targets.find((t) => t.name === job.target);
  if (target === undefined) throw new Error(`no target ${job.target} in the worker`);
  const result = await check(target, { runs: job.runs, seed: job.seed, maxTicks: job.maxTicks });
  parentPort?.postMessage({ result });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  await loaded.close();
}
