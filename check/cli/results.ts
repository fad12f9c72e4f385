/**
 * A run's results as JSON (`--json FILE`), and shard results merged into one (`toro-check
 * merge`). A shard's file says which run it belongs to (what was checked, the seed, the number
 * of programs, the most ticks) and which share of it it ran, so a merge can refuse files of
 * different runs, a shard given twice, or one missing; the merged verdict is the one a single
 * run would give: every program of the run ran, and where several shards found a divergence,
 * the one in the earliest program is reported, as one run reports the first it meets.
 *
 * @module
 */

import { SEARCHES, type CheckResult, type Search } from '../check.js';
import { UsageError } from '../program/errors.js';
import type { Source } from './targets.js';

/** The version of the results' format: it changes when their shape does. */
export const RESULTS_FORMAT = 1;

/** One target's result, as a results file holds it. */
export interface RecordedResult extends CheckResult {
  /** The observers it has (reports print them). */
  readonly observers: readonly string[];
}

/** A run's results, as `--json` writes them. */
export interface RunRecord {
  readonly format: typeof RESULTS_FORMAT;
  /** What was checked: a module as the command line named it, or a driver's command. */
  readonly source: Source;
  readonly seed: number;
  /** Programs per primitive in the whole run (all shards). */
  readonly runs: number;
  readonly maxTicks: number;
  /** How the programs were made, when not at random. */
  readonly search?: Search;
  /** Every program up to this many actions, for an exhaustive run. */
  readonly exhaustive?: number;
  /** The share of the run these results are: shard `index` (from 1) of `count`. */
  readonly shard: { readonly index: number; readonly count: number };
  readonly results: readonly RecordedResult[];
}

/** A results file that is not one: what is wrong, and where. */
function broken(file: string, what: string): UsageError {
  return new UsageError(`${file} is not a toro-check result (toro-check --json FILE writes one): ${what}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Reads a results file's text, checking the shape a merge relies on. */
export function readRecord(file: string, text: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw broken(file, error instanceof Error ? error.message : String(error));
  }
  if (!isObject(value)) throw broken(file, 'not a JSON object');
  if (value['format'] !== RESULTS_FORMAT) throw broken(file, `format ${JSON.stringify(value['format'])}, where this toro-check reads ${RESULTS_FORMAT}`);
  const source = value['source'];
  if (!isObject(source) || !(typeof source['module'] === 'string' || typeof source['driver'] === 'string')) throw broken(file, 'no source (module or driver)');
  if (!Number.isSafeInteger(value['seed'])) throw broken(file, 'no seed');
  if (!isCount(value['runs']) || !isCount(value['maxTicks'])) throw broken(file, 'no runs or maxTicks');
  if (value['search'] !== undefined && !(SEARCHES as readonly unknown[]).includes(value['search'])) throw broken(file, `search ${JSON.stringify(value['search'])}, where this toro-check knows ${SEARCHES.join(', ')}`);
  if (value['exhaustive'] !== undefined && !(isCount(value['exhaustive']) && value['exhaustive'] > 0)) throw broken(file, 'exhaustive is not a number of actions');
  const shard = value['shard'];
  if (!isObject(shard) || !isCount(shard['count']) || !isCount(shard['index']) || shard['index'] < 1 || shard['index'] > shard['count']) throw broken(file, 'no shard K of N');
  const results = value['results'];
  if (!Array.isArray(results)) throw broken(file, 'no results');
  for (const result of results) {
    if (!isObject(result) || typeof result['name'] !== 'string' || typeof result['primitive'] !== 'string' || !isCount(result['programs']) || !isCount(result['operations'])) throw broken(file, 'a result without its name, primitive and counts');
    const failure = result['failure'];
    if (failure !== undefined && (!isObject(failure) || !isObject(failure['divergence']) || !isObject(failure['program']) || !isCount(failure['index']))) throw broken(file, `${String(result['name'])}'s failure lacks its divergence, program or index`);
  }
  return value as unknown as RunRecord;
}

/** Two values as the same JSON, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/**
 * The shards' results as the whole run's: refused unless they are every shard of one run, each
 * once. Counts and seconds add up (seconds are the shards' together, not the wall time); the
 * failure reported for a target is the one in its earliest program.
 */
export function mergeRecords(records: readonly { readonly file: string; readonly record: RunRecord }[]): RunRecord {
  const first = records[0];
  if (first === undefined) throw new UsageError('merge needs the --json result of every shard');
  const run = first.record;
  for (const { file, record } of records) {
    for (const key of ['source', 'seed', 'runs', 'maxTicks', 'search', 'exhaustive'] as const) {
      if (!sameJson(record[key], run[key])) throw new UsageError(`${file} is from another run than ${first.file}: its ${key} is ${JSON.stringify(record[key])}, not ${JSON.stringify(run[key])}`);
    }
    if (record.shard.count !== run.shard.count) throw new UsageError(`${file} is shard ${record.shard.index}/${record.shard.count}, ${first.file} is one of ${run.shard.count}: shards of one run split it alike`);
  }
  const seen = new Map<number, string>();
  for (const { file, record } of records) {
    const twice = seen.get(record.shard.index);
    if (twice !== undefined) throw new UsageError(`shard ${record.shard.index}/${run.shard.count} is given twice: ${twice} and ${file}`);
    seen.set(record.shard.index, file);
  }
  const missing = Array.from({ length: run.shard.count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new UsageError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${run.shard.count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: a merge needs every shard of the run`);
  const names = [...new Set(records.flatMap(({ record }) => record.results.map((r) => r.name)))];
  const results = names.map((name): RecordedResult => {
    const parts = records.flatMap(({ file, record }) => {
      const found = record.results.find((r) => r.name === name);
      if (found === undefined) throw new UsageError(`${file} has no result for ${name}, which other shards checked: shards of one run check the same primitives`);
      return [found];
    });
    const failed = parts.filter((r) => r.failure !== undefined).sort((a, b) => (a.failure?.index ?? 0) - (b.failure?.index ?? 0))[0];
    const one = parts[0] as RecordedResult;
    return {
      name,
      primitive: one.primitive,
      observers: one.observers,
      programs: parts.reduce((n, r) => n + r.programs, 0),
      operations: parts.reduce((n, r) => n + r.operations, 0),
      seconds: parts.reduce((n, r) => n + r.seconds, 0),
      seed: run.seed,
      ...(one.exhaustive === undefined ? {} : { exhaustive: one.exhaustive }),
      ...(failed?.failure === undefined ? {} : { failure: failed.failure }),
    };
  });
  return {
    format: RESULTS_FORMAT,
    source: run.source,
    seed: run.seed,
    runs: run.runs,
    maxTicks: run.maxTicks,
    ...(run.search === undefined ? {} : { search: run.search }),
    ...(run.exhaustive === undefined ? {} : { exhaustive: run.exhaustive }),
    shard: { index: 1, count: 1 },
    results,
  };
}
