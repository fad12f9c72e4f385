/**
 * `npm run bench`: every scenario, one table each, toro-ts against its peers and the floor.
 * `npm run bench -- --quick` does fewer pairs and rounds, scaling up to 100k and memory at 100k
 * waiters (20k with a timeout or signal). `--only=<word>[,<word>...]` runs the scenarios whose id,
 * group or title contains one of the words (`--only=memory`, `--only=contended`,
 * `--only=lock-run-contended`).
 * `--json=FILE` also writes every figure, with the machine, the date and the commit, as JSON:
 * `bench/results.json` is the file the docs' Performance page is drawn from.
 *
 * The light scenarios are measured by pairs (`paired.ts`), each in a process of its own, so that
 * no scenario runs on code V8 optimised for another's (a figure from `--only` is the figure of
 * the full run); the large ones, the scaling families and memory by rounds (`harness.ts`).
 *
 * Benchmarks report; they never gate CI (nothing here runs in `npm test`).
 *
 * @module
 */

import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { barrierCycle, shutdownGetters, shutdownPutters } from './barrier.js';
import { cancelAbort, cancelDepth, cancelScaling, cancelShared, cancelSharedDepth, cancelTimeout, sharedRatios } from './cancel.js';
import { clockName, formatScaling, formatScenario, runScenario, type Case, type Scenario, type ScenarioResult, type Settings } from './harness.js';
import {
  contendedLock,
  contendedSemaphore,
  runExclusiveLock,
  runExclusiveLockContended,
  runExclusiveSemaphore,
  runExclusiveSemaphoreContended,
  uncontendedLock,
  uncontendedSemaphore,
} from './locks.js';
import { formatMemory, runMemory, type MemoryResult } from './memory.js';
import { formatPaired, runPaired, type PairSettings } from './paired.js';
import type { Machine, PairedJson, Results, ScalingJson } from './results.js';
import { queueBurst, queueDepth, queuePingPong, queueScaling, queueWaitingGetters } from './queues.js';
import { manyReaders, mixedReadWrite, runReadWrite, runReadWriteContended, uncontendedRead } from './rwlock.js';
import { contendedWeighted, runExclusiveWeighted, runExclusiveWeightedContended, uncontendedWeighted, weightedCancelHead } from './weighted.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--only=a,b`: the scenarios whose id, group or title contains any of the words. */
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).toLowerCase().split(',');
const jsonFile = args.find((a) => a.startsWith('--json='))?.slice('--json='.length);
/** Set in a child process: the one light scenario it measures, printed as JSON. */
const child = args.find((a) => a.startsWith('--scenario='))?.slice('--scenario='.length);

const settings: Settings = quick
  ? { rounds: 3, largeRounds: 2, time: 40, warmupTime: 10, iterationScale: 0.25, probeMs: 300, singleRunMs: 1_000 }
  : { rounds: 9, largeRounds: 5, time: 100, warmupTime: 30, iterationScale: 1, probeMs: 500, singleRunMs: 5_000 };
/** The paired method: pairs per series, CPU time per sample and warm-up per side, in ms. */
const pairSettings: PairSettings = quick ? { pairs: 7, sampleMs: 10, warmupMs: 100 } : { pairs: 21, sampleMs: 20, warmupMs: 200 };
const sizes = quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
const memoryWaiters = quick ? 100_000 : 1_000_000;
/** Waiters with a timeout or a signal, in the memory table (see memory.ts). */
const memoryCancellable = quick ? 20_000 : 100_000;

/**
 * The light scenarios, measured by pairs, each in a process of its own; and the large ones of
 * fixed size, measured by rounds. In the order of the issues that asked for them.
 */
const groups: readonly { readonly name: string; readonly paired: readonly (() => Scenario)[]; readonly large?: readonly (() => Scenario)[] }[] = [
  { name: 'uncontended', paired: [uncontendedLock, uncontendedSemaphore] },
  { name: 'contended', paired: [contendedLock, contendedSemaphore] },
  { name: 'runExclusive', paired: [runExclusiveLock, runExclusiveLockContended, runExclusiveSemaphore, runExclusiveSemaphoreContended] },
  { name: 'rwlock', paired: [uncontendedRead, mixedReadWrite, manyReaders, runReadWrite, runReadWriteContended] },
  { name: 'weighted', paired: [uncontendedWeighted, contendedWeighted, runExclusiveWeighted, runExclusiveWeightedContended] },
  { name: 'queue', paired: [() => queuePingPong(1), () => queuePingPong(64)], large: [() => queueBurst(10_000)] },
  { name: 'cancellation', paired: [], large: [() => cancelAbort(10_000), () => cancelTimeout(10_000)] },
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

function selected(...words: readonly (string | undefined)[]): boolean {
  return only === undefined || words.some((w) => w !== undefined && only.some((o) => w.toLowerCase().includes(o)));
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(0)} s`;
}

/** Numbers in the JSON to four significant digits: the figures move by more than that. */
function rounded(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(4)) : value;
}

function commit(): string {
  try {
    const here = fileURLToPath(new URL('..', import.meta.url));
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench'], { cwd: here, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes to src/ or bench/)` : head;
  } catch {
    return 'unknown';
  }
}

