/**
 * The `toro-check` command: checks a module, a package, or a port in another language (through
 * a driver) against toro-ts's models; or merges the results of a run's shards.
 *
 * Exit status: 0 when every primitive agrees with its model, 1 on a divergence, 2 on a usage
 * error (a bad option, a module that exports nothing checkable, a driver that does not start),
 * 130 when interrupted (Ctrl-C), after printing what finished, the seed and the command that
 * resumes.
 *
 * @module
 */

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { check, reproductionOf, type CheckOptions, type CheckResult, type Target } from '../check.js';
import { showDivergence } from '../compare/compare.js';
import type { Slice } from '../generate/sequence.js';
import { countExhaustive } from '../generate/exhaustive.js';
import { ProgramError } from '../program/model-session.js';
import { showProgram, type Program } from '../program/program.js';
import { validateProgram } from '../program/validate.js';
import { UsageError } from '../program/errors.js';
import { terminalSafe, shellCommand } from '../report/escape.js';
import { AdapterError } from '../run/run.js';
import { killAllDrivers } from '../run/driver.js';
import { parseCommandLine, USAGE, type MergeOptions, type Options } from './options.js';
import { Progress } from './progress.js';
import { invocation, localRules, writeReport, type ReportPlace } from './report.js';
import { mergeRecords, readRecord, RESULTS_FORMAT, type RecordedResult, type RunRecord } from './results.js';
import { targetsOf } from './targets.js';
import { inWorkers, stopWorkers } from './workers.js';

export { killAllDrivers } from '../run/driver.js';

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

/** One row of the table a run ends with. */
type Row = Record<string, string | number>;

/** A result as a row; a single replayed program has no rate worth printing. */
function rowOf(result: CheckResult, replay: boolean): Row {
  const agrees = result.exhaustive === undefined || replay ? 'agrees' : `no divergence within ${result.exhaustive.actions} action${result.exhaustive.actions === 1 ? '' : 's'}`;
  const verdict = result.failure === undefined ? agrees : `DIVERGES: ${result.failure.divergence.rule}`;
  if (replay) return { primitive: result.name, programs: result.programs, operations: result.operations, result: verdict };
  return {
    primitive: result.name,
    programs: result.programs,
    operations: result.operations,
    'programs/s': result.seconds > 0 ? Math.round(result.programs / result.seconds) : '-',
    seconds: Number(result.seconds.toFixed(1)),
    result: verdict,
  };
}

/** A plain table, without console.table's index column. */
function table(rows: readonly Row[]): string[] {
  const first = rows[0];
  if (first === undefined) return [];
  const columns = Object.keys(first);
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(width[i] ?? 0) : cell.padStart(width[i] ?? 0))).join('  ').trimEnd();
  return [line(columns), ...rows.map((row) => line(columns.map((c) => String(row[c]))))].map((l) => terminalSafe(l, true));
}

/** Programs of a run of `runs` that the share `slice` has. */
const shareSize = (runs: number, slice: Slice): number => Math.max(0, Math.ceil((runs - slice.index) / slice.count));

/** A result as JSON writes it, with the divergence and program also printed, for a reader of the file. */
function recorded(result: CheckResult, target: Target): RecordedResult {
  const failure = result.failure === undefined ? undefined : { ...result.failure, report: showDivergence(result.failure.divergence), printed: showProgram(result.failure.program) };
  return { ...result, observers: target.observers ?? [], ...(failure === undefined ? {} : { failure }) };
}

