/**
 * The timeline picture as the site shows it (`docs/timeline-figure.ts`, drawn by
 * `check/report/timeline.ts`): inline in a page beside other drawings, its styles stay its own;
 * its rows' labels have room; on a narrow screen it keeps a legible size and its box scrolls;
 * the findings' pages get one where they ask, or the build says which is missing.
 */

import { describe, expect, test } from 'vitest';
import { modelTrace } from '../check/program/model-session.js';
import { parseProgram, showProgram } from '../check/program/program.js';
import { timeline, timelineSvg } from '../check/report/timeline.js';
import { readDifferences } from '../conformance/differences.js';
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
  const tornado = readDifferences().find((d) => d.driver === 'tornado');
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
