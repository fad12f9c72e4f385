/**
 * The Performance page is drawn from the committed benchmark results (`bench/results.json`) by
 * `docs/performance.ts`; these tests hold its charts to what the page promises: one per scenario,
 * per scaling family and per kind of waiter weighed, each as wide as its column and no wider.
 * (`npm run docs:browser` checks the same charts as Chromium draws them, at 1280 and 390 px.)
 */

import { describe, expect, test } from 'vitest';
import { barChart, lineChart, performanceMarkdown, readResults } from '../docs/performance.js';

const results = readResults();

/** Every horizontal position a chart gives, as a fraction of its width. */
function positions(svg: string): number[] {
  return [...svg.matchAll(/\b(?:x|x1|x2|cx|width)="(-?[\d.]+)%"/g)].map((match) => Number(match[1]) / 100);
}

describe('the Performance page', () => {
  test('is drawn from committed results that say where, when and at which commit they were measured', () => {
    expect(results).toBeDefined();
    const machine = results?.machine;
    expect(machine?.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(machine?.commit).toMatch(/^[0-9a-f]{7,}/);
    expect(machine?.cpu.length).toBeGreaterThan(0);
    expect(machine?.node).toMatch(/^v\d+/);
  });

  test('draws a chart of every scenario, every scaling family and every kind of waiter weighed', () => {
    if (results === undefined) throw new Error('no bench/results.json');
    const markdown = performanceMarkdown(results);
    const figures = markdown.match(/<figure class="toro-perf">/g) ?? [];
    const weighed = results.memory === undefined ? 0 : (['none', 'timeout', 'signal', 'both'] as const).filter((v) => Object.values(results.memory?.bytes ?? {}).filter((row) => row[v] !== undefined).length >= 2).length;
    expect(figures).toHaveLength(results.paired.length + results.scaling.length + weighed);
    for (const scenario of results.paired) expect(markdown).toContain(`### ${scenario.title}`);
    for (const family of results.scaling) expect(markdown).toContain(family.op);
  });

  test('states every target with its verdict, a missed one as missed', () => {
    if (results === undefined) throw new Error('no bench/results.json');
    const markdown = performanceMarkdown(results);
    const targets = results.paired.flatMap((s) => s.comparisons.filter((c) => c.target !== undefined));
    expect(targets.length).toBeGreaterThan(0);
    const missed = targets.filter((c) => c.met !== true).length;
    expect((markdown.match(/<strong>missed<\/strong>/g) ?? []).length).toBe(missed);
  });

  test('charts take their column\'s width and keep every mark inside it, whatever the figures', () => {
    const bars = [
      { label: 'a contender far below the floor', role: 'toro', value: 0.001, shown: '0.001x', quartiles: [0.0009, 0.0011] as const, extremes: [0.0005, 0.002] as const },
      { label: 'the floor', role: 'floor', value: 1, shown: '1.00x' },
      { label: 'a contender with a name long enough to need a second line of its own', role: 'peer', value: 2500, shown: '2500x', quartiles: [2000, 3000] as const, extremes: [900, 9000] as const },
    ];
    for (const svg of [barChart('extremes', bars, { log: true, target: 1.15 }), barChart('linear', bars, { log: false })]) {
      expect(svg).toMatch(/^<svg [^>]*width="100%"/);
      expect(svg).not.toContain('viewBox');
      const xs = positions(svg);
      expect(xs.length).toBeGreaterThan(10);
      expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
      // The scale spans the figures: no bar is clamped to an edge, and the bars keep the room at
      // the right where their values are printed.
      const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)%"/g)].map((match) => Number(match[1]) / 100);
      expect(widths).toHaveLength(3);
      expect(widths[2]).toBeLessThan(0.8);
      expect(widths[1]).toBeLessThan(widths[2] as number);
    }
    // On a log scale the least ratio still shows, and the floor sits between the extremes.
    const log = barChart('log', bars, { log: true });
    const [least, floor, most] = [...log.matchAll(/<rect [^>]*width="([\d.]+)%"/g)].map((match) => Number(match[1]) / 100);
    expect(least).toBeGreaterThan(0);
    expect(floor).toBeGreaterThan(0.2);
    expect(most).toBeGreaterThan(0.5);
    const line = lineChart({ title: 't', op: 'o', sizes: [1_000, 1_000_000], rows: [{ name: 'r', role: 'toro', ns: [1, 1e7] }, { name: 'p', role: 'peer', ns: [50, null] }] });
    expect(line).not.toContain('viewBox');
    expect(positions(line).every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});
