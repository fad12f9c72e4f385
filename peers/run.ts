/**
 * `npm run check:peers`: runs the checker on every peer library (`peers/index.ts`), writes each
 * finding's program and standalone reproduction under `peers/findings/`, and regenerates the
 * page `docs/guides/peers.md`, "What the checker finds".
 *
 * Deterministic: every check uses the same seed and number of programs, so running it again
 * writes the same files. It stops with a message when a variant finds something its peer file
 * does not expect (an undeclared difference: classify it), when a reproduction does not show its
 * finding without the checker (a false alarm), or when a declared choice is never needed.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { check, RULES, showDivergence, showFailure, showProgram, type Adapter, type CheckResult, type Choices, type Failure } from '../check/index.js';
import { peers, slug } from './index.js';
import type { Bug, Peer, Variant } from './peer.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FINDINGS = join(ROOT, 'peers', 'findings');
export const PAGE = join(ROOT, 'docs', 'guides', 'peers.md');

/** The seed and the number of programs of every check the page reports. */
export const SEED = 1;
export const RUNS = 2000;
/** The seeds tried, in order, for the evidence that a declared choice makes a difference. */
const EVIDENCE_SEEDS = [SEED, SEED + 1, SEED + 2, SEED + 3, SEED + 4];

/** A finding, as the manifest `peers/findings/findings.json` lists it for the test. */
export interface FindingRecord {
  readonly id: string;
  readonly library: string;
  readonly version: string;
  readonly adapter: string;
  readonly rule: string;
  readonly verdict: 'bug';
  /** The reproduction and the program, relative to the repository root. */
  readonly reproduction: string;
  readonly program: string;
}

interface Found {
  readonly id: string;
  readonly variant: Variant;
  readonly bug: Bug;
  readonly failure: Failure;
  readonly printed: string;
}

interface Evidence {
  readonly adapter: string;
  readonly choice: string;
  readonly variant: string;
  readonly failure: Failure;
}

interface PeerReport {
  readonly peer: Peer;
  readonly programs: number;
  readonly found: Found[];
  readonly agreed: { variant: Variant; programs: number }[];
  readonly evidence: Evidence[];
}

const run = promisify(execFile);

/** Runs a reproduction with plain node; resolves with its exit status and what it printed. */
export async function runReproduction(path: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [path], { cwd: ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const { code, stdout } = error as { code?: unknown; stdout?: unknown };
    return { code: typeof code === 'number' ? code : -1, stdout: typeof stdout === 'string' ? stdout : '' };
  }
}

/** The adapter a variant belongs to: its `of`, or its own name. */
const familyName = (variant: Variant): string => variant.of ?? variant.adapter.name;

/** `adapter` without the declared choice `choice`. */
function withoutChoice(adapter: Adapter, choice: string): Adapter {
  const { [choice as keyof Choices]: _dropped, ...rest } = adapter.choices ?? {};
  return { ...adapter, choices: rest };
}

const sameFinding = (a: Failure, b: Failure): boolean => a.divergence.rule === b.divergence.rule && JSON.stringify(a.program) === JSON.stringify(b.program);

