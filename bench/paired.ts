/**
 * Ratios that survive a shared, noisy host: two contenders measured in pairs of short samples,
 * back to back, the order alternating from one pair to the next (AB, BA, AB, ...), and the ratio
 * taken within each pair. A host that changes speed between two pairs moves both halves of a
 * pair alike; one that changes speed inside a pair spoils that pair alone, and the median over
 * the pairs leaves it out. The spread (quartiles, and the least and greatest pair) says how much
 * a figure moves.
 *
 * @module
 */

import { clock, formatNs, formatRatio, median, type Case, type PairedTarget, type Role, type Scenario } from './harness.js';

/** What a series of pairs gives: the median ratio, its spread, and each side's ns per operation. */
export interface PairedRatio {
  /** Median over the pairs of (a's ns per operation) / (b's). */
  readonly ratio: number;
  /** The first and third quartiles of the pairs' ratios. */
  readonly q1: number;
  readonly q3: number;
  /** The least and the greatest pair. */
  readonly min: number;
  readonly max: number;
  /** How many pairs. */
  readonly pairs: number;
  /** Median ns per operation of each side over its samples. */
  readonly aNs: number;
  readonly bNs: number;
  /** Every sample, ns per operation, in order. */
  readonly aSamples: readonly number[];
  readonly bSamples: readonly number[];
}

export interface PairSettings {
  /** Pairs per series (odd, so the median is one pair's). */
  readonly pairs: number;
  /** The least CPU time one sample takes, ms: a case runs as many times as that needs. */
  readonly sampleMs: number;
  /** Warm-up per side before the first pair, ms. */
  readonly warmupMs: number;
}

/** One quantile by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}

/** Runs `c` `times` times; returns the ms charged (its own figure where it times itself). */
async function sample(c: Case, times: number): Promise<number> {
  let charged = 0;
  const start = clock();
  let self = true;
  for (let i = 0; i < times; i++) {
    const spent = await c.run();
    if (typeof spent === 'number') charged += spent;
    else self = false;
  }
  return self ? charged : clock() - start;
}

/** Runs `c` for at least `ms` of CPU time; returns how many runs that took. */
async function runsFor(c: Case, ms: number): Promise<number> {
  let runs = 0;
  const start = clock();
  do {
    await c.run();
    runs++;
  } while (clock() - start < ms);
  return runs;
}

/**
 * Measures `a` against `b` in `settings.pairs` pairs of samples, alternating which runs first.
 * Each sample runs its case as many times as fill `sampleMs` (counted once, at warm-up, so
 * every sample of a case does the same work).
 */
export async function pairedRatio(a: Case, b: Case, settings: PairSettings): Promise<PairedRatio> {
  (globalThis as { gc?: () => void }).gc?.();
  const aRuns = Math.max(1, Math.round((await runsFor(a, settings.warmupMs)) * (settings.sampleMs / settings.warmupMs)));
  const bRuns = Math.max(1, Math.round((await runsFor(b, settings.warmupMs)) * (settings.sampleMs / settings.warmupMs)));
  const aSamples: number[] = [];
  const bSamples: number[] = [];
  const ratios: number[] = [];
  const perOp = (ms: number, runs: number, c: Case): number => (ms * 1e6) / (runs * c.ops);
  for (let p = 0; p < settings.pairs; p++) {
    let aNs: number;
    let bNs: number;
    if (p % 2 === 0) {
      aNs = perOp(await sample(a, aRuns), aRuns, a);
      bNs = perOp(await sample(b, bRuns), bRuns, b);
    } else {
      bNs = perOp(await sample(b, bRuns), bRuns, b);
      aNs = perOp(await sample(a, aRuns), aRuns, a);
    }
    aSamples.push(aNs);
    bSamples.push(bNs);
    ratios.push(aNs / bNs);
  }
  return {
    ratio: median(ratios),
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    pairs: ratios.length,
    aNs: median(aSamples),
    bNs: median(bSamples),
    aSamples,
    bSamples,
  };
}

/** One row of a paired scenario: a contender, its ns per operation, and its ratio to the floor. */
export interface PairedRow {
  readonly name: string;
  readonly role: Role;
  readonly handle: boolean;
  /** Median ns per operation over every sample of this contender. */
  readonly ns: number;
  /** This contender / the floor, in pairs; undefined for the floor itself. */
  readonly vsFloor: PairedRatio | undefined;
}

/** toro-ts against one other row, measured in pairs of its own, and the target it answers. */
export interface Comparison {
  readonly against: string;
  readonly role: Role;
  readonly result: PairedRatio;
  /** The target this comparison answers, if any, and whether it was met. */
  readonly target: PairedTarget | undefined;
  readonly met: boolean | undefined;
}

export interface PairedScenarioResult {
  readonly scenario: Scenario;
  readonly rows: readonly PairedRow[];
  readonly comparisons: readonly Comparison[];
}

/**
 * Runs a light scenario by pairs: every contender against the floor, then toro-ts against each
 * row a target names (a reference, the best peer, the best peer that hands out a handle) and
 * against the best peer, each in pairs of its own. The best peer is the one whose ratio to the
 * floor is least.
 */
