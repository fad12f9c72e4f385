/**
 * `npm run bench`: every scenario, one table each, toro-ts against its peers and the floor in
 * one process. `npm run bench -- --quick` does fewer rounds, shorter budgets, scaling up to
 * 100k and memory at 100k waiters (20k with a timeout or signal), in under a minute. `--only=<word>` runs the scenarios whose
 * group or title contains the word (`--only=memory`, `--only=contended`).
 *
 * Benchmarks report; they never gate CI (nothing here runs in `npm test`).
 *
 * @module
 */

import os from 'node:os';
import { barrierCycle, shutdownGetters, shutdownPutters } from './barrier.js';
import { cancelAbort, cancelDepth, cancelScaling, cancelShared, cancelSharedDepth, cancelTimeout, sharedRatios } from './cancel.js';
import { clockName, formatScaling, formatScenario, runScenario, type Case, type Scenario, type ScenarioResult, type Settings } from './harness.js';
import { contendedLock, contendedSemaphore, uncontendedLock, uncontendedRunExclusive, uncontendedSemaphore } from './locks.js';
import { manyReaders, mixedReadWrite, uncontendedRead } from './rwlock.js';
import { contendedWeighted, uncontendedWeighted, weightedCancelHead } from './weighted.js';
import { formatMemory, runMemory } from './memory.js';
import { queueBurst, queueDepth, queuePingPong, queueScaling, queueWaitingGetters } from './queues.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).toLowerCase();

const settings: Settings = quick
  ? { rounds: 3, largeRounds: 2, time: 40, warmupTime: 10, iterationScale: 0.25, probeMs: 300, singleRunMs: 1_000 }
  : { rounds: 9, largeRounds: 5, time: 100, warmupTime: 30, iterationScale: 1, probeMs: 500, singleRunMs: 5_000 };
const sizes = quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
const memoryWaiters = quick ? 100_000 : 1_000_000;
/** Waiters with a timeout or a signal, in the memory table (see memory.ts). */
const memoryCancellable = quick ? 20_000 : 100_000;

/** The light scenarios, in the order the issue lists them, each with its own table. */
const groups: readonly { readonly name: string; readonly build: () => Scenario[] }[] = [
  { name: 'uncontended', build: () => [uncontendedLock(), uncontendedSemaphore()] },
  { name: 'contended', build: () => [contendedLock(), contendedSemaphore()] },
  { name: 'queue', build: () => [queueBurst(10_000), queuePingPong(1), queuePingPong(64)] },
  { name: 'cancellation', build: () => [cancelAbort(10_000), cancelTimeout(10_000)] },
  { name: 'runExclusive', build: () => [uncontendedRunExclusive()] },
  { name: 'rwlock', build: () => [uncontendedRead(), manyReaders(), mixedReadWrite()] },
  { name: 'weighted', build: () => [uncontendedWeighted(), contendedWeighted()] },
];

/**
 * Scaling families: one scenario per n, one table per family. The first three measure what a
 * user sees at n (n waiters or items alive at once, so caches and the garbage collector take
 * their share); the "depth" ones keep the working set small and put n in front of it, to see
 * the algorithm alone.
 */
const families: readonly {
  readonly title: string;
  readonly op: string;
  readonly build: (n: number) => Scenario;
  /** The largest n, if smaller than the other families'. */
  readonly maxN?: number;
  /** A line printed under the table. */
  readonly note?: (results: readonly { readonly n: number; readonly result: ScenarioResult }[]) => string;
  /** The n to run at, if not the usual sizes (quick or full). */
  readonly sizes?: readonly number[];
}[] = [
  {
    title: 'Scaling: queue, unbounded burst (n items alive at once)',
    op: 'one item through the queue, n `await put` then n `await get`.',
    build: queueScaling,
  },
  {
    title: 'Scaling: queue, n waiting getters (n waiters alive at once)',
    op: 'one item handed to one of n waiting getters.',
    build: queueWaitingGetters,
  },
  {
    title: 'Scaling: cancellation by signal, random order (n waiters alive at once)',
    op: 'one of n waiters queued with its own signal (a one-listener stand-in for AbortSignal, see cancel.ts), aborted in random order, its rejection delivered.',
    build: cancelScaling,
  },
  {
    title: 'Scaling: cancellation by one shared signal (n waiters on one AbortSignal)',
    op: 'one of n waiters sharing one AbortSignal, aborted at once, its rejection delivered; the reference row gives each waiter a signal of its own (see cancel.ts).',
    build: cancelShared,
    maxN: 100_000,
    note: sharedRatios,
  },
  {
    title: 'Scaling: queue holding n items (the algorithm alone)',
    op: '`await put(item)` then `await get()` on a queue that holds n items.',
    build: queueDepth,
  },
  {
    title: 'Scaling: a signal shared with n waiters (the algorithm alone)',
    op: 'one of 1,000 waiters queued with a signal n other waiters wait on, then released; the reference row uses a signal nobody else waits on.',
    build: cancelSharedDepth,
    maxN: 100_000,
    note: sharedRatios,
  },
  {
    title: 'Scaling: cancellation behind n waiters (the algorithm alone)',
    op: 'one of 1,000 waiters queued behind n others with its own signal, aborted in random order, its rejection delivered.',
    build: cancelDepth,
  },
  {
    title: 'Scaling: cancelling the head among n weighted waiters (the algorithm alone)',
    op: 'one waiter queued at the back and the head aborted, n waiters that do not fit in between.',
    build: weightedCancelHead,
  },
  {
    title: 'Scaling: barrier cycle of n parties',
    op: 'one caller through one cycle of a barrier of n parties, n workers each awaiting `wait()` in a loop (10,000 callers per sample).',
    build: barrierCycle,
    sizes: [2, 10, 100, 1_000],
  },
  {
    title: 'Scaling: queue shutdown with n waiting getters',
    op: 'one of n waiting getters refused by one `shutdown()`, its rejection (a fresh error each) delivered; making the getters is not charged.',
    build: shutdownGetters,
    sizes: [1_000, 10_000, 100_000],
  },
  {
    title: 'Scaling: queue shutdown with n waiting putters',
    op: 'one of n putters waiting on a full queue refused by one `shutdown()`, its rejection (a fresh error each) delivered; making the putters is not charged.',
    build: shutdownPutters,
    sizes: [1_000, 10_000, 100_000],
  },
];

