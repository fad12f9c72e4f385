/**
 * The thin layer over tinybench that every scenario shares: run each contender in several
 * interleaved rounds, take the median, and print one table per scenario with the ratio of each
 * row to the floor and of toro-ts to its best peer, all measured in the same run.
 *
 * @module
 */

import { Bench, type FnReturnedObject } from 'tinybench';

/**
 * Who a row speaks for: the library under test, one of its peers, the floor, or a reference
 * (a variant of the floor that shows where a difference comes from; compared with nothing).
 */
export type Role = 'toro' | 'peer' | 'floor' | 'reference';

/**
 * One contender in a scenario. `run` does `ops` operations and returns the milliseconds to
 * charge for them when it timed itself (to keep its setup, such as creating AbortControllers,
 * out of the figure), or nothing to be timed whole by tinybench.
 */
export interface Case {
  readonly name: string;
  readonly role: Role;
  readonly ops: number;
  readonly run: () => Promise<number | void> | number | void;
  /** A peer whose acquire hands out a handle (a release function or object), as toro-ts's does. */
  readonly handle?: boolean;
}

/** A target on toro-ts's ratio to the floor (the round method; see {@link runScenario}). */
export interface Target {
  readonly maxFloorRatio: number;
}

/**
 * A target of the paired method ({@link runPaired}): toro-ts's ratio, measured in pairs, to the
 * floor, to a reference row, or to the best of the peers (only those that hand out a handle,
 * with `handles`), at most `max`.
 */
export type PairedTarget =
  | { readonly against: 'floor'; readonly max: number }
  | { readonly against: 'reference'; readonly name: string; readonly max: number }
  | { readonly against: 'peers'; readonly handles?: boolean; readonly max: number };

export interface Scenario {
  readonly title: string;
  /** One sentence under the table: what one operation is. */
  readonly op: string;
  readonly cases: readonly Case[];
  readonly target?: Target;
  /**
   * Large cases run this many timed iterations per round (scaled by
   * {@link Settings.iterationScale}, at least 1) instead of a time budget.
   */
  readonly iterations?: number;
  /** Fewer rounds than the settings say, for the largest n. */
  readonly rounds?: number;
  /** What the paired method checks (light scenarios only). */
  readonly targets?: readonly PairedTarget[];
  /** A short name for the scenario in the JSON results and on the Performance page. */
  readonly id?: string;
}

export interface Settings {
  /** Interleaved rounds per scenario; the reported figure is the median of the rounds' medians. */
  readonly rounds: number;
  /** Rounds of the large (iteration-based) scenarios, whose runs are long. */
  readonly largeRounds: number;
  /** Time budget per case and round, in ms (light scenarios). */
  readonly time: number;
  readonly warmupTime: number;
  /** Scales the iteration counts of large scenarios (quick mode runs fewer). */
  readonly iterationScale: number;
  /**
   * In large scenarios each case first runs once, outside tinybench; one that takes longer than
   * this (ms) is measured by the median of three such runs instead of tinybench rounds...
   */
  readonly probeMs: number;
  /** ...or by that one run, if it took longer than this (ms). */
  readonly singleRunMs: number;
}

export interface Row {
  readonly name: string;
  readonly role: Role;
  /** Median over rounds of the per-round median, in ns per operation. */
  readonly ns: number;
  /** Per-round medians, ns per operation. */
  readonly rounds: readonly number[];
  /** Too slow for tinybench rounds: `ns` is the median of `rounds`, 1 or 3 runs (see {@link Settings.probeMs}). */
  readonly single: boolean;
  /** Operations per run. */
  readonly ops: number;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly rows: readonly Row[];
  /** toro-ts / floor, or undefined when either is absent. */
  readonly floorRatio: number | undefined;
  /** toro-ts / best peer, and that peer's name. */
  readonly peerRatio: { readonly ratio: number; readonly peer: string } | undefined;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The clock every figure is read from, in ms. By default the CPU time of the whole process
 * (all threads, so the garbage collector's helpers are charged too): on a shared, loaded
 * machine it does not count the time the process waits for a core, which wall time does, and a
 * sleeping timer costs nothing. `--wall` switches to `performance.now()`.
 */
export const clock: () => number = process.argv.includes('--wall')
  ? () => performance.now()
  : () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };

export const clockName = process.argv.includes('--wall') ? 'wall time' : 'process CPU time (user + system, all threads)';

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs one case for one round and returns its median in ns per operation. */
async function measure(c: Case, scenario: Scenario, settings: Settings): Promise<number> {
  const fixed =
    scenario.iterations === undefined ? undefined : Math.max(1, Math.round(scenario.iterations * settings.iterationScale));
  const bench = new Bench({
    throws: true,
    now: clock,
    time: fixed === undefined ? settings.time : 0,
    iterations: fixed ?? 8,
    warmupTime: fixed === undefined ? settings.warmupTime : 0,
    // Large scenarios build new closures at each n: a tenth of the runs again as warmup.
    warmupIterations: fixed === undefined ? 4 : Math.max(1, Math.round(fixed / 10)),
  });
  bench.add(c.name, async (): Promise<FnReturnedObject | undefined> => {
    const start = clock();
    const charged = await c.run();
    if (typeof charged !== 'number') return undefined;
    return { overriddenDuration: charged, overriddenIterationCost: clock() - start };
  });
  collectGarbage();
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result === undefined || !('latency' in result)) throw new Error(`${c.name}: no result`);
  return (result.latency.p50 * 1e6) / c.ops;
}

