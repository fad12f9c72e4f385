/**
 * `npm run bench:detection`: how soon the checker finds a bug, and how much of each model its
 * programs reach, for each way of making programs, measured in one run so that the ratios
 * between them hold on a loaded machine.
 *
 * - **Detection**: for every bug-zoo entry and every peer finding (the adapter variant that
 *   shows it), the number of programs run until the first divergence, over 21 seeds (1 to 21),
 *   up to a cap; the median and the worst.
 * - **Coverage**: for every primitive, the share of its model's exact states and transitions
 *   (`check/generate/coverage.ts`; the reachable set by `detection/reach.ts`) that 10,000 programs
 *   visit, on toro-ts's capabilities, measured on the model alone.
 * - **Throughput**: programs per second on toro-ts, each primitive, the ways interleaved over
 *   rounds; the median of the rounds.
 *
 * Options: `--seeds N` (21), `--cap N` (programs per seed before giving up, 10,000),
 * `--coverage-runs N` (10,000), `--rounds N` (throughput rounds, 5), `--only WORD` (the subjects and
 * primitives whose name contains it), `--skip detection,coverage,throughput`, `--out FILE`
 * (default `bench/results/detection.json`), `--strategies random,guided`. `--table FILE` prints a
 * results file's tables as markdown, running nothing (`bench/README.md` shows them). Benchmarks
 * report; nothing here runs in `npm test`.
 *
 * @module
 */

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AdapterError, adapterTarget, familyOf, capabilitiesOf, check, ModelSession, nativeAdapter, PRIMITIVES, type Adapter, type CheckOptions, type PrimitiveName, type Program, type Target } from '../check/index.js';
import { MAX_IDS, recorder } from '../check/generate/coverage.js';
import { zoo } from '../properties/zoo/catalog.js';
import { peers } from '../peers/index.js';
import type { FindingRecord } from '../peers/run.js';
import * as toro from '../src/index.js';
import { reachable, type Reachable } from './detection/reach.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A way of making programs, as check options. */
interface Strategy {
  readonly name: string;
  readonly options: CheckOptions;
}

const ALL_STRATEGIES: readonly Strategy[] = [
  { name: 'random', options: {} },
  { name: 'guided', options: { search: 'guided' } },
];

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '21' },
    cap: { type: 'string', default: '10000' },
    'coverage-runs': { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string' },
    skip: { type: 'string', default: '' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results', 'detection.json') },
    strategies: { type: 'string' },
    table: { type: 'string' },
  },
});
const STRATEGIES = values.strategies === undefined ? ALL_STRATEGIES : ALL_STRATEGIES.filter((s) => values.strategies?.split(',').includes(s.name));
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const cap = Number(values.cap);
const coverageRuns = Number(values['coverage-runs']);
const rounds = Number(values.rounds);
const only = values.only?.toLowerCase();
const skip = new Set(values.skip.split(',').filter((s) => s !== ''));
const wanted = (name: string): boolean => only === undefined || name.toLowerCase().includes(only);

/** Something with a bug to find: a zoo entry, or the adapter variant that shows a peer finding. */
interface Subject {
  readonly kind: 'zoo' | 'peer';
  readonly name: string;
  readonly adapter: Adapter;
}

/**
 * `adapter` declaring the constructor parameters it can be made with: a zoo entry that cannot
 * be made with some value (Toro's RWLock, with no limit on readers) would otherwise stop the
 * check with an adapter error on the seeds that draw it, which is no detection.
 */
function madeWith(adapter: Adapter): Adapter {
  const recipe = familyOf(adapter.primitive).recipe(adapter.primitive);
  const params: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(recipe.params)) {
    params[name] = values.filter((value) => {
      try {
        adapter.create({ [name]: value });
        return true;
      } catch {
        return false;
      }
    });
  }
  return { ...adapter, params };
}

function subjects(): Subject[] {
  // As the zoo's judge makes it, with what the entry declares beyond toro-ts's API.
  const found: Subject[] = zoo.map((entry) => ({ kind: 'zoo' as const, name: entry.bug, adapter: madeWith((entry.adapt ?? ((a: Adapter) => a))(nativeAdapter(entry.primitive, entry.make, { name: entry.bug }))) }));
  const findings = JSON.parse(readFileSync(join(ROOT, 'peers', 'findings', 'findings.json'), 'utf8')) as FindingRecord[];
  const variants = peers.flatMap((peer) => peer.variants);
  for (const finding of findings) {
    const variant = variants.find((v) => v.adapter.name === finding.adapter);
    if (variant === undefined) throw new Error(`no peer variant ${finding.adapter} for ${finding.id}`);
    found.push({ kind: 'peer', name: `${finding.id}: ${finding.adapter}`, adapter: variant.adapter });
  }
  return found.filter((s) => wanted(s.name) || wanted(s.adapter.primitive));
}

