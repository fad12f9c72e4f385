/**
 * The command line: `toro-check` with its options, or `toro-check merge` with shard results.
 * Every mistake is a one-line {@link UsageError} found before any program runs.
 *
 * @module
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHOICE_NAMES } from '../compare/choices.js';
import type { Slice } from '../generate/sequence.js';
import { SEARCHES, type Search } from '../check.js';
import { UsageError } from '../program/errors.js';
import { PRIMITIVES } from '../program/program.js';
import type { Source } from './targets.js';

/** Wraps words to lines of at most `width` characters, each after `indent`. */
function wrap(words: readonly string[], indent: string, width = 96): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

/** The usage, listing every primitive the models specify (from the checker's own list) and every option. */
export const USAGE = `usage: toro-check <module or package> [options]
       toro-check --driver "<command>" [options]
       toro-check merge <result.json>... [--repro DIR] [--json FILE] [--explorer URL]

Checks every primitive the module exports under toro-ts's names:
${wrap(PRIMITIVES.map((name, i) => `${name}${i === PRIMITIVES.length - 1 ? '' : ','}`), '  ')}
(or the adapters it exports as \`adapters\`, or every primitive a driver declares) against
toro-ts's models. A module may be JavaScript (.js, .mjs, .cjs) or TypeScript (.ts, .mts, .cts,
through the project's tsx). Contract choices an adapter or a driver may declare (the guide
"Checking a port" says what each means):
${wrap(CHOICE_NAMES.map((name, i) => `${name}${i === CHOICE_NAMES.length - 1 ? '' : ','}`), '  ')}

options:
  --primitive NAME[,NAME...]  check only these primitives (or adapters, by name)
  --runs N                    programs per primitive (default 1000)
  --search random|guided      how programs are made (default random): guided chooses the first
                              64 of every 1,000 on the model, each the one of four candidates
                              (random programs, mutants of those that went somewhere new) that
                              reaches the most model states and transitions not reached before
  --exhaustive N              instead of --runs: every program of 1 to N actions, shortest first,
                              ending with "no divergence within N actions". The alphabet: each
                              constructor parameter value and call argument of the model's recipe
                              the target takes (bad ones too where it takes bad input); waiting
                              calls with no timeout or 0, 1 or 2 ms, and no signal, a new one, an
                              aborted one or a live one; release on each handle; abort of each
                              live signal; advance(1); each action in the same tick or a new one.
                              Equivalences: ids and signals numbered in order; a Queue's items all
                              key 0; a call with an aborted signal is one action
  --seed S                    the seed of the random programs (default: random)
  --path P                    replay one program of a seed's run, as a report prints it (with --seed)
  --program FILE              replay a program given as JSON (as a failure report writes it)
  --workers N                 run the programs on N worker threads (default 1); same programs, same verdict
  --shard K/N                 run the K-th of N shares of the run (K from 1 to N); N shards together
                              run exactly the programs of one run (merge their --json results)
  --json FILE                 write the results as JSON to FILE (- for standard output)
  --max-ticks N               the most ticks a program has (default 30)
  --repro DIR                 where reports, reproductions and failing programs go (default toro-check-report)
  --explorer URL              the documentation site's explorer page, for the HTML report's link
  --driver "<command>"        check a port in another language through a driver
  --driver-timeout MS         how long a driver may take to answer (default 5000)
  -h, --help                  show this

toro-check merge FILE...      one verdict and report from the --json results of every shard of a run

exit status: 0 every primitive agrees with its model, 1 a divergence, 2 a usage error,
130 interrupted (after printing what finished, the seed and the command that resumes)`;

/** What a `toro-check` run is asked to do. */
export interface Options {
  readonly source: Source;
  readonly primitives: readonly string[] | undefined;
  readonly runs: number;
  /** How programs are made (not used by an exhaustive run). */
  readonly search: Search;
  /** Every program up to this many actions instead of `runs` random ones. */
  readonly exhaustive: number | undefined;
  readonly seed: number;
  readonly path: string | undefined;
  /** The `--program` file and its JSON, validated once the targets are known (`programFor`). */
  readonly program: { readonly file: string; readonly value: unknown } | undefined;
  readonly workers: number;
  /** The share of the run this shard runs (`--shard K/N` is index K - 1 of N). */
  readonly shard: Slice | undefined;
  readonly maxTicks: number;
  readonly repro: string;
  /** Where the results go as JSON: a file, `-` for standard output. */
  readonly json: string | undefined;
  readonly explorer: string | undefined;
}

/** What `toro-check merge` is asked to do. */
export interface MergeOptions {
  readonly files: readonly string[];
  readonly repro: string;
  readonly json: string | undefined;
  readonly explorer: string | undefined;
}

/** A parsed command line. */
export type Command = { readonly kind: 'help' } | { readonly kind: 'check'; readonly options: Options } | { readonly kind: 'merge'; readonly options: MergeOptions };

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** The options both commands take. */
const COMMON = {
  repro: { type: 'string' },
  json: { type: 'string' },
  explorer: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Node's parser, its messages as usage errors. */
function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'bad arguments');
  }
}

/**
 * `--repro DIR`: refused when it, or the folder it would go in, is a file, since the report
 * could not be written there after the whole search.
 */
function reportFolder(dir: string): string {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(at)) {
      if (!statSync(at).isDirectory()) throw new UsageError(`--repro ${JSON.stringify(dir)} cannot hold reports: ${at} is a file; name a folder`);
      return dir;
    }
    if (dirname(at) === at) return dir;
  }
}

