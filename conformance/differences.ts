/**
 * The differences *Tornado and asyncio against the specification* reports
 * (`conformance/drivers/differences.json`), each with what the raw driver did: its trace up to
 * where it parts from the model (`actual`). The site draws each one's timeline from it, so the
 * docs build needs no Python; `test/python-drivers.ci.ts` holds the recorded traces to what the
 * drivers do now.
 *
 * `npx tsx conformance/differences.ts` runs every program on its raw driver (Debian's
 * `python3-tornado` on `/usr/bin/python3`) and writes the traces into the file.
 *
 * @module
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleId } from '../check/compare/rules.js';
import type { Program, TickTrace } from '../check/program/program.js';

export const DIFFERENCES = join(import.meta.dirname, 'drivers', 'differences.json');

/** One difference between a port and the model, as the page and the drivers' test list it. */
export interface Difference {
  readonly driver: 'tornado' | 'asyncio';
  /** The heading of its section on the page, in lower case. */
  readonly difference: string;
  readonly rule: RuleId;
  /** Under the profile: its choices make the model agree, or it never makes this program. */
  readonly profile: 'agrees' | 'leftOut';
  readonly program: Program;
  /** What the raw driver did, tick by tick, up to the tick where it parts from the model. */
  readonly actual?: readonly TickTrace[];
}

export function readDifferences(): Difference[] {
  return JSON.parse(readFileSync(DIFFERENCES, 'utf8')) as Difference[];
}

/** JSON on one line, spaced as the file is written by hand: `{ "call": "acquire", "id": 0 }`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** The file as written by hand: one entry a block, a program and a trace each on one line. */
export function showDifferences(differences: readonly Difference[]): string {
  const entry = (d: Difference): string =>
    [
      '  {',
      `    "driver": ${JSON.stringify(d.driver)},`,
      `    "difference": ${JSON.stringify(d.difference)},`,
      `    "rule": ${JSON.stringify(d.rule)},`,
      `    "profile": ${JSON.stringify(d.profile)},`,
      `    "program": ${inline(d.program)}${d.actual === undefined ? '' : ','}`,
      ...(d.actual === undefined ? [] : [`    "actual": ${inline(d.actual)}`]),
      '  }',
    ].join('\n');
  return `[\n${differences.map(entry).join(',\n')}\n]\n`;
}

async function main(): Promise<void> {
  const { driverTargets } = await import('../check/run/driver.js');
  const differences = readDifferences();
  const recorded: Difference[] = [];
  for (const driver of ['tornado', 'asyncio'] as const) {
    const { targets, close } = await driverTargets(`/usr/bin/python3 ${join(import.meta.dirname, 'drivers', `${driver}_driver.py`)}`, 20_000);
    try {
      for (const d of differences.filter((candidate) => candidate.driver === driver)) {
        const target = targets.find((t) => t.primitive === d.program.primitive);
        if (target === undefined) throw new Error(`the ${driver} driver has no ${d.program.primitive}`);
        const outcome = await target.run(d.program);
        if (outcome.divergence?.rule !== d.rule) throw new Error(`${driver}: ${d.difference} (${d.program.primitive}) now shows ${outcome.divergence?.rule ?? 'no difference'}, not ${d.rule}`);
        const { actual: _before, ...rest } = d;
        recorded.push({ ...rest, actual: outcome.actual.ticks });
      }
    } finally {
      await close();
    }
  }
  // In the file's order.
  writeFileSync(DIFFERENCES, showDifferences(differences.map((d) => recorded.find((r) => r.driver === d.driver && JSON.stringify(r.program) === JSON.stringify(d.program) && r.difference === d.difference) ?? d)));
  console.log(`recorded ${recorded.length} traces in ${DIFFERENCES}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