export async function runPaired(scenario: Scenario, settings: PairSettings): Promise<PairedScenarioResult> {
  const floor = scenario.cases.find((c) => c.role === 'floor');
  if (floor === undefined) throw new Error(`${scenario.title}: the paired method needs a floor`);
  const floorSamples: number[] = [];
  const rows: PairedRow[] = [];
  for (const c of scenario.cases) {
    if (c === floor) continue;
    const vsFloor = await pairedRatio(c, floor, settings);
    floorSamples.push(...vsFloor.bSamples);
    rows.push({ name: c.name, role: c.role, handle: c.handle === true, ns: vsFloor.aNs, vsFloor });
  }
  rows.push({ name: floor.name, role: 'floor', handle: false, ns: median(floorSamples), vsFloor: undefined });
  const toro = scenario.cases.find((c) => c.role === 'toro');
  const comparisons: Comparison[] = [];
  if (toro !== undefined) {
    const toroRow = rows.find((r) => r.name === toro.name) as PairedRow;
    const bestPeer = (handles: boolean): Case | undefined => {
      const peers = rows.filter((r) => r.role === 'peer' && (!handles || r.handle));
      peers.sort((a, b) => (a.vsFloor?.ratio ?? 0) - (b.vsFloor?.ratio ?? 0));
      const best = peers[0];
      return best === undefined ? undefined : scenario.cases.find((c) => c.name === best.name);
    };
    const compared = new Map<Case, PairedRatio>();
    const against = async (other: Case): Promise<PairedRatio> => {
      const known = compared.get(other);
      if (known !== undefined) return known;
      const result = await pairedRatio(toro, other, settings);
      compared.set(other, result);
      return result;
    };
    const answered = new Set<Case>();
    for (const target of scenario.targets ?? []) {
      let other: Case | undefined;
      let result: PairedRatio | undefined;
      if (target.against === 'floor') {
        other = floor;
        result = toroRow.vsFloor;
      } else if (target.against === 'reference') {
        other = scenario.cases.find((c) => c.role === 'reference' && c.name === target.name);
        if (other === undefined) throw new Error(`${scenario.title}: no reference row named ${target.name}`);
        result = await against(other);
      } else {
        other = bestPeer(target.handles === true);
        if (other !== undefined) result = await against(other);
      }
      if (other === undefined || result === undefined) continue;
      answered.add(other);
      comparisons.push({ against: other.name, role: other.role, result, target, met: result.ratio <= target.max });
    }
    // toro-ts against the best peer is always worth a line, target or not.
    const best = bestPeer(false);
    if (best !== undefined && !answered.has(best)) {
      comparisons.push({ against: best.name, role: 'peer', result: await against(best), target: undefined, met: undefined });
    }
  }
  return { scenario, rows, comparisons };
}

/** `1.03x (1.01-1.05)`: a median ratio and its quartiles. */
export function formatSpread(r: PairedRatio): string {
  return `${formatRatio(r.ratio)} (${formatRatio(r.q1).slice(0, -1)}-${formatRatio(r.q3)})`;
}

function describeTarget(target: PairedTarget): string {
  switch (target.against) {
    case 'floor':
      return 'the floor';
    case 'reference':
      return `the reference (${target.name})`;
    case 'peers':
      return target.handles === true ? 'the best peer that hands out a handle' : 'the best peer';
  }
}

/** The table of a paired scenario, fastest first, and a line for each comparison. */
export function formatPaired(result: PairedScenarioResult): string {
  const { scenario, rows } = result;
  const lines = [
    `### ${scenario.title}`,
    '',
    `One operation: ${scenario.op}`,
    '',
    '| contender | ns/op (median) | vs floor: median of pairs (quartiles) | least and greatest pair |',
    '| --- | ---: | ---: | ---: |',
  ];
  const name = (row: PairedRow): string =>
    row.role === 'toro' ? `**${row.name}**` : row.role === 'floor' ? `${row.name} (floor)` : row.role === 'reference' ? `*${row.name}* (reference)` : row.name;
  for (const row of [...rows].sort((a, b) => (a.vsFloor?.ratio ?? 1) - (b.vsFloor?.ratio ?? 1))) {
    const r = row.vsFloor;
    lines.push(`| ${name(row)} | ${formatNs(row.ns)} | ${r === undefined ? '1.00x' : formatSpread(r)} | ${r === undefined ? '-' : `${formatRatio(r.min)} to ${formatRatio(r.max)}`} |`);
  }
  lines.push('');
  for (const c of result.comparisons) {
    const r = c.result;
    const verdict = c.target === undefined ? '' : `; target <= ${formatRatio(c.target.max)} against ${describeTarget(c.target)}: ${c.met === true ? 'met' : 'MISSED'}`;
    lines.push(
      `- toro-ts / ${c.against}: ${formatSpread(r)}, pairs ${formatRatio(r.min)} to ${formatRatio(r.max)} (${r.pairs} pairs)${verdict}.`,
    );
  }
  return lines.join('\n');
}