async function checkPeer(peer: Peer, files: Map<string, string>, records: FindingRecord[]): Promise<PeerReport> {
  const found: Found[] = [];
  const agreed: { variant: Variant; programs: number }[] = [];
  const results = new Map<Variant, CheckResult>();
  let programs = 0;
  for (const variant of peer.variants) {
    const result = await check(variant.adapter, { runs: RUNS, seed: SEED });
    results.set(variant, result);
    programs += result.programs;
    const failure = result.failure;
    const expected = variant.finds;
    if (expected === undefined) {
      if (failure !== undefined) throw new Error(`${variant.adapter.name} diverges, and ${peer.library}'s peer file does not expect it: classify it (a bug: a variant that finds it; a contract difference: a choice)\n${showFailure(failure)}`);
      agreed.push({ variant, programs: result.programs });
      continue;
    }
    if (failure === undefined) throw new Error(`${variant.adapter.name} agrees with its model, but ${peer.library}'s peer file expects ${expected.rule}: ${expected.title}`);
    if (failure.divergence.rule !== expected.rule) throw new Error(`${variant.adapter.name} breaks ${failure.divergence.rule}, but ${peer.library}'s peer file expects ${expected.rule}\n${showFailure(failure)}`);
    if (typeof failure.reproduction !== 'string') throw new Error(`${variant.adapter.name} wrote no JavaScript reproduction`);
    const id = `${slug(peer.library)}-${found.length + 1}`;
    const reproduction = `peers/findings/${id}.repro.mjs`;
    const program = `peers/findings/${id}.program.json`;
    files.set(program, `${JSON.stringify(failure.program, null, 2)}\n`);
    files.set(reproduction, failure.reproduction);
    writeFileSync(join(ROOT, reproduction), failure.reproduction);
    const shown = await runReproduction(join(ROOT, reproduction));
    if (shown.code !== 1 || !shown.stdout.includes('The toro-ts model says instead:')) {
      throw new Error(`${reproduction} does not show its finding without the checker (exit ${shown.code}): a false alarm, which the page must not list\n${shown.stdout}`);
    }
    found.push({ id, variant, bug: expected, failure, printed: shown.stdout.trimEnd() });
    records.push({ id, library: peer.library, version: peer.version, adapter: variant.adapter.name, rule: expected.rule, verdict: 'bug', reproduction, program });
  }
  // Each declared choice must make a difference somewhere: without it, the adapter or one of its
  // variants finds what it did not find before. A bug found first may hide the difference in one
  // seed's programs, so a few seeds are tried.
  const evidence: Evidence[] = [];
  for (const adapter of peer.adapters) {
    const candidates = [...peer.variants.filter((v) => familyName(v) === adapter.name).map((v) => v.adapter), adapter];
    for (const choice of Object.keys(adapter.choices ?? {})) {
      let shown: Evidence | undefined;
      for (const seed of EVIDENCE_SEEDS) {
        for (const candidate of candidates) {
          if (!(choice in (candidate.choices ?? {}))) continue;
          const variant = peer.variants.find((v) => v.adapter === candidate);
          const before = variant === undefined || seed !== SEED ? (await check(candidate, { runs: RUNS, seed })).failure : results.get(variant)?.failure;
          const result = await check(withoutChoice(candidate, choice), { runs: RUNS, seed });
          if (result.failure !== undefined && (before === undefined || !sameFinding(before, result.failure))) {
            shown = { adapter: adapter.name, choice, variant: candidate.name, failure: result.failure };
            break;
          }
        }
        if (shown !== undefined) break;
      }
      if (shown === undefined) throw new Error(`${adapter.name} declares ${choice}, but neither it nor a variant needs it: drop it`);
      evidence.push(shown);
    }
  }
  return { peer, programs, found, agreed, evidence };
}

const fence = (language: string, text: string): string => `\`\`\`${language}\n${text}\n\`\`\``;

const ruleName = (id: keyof typeof RULES): string => {
  const rule = RULES[id];
  // Every rule cited links to its section of the rules page.
  return `[${rule.title}](./rules.md#${rule.anchor})`;
};

function showChoice(name: string, value: unknown): string {
  if (name === 'errors' && typeof value === 'object' && value !== null) return `errors: ${Object.keys(value).join(', ')}`;
  return `${name}: ${JSON.stringify(value)}`;
}

function calls(adapter: Adapter): string {
  const names = Object.keys(adapter.calls).filter((name) => adapter.calls[name] !== undefined);
  if (adapter.handleRelease !== undefined) names.push('release on a handle');
  const options = [adapter.options?.timeout ?? true ? 'timeout' : undefined, adapter.options?.signal ?? true ? 'signal' : undefined].filter((o) => o !== undefined);
  return `${names.join(', ')}${options.length === 0 ? '' : ` (with ${options.join(', ')})`}`;
}