/** Writes `record` where `--json` says: a file (its folder made), or standard output for `-`. */
function writeJson(file: string, record: RunRecord): void {
  const text = `${JSON.stringify(record, null, 2)}\n`;
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** How the run's programs are made, as `check` takes it. */
function checkOptionsOf(opts: Pick<Options, 'runs' | 'seed' | 'maxTicks' | 'search' | 'exhaustive'>): CheckOptions {
  return { runs: opts.runs, seed: opts.seed, maxTicks: opts.maxTicks, search: opts.search, ...(opts.exhaustive === undefined ? {} : { exhaustive: opts.exhaustive }) };
}

/** The options a replay of one of the run's programs needs besides its seed and path. */
function replayOptionsOf(opts: Pick<Options, 'maxTicks' | 'search' | 'exhaustive'>): string[] {
  return [
    ...(opts.maxTicks === 30 ? [] : ['--max-ticks', String(opts.maxTicks)]),
    ...(opts.search === 'random' ? [] : ['--search', opts.search]),
    ...(opts.exhaustive === undefined ? [] : ['--exhaustive', String(opts.exhaustive)]),
  ];
}

/** Where reports go, for a run of `source`. */
function placeOf(options: { readonly repro: string; readonly explorer: string | undefined }, source: Options['source'], replayOptions: readonly string[]): ReportPlace {
  return { dir: options.repro, taken: new Set(), source, replayOptions, explorer: options.explorer, rules: localRules() };
}

/**
 * The process's own exit, kept before any program runs: while one does, the clock's fence stops
 * `process.exit()` (the implementation's), and Ctrl-C must still end the command.
 */
const exit = process.exit.bind(process);

/** Runs the command; resolves with its exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`toro-check: ${terminalSafe(error.message, true)} (toro-check --help lists the options)`);
    return 2;
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    return command.kind === 'merge' ? merge(command.options) : await run(command.options);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof AdapterError)) throw error;
    console.error(`toro-check: ${terminalSafe(error.message)}`);
    return 2;
  }
}

/** A check run: see the module comment. */
async function run(opts: Options): Promise<number> {
  // From here on the implementation is loaded: whatever it lets escape outside a program's fence is caught.
  const late = catchLate();
  const loaded = await targetsOf(opts.source);
  const human = opts.json === '-' ? (text: string) => process.stderr.write(`${text}\n`) : (text: string) => process.stdout.write(`${text}\n`);
  const progress = new Progress();
  const rows: Row[] = [];
  const results: RecordedResult[] = [];
  let interrupted: (() => void) | undefined;
  try {
    let chosen = choose(loaded.targets, opts.primitives);
    const replayed = opts.program === undefined ? undefined : programFor(chosen, opts.program.file, opts.program.value);
    if (replayed !== undefined) chosen = [...replayed.keys()];
    const replayOptions = replayOptionsOf(opts);
    const place = placeOf(opts, opts.source, replayOptions);
    const share: Slice = opts.shard ?? { index: 0, count: 1 };
    const shardNote = opts.shard === undefined ? '' : `, shard ${share.index + 1}/${share.count}`;
    let current: { name: string; done: number } | undefined;
    // Ctrl-C: what finished, the seed, the command that runs the rest, then exit 130. Drivers and
    // workers are stopped first; nothing waits for a program that may never end.
    interrupted = (): void => {
      progress.stop();
      killAllDrivers();
      stopWorkers();
      const left = chosen.slice(results.length).map((t) => t.name);
      const lines = ['', ...table(rows)];
      if (current !== undefined) lines.push(terminalSafe(`interrupted: ${current.name} after ${current.done.toLocaleString('en-US')} of ${shareSize(opts.runs, share).toLocaleString('en-US')} programs`, true));
      lines.push(`seed ${opts.seed}${shardNote}`);
      if (left.length > 0 && opts.program === undefined) {
        const resume = [
          ...invocation(opts.source),
          '--primitive',
          left.join(','),
          ...(opts.exhaustive === undefined ? ['--runs', String(opts.runs)] : []),
          '--seed',
          String(opts.seed),
          ...replayOptions,
          ...(opts.workers > 1 ? ['--workers', String(opts.workers)] : []),
          ...(opts.shard === undefined ? [] : ['--shard', `${share.index + 1}/${share.count}`]),
          ...(opts.repro === 'toro-check-report' ? [] : ['--repro', opts.repro]),
          ...(opts.json === undefined ? [] : ['--json', opts.json]),
        ];
        lines.push(terminalSafe(`resume (the primitives not finished, the same programs): ${shellCommand(resume)}`));
      }
      lines.push('INTERRUPTED');
      process.stdout.write(`${lines.join('\n')}\n`);
      exit(130);
    };
    process.once('SIGINT', interrupted);
    let failed = false;
    for (const target of chosen) {
      let result: CheckResult;
      const program = replayed?.get(target);
      if (program !== undefined) {
        const outcome = await target.run(program);
        result = { name: target.name, primitive: target.primitive, programs: 1, operations: outcome.operations, seconds: 0, seed: opts.seed };
        if (outcome.divergence !== undefined) {
          const failure = { divergence: outcome.divergence, program, expected: outcome.expected, actual: outcome.actual, seed: opts.seed, path: undefined, ...(await reproductionOf(target, program, { ...outcome, divergence: outcome.divergence })) };
          result = { ...result, failure };
        }
      } else {
        const runs = opts.exhaustive === undefined ? opts.runs : countExhaustive(target.primitive, target.capabilities, opts.exhaustive);
        const total = opts.path === undefined ? shareSize(runs, share) : 1;
        current = { name: target.name, done: 0 };
        const onProgress = (done: number): void => {
          if (current !== undefined) current.done = done;
          progress.update(done);
        };
        progress.start(target.name, total);
        result =
          opts.workers > 1 && opts.path === undefined
            ? await inWorkers({ source: opts.source, target: target.name, runs: opts.runs, seed: opts.seed, maxTicks: opts.maxTicks, search: opts.search, exhaustive: opts.exhaustive }, share, opts.workers, onProgress)
            : await check(target, { ...checkOptionsOf(opts), slice: share, ...(opts.path === undefined ? {} : { path: opts.path }), onProgress });
        progress.finish();
        current = undefined;
      }
      results.push(recorded(result, target));
      rows.push(rowOf(result, replayed !== undefined || opts.path !== undefined));
      if (result.failure !== undefined) {
        failed = true;
        human(writeReport({ name: target.name, observers: target.observers ?? [], failure: result.failure }, place));
      }
    }
    if (late.lines.length > 0) {
      failed = true;
      for (const line of late.lines) console.error(terminalSafe(`toro-check: between programs, the implementation let escape ${line}`));
    }
    if (opts.json !== undefined) {
      writeJson(opts.json, {
        format: RESULTS_FORMAT,
        source: opts.source,
        seed: opts.seed,
        runs: opts.runs,
        maxTicks: opts.maxTicks,
        ...(opts.search === 'random' ? {} : { search: opts.search }),
        ...(opts.exhaustive === undefined ? {} : { exhaustive: opts.exhaustive }),
        shard: { index: share.index + 1, count: share.count },
        results,
      });
    }
    human([...(failed ? [''] : []), ...table(rows), `seed ${opts.seed}${shardNote}`, failed ? 'FAIL' : 'PASS'].join('\n'));
    return failed ? 1 : 0;
  } finally {
    progress.stop();
    if (interrupted !== undefined) process.removeListener('SIGINT', interrupted);
    stopWorkers();
    await loaded.close();
  }
}

/** `toro-check merge`: the shards' results as one run's verdict and report. */
function merge(opts: MergeOptions): number {
  const records = opts.files.map((file) => ({ file, record: readRecord(file, readFileSync(file, 'utf8')) }));
  const merged = mergeRecords(records);
  const replayOptions = replayOptionsOf({ maxTicks: merged.maxTicks, search: merged.search ?? 'random', exhaustive: merged.exhaustive });
  const place = placeOf(opts, merged.source, replayOptions);
  const human = opts.json === '-' ? (text: string) => process.stderr.write(`${text}\n`) : (text: string) => process.stdout.write(`${text}\n`);
  for (const result of merged.results) if (result.failure !== undefined) human(writeReport({ name: result.name, observers: result.observers, failure: result.failure }, place));
  if (opts.json !== undefined) writeJson(opts.json, merged);
  const shards = records[0]?.record.shard.count ?? 1;
  const failed = merged.results.some((r) => r.failure !== undefined);
  human([...(failed ? [''] : []), ...table(merged.results.map((r) => rowOf(r, false))), `seed ${merged.seed}, ${shards} shard${shards === 1 ? '' : 's'} merged (seconds are the shards' together)`, failed ? 'FAIL' : 'PASS'].join('\n'));
  return failed ? 1 : 0;
}

/**
 * The program of `--program` for each target of its primitive, validated against what that
 * target offers; refuses a program that is not one, or that no target here can run.
 */
export function programFor(targets: readonly Target[], file: string, value: unknown): Map<Target, Program> {
  const refuse = (error: unknown): never => {
    if (error instanceof ProgramError) throw new UsageError(`the program in ${file}: ${error.message}`);
    throw error;
  };
  const primitive = typeof value === 'object' && value !== null && 'primitive' in value ? value.primitive : undefined;
  const chosen = targets.filter((t) => t.primitive === primitive);
  if (chosen.length === 0) {
    // A program that is no program says so; a good one names a primitive nothing here is.
    try {
      validateProgram(value);
    } catch (error) {
      refuse(error);
    }
    throw new UsageError(`nothing here is a ${String(primitive)}, the primitive of the program in ${file}`);
  }
  const programs = new Map<Target, Program>();
  for (const target of chosen) {
    const { calls, handleRelease, composites, priority, limits, bodies } = target.capabilities;
    const offers = {
      calls,
      handleRelease,
      name: target.name,
      ...(priority === undefined ? {} : { priority: priority.calls }),
      ...(limits === undefined ? {} : { limits: new Set(Object.keys(limits)) }),
      ...(bodies === undefined ? {} : { bodies }),
    };
    try {
      programs.set(target, validateProgram(value, { ...(composites === undefined ? {} : { composites }), offers }));
    } catch (error) {
      refuse(error);
    }
  }
  return programs;
}

/**
 * What escapes the implementation outside its programs (a real timer it left running that later
 * throws, a rejection it leaves for later), when no program's fence is up: each a line, which
 * makes the verdict a FAIL, and never a crash of the checker. The listeners stay for the rest of
 * the command.
 */
function catchLate(): { readonly lines: string[] } {
  const lines: string[] = [];
  const say = (kind: string) => (error: unknown): void => {
    lines.push(`${kind}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  };
  process.on('unhandledRejection', say('an unhandled rejection'));
  process.on('uncaughtException', say('an uncaught exception'));
  return { lines };
}