/**
 * A peer is not run at the next n if it had to be measured in one run at the previous n,
 * or if one run there is projected to take longer than this: its cost per operation growing by
 * the factor it last grew by, times the operations of a run.
 */
const MAX_PROJECTED_SECONDS = quick ? 3 : 10;
const SKIPPED = `-: this peer was not run, because at the previous n one run took too long to repeat, or one run here was projected to take over ${MAX_PROJECTED_SECONDS} s (its cost per operation growing as it last grew).`;

/** The largest n runs fewer rounds: each run there is long, and the figures vary less. */
const LARGEST_N_ROUNDS = 3;

function tooSlow(c: Case, results: readonly { readonly result: ScenarioResult }[]): boolean {
  // toro-ts, the floor and a reference are what the table is for: they run at every n, however long.
  if (c.role === 'toro' || c.role === 'floor' || c.role === 'reference') return false;
  const last = results.at(-1)?.result.rows.find((r) => r.name === c.name);
  if (last === undefined) return results.length > 0;
  if (last.single) return true;
  const before = results.at(-2)?.result.rows.find((r) => r.name === c.name);
  const growth = before === undefined ? 1 : Math.max(1, last.ns / before.ns);
  return (last.ns * growth * c.ops) / 1e9 > MAX_PROJECTED_SECONDS;
}

/** Per-operation cost at the largest n over the smallest: the O(1) target. */
const MAX_GROWTH = 1.5;

function selected(...words: readonly string[]): boolean {
  return only === undefined || words.some((w) => w.toLowerCase().includes(only));
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(0)} s`;
}

function header(): string {
  const cpus = os.cpus();
  return [
    `# toro-ts benchmarks (${quick ? 'quick' : 'full'} mode)`,
    '',
    `${new Date().toISOString()}, Node ${process.version} (${process.arch}), ${os.type()} ${os.release()}, ${
      cpus.length
    } x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
    `Medians of ${settings.rounds} interleaved rounds (${settings.largeRounds} in the large scenarios, ${LARGEST_N_ROUNDS} at n = 1M), each the median of its tinybench samples; clock: ${clockName}.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    console.warn('(run with node --expose-gc, as `npm run bench` does, for a clean heap between cases)');
  }
  console.log(header());
  const started = performance.now();
  for (const group of groups) {
    const scenarios = group.build().filter((s) => selected(group.name, s.title));
    if (scenarios.length === 0) continue;
    console.log(`## ${group.name}\n`);
    const groupStarted = performance.now();
    for (const scenario of scenarios) {
      console.log(formatScenario(await runScenario(scenario, settings)), '\n');
    }
    console.log(`(${group.name}: ${elapsed(groupStarted)})\n`);
  }
  const chosen = families.filter((f) => selected('scaling', f.title));
  if (chosen.length > 0) console.log('## scaling\n');
  for (const family of chosen) {
    const familyStarted = performance.now();
    const results: { n: number; result: ScenarioResult }[] = [];
    for (const n of family.sizes ?? sizes) {
      if (family.maxN !== undefined && n > family.maxN) continue;
      const scenario = family.build(n);
      const cases = scenario.cases.filter((c) => !tooSlow(c, results));
      const rounds = n >= 1_000_000 ? LARGEST_N_ROUNDS : undefined;
      const result = await runScenario({ ...scenario, cases, ...(rounds === undefined ? {} : { rounds }) }, settings);
      results.push({ n, result });
    }
    console.log(formatScaling(family.title, family.op, results, MAX_GROWTH, SKIPPED), '\n');
    if (family.note !== undefined) console.log(family.note(results), '\n');
    console.log(`(${elapsed(familyStarted)})\n`);
  }
  if (selected('memory')) {
    console.log('## memory\n');
    const memoryStarted = performance.now();
    console.log(formatMemory(await runMemory(memoryWaiters, memoryCancellable)), '\n');
    console.log(`(memory: ${elapsed(memoryStarted)})\n`);
  }
  console.log(`(all: ${elapsed(started)})`);
}

await main();
