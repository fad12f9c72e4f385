/**
 * One memory measurement, in a fresh process for a clean heap: heap used after a forced GC
 * with n waiters pending on an exhausted primitive, minus the same before they were queued,
 * divided by n. Started by `memory.ts` as
 * `node --expose-gc --import tsx bench/memory-child.ts <contender> <variant> <n>`; prints JSON.
 *
 * What is charged to a waiter: everything the call allocates and keeps while it waits,
 * including the promise the caller holds and, with a timeout, the timer. Not charged: the
 * caller's AbortController and signal (made before the baseline) and the slot of the array
 * that holds the promise (allocated before the baseline too).
 *
 * @module
 */

import { AsyncQueue } from '@esfx/async-queue';
import { AsyncSemaphore } from '@esfx/async-semaphore';
import { Mutex, withTimeout } from 'async-mutex';
import { Sema } from 'async-sema';
import pLimit from 'p-limit';
import { pathToFileURL } from 'node:url';
import { Queue, Semaphore } from '../src/index.js';
import { cancelableOf } from './cancel.js';
import { FloorCancellableSemaphore, FloorQueue, FloorSemaphore } from './floor.js';

export type Variant = 'none' | 'timeout' | 'signal' | 'both';

/** Long enough that no timer fires while we measure. */
const HOUR = 3_600_000;

type Start = (signal: AbortSignal | undefined) => unknown;

/** Each contender: the variants it supports, and how to make one waiter for each. */
export const contenders: Record<string, Partial<Record<Variant, () => Promise<Start> | Start>>> = {
  'toro-ts Semaphore': {
    none: () => {
      const s = new Semaphore(0);
      return () => s.acquire();
    },
    timeout: () => {
      const s = new Semaphore(0);
      return () => s.acquire({ timeout: HOUR });
    },
    signal: () => {
      const s = new Semaphore(0);
      return (signal) => s.acquire({ signal });
    },
    both: () => {
      const s = new Semaphore(0);
      return (signal) => s.acquire({ timeout: HOUR, signal });
    },
  },
  'floor semaphore': {
    none: () => {
      const s = new FloorSemaphore(0);
      return () => s.acquire();
    },
  },
  'floor (cancellable)': {
    timeout: () => {
      const s = new FloorCancellableSemaphore(0);
      return () => s.acquire({ timeout: HOUR });
    },
    signal: () => {
      const s = new FloorCancellableSemaphore(0);
      return (signal) => s.acquire({ signal: signal as AbortSignal });
    },
    both: () => {
      const s = new FloorCancellableSemaphore(0);
      return (signal) => s.acquire({ timeout: HOUR, signal: signal as AbortSignal });
    },
  },
  'async-mutex Mutex': {
    none: async () => {
      const m = new Mutex();
      await m.acquire();
      return () => m.acquire();
    },
    timeout: async () => {
      const m = new Mutex();
      await m.acquire();
      const timed = withTimeout(m, HOUR);
      return () => timed.acquire();
    },
  },
  'async-sema Sema': {
    none: async () => {
      const s = new Sema(1);
      await s.acquire();
      return () => s.acquire();
    },
  },
  'p-limit': {
    none: async () => {
      const limit = pLimit(1);
      void limit(() => new Promise(() => undefined));
      await null;
      return () => limit(() => undefined);
    },
  },
  '@esfx/async-semaphore': {
    none: () => {
      const s = new AsyncSemaphore(0);
      return () => s.wait();
    },
    timeout: () => {
      const s = new AsyncSemaphore(0);
      return () => s.wait(cancelableOf(AbortSignal.timeout(HOUR)));
    },
    signal: () => {
      const s = new AsyncSemaphore(0);
      return (signal) => s.wait(cancelableOf(signal as AbortSignal));
    },
  },
  'toro-ts Queue get': {
    none: () => {
      const q = new Queue<number>();
      return () => q.get();
    },
  },
  '@esfx/async-queue get': {
    none: () => {
      const q = new AsyncQueue<number>();
      return () => q.get();
    },
  },
  'floor queue get': {
    none: () => {
      const q = new FloorQueue<number>();
      return () => q.get();
    },
  },
};

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
  collect();
}

/** Module-level, so nothing measured can be collected as dead. */
const kept: unknown[] = [];

async function measure(contender: string, variant: Variant, n: number): Promise<number> {
  const make = contenders[contender]?.[variant];
  if (make === undefined) throw new Error(`no ${variant} variant for ${contender}`);
  const start = await make();
  kept.push(start);
  const held: unknown[] = new Array<unknown>(n).fill(0);
  const withSignal = variant === 'signal' || variant === 'both';
  const controllers = withSignal ? Array.from({ length: n }, () => new AbortController()) : [];
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) held[i] = start(controllers[i]?.signal);
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const after = process.memoryUsage().heapUsed;
  // Everything the waiters hang on must stay reachable until after the second reading: V8 may
  // collect what a function no longer uses, and a primitive collected with its waiters weighs 0.
  kept.push(start, held, controllers);
  return (after - before) / n;
}

const [contender, variant, n] = process.argv.slice(2);
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (contender === undefined || variant === undefined || n === undefined) throw new Error('usage: <contender> <variant> <n>');
  const bytes = await measure(contender, variant as Variant, Number(n));
  process.stdout.write(`${JSON.stringify({ bytes })}\n`);
  process.exit(0);
}