/** `--json FILE`: refused when it names a folder. */
function jsonFile(file: string | undefined): string | undefined {
  if (file === undefined || file === '-') return file;
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--json ${JSON.stringify(file)} is a folder; name the file to write`);
  return file;
}

/** `--explorer URL`: an http(s) or file address. */
function explorerUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--explorer must be the address of the explorer page, got ${JSON.stringify(url)}`);
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) throw new UsageError(`--explorer must be an http, https or file address, got ${JSON.stringify(url)}`);
  // The report adds the fragment that carries the program.
  parsed.hash = '';
  return parsed.href;
}

/** `--shard K/N`, as the share of the run: index K - 1 of N. */
function shardOf(value: string | undefined): Slice | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n) {
    throw new UsageError(`--shard must be K/N with K from 1 to N (the first of four is 1/4), got ${JSON.stringify(value)}`);
  }
  return { index: k - 1, count: n };
}

/** Parses the command line; throws a UsageError with a one-line message. */
export function parseCommandLine(argv: readonly string[]): Command {
  if (argv[0] === 'merge') return parseMerge(argv.slice(1));
  // A negative number after an option is its value (`--runs -3`), so that it gets its own message.
  const args: string[] = [];
  for (const arg of argv) {
    const last = args.at(-1);
    if (/^-\d/.test(arg) && last !== undefined && /^--[a-z-]+$/.test(last)) args[args.length - 1] = `${last}=${arg}`;
    else args.push(arg);
  }
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
      ...COMMON,
      primitive: { type: 'string' },
      runs: { type: 'string' },
      search: { type: 'string' },
      exhaustive: { type: 'string' },
      seed: { type: 'string' },
      path: { type: 'string' },
      program: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      'max-ticks': { type: 'string' },
      driver: { type: 'string' },
      'driver-timeout': { type: 'string' },
      },
    }),
  );
  if (values.help === true) return { kind: 'help' };
  if (values.driver !== undefined && positionals.length > 0) throw new UsageError('give a module or --driver, not both');
  if (values.driver === undefined && positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a module, a package, or --driver "<command>"' : `one module at a time, got ${positionals.join(' ')}`);
  const source: Source =
    values.driver === undefined ? { module: positionals[0] as string } : { driver: values.driver, timeoutMs: integer('driver-timeout', values['driver-timeout'], 5000, 1) };
  const seed = values.seed === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : integer('seed', values.seed, 0, Number.MIN_SAFE_INTEGER);
  if (values.path !== undefined && !/^\d+(:\d+)*$/.test(values.path)) throw new UsageError(`--path must look like 12:0:3, as a report prints it, got ${JSON.stringify(values.path)}`);
  if (values.search !== undefined && !(SEARCHES as readonly string[]).includes(values.search)) throw new UsageError(`--search must be one of ${SEARCHES.join(', ')}, got ${JSON.stringify(values.search)}`);
  const exhaustive = values.exhaustive === undefined ? undefined : integer('exhaustive', values.exhaustive, 1, 1);
  if (exhaustive !== undefined && values.runs !== undefined) throw new UsageError('--exhaustive runs every program up to N actions: give it or --runs, not both');
  if (exhaustive !== undefined && values.search !== undefined) throw new UsageError('--exhaustive makes every program, none by a search: give it or --search, not both');
  // An exhaustive run's programs do not depend on the seed.
  if (values.path !== undefined && values.seed === undefined && exhaustive === undefined) throw new UsageError('--path replays a program of one seed: give --seed too');
  const shard = shardOf(values.shard);
  if (shard !== undefined && (values.path !== undefined || values.program !== undefined)) throw new UsageError('--shard splits a run: a replay (--path, --program) runs one program');
  let program: Options['program'];
  if (values.program !== undefined) {
    try {
      program = { file: values.program, value: JSON.parse(readFileSync(values.program, 'utf8')) as unknown };
    } catch (error) {
      throw new UsageError(`cannot read the program in ${values.program}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    }
  }
  const workers = integer('workers', values.workers, 1, 1);
  if (workers > Math.max(availableParallelism() * 4, 4)) throw new UsageError(`--workers ${workers} is more than this machine can use (${availableParallelism()} cores)`);
  return {
    kind: 'check',
    options: {
      source,
      primitives: values.primitive?.split(',').map((name) => name.trim()),
      runs: integer('runs', values.runs, 1000, 1),
      search: (values.search ?? 'random') as Search,
      exhaustive,
      seed,
      path: values.path,
      program,
      workers,
      shard,
      maxTicks: integer('max-ticks', values['max-ticks'], 30, 1),
      repro: reportFolder(values.repro ?? 'toro-check-report'),
      json: jsonFile(values.json),
      explorer: explorerUrl(values.explorer),
    },
  };
}

function parseMerge(argv: readonly string[]): Command {
  const { values, positionals } = parse(() => parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: COMMON }));
  if (values.help === true) return { kind: 'help' };
  if (positionals.length === 0) throw new UsageError('merge needs the --json result of every shard: toro-check merge shard-*.json');
  for (const file of positionals) if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return { kind: 'merge', options: { files: positionals, repro: reportFolder(values.repro ?? 'toro-check-report'), json: jsonFile(values.json), explorer: explorerUrl(values.explorer) } };
}