/** Runs a case once and returns [ns per operation, wall ms]. */
async function probe(c: Case): Promise<[number, number]> {
  collectGarbage();
  const start = clock();
  const charged = await c.run();
  const spent = clock() - start;
  return [((typeof charged === 'number' ? charged : spent) * 1e6) / c.ops, spent];
}

/** Runs every case of a scenario in `rounds` rounds, rotating the order each round. */
export async function runScenario(scenario: Scenario, settings: Settings): Promise<ScenarioResult> {
  const perCase = scenario.cases.map(() => [] as number[]);
  const single = scenario.cases.map(() => false);
  if (scenario.iterations !== undefined) {
    for (const [i, c] of scenario.cases.entries()) {
      const [ns, wall] = await probe(c);
      if (wall <= settings.probeMs) continue;
      // Too slow for rounds of tinybench samples: the median of three runs, or one if very slow.
      single[i] = true;
      perCase[i]?.push(ns);
      if (wall > settings.singleRunMs) continue;
      for (let again = 0; again < 2; again++) perCase[i]?.push((await probe(c))[0]);
    }
  }
  const count = scenario.cases.length;
  const base = scenario.iterations === undefined ? settings.rounds : settings.largeRounds;
  const rounds = Math.min(base, scenario.rounds ?? base);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < count; k++) {
      const index = (k + round) % count;
      if (single[index] === true) continue;
      const c = scenario.cases[index] as Case;
      (perCase[index] as number[]).push(await measure(c, scenario, settings));
    }
  }
  const rows = scenario.cases.map((c, i) => {
    const rounds = perCase[i] as number[];
    return { name: c.name, role: c.role, ns: median(rounds), rounds, single: single[i] === true, ops: c.ops };
  });
  const toro = rows.find((r) => r.role === 'toro');
  const floor = rows.find((r) => r.role === 'floor');
  const peers = rows.filter((r) => r.role === 'peer').sort((a, b) => a.ns - b.ns);
  const best = peers[0];
  return {
    scenario,
    rows,
    floorRatio: toro !== undefined && floor !== undefined ? toro.ns / floor.ns : undefined,
    peerRatio: toro !== undefined && best !== undefined ? { ratio: toro.ns / best.ns, peer: best.name } : undefined,
  };
}

function displayName(row: Row): string {
  switch (row.role) {
    case 'toro':
      return `**${row.name}**`;
    case 'floor':
      return `${row.name} (floor)`;
    case 'reference':
      return `*${row.name}* (reference)`;
    case 'peer':
      return row.name;
  }
}

export function formatNs(ns: number): string {
  if (ns >= 100) return ns.toFixed(0);
  if (ns >= 10) return ns.toFixed(1);
  return ns.toFixed(2);
}

export function formatRatio(ratio: number): string {
  return `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}x`;
}

/** A markdown table (readable as plain text too): one row per contender, fastest first. */
export function formatScenario(result: ScenarioResult): string {
  const { scenario, rows } = result;
  const floor = rows.find((r) => r.role === 'floor');
  const toro = rows.find((r) => r.role === 'toro');
  const lines = [
    `### ${scenario.title}`,
    '',
    `One operation: ${scenario.op}`,
    '',
    '| contender | ns/op (median) | vs floor | vs toro-ts | round medians (ns/op) |',
    '| --- | ---: | ---: | ---: | --- |',
  ];
  for (const row of [...rows].sort((a, b) => a.ns - b.ns)) {
    const name = displayName(row);
    lines.push(
      `| ${name} | ${formatNs(row.ns)} | ${floor === undefined ? '-' : formatRatio(row.ns / floor.ns)} | ${
        toro === undefined ? '-' : formatRatio(row.ns / toro.ns)
      } | ${row.single ? `${row.rounds.length} run(s), too slow for rounds` : row.rounds.map(formatNs).join(' ')} |`,
    );
  }
  lines.push('', summary(result));
  return lines.join('\n');
}

