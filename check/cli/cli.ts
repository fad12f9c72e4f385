/**
 * The `toro-check` command: checks a module, a package, or a port in another language (through
 * a driver) against toro-ts's models.
 *
 * Exit status: 0 when every primitive agrees with its model, 1 on a divergence, 2 on a usage
 * error (a bad option, a module that exports nothing checkable, a driver that does not start).
 *
 * @module
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { check, reproductionOf, showFailure, type CheckResult, type Target } from '../check.js';
import { writeReproduction } from '../report/files.js';
import { ReproductionError } from '../run/target.js';
import { showDivergence } from '../compare/compare.js';
import { familyOf } from '../program/families/index.js';
import { PRIMITIVES, showProgram, type Program } from '../program/program.js';
import { UsageError } from '../program/errors.js';
import { AdapterError } from '../run/run.js';
import { targetsOf, type Source } from './targets.js';

export { killAllDrivers } from '../run/driver.js';

const USAGE = `usage: toro-check <module or package> [options]
       toro-check --driver "<command>" [options]

Checks every primitive the module exports under toro-ts's names (Lock, Semaphore,
BoundedSemaphore, Event, Condition, Queue, PriorityQueue, LifoQueue), or the adapters it exports
as \`adapters\`, or every primitive a driver declares, against toro-ts's models.

options:
  --primitive NAME[,NAME...]  check only these primitives (or adapters, by name)
  --runs N                    programs per primitive (default 1000)
  --seed S                    the seed of the random programs (default: random)
  --path P                    replay one program of a seed's run (with --seed and --primitive)
  --program FILE              replay a program given as JSON (as a failure report writes it)
  --workers N                 run programs on N worker threads (default 1)
  --max-ticks N               the most ticks a program has (default 30)
  --repro DIR                 where reproductions and failing programs go (default toro-check-report)
  --driver-timeout MS         how long a driver may take to answer (default 5000)
  --json                      print the results as JSON
  -h, --help                  show this

exit status: 0 every primitive agrees with its model, 1 a divergence, 2 a usage error`;

interface Options {
  readonly source: Source;
  readonly primitives: readonly string[] | undefined;
  readonly runs: number;
  readonly seed: number;
  readonly path: string | undefined;
  readonly program: Program | undefined;
  readonly workers: number;
  readonly maxTicks: number;
  readonly repro: string;
  readonly json: boolean;
}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** Parses the command line; throws a UsageError with a one-line message. */
export function parseCommandLine(argv: readonly string[]): Options | 'help' {
  // A negative number after an option is its value (`--runs -3`), so that it gets its own message.
  const args: string[] = [];
  for (const arg of argv) {
    const last = args.at(-1);
    if (/^-\d/.test(arg) && last !== undefined && /^--[a-z-]+$/.test(last)) args[args.length - 1] = `${last}=${arg}`;
    else args.push(arg);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        primitive: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        path: { type: 'string' },
        program: { type: 'string' },
        workers: { type: 'string' },
        'max-ticks': { type: 'string' },
        repro: { type: 'string' },
        driver: { type: 'string' },
        'driver-timeout': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (values.driver !== undefined && positionals.length > 0) throw new UsageError('give a module or --driver, not both');
  if (values.driver === undefined && positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a module, a package, or --driver "<command>"' : `one module at a time, got ${positionals.join(' ')}`);
  const source: Source =
    values.driver === undefined ? { module: positionals[0] as string } : { driver: values.driver, timeoutMs: integer('driver-timeout', values['driver-timeout'], 5000, 1) };
  const seed = values.seed === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : integer('seed', values.seed, 0, Number.MIN_SAFE_INTEGER);
  if (values.path !== undefined && !/^\d+(:\d+)*$/.test(values.path)) throw new UsageError(`--path must look like 12:0:3, as a report prints it, got ${JSON.stringify(values.path)}`);
  if (values.path !== undefined && values.seed === undefined) throw new UsageError('--path replays a program of one seed: give --seed too');
  let program: Program | undefined;
  if (values.program !== undefined) {
    try {
      program = JSON.parse(readFileSync(values.program, 'utf8')) as Program;
    } catch (error) {
      throw new UsageError(`cannot read the program in ${values.program}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const workers = integer('workers', values.workers, 1, 1);
  if (workers > Math.max(availableParallelism() * 4, 4)) throw new UsageError(`--workers ${workers} is more than this machine can use (${availableParallelism()} cores)`);
  return {
    source,
    primitives: values.primitive?.split(',').map((name) => name.trim()),
    runs: integer('runs', values.runs, 1000, 1),
    seed,
    path: values.path,
    program,
    workers,
    maxTicks: integer('max-ticks', values['max-ticks'], 30, 1),
    repro: values.repro ?? 'toro-check-report',
    json: values.json === true,
  };
}

/** The targets the options choose; refuses names that match nothing. */
export function choose(targets: readonly Target[], wanted: readonly string[] | undefined): Target[] {
  if (wanted === undefined) return [...targets];
  const known = (name: string): Target | undefined => targets.find((t) => t.primitive.toLowerCase() === name.toLowerCase() || t.name.toLowerCase() === name.toLowerCase());
  const unknown = wanted.filter((name) => known(name) === undefined);
  if (unknown.length > 0) {
    const offered = targets.map((t) => (t.name === t.primitive ? t.name : `${t.primitive} (${t.name})`)).join(', ');
    throw new UsageError(`no ${unknown.join(', ')} to check; this offers ${offered}`);
  }
  return targets.filter((t) => wanted.some((name) => known(name) === t));
}

/** Work for one worker thread: one target, a share of the programs, a seed of its own. */
export interface WorkerJob {
  readonly source: Source;
  readonly target: string;
  readonly runs: number;
  readonly seed: number;
  readonly maxTicks: number;
}

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

/** Runs `job` on `count` worker threads (worker i uses seed + i) and adds up what they found. */
async function inWorkers(job: Omit<WorkerJob, 'seed' | 'runs'>, runs: number, seed: number, count: number): Promise<CheckResult> {
  const started = performance.now();
  const shares = Array.from({ length: count }, (_, i) => Math.floor(runs / count) + (i < runs % count ? 1 : 0)).filter((n) => n > 0);
  const results = await Promise.all(
    shares.map(
      (share, i) =>
        new Promise<CheckResult>((done, fail) => {
          const worker = startWorker({ ...job, runs: share, seed: seed + i });
          worker.once('message', (message: { result?: CheckResult; error?: string }) => (message.result === undefined ? fail(new Error(message.error)) : done(message.result)));
          worker.once('error', fail);
        }),
    ),
  );
  const failed = results.find((r) => r.failure !== undefined);
  const first = results[0] as CheckResult;
  return {
    name: first.name,
    primitive: first.primitive,
    programs: results.reduce((n, r) => n + r.programs, 0),
    operations: results.reduce((n, r) => n + r.operations, 0),
    seconds: (performance.now() - started) / 1000,
    seed: failed?.seed ?? seed,
    ...(failed?.failure === undefined ? {} : { failure: failed.failure }),
  };
}

function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** Writes a failure's program and reproduction; prints the report. */
function report(result: CheckResult, target: Target, options: Options, command: string): void {
  const failure = result.failure;
  if (failure === undefined) return;
  mkdirSync(options.repro, { recursive: true });
  const base = join(options.repro, fileName(target.name));
  writeFileSync(`${base}.program.json`, `${JSON.stringify(failure.program, null, 2)}\n`);
  const lines = [``, `${target.name} disagrees with its model.`, showFailure(failure, target.observers ?? []), ``];
  lines.push(`program as JSON: ${resolve(`${base}.program.json`)}`);
  if (typeof failure.reproduction === 'string') {
    writeFileSync(`${base}.repro.mjs`, failure.reproduction);
    lines.push(`standalone reproduction (the library alone): node ${resolve(`${base}.repro.mjs`)}`);
  } else if (failure.reproduction !== undefined) {
    try {
      lines.push(`standalone reproduction in ${failure.reproduction.language} (the port alone): ${writeReproduction(`${base}.repro`, failure.reproduction)}`);
    } catch (error) {
      if (!(error instanceof ReproductionError)) throw error;
      lines.push(`no standalone reproduction: ${error.message}`);
    }
  }
  if (failure.reproductionRefused !== undefined) lines.push(`no standalone reproduction: ${failure.reproductionRefused}`);
  lines.push(`replay: ${command} --primitive ${JSON.stringify(target.name)} --program ${resolve(`${base}.program.json`)}`);
  if (failure.path !== undefined) lines.push(`replay the unshrunk program: ${command} --primitive ${JSON.stringify(target.name)} --seed ${failure.seed} --path ${failure.path}`);
  console.log(lines.join('\n'));
}

/** Runs the command; resolves with its exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`toro-check: ${error.message} (toro-check --help lists the options)`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const opts = options;
  let loaded;
  let chosen: Target[];
  try {
    loaded = await targetsOf(opts.source);
    chosen = choose(loaded.targets, opts.primitives);
    if (opts.program !== undefined) {
      const program = opts.program;
      if (!PRIMITIVES.includes(program.primitive)) throw new UsageError(`the program's primitive ${JSON.stringify(program.primitive)} has no model`);
      chosen = chosen.filter((t) => t.primitive === program.primitive);
      if (chosen.length === 0) throw new UsageError(`nothing here is a ${program.primitive}, the program's primitive`);
      familyOf(program.primitive);
    }
  } catch (error) {
    // A driver already started is told to quit: a usage error ends the check.
    await loaded?.close();
    if (!(error instanceof UsageError)) throw error;
    console.error(`toro-check: ${error.message}`);
    return 2;
  }
  const command = 'module' in opts.source ? `npx toro-check ${opts.source.module}` : `npx toro-check --driver ${JSON.stringify(opts.source.driver)}`;
  const rows: { primitive: string; programs: number; operations: number; 'programs/s': number; seconds: number; result: string }[] = [];
  const results: CheckResult[] = [];
  let failed = false;
  try {
    for (const target of chosen) {
      let result: CheckResult;
      if (opts.program !== undefined) {
        const outcome = await target.run(opts.program);
        result = { name: target.name, primitive: target.primitive, programs: 1, operations: outcome.operations, seconds: 0, seed: opts.seed };
        if (outcome.divergence !== undefined) {
          const failure = { divergence: outcome.divergence, program: opts.program, expected: outcome.expected, actual: outcome.actual, seed: opts.seed, path: undefined, ...(await reproductionOf(target, opts.program, { ...outcome, divergence: outcome.divergence })) };
          result = { ...result, failure };
        }
      } else if (opts.workers > 1 && opts.path === undefined) {
        result = await inWorkers({ source: opts.source, target: target.name, maxTicks: opts.maxTicks }, opts.runs, opts.seed, opts.workers);
      } else {
        const tty = process.stderr.isTTY === true && !opts.json;
        let last = 0;
        result = await check(target, {
          runs: opts.runs,
          seed: opts.seed,
          maxTicks: opts.maxTicks,
          ...(opts.path === undefined ? {} : { path: opts.path }),
          onProgress: (done) => {
            if (!tty || performance.now() - last < 100) return;
            last = performance.now();
            process.stderr.write(`\r${target.name.padEnd(20)} ${done}/${opts.runs}`);
          },
        });
        if (tty) process.stderr.write('\r\x1b[K');
      }
      results.push(result);
      rows.push({
        primitive: target.name,
        programs: result.programs,
        operations: result.operations,
        'programs/s': Math.round(result.programs / Math.max(result.seconds, 1e-9)),
        seconds: Number(result.seconds.toFixed(1)),
        result: result.failure === undefined ? 'agrees' : `DIVERGES: ${result.failure.divergence.rule}`,
      });
      if (result.failure !== undefined) {
        failed = true;
        if (!opts.json) report(result, target, opts, command);
      }
    }
  } catch (error) {
    if (!(error instanceof AdapterError)) throw error;
    console.error(`toro-check: ${error.message}`);
    return 2;
  } finally {
    await loaded.close();
  }
  if (opts.json) {
    console.log(JSON.stringify(results.map((r) => ({ ...r, failure: r.failure === undefined ? undefined : { ...r.failure, report: showDivergence(r.failure.divergence), printed: showProgram(r.failure.program) } })), null, 2));
  } else {
    printTable(rows);
    console.log(`seed ${opts.seed}${opts.workers > 1 ? ` (worker i uses seed + i)` : ''}`);
    console.log(failed ? 'FAIL' : 'PASS');
  }
  return failed ? 1 : 0;
}

/** A plain table, without console.table's index column. */
function printTable(rows: readonly Record<string, string | number>[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(width[i] ?? 0) : cell.padStart(width[i] ?? 0))).join('  ').trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))));
}