/** Actions in the programs run so far, across every check: what a program costs grows with them. */
let actionsRun = 0;
let programsRun = 0;

/** Stops a check at its first divergence: what comes after (shrinking) is not detection. */
class Detected extends AdapterError {}

/** The programs a check runs up to and including its first divergence, or `undefined` within `cap`. */
async function programsToDetection(adapter: Adapter, strategy: Strategy, seed: number): Promise<number | undefined> {
  const target = adapterTarget(adapter);
  let runs = 0;
  let detected: number | undefined;
  const counting: Target = {
    ...target,
    run: async (program: Program) => {
      // fast-check shrinks what failed before the check returns: those runs are not counted.
      if (detected !== undefined) throw new Detected('shrinking');
      const outcome = await target.run(program);
      runs++;
      actionsRun += program.ticks.reduce((n, tick) => n + tick.length, 0);
      if (outcome.divergence !== undefined || outcome.violations.length > 0) {
        detected = runs;
        throw new Detected(`diverged at program ${runs}`);
      }
      return outcome;
    },
  };
  try {
    await check(counting, { ...strategy.options, runs: cap, seed, shrink: false });
    return undefined;
  } catch (error) {
    if (error instanceof Detected && detected !== undefined) {
      programsRun += detected;
      return detected;
    }
    throw error;
  }
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Programs to detection over the seeds: each seed's count (`null`: not found within the cap), the median and the worst (a miss counts as the cap). */
interface Detection {
  readonly programs: readonly (number | null)[];
  readonly median: number;
  readonly worst: number;
  readonly missed: number;
  /** The mean number of actions of the programs run. */
  readonly actionsPerProgram: number;
}

async function detection(subject: Subject, strategy: Strategy): Promise<Detection> {
  const counts: (number | null)[] = [];
  actionsRun = 0;
  programsRun = 0;
  for (const seed of seeds) counts.push((await programsToDetection(subject.adapter, strategy, seed)) ?? null);
  const asNumbers = counts.map((c) => c ?? cap);
  return { programs: counts, median: median(asNumbers), worst: Math.max(...asNumbers), missed: counts.filter((c) => c === null).length, actionsPerProgram: Number((actionsRun / Math.max(programsRun, 1)).toFixed(1)) };
}

/** toro-ts's class for a primitive, as the checker checks it. */
const toroTarget = (primitive: PrimitiveName): Adapter => nativeAdapter(primitive, (toro as unknown as Record<string, new (...args: never[]) => object>)[primitive] as new () => object);

/** The programs a strategy makes, without running them on anything: those a check with these options would run on a target that never diverges. */
async function programsOf(primitive: PrimitiveName, strategy: Strategy, runs: number, seed: number): Promise<Program[]> {
  const made: Program[] = [];
  const capabilities = capabilitiesOf(toroTarget(primitive));
  const quiet: Target = {
    name: primitive,
    primitive,
    capabilities,
    run: async (program) => {
      made.push(program);
      return { expected: { initial: {}, ticks: [] }, actual: { initial: {}, ticks: [] }, violations: [], operations: 0 };
    },
  };
  await check(quiet, { ...strategy.options, runs, seed });
  return made;
}

interface CoverageRow {
  readonly states: number;
  readonly transitions: number;
  /** Exact states visited that the exploration reaches only through states past the bound. */
  readonly exactBeyond: number;
}

/** The share of `reach` that `made` visit on the model. */
function coverage(primitive: PrimitiveName, made: readonly Program[], reach: Reachable): CoverageRow {
  const capabilities = capabilitiesOf(toroTarget(primitive));
  const seen = recorder();
  for (const program of made) {
    const session = new ModelSession(program, capabilities.composites === undefined ? {} : { composites: capabilities.composites }, seen.onStep);
    for (const tick of program.ticks) session.tick(tick);
  }
  const inside = (keys: ReadonlySet<string>, set: ReadonlySet<string>): number => [...keys].filter((k) => set.has(k)).length;
  // A transition out of a state of the reachable set that the exploration did not take would
  // mean its alphabet misses something programs do: the figures would be wrong.
  const missed = [...seen.reached.transitions].filter((t) => !reach.transitions.has(t) && reach.states.has(t.slice(0, t.indexOf('|{'))));
  if (missed.length > 0) throw new Error(`${primitive}: programs take transitions the exploration did not: ${missed.slice(0, 3).join('\n')}`);
  // Exact states reached only through states past the bound (a value of 8 reached from 10) are
  // not in the reachable set: they are counted apart.
  const ids = (key: string): number => new Set(key.match(/#\d+/g) ?? []).size;
  const beyond = [...seen.reached.states].filter((k) => !reach.states.has(k) && ids(k) <= MAX_IDS && !k.includes('…') && !/>\d/.test(k)).length;
  return { states: inside(seen.reached.states, reach.states), transitions: inside(seen.reached.transitions, reach.transitions), exactBeyond: beyond };
}

/** CPU milliseconds this process has used: on a shared machine, less at the mercy of the others than wall time. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Programs per second of CPU time, and per second of wall time, of a check of toro-ts. */
async function throughput(primitive: PrimitiveName, strategy: Strategy, runs: number, round: number): Promise<{ cpu: number; wall: number }> {
  const cpuStart = cpuMs();
  const result = await check(toroTarget(primitive), { ...strategy.options, runs, seed: 1000 + round });
  const cpu = (cpuMs() - cpuStart) / 1000;
  if (result.failure !== undefined) throw new Error(`toro-ts ${primitive} diverges: ${result.failure.divergence.summary}`);
  return { cpu: result.programs / cpu, wall: result.programs / result.seconds };
}

const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

async function main(): Promise<void> {
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    seeds: `${seeds[0]} to ${seeds.at(-1)}`,
    cap,
    strategies: STRATEGIES.map((s) => s.name),
  };
  if (!skip.has('detection')) {
    const rows: unknown[] = [];
    for (const subject of subjects()) {
      const row: Record<string, Detection> = {};
      for (const strategy of STRATEGIES) row[strategy.name] = await detection(subject, strategy);
      console.log(`${subject.kind} ${subject.name}: ${STRATEGIES.map((s) => `${s.name} median ${row[s.name]?.median} worst ${row[s.name]?.worst}${row[s.name]?.missed ? ` (${row[s.name]?.missed} missed)` : ''} (${row[s.name]?.actionsPerProgram} actions/program)`).join('; ')}`);
      rows.push({ kind: subject.kind, name: subject.name, primitive: subject.adapter.primitive, ...row });
    }
    report['detection'] = rows;
    save(report);
  }
  if (!skip.has('coverage')) {
    const rows: unknown[] = [];
    for (const primitive of PRIMITIVES.filter(wanted)) {
      const reach = reachable(primitive, capabilitiesOf(toroTarget(primitive)));
      const row: Record<string, CoverageRow> = {};
      for (const strategy of STRATEGIES) row[strategy.name] = coverage(primitive, await programsOf(primitive, strategy, coverageRuns, 1), reach);
      console.log(`${primitive}: reachable ${reach.states.size} states, ${reach.transitions.size} transitions; ${STRATEGIES.map((s) => `${s.name} ${pct(row[s.name]?.states ?? 0, reach.states.size)} / ${pct(row[s.name]?.transitions ?? 0, reach.transitions.size)}`).join('; ')}`);
      rows.push({ primitive, reachable: { states: reach.states.size, transitions: reach.transitions.size }, ...row });
    }
    report['coverage'] = { programs: coverageRuns, seed: 1, rows };
    save(report);
  }
  if (!skip.has('throughput')) {
    const rows: unknown[] = [];
    for (const primitive of PRIMITIVES.filter(wanted)) {
      const samples: Record<string, { cpu: number; wall: number }[]> = Object.fromEntries(STRATEGIES.map((s) => [s.name, []]));
      // Interleaved, so that each way meets the same load.
      for (let round = 0; round < rounds; round++) for (const strategy of STRATEGIES) samples[strategy.name]?.push(await throughput(primitive, strategy, 2000, round));
      const row = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, { cpu: Math.round(median(xs.map((x) => x.cpu))), wall: Math.round(median(xs.map((x) => x.wall))) }]));
      console.log(`${primitive}: ${Object.entries(row).map(([name, n]) => `${name} ${n.cpu} programs per CPU second (${n.wall} per wall second)`).join('; ')}`);
      rows.push({ primitive, ...row });
    }
    report['throughput'] = { programs: 2000, rounds, rows };
  }
  save(report);
  console.log(`wrote ${values.out}`);
}