/** The sentence under a table: toro-ts against the floor (and its target) and the best peer. */
export function summary(result: ScenarioResult): string {
  const parts: string[] = [];
  const { floorRatio, peerRatio, scenario } = result;
  if (floorRatio !== undefined) {
    let text = `toro-ts is ${formatRatio(floorRatio)} the floor`;
    if (scenario.target !== undefined) {
      const met = floorRatio <= scenario.target.maxFloorRatio;
      text += ` (target <= ${formatRatio(scenario.target.maxFloorRatio)}: ${met ? 'met' : 'MISSED'})`;
    }
    parts.push(text);
  }
  if (peerRatio !== undefined) parts.push(`${formatRatio(peerRatio.ratio)} the best peer (${peerRatio.peer})`);
  else parts.push('no peer offers this');
  return `${parts.join('; ')}.`;
}

/**
 * One table for a family of scenarios that differ only in n: ns per operation at each n, the
 * growth from the smallest n to the largest (1.00x is O(1) per operation), and toro-ts's ratio
 * to the floor and to the best peer at each n. A contender missing at some n was skipped there.
 */
export function formatScaling(
  title: string,
  op: string,
  results: readonly { readonly n: number; readonly result: ScenarioResult }[],
  maxGrowth: number,
  skippedNote: string,
): string {
  const sizes = results.map((r) => r.n);
  const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
  const first = results[0]?.result;
  const last = label(sizes.at(-1) ?? 0);
  const smallest = label(sizes[0] ?? 0);
  const cell = (value: number | undefined, format: (x: number) => string): string =>
    value === undefined ? '-' : format(value);
  const lines = [
    `### ${title}`,
    '',
    `One operation: ${op} ns per operation, median of the rounds at each n.`,
    '',
    `| contender | ${sizes.map((n) => `n = ${label(n)}`).join(' | ')} | ${last} / ${smallest} |`,
    `| --- | ${sizes.map(() => '---:').join(' | ')} | ---: |`,
  ];
  let skipped = false;
  let single = false;
  const growthOf = (values: readonly (number | undefined)[]): number | undefined => {
    const a = values[0];
    const b = values.at(-1);
    return a === undefined || b === undefined ? undefined : b / a;
  };
  for (const row of first?.rows ?? []) {
    const values = results.map((r) => r.result.rows.find((x) => x.name === row.name)?.ns);
    if (values.includes(undefined)) skipped = true;
    const name = displayName(row);
    const singles = results.map((r) => r.result.rows.find((x) => x.name === row.name)?.single === true);
    if (singles.includes(true)) single = true;
    const runs = results.map((r) => r.result.rows.find((x) => x.name === row.name)?.rounds.length ?? 0);
    const shown = values.map((v, i) => `${cell(v, formatNs)}${singles[i] === true ? ` (${runs[i]} run${runs[i] === 1 ? '' : 's'})` : ''}`);
    lines.push(`| ${name} | ${shown.join(' | ')} | ${cell(growthOf(values), formatRatio)} |`);
  }
  const floorRatios = results.map((r) => r.result.floorRatio);
  lines.push(`| *toro-ts / floor* | ${floorRatios.map((x) => cell(x, formatRatio)).join(' | ')} | |`);
  const peerRatios = results.map((r) => r.result.peerRatio?.ratio);
  lines.push(`| *toro-ts / best peer* | ${peerRatios.map((x) => cell(x, formatRatio)).join(' | ')} | |`);
  const verdicts: string[] = [];
  const toro = results.map((r) => r.result.rows.find((x) => x.role === 'toro')?.ns);
  const floor = results.map((r) => r.result.rows.find((x) => x.role === 'floor')?.ns);
  const toroGrowth = growthOf(toro);
  const floorGrowth = growthOf(floor);
  if (toroGrowth !== undefined) {
    verdicts.push(
      `toro-ts costs ${formatRatio(toroGrowth)} per operation at ${last} what it costs at ${smallest} (target <= ${formatRatio(
        maxGrowth,
      )}: ${toroGrowth <= maxGrowth ? 'met' : 'MISSED'})${
        floorGrowth === undefined ? '' : `, the floor ${formatRatio(floorGrowth)}`
      }`,
    );
  }
  const target = first?.scenario.target;
  const known = floorRatios.filter((x) => x !== undefined);
  if (target !== undefined && known.length > 0) {
    const worst = Math.max(...known);
    verdicts.push(
      `at most ${formatRatio(worst)} the floor at any n (target <= ${formatRatio(target.maxFloorRatio)}: ${
        worst <= target.maxFloorRatio ? 'met' : 'MISSED'
      })`,
    );
  }
  if (verdicts.length > 0) lines.push('', `${verdicts.join('; ')}.`);
  if (single) lines.push('', '(3 runs): a run took so long that this is the median of three runs, not of tinybench rounds; (1 run): so long that it was not repeated.');
  if (skipped) lines.push('', skippedNote);
  return lines.join('\n');
}