function machine(loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    arch: process.arch,
    os: `${os.type()} ${os.release()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    mode: quick ? 'quick' : 'full',
    clock: clockName,
    pairs: pairSettings,
    load: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
  };
}

function header(): string {
  const cpus = os.cpus();
  return [
    `# toro-ts benchmarks (${quick ? 'quick' : 'full'} mode)`,
    '',
    `${new Date().toISOString()}, Node ${process.version} (${process.arch}), ${os.type()} ${os.release()}, ${
      cpus.length
    } x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
    `Light scenarios: ratios from ${pairSettings.pairs} pairs of samples (${pairSettings.sampleMs} ms of CPU each), run back to back, the order alternating, each scenario in a process of its own; the median pair and the quartiles. Large scenarios: medians of ${settings.rounds} interleaved rounds (${settings.largeRounds} in the large scenarios, ${LARGEST_N_ROUNDS} at n = 1M). Clock: ${clockName}.`,
    '',
  ].join('\n');
}

/** Measures one light scenario in a fresh process (see the top of this file). */
async function inChild(id: string): Promise<PairedJson> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, script, `--scenario=${id}`, ...(quick ? ['--quick'] : []), ...(process.argv.includes('--wall') ? ['--wall'] : [])], {
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout) as PairedJson;
}

/** The child's part: one light scenario, printed as JSON. */
async function runChild(id: string): Promise<void> {
  for (const group of groups) {
    for (const build of group.paired) {
      const scenario = build();
      if (scenario.id !== id) continue;
      const { rows, comparisons } = await runPaired(scenario, pairSettings);
      const json: PairedJson = { id, group: group.name, title: scenario.title, op: scenario.op, rows, comparisons };
      process.stdout.write(JSON.stringify(json));
      return;
    }
  }
  throw new Error(`no light scenario with id ${id}`);
}

async function main(): Promise<void> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    console.warn('(run with node --expose-gc, as `npm run bench` does, for a clean heap between cases)');
  }
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(header());
  const started = performance.now();
  const paired: PairedJson[] = [];
  for (const group of groups) {
    const light = group.paired.map((build) => build()).filter((s) => selected(group.name, s.id, s.title));
    const large = (group.large ?? []).map((build) => build()).filter((s) => selected(group.name, s.title));
    if (light.length + large.length === 0) continue;
    console.log(`## ${group.name}\n`);
    const groupStarted = performance.now();
    for (const scenario of light) {
      const result = await inChild(scenario.id as string);
      paired.push(result);
      console.log(formatPaired({ ...result, scenario }), '\n');
    }
    for (const scenario of large) console.log(formatScenario(await runScenario(scenario, settings)), '\n');
    console.log(`(${group.name}: ${elapsed(groupStarted)})\n`);
  }
  const chosen = families.filter((f) => selected('scaling', f.title));
  if (chosen.length > 0) console.log('## scaling\n');
  const scaling: ScalingJson[] = [];
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
    const first = results[0]?.result.rows ?? [];
    scaling.push({
      title: family.title,
      op: family.op,
      sizes: results.map((r) => r.n),
      rows: first.map((row) => ({ name: row.name, role: row.role, ns: results.map((r) => r.result.rows.find((x) => x.name === row.name)?.ns ?? null) })),
    });
  }
  let memory: MemoryResult | undefined;
  if (selected('memory')) {
    console.log('## memory\n');
    const memoryStarted = performance.now();
    memory = await runMemory(memoryWaiters, memoryCancellable);
    console.log(formatMemory(memory), '\n');
    console.log(`(memory: ${elapsed(memoryStarted)})\n`);
  }
  console.log(`(all: ${elapsed(started)}; load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  if (jsonFile !== undefined) {
    const results: Results = { machine: machine(loadAtStart), paired, scaling, memory };
    writeFileSync(jsonFile, `${JSON.stringify(results, rounded, 1)}\n`);
    console.log(`(results written to ${jsonFile})`);
  }
}

if (child === undefined) await main();
else await runChild(child);
