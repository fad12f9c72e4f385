/**
 * The timeline picture of every finding, for the pages that report them: a guide asks for one
 * with a marker after the finding's program, and the docs plugin puts the figure there.
 *
 * - `<!-- timeline: peers/findings/ID -->` (What the checker finds, written by
 *   `npm run check:peers`): the finding's program (`ID.program.json`) run again, at build time,
 *   on the adapter variant that found it (`findings.json` names it), as the checker runs it.
 * - `<!-- timeline: DRIVER -->` right after a ```text block that prints a program, on the pages
 *   of the foreign ports against the specification (Tornado and asyncio, Rust, Go, Java, trio
 *   and anyio): that difference's program and the raw driver's trace recorded in its
 *   catalogue (`conformance/differences.ts` lists them; the build needs none of the ports'
 *   toolchains), beside the model's, compared with no choice declared, as the raw run compares.
 *   `DRIVER` is a driver's name in its catalogue (`tornado`, `tokio`, `go`, `java`, `trio`,
 *   ...); where two drivers differ on one program, their markers follow its block one after the
 *   other.
 *
 * A marker that names no finding is an error the plugin reports, so a picture cannot go missing
 * silently.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareTraces } from '../check/compare/compare.js';
import { familyOf } from '../check/program/families/index.js';
import { modelTrace } from '../check/program/model-session.js';
import { parseProgram, showProgram, type Program } from '../check/program/program.js';
import { runProgram } from '../check/run/run.js';
import { catalogueOf, readDifferences } from '../conformance/differences.js';
import { peers } from '../peers/index.js';
import type { FindingRecord } from '../peers/run.js';
import { timelineFigure } from './timeline-figure.js';

const ROOT = join(import.meta.dirname, '..');

/** A marker in a rendered page: a finding of the peers, or a difference of a driver after its program's block. */
const MARKER = /<!-- timeline: ([\w./-]+) -->/g;

/** Entities of a rendered code block, back to its text. */
const unescapeHtml = (html: string): string => html.replace(/<[^>]+>/g, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** The pictures of the peers' findings, by marker source (`peers/findings/async-mutex-1`). */
export async function peerFigures(): Promise<Map<string, string>> {
  const records = JSON.parse(readFileSync(join(ROOT, 'peers', 'findings', 'findings.json'), 'utf8')) as FindingRecord[];
  const adapters = new Map(peers.flatMap((peer) => peer.variants.map((variant) => [variant.adapter.name, variant.adapter] as const)));
  const figures = new Map<string, string>();
  for (const record of records) {
    const adapter = adapters.get(record.adapter);
    if (adapter === undefined) throw new Error(`${record.id}: no peer adapter is named ${record.adapter}`);
    const program = JSON.parse(readFileSync(join(ROOT, record.program), 'utf8')) as Program;
    const outcome = await runProgram(adapter, program);
    if (outcome.divergence === undefined) throw new Error(`${record.id}: ${record.adapter} agrees with its model on its finding's program now`);
    const caption = `${record.id}: the model and ${record.adapter}, parting at tick ${outcome.divergence.tick}: ${outcome.divergence.summary}.`;
    figures.set(`peers/findings/${record.id}`, timelineFigure({ program, expected: outcome.expected, actual: outcome.actual, divergence: outcome.divergence }, caption, `finding-${record.id}`));
  }
  return figures;
}

/** The picture of a driver's difference on `program`, or why there is none. */
function differenceFigure(driver: string, program: Program, index: number): string | { readonly error: string } {
  const catalogue = catalogueOf(driver);
  if (catalogue === undefined) return { error: `no catalogue in conformance/differences.ts has a driver named ${driver}` };
  const found = readDifferences(catalogue).find((d) => d.driver === driver && JSON.stringify(d.program) === JSON.stringify(program));
  if (found === undefined) return { error: `no ${driver} difference in ${catalogue.file} has the program ${JSON.stringify(showProgram(program))}` };
  if (found.actual === undefined) return { error: `${driver}: ${found.difference} has no recorded trace (npx tsx conformance/differences.ts ${driver})` };
  const expected = modelTrace(program);
  const divergence = compareTraces(program, expected, { ticks: found.actual }, { queue: familyOf(program.primitive).primitives.includes('Queue') });
  if (divergence?.rule !== found.rule) return { error: `${driver}: ${found.difference}: its recorded trace now shows ${divergence?.rule ?? 'no difference'}, the page says ${found.rule}` };
  const name = catalogue.drivers[driver]?.title ?? driver;
  return timelineFigure({ program, expected, actual: { ticks: found.actual }, divergence }, `The model and ${name}, parting at tick ${divergence.tick}: ${divergence.summary}.`, `${driver}-${index}`);
}

/**
 * `html` with each timeline marker replaced by its figure; `peer` gives the peers' figures.
 * Returns the page and what could not be drawn.
 */
export function placeTimelines(html: string, peer: ReadonlyMap<string, string>): { readonly html: string; readonly errors: readonly string[] } {
  const errors: string[] = [];
  let index = 0;
  const placed = html.replace(MARKER, (marker, source: string, offset: number) => {
    index++;
    if (source.startsWith('peers/findings/')) {
      const figure = peer.get(source);
      if (figure === undefined) errors.push(`${marker} names no finding in peers/findings/findings.json`);
      return figure ?? marker;
    }
    // A driver's difference: the program is the code block just before the marker (and the other drivers' markers for it).
    const before = html.slice(0, offset);
    const start = before.lastIndexOf('<pre><code class="text">');
    const block = start === -1 ? null : /^<pre><code class="text">([\s\S]*?)<\/code>[\s\S]*?<\/pre>(?:\s*<!-- timeline: [\w./-]+ -->)*\s*$/.exec(before.slice(start));
    if (block === null) {
      errors.push(`${marker} follows no text block holding a program`);
      return marker;
    }
    let program: Program;
    try {
      program = parseProgram(unescapeHtml(block[1] as string).trim());
    } catch (error) {
      errors.push(`${marker}: the block before it is no program (${error instanceof Error ? error.message : String(error)})`);
      return marker;
    }
    const figure = differenceFigure(source, program, index);
    if (typeof figure !== 'string') {
      errors.push(figure.error);
      return marker;
    }
    return figure;
  });
  return { html: placed, errors };
}

/** Whether a rendered page asks for timeline pictures. */
export const asksForTimelines = (html: string): boolean => html.includes('<!-- timeline: ');