function librarySection(report: PeerReport): string {
  const { peer } = report;
  const lines: string[] = [`## ${peer.library} ${peer.version}`, '', `${peer.repository}`, '', peer.mapping, ''];
  lines.push('| adapter | model | calls | observers | declared choices |', '| --- | --- | --- | --- | --- |');
  for (const adapter of peer.adapters) {
    const choices = Object.entries(adapter.choices ?? {}).map(([name, value]) => `\`${showChoice(name, value)}\``);
    lines.push(`| ${adapter.name} | ${adapter.primitive} | ${calls(adapter)} | ${Object.keys(adapter.observers ?? {}).join(', ') || 'none'} | ${choices.join(', ') || 'none'} |`);
  }
  lines.push('', `${report.programs} programs run (seed ${SEED}, up to ${RUNS} per variant).`, '');
  if (peer.unspecified !== undefined) lines.push('### Where the specification has no word', '', peer.unspecified, '');
  if (report.evidence.length > 0) {
    lines.push('### Contract differences', '');
    lines.push('Each is declared in the adapter; without it, the checker reports the program shown.', '');
    for (const e of report.evidence) {
      const adapter = peer.adapters.find((a) => a.name === e.adapter);
      const value = (adapter?.choices as Record<string, unknown> | undefined)?.[e.choice];
      const why = peer.why[e.choice as keyof Choices] ?? '';
      const program = showProgram(e.failure.program).split('\n').map((line) => line.trim()).join('; ');
      lines.push(`- **${e.adapter}**, \`${showChoice(e.choice, value)}\`: ${why} Without it: *${ruleName(e.failure.divergence.rule)}*, ${e.failure.divergence.summary}, in \`${program}\`.`);
    }
    lines.push('');
  }
  lines.push('### Findings', '');
  if (report.found.length === 0) lines.push('None: every adapter agrees with its model under its declared choices.', '');
  for (const f of report.found) {
    const rule = RULES[f.failure.divergence.rule];
    lines.push(`#### ${f.id}: ${f.bug.title}`, '');
    lines.push(`**Bug.** ${f.bug.why}`, '');
    lines.push(`- Adapter: ${f.variant.adapter.name}${f.variant.leavesOut === undefined ? '' : ` (leaves out ${f.variant.leavesOut})`}.`);
    lines.push(`- Rule broken: *${ruleName(f.failure.divergence.rule)}*: ${rule.text}`);
    lines.push(`- Upstream: ${f.bug.upstream ?? `none found in ${peer.repository}/issues`}.`);
    lines.push(`- Reproduction: \`node peers/findings/${f.id}.repro.mjs\` (the library alone on the checker's virtual clock; exit status 1 while the bug is there), program \`peers/findings/${f.id}.program.json\`.`);
    // The marker asks the site for the timeline picture of the finding (docs/finding-timelines.ts).
    lines.push('', 'The minimal program, and what the checker reports:', '', fence('text', `${showProgram(f.failure.program)}\n\n${showDivergence(f.failure.divergence)}`), `<!-- timeline: peers/findings/${f.id} -->`, '');
    lines.push('As JSON:', '', fence('json', JSON.stringify(f.failure.program)), '');
    lines.push('What the reproduction prints:', '', fence('text', f.printed), '');
  }
  const passing = report.agreed.map((a) => `${a.variant.adapter.name}${a.variant.leavesOut === undefined ? '' : ` (leaves out ${a.variant.leavesOut})`}: ${a.programs} programs`);
  lines.push('### Passes', '', ...passing.map((p) => `- ${p}`), '');
  return lines.join('\n');
}

function page(reports: readonly PeerReport[]): string {
  const head = [
    '---',
    'title: What the checker finds',
    'group: Guides',
    '---',
    '',
    '# What the checker finds',
    '',
    '<!-- Generated by `npm run check:peers` (peers/run.ts): do not edit by hand. -->',
    '',
    "toro-check run on popular npm libraries of locks, semaphores and queues, through adapters kept in this repository's `peers/` folder (not in the package). Each adapter maps the library's API onto the model's calls and declares the **contract choices** where the library legitimately differs from the model; what remains is a **bug**: a harmful outcome (two holders at once, a permit or item lost or duplicated, a waiter that never settles, a leak), each with its minimal program and a standalone reproduction that uses the library alone. `test/peers.test.ts` runs every reproduction with plain `node` and checks that each library passes with its choices declared and its bugs' features left out.",
    '',
    'To find more than the first bug of a library, the checker is also run on variants of an adapter that leave out the feature showing an earlier finding (say, timeouts).',
    '',
    '| library | version | programs | bugs | contract choices | passes with |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of reports) {
    const choices = [...new Set(r.evidence.map((e) => e.choice))].map((c) => `\`${c}\``).join(', ') || 'none';
    const passes = r.agreed.map((a) => a.variant.adapter.name).join('; ');
    head.push(`| ${r.peer.library} | ${r.peer.version} | ${r.programs} | ${r.found.length} | ${choices} | ${passes} |`);
  }
  head.push('');
  return `${[...head, ...reports.map(librarySection)].join('\n').trimEnd()}\n`;
}

async function main(): Promise<void> {
  mkdirSync(FINDINGS, { recursive: true });
  const files = new Map<string, string>();
  const records: FindingRecord[] = [];
  const reports: PeerReport[] = [];
  for (const peer of peers) {
    console.log(`${peer.library} ${peer.version}`);
    const report = await checkPeer(peer, files, records);
    for (const f of report.found) console.log(`  ${f.id}: ${f.failure.divergence.rule} (${f.variant.adapter.name})`);
    for (const a of report.agreed) console.log(`  passes: ${a.variant.adapter.name}`);
    reports.push(report);
  }
  files.set('peers/findings/findings.json', `${JSON.stringify(records, null, 2)}\n`);
  for (const name of readdirSync(FINDINGS)) {
    const path = `peers/findings/${name}`;
    if (!files.has(path)) rmSync(join(ROOT, path));
  }
  for (const [path, text] of files) writeFileSync(join(ROOT, path), text);
  writeFileSync(PAGE, page(reports));
  console.log(`wrote ${relative(ROOT, PAGE)} and ${files.size} files in ${relative(ROOT, FINDINGS)}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
