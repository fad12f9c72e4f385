/**
 * The timeline picture as the site shows it (`docs/timeline-figure.ts`, drawn by
 * `check/report/timeline.ts`): inline in a page beside other drawings, its styles stay its own;
 * its rows' labels have room; on a narrow screen it keeps a legible size and its box scrolls;
 * the findings' pages get one where they ask, or the build says which is missing; every foreign
 * port's page asks for one beside every difference its catalogue lists, each drawn from a
 * recorded trace that still parts from the model by the difference's rule.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareTraces } from '../check/compare/compare.js';
import { familyOf } from '../check/program/families/index.js';
import { modelTrace } from '../check/program/model-session.js';
import { parseProgram, showProgram } from '../check/program/program.js';
import { timeline, timelineSvg } from '../check/report/timeline.js';
import { CATALOGUES, readDifferences, showDifferences, type Catalogue } from '../conformance/differences.js';
import { placeTimelines } from '../docs/finding-timelines.js';
import { LEAST_SCALE, timelineFigure } from '../docs/timeline-figure.js';

const program = parseProgram('new Lock()\n  tick 1: #0 acquire(); #1 acquire()\n  tick 2: #2 release() on #0');
const expected = modelTrace(program);
// An implementation that never serves #1.
const actual = { ticks: expected.ticks.map((tick, i) => (i === 1 ? { ...tick, settled: [] } : tick)) };
const divergence = { tick: 2, rule: 'conservation', summary: '#1 is never served' } as const;

describe('a timeline inline in a page', () => {
  test('scopes every style rule to itself, so it restyles no other drawing on the page', () => {
    const svg = timelineSvg(timeline(program, expected, actual, divergence));
    const style = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
    const selectors = [...style.matchAll(/(?:^|\})([^{}]+)\{/g)].flatMap((rule) => (rule[1] as string).split(','));
    expect(selectors.length).toBeGreaterThan(5);
    expect(selectors.filter((selector) => !selector.trim().startsWith('svg.toro-timeline '))).toEqual([]);
  });

  test("leaves room for the implementation's rows' label before the first tick, however short the calls' labels", () => {
    const event = parseProgram('new Event()\n  tick 1: #0 wait()\n  tick 2: #1 set()');
    const model = modelTrace(event);
    const lost = { ticks: model.ticks.map((tick) => ({ ...tick, settled: [] })) };
    const svg = timelineSvg(timeline(event, model, lost, { tick: 2, rule: 'conservation', summary: '#0 is never served' }));
    const firstTick = Number(/<line x1="([\d.]+)"[^>]*class="grid"/.exec(svg)?.[1]);
    const label = /<text x="([\d.]+)"[^>]*class="label impl-label">implementation<\/text>/.exec(svg);
    expect(label).not.toBeNull();
    // The monospace text is 6.6 units a character.
    expect(Number(label?.[1]) + 'implementation'.length * 6.6).toBeLessThanOrEqual(firstTick);
  });
});

describe('a timeline figure', () => {
  const html = timelineFigure({ program, expected, actual, divergence }, 'The model and a lock that loses a wakeup.', 'example');

  test('is never drawn below its least scale: its box scrolls instead', () => {
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(html)?.[1]);
    expect(html).toContain(`min-width:${Math.round(width * LEAST_SCALE)}px`);
    expect(html).toContain('<div class="toro-timeline-box">');
  });

  test('says how many lanes it draws and where the sides part, and captions itself', () => {
    expect(html).toMatch(/^<figure class="toro-timeline-figure" data-lanes="3" data-diverges="2">/);
    expect(html).toContain('<figcaption>The model and a lock that loses a wakeup.</figcaption>');
    expect(html).toContain('aria-labelledby="example-title example-desc"');
  });
});

describe('the pictures of the findings', () => {
  const tornado = readDifferences(CATALOGUES[0] as Catalogue).find((d) => d.driver === 'tornado');
  const block = (program: string): string => `<pre><code class="text">${program.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</code><button>Copy</button></pre>\n`;

  test("go where a page asks, after the difference's program, drawn from the driver's recorded trace", () => {
    if (tornado === undefined) throw new Error('no Tornado difference recorded');
    const { html, errors } = placeTimelines(`<p>x</p>${block('new Lock()')}${block(showProgram(tornado.program))}<!-- timeline: tornado -->`, new Map());
    expect(errors).toEqual([]);
    expect(html).toMatch(/<figure class="toro-timeline-figure" data-lanes="\d+" data-diverges="\d+">/);
    expect(html).not.toContain('<!-- timeline:');
  });

  test('are reported missing, never left out in silence: a marker after no program, or naming no finding', () => {
    const { errors } = placeTimelines(`<p>no block</p><!-- timeline: tornado -->${block('new Event()\n  tick 1: #0 set()')}<!-- timeline: asyncio --><!-- timeline: peers/findings/nobody-1 -->`, new Map());
    expect(errors).toEqual([
      '<!-- timeline: tornado --> follows no text block holding a program',
      'no asyncio difference in conformance/drivers/differences.json has the program "new Event()\\n  tick 1: #0 set()"',
      '<!-- timeline: peers/findings/nobody-1 --> names no finding in peers/findings/findings.json',
    ]);
  });
});

/** What a foreign port's page asks for: one (driver, program) a timeline marker after a program's block. */
function askedFor(markdown: string): string[] {
  return [...markdown.matchAll(/```text\n((?:(?!```)[\s\S])*?)\n```\n((?:<!-- timeline: [\w./-]+ -->\n)+)/g)].flatMap((match) =>
    [...(match[2] as string).matchAll(/<!-- timeline: ([\w./-]+) -->/g)].map((marker) => `${marker[1]}: ${match[1]}`),
  );
}

/** The page as TypeDoc renders its code blocks, for `placeTimelines`. */
const rendered = (markdown: string): string =>
  markdown.replaceAll(/```text\n([\s\S]*?)\n```\n/g, (_block, body: string) => `<pre><code class="text">${body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</code><button>Copy</button></pre>\n`);

describe.each(CATALOGUES.map((catalogue) => [catalogue.page, catalogue] as const))('%s', (_page, catalogue) => {
  const page = readFileSync(join(import.meta.dirname, '..', catalogue.page), 'utf8');
  const differences = readDifferences(catalogue);

  test('asks for a timeline beside every difference its catalogue lists, after its program, and for nothing else', () => {
    const listed = differences.map((d) => `${d.driver}: ${showProgram(d.program)}`);
    expect(askedFor(page).sort()).toEqual(listed.sort());
    // The check reads the page: one marker less and it fails.
    const first = /\n<!-- timeline: [\w./-]+ -->/.exec(page);
    expect(askedFor(page.replace(first?.[0] ?? '', '')).length).toBe(listed.length - 1);
  });

  test('keeps its catalogue in the one format the recorder writes: a program and a trace a line', () => {
    expect(readFileSync(join(import.meta.dirname, '..', catalogue.file), 'utf8')).toBe(showDifferences(differences));
  });

  test("has every difference's raw trace recorded, parting from the model by the difference's rule", () => {
    for (const d of differences) {
      expect(d.actual, `${d.driver}: ${d.difference}: npx tsx conformance/differences.ts ${d.driver}`).toBeDefined();
      const divergence = compareTraces(d.program, modelTrace(d.program), { ticks: d.actual ?? [] }, { queue: familyOf(d.program.primitive).primitives.includes('Queue') });
      expect(divergence?.rule, `${d.driver}: ${d.difference} (${d.program.primitive})`).toBe(d.rule);
    }
  });

  test('gets a picture for each, drawn from its recorded trace, with no marker left over', () => {
    const { html, errors } = placeTimelines(rendered(page), new Map());
    expect(errors).toEqual([]);
    expect(html.match(/<figure class="toro-timeline-figure"/g)?.length).toBe(differences.length);
    expect(html).not.toContain('<!-- timeline:');
    for (const title of new Set(differences.map((d) => catalogue.drivers[d.driver]?.title))) expect(html).toContain(`<figcaption>The model and ${title}, parting at tick`);
  });
});

test('two drivers that differ on one program get a picture each, one after the other, after its block', () => {
  const trio = readDifferences(CATALOGUES.find((c) => c.page.endsWith('trio-and-anyio.md')) as Catalogue);
  const shared = trio.find((d) => d.driver === 'trio' && trio.some((other) => other.driver === 'anyio' && showProgram(other.program) === showProgram(d.program)));
  if (shared === undefined) throw new Error('trio and anyio share no program');
  const { html, errors } = placeTimelines(rendered(`\`\`\`text\n${showProgram(shared.program)}\n\`\`\`\n<!-- timeline: trio -->\n<!-- timeline: anyio -->\n`), new Map());
  expect(errors).toEqual([]);
  expect([...html.matchAll(/<figcaption>The model and (\w+),/g)].map((caption) => caption[1])).toEqual(['trio', 'anyio']);
});

test('a marker naming a driver no catalogue has is reported', () => {
  const { errors } = placeTimelines(rendered('```text\nnew Lock()\n  tick 1: #0 acquire()\n```\n<!-- timeline: nobody -->\n'), new Map());
  expect(errors).toEqual(['no catalogue in conformance/differences.ts has a driver named nobody']);
});