/** Writes what is measured so far, so that a long run that stops keeps what it finished. */
function save(report: Record<string, unknown>): void {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
}

/** A results file's tables, as markdown. */
function tables(report: Record<string, unknown>): string {
  const out: string[] = [];
  const names = report['strategies'] as string[];
  const [before, after] = names as [string, string];
  const ratio = (a: number, b: number): string => `${(b / a).toFixed(2)}x`;
  const detection = report['detection'] as ({ kind: string; name: string } & Record<string, Detection>)[] | undefined;
  if (detection !== undefined && after !== undefined) {
    out.push(`| | bug | ${before} median | ${before} worst | ${after} median | ${after} worst | median ${after}/${before} |`, '| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of detection) {
      const a = row[before] as Detection;
      const b = row[after] as Detection;
      out.push(`| ${row.kind} | ${row.name.replace(/\|/g, '\\|')} | ${a.median}${a.missed > 0 ? ` (${a.missed} missed)` : ''} | ${a.worst} | ${b.median}${b.missed > 0 ? ` (${b.missed} missed)` : ''} | ${b.worst} | ${ratio(a.median, b.median)} |`);
    }
    for (const kind of ['zoo', 'peer']) {
      const rows = detection.filter((r) => r.kind === kind);
      if (rows.length === 0) continue;
      const med = (name: string): number => median(rows.map((r) => (r[name] as Detection).median));
      const sum = (name: string): number => rows.reduce((n, r) => n + (r[name] as Detection).median, 0);
      const ratios = rows.map((r) => (r[after] as Detection).median / (r[before] as Detection).median);
      const geo = Math.exp(ratios.reduce((n, x) => n + Math.log(x), 0) / ratios.length);
      const worse = rows.filter((r) => (r[after] as Detection).median > 1.5 * (r[before] as Detection).median).map((r) => r.name);
      out.push('', `${kind === 'zoo' ? 'Zoo' : 'Peer findings'} (${rows.length}): the median of the medians ${med(before)} → ${med(after)} (${ratio(med(before), med(after))}); their sum ${sum(before)} → ${sum(after)} (${ratio(sum(before), sum(after))}); the geometric mean of the ratios ${geo.toFixed(2)}x; worse by more than 1.5x: ${worse.length === 0 ? 'none' : worse.join('; ')}.`);
    }
  }
  const coverage = report['coverage'] as { programs: number; rows: ({ primitive: string; reachable: { states: number; transitions: number } } & Record<string, { states: number; transitions: number }>)[] } | undefined;
  if (coverage !== undefined) {
    out.push('', `| primitive | reachable states | reachable transitions | ${names.map((n) => `${n}: states, transitions`).join(' | ')} |`, `| --- | ---: | ---: | ${names.map(() => '---:').join(' | ')} |`);
    for (const row of coverage.rows) {
      const cells = names.map((n) => `${pct(row[n]?.states ?? 0, row.reachable.states)}, ${pct(row[n]?.transitions ?? 0, row.reachable.transitions)}`);
      out.push(`| ${row.primitive} | ${row.reachable.states} | ${row.reachable.transitions} | ${cells.join(' | ')} |`);
    }
  }
  const throughput = report['throughput'] as { rows: ({ primitive: string } & Record<string, { cpu: number; wall: number }>)[] } | undefined;
  if (throughput !== undefined && after !== undefined) {
    out.push('', `| primitive | ${before} per CPU second | ${after} per CPU second | ${after}/${before} | ${before} per wall second | ${after} per wall second |`, '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of throughput.rows) {
      const a = row[before] as { cpu: number; wall: number };
      const b = row[after] as { cpu: number; wall: number };
      out.push(`| ${row.primitive} | ${a.cpu} | ${b.cpu} | ${ratio(a.cpu, b.cpu)} | ${a.wall} | ${b.wall} |`);
    }
    const total = (name: string): number => throughput.rows.reduce((n, r) => n + 1 / (r[name] as { cpu: number }).cpu, 0);
    out.push('', `Every primitive, 2,000 programs each: ${after} takes ${ratio(total(before), total(after))} the CPU time of ${before}.`);
  }
  return out.join('\n');
}

if (values.table !== undefined) console.log(tables(JSON.parse(readFileSync(values.table, 'utf8')) as Record<string, unknown>));
else await main();
