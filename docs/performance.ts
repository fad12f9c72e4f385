/**
 * The Performance page: drawn at docs build from the committed benchmark results
 * (`bench/results.json`, written by `npm run bench -- --json=bench/results.json`).
 *
 * `docs/guides/performance.md` holds the prose and the marker `<!-- performance-results -->`;
 * this TypeDoc plugin (listed in `typedoc.json`) replaces the marker, before the markdown is
 * parsed, with markdown of its own: the machine, date and commit the figures come from, the
 * targets and whether each was met, and for every scenario a chart of each contender against the
 * floor, then the scaling charts (cost per operation from 1k to 1M) and bytes per waiter. The
 * headings it writes are markdown, so they are in "On This Page" like any other.
 *
 * The charts are hand-written SVG (no dependency, nothing to load at run time). They carry no
 * `viewBox`: the width is the column's (`width="100%"`), horizontal positions are percentages and
 * heights are pixels, so the text keeps its size at any width and every chart fits a 390 px
 * phone as well as a wide screen.
 *
 * @module
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MarkdownEvent, type Application } from 'typedoc';
import type { PairedRatio } from '../bench/paired.js';
import type { PairedJson, Results, ScalingJson } from '../bench/results.js';

/** Where the guide wants the results. */
export const MARKER = '<!-- performance-results -->';
/** The committed results the page is drawn from. */
export const RESULTS = fileURLToPath(new URL('../bench/results.json', import.meta.url));

/** The groups of light scenarios, as the bench names them, with the page's headings. */
const GROUPS: readonly { readonly name: string; readonly heading: string }[] = [
  { name: 'uncontended', heading: 'Uncontended acquire and release' },
  { name: 'contended', heading: 'Contended handoff' },
  { name: 'runExclusive', heading: 'runExclusive' },
  { name: 'rwlock', heading: 'Reader-writer locks' },
  { name: 'weighted', heading: 'Weighted semaphores' },
  { name: 'queue', heading: 'Queues' },
];

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A number as the tables print it: three significant figures, no exponent. */
function ns(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function ratio(value: number): string {
  return `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}x`;
}

function spread(r: PairedRatio): string {
  return `${ratio(r.ratio)} (quartiles ${ratio(r.q1)} to ${ratio(r.q3)}; pairs ${ratio(r.min)} to ${ratio(r.max)})`;
}

/** `12.5%`: a horizontal position. */
function pct(fraction: number): string {
  return `${(Math.min(1, Math.max(0, fraction)) * 100).toFixed(2)}%`;
}

/** The styles of every chart, once per page; colours follow the site's theme. */
const STYLE = `<style>
.toro-perf { margin: 1em 0 1.5em; }
.toro-perf svg { display: block; width: 100%; overflow: visible; font-family: inherit; }
.toro-perf text { fill: var(--color-text); font-size: 12px; }
.toro-perf text.muted { fill: var(--color-text-aside); font-size: 11px; }
.toro-perf .grid { stroke: var(--color-text-aside); stroke-opacity: 0.35; stroke-width: 1; }
.toro-perf .one { stroke: var(--color-text); stroke-opacity: 0.8; stroke-width: 1.5; }
.toro-perf .target { stroke: #c2410c; stroke-width: 1.5; stroke-dasharray: 4 3; }
.toro-perf text.target-label { fill: #c2410c; font-size: 11px; }
.toro-perf .bar-toro { fill: #2563eb; }
.toro-perf .bar-floor { fill: #6b7280; }
.toro-perf .bar-reference { fill: #a78bfa; }
.toro-perf .bar-peer { fill: #d97706; }
.toro-perf .whisker { stroke: var(--color-text); stroke-width: 2; }
.toro-perf .range { stroke: var(--color-text); stroke-width: 1; stroke-opacity: 0.6; }
.toro-perf .line-toro { stroke: #2563eb; stroke-width: 2.5; }
.toro-perf .line-floor { stroke: #6b7280; stroke-width: 2; stroke-dasharray: 6 3; }
.toro-perf .line-reference { stroke: #7c3aed; stroke-width: 2; stroke-dasharray: 2 3; }
.toro-perf .line-peer { stroke: #d97706; stroke-width: 1.5; stroke-dasharray: 1 0; }
.toro-perf .dot-toro { fill: #2563eb; } .toro-perf .dot-floor { fill: #6b7280; } .toro-perf .dot-reference { fill: #7c3aed; } .toro-perf .dot-peer { fill: #d97706; }
.toro-perf figcaption { font-size: 0.9em; color: var(--color-text-aside); }
.toro-perf-table { overflow-x: auto; margin: 0.5em 0 1em; }
.toro-perf-legend { list-style: none; padding: 0; margin: 0.5em 0; font-size: 0.9em; }
.toro-perf-legend li { margin: 0.15em 0; }
.toro-perf-legend .muted { color: var(--color-text-aside); }
.toro-perf-legend svg.swatch { display: inline-block; width: 28px; vertical-align: middle; }
.toro-perf-table table { margin: 0; }
</style>`;

/** One horizontal bar of a bar chart. */
interface Bar {
  readonly label: string;
  readonly role: string;
  readonly value: number;
  /** The text at the bar's end. */
  readonly shown: string;
  /** Quartiles and extremes of the pairs, drawn as whiskers. */
  readonly quartiles?: readonly [number, number];
  readonly extremes?: readonly [number, number];
}

/** Ticks for a log axis between `lo` and `hi`: 1, 2 and 5 times the powers of ten. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(lo)) - 1; power <= Math.ceil(Math.log10(hi)); power++) {
    for (const step of [1, 2, 5]) {
      const tick = step * 10 ** power;
      if (tick >= lo && tick <= hi) ticks.push(tick);
    }
  }
  return ticks;
}

/** Bars take the left part of the width; their values are printed in the rest. */
const PLOT = 0.8;
const ROW = 38;
const AXIS = 22;
/** The height of a second line of label. */
const LINE = 15;
/** Labels longer than this many characters take two lines (about 260 px of 12 px text). */
const LABEL_CHARS = 40;

/** A label as one line, or two split at a space or a comma when it is long. */
function wrap(label: string): readonly string[] {
  if (label.length <= LABEL_CHARS) return [label];
  const at = Math.max(label.lastIndexOf(', ', LABEL_CHARS), label.lastIndexOf(' ', LABEL_CHARS));
  return at <= 0 ? [label] : [label.slice(0, at + (label[at] === ',' ? 1 : 0)), `  ${label.slice(at + (label[at] === ',' ? 2 : 1))}`];
}

/**
 * A horizontal bar chart, each bar under its label. `log` draws ratios on a log scale (1x is
 * the floor, marked); otherwise a linear scale from 0. `target` draws a dashed line.
 */
export function barChart(title: string, bars: readonly Bar[], options: { readonly log: boolean; readonly target?: number }): string {
  const values = bars.flatMap((b) => [b.value, ...(b.extremes ?? [])]);
  if (options.target !== undefined) values.push(options.target);
  const lo = options.log ? Math.min(0.5, ...values.map((v) => v / 1.15)) : 0;
  const hi = options.log ? Math.max(2, ...values.map((v) => v * 1.15)) : Math.max(...values) * 1.05;
  const x = (value: number): number =>
    PLOT * (options.log ? (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : value / hi);
  // A long label takes two lines, so that it fits a phone's column; its row is taller.
  const labels = bars.map((bar) => wrap(bar.label));
  const tops: number[] = [];
  let next = 0;
  for (const lines of labels) {
    tops.push(next);
    next += ROW + (lines.length - 1) * LINE;
  }
  const height = next + AXIS;
  const parts: string[] = [`<title>${escape(title)}</title>`];
  const ticks = options.log ? logTicks(lo, hi) : [];
  for (const tick of ticks) {
    const at = pct(x(tick));
    parts.push(`<line class="${tick === 1 ? 'one' : 'grid'}" x1="${at}" x2="${at}" y1="0" y2="${height - AXIS + 4}"/>`);
    const anchor = x(tick) < 0.04 ? 'start' : 'middle';
    parts.push(`<text class="muted" x="${at}" y="${height - 4}" text-anchor="${anchor}">${Number(tick.toPrecision(1))}x</text>`);
  }
  if (!options.log) parts.push(`<text class="muted" x="0" y="${height - 4}">0</text>`);
  if (options.target !== undefined) {
    const at = pct(x(options.target));
    parts.push(`<line class="target" x1="${at}" x2="${at}" y1="0" y2="${height - AXIS + 4}"/>`);
  }
  bars.forEach((bar, i) => {
    const lines = labels[i] as readonly string[];
    const top = (tops[i] as number) + (lines.length - 1) * LINE;
    lines.forEach((line, l) => parts.push(`<text x="0" y="${(tops[i] as number) + 13 + l * LINE}">${escape(line)}</text>`));
    parts.push(`<rect class="bar-${bar.role}" x="0" y="${top + 18}" width="${pct(x(bar.value))}" height="12" rx="2"><title>${escape(`${bar.label}: ${bar.shown}`)}</title></rect>`);
    if (bar.extremes !== undefined) {
      parts.push(`<line class="range" x1="${pct(x(bar.extremes[0]))}" x2="${pct(x(bar.extremes[1]))}" y1="${top + 24}" y2="${top + 24}"/>`);
    }
    if (bar.quartiles !== undefined) {
      const [q1, q3] = bar.quartiles;
      parts.push(`<line class="whisker" x1="${pct(x(q1))}" x2="${pct(x(q3))}" y1="${top + 24}" y2="${top + 24}"/>`);
      for (const q of [q1, q3]) parts.push(`<line class="whisker" x1="${pct(x(q))}" x2="${pct(x(q))}" y1="${top + 19}" y2="${top + 29}"/>`);
    }
    parts.push(`<text x="100%" y="${top + 29}" text-anchor="end">${escape(bar.shown)}</text>`);
  });
  if (options.target !== undefined) {
    parts.push(`<text class="target-label" x="${pct(x(options.target))}" y="${height - AXIS + 16}" dx="3">target</text>`);
  }
  return `<svg class="toro-perf-bars" width="100%" height="${height}" role="img" aria-label="${escape(title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

/** A scaling chart: ns per operation (log scale) at each n, one line per contender, a legend under it. */
export function lineChart(family: ScalingJson): string {
  const plotHeight = 200;
  const values = family.rows.flatMap((row) => row.ns.filter((v): v is number => v !== null && v > 0));
  const lo = Math.min(...values) / 1.3;
  const hi = Math.max(...values) * 1.3;
  const y = (value: number): number => plotHeight - ((Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * plotHeight;
  const count = family.sizes.length;
  // The x axis leaves room at the left for the y labels, which sit above their grid lines.
  const x = (i: number): number => 0.1 + (0.86 * (i + 0.5)) / count;
  const parts: string[] = [`<title>${escape(family.title)}</title>`];
  const ticks = logTicks(lo, hi);
  const shownTicks = ticks.length > 6 ? ticks.filter((t) => String(t).startsWith('1')) : ticks;
  for (const tick of shownTicks) {
    const at = y(tick).toFixed(1);
    parts.push(`<line class="grid" x1="0" x2="100%" y1="${at}" y2="${at}"/>`);
    parts.push(`<text class="muted" x="0" y="${(y(tick) - 3).toFixed(1)}">${tick >= 1000 ? `${tick / 1000} us` : `${tick} ns`}</text>`);
  }
  family.sizes.forEach((n, i) => {
    parts.push(`<text class="muted" x="${pct(x(i))}" y="${plotHeight + 16}" text-anchor="middle">n = ${label(n)}</text>`);
  });
  family.rows.forEach((row) => {
    const role = row.role === 'toro' || row.role === 'floor' || row.role === 'reference' ? row.role : 'peer';
    for (let i = 1; i < count; i++) {
      const a = row.ns[i - 1];
      const b = row.ns[i];
      if (a === null || a === undefined || b === null || b === undefined) continue;
      parts.push(`<line class="line-${role}" x1="${pct(x(i - 1))}" x2="${pct(x(i))}" y1="${y(a).toFixed(1)}" y2="${y(b).toFixed(1)}"/>`);
    }
    row.ns.forEach((v, i) => {
      if (v === null) return;
      parts.push(`<circle class="dot-${role}" cx="${pct(x(i))}" cy="${y(v).toFixed(1)}" r="3.5"><title>${escape(`${row.name}, n = ${label(family.sizes[i] ?? 0)}: ${ns(v)} ns`)}</title></circle>`);
    });
  });
  const height = plotHeight + 24;
  const svg = `<svg class="toro-perf-lines" width="100%" height="${height}" role="img" aria-label="${escape(family.title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
  return `${svg}${legend(family)}`;
}

/** The legend of a line chart, as an HTML list that wraps on a narrow screen: each line's style, name and growth. */
function legend(family: ScalingJson): string {
  const items = family.rows.map((row) => {
    const role = roleOf(row.role);
    const first = row.ns[0];
    const last = row.ns.at(-1);
    const growth = first !== null && first !== undefined && last !== null && last !== undefined ? ` <span class="muted">${ratio(last / first)} from n = ${label(family.sizes[0] ?? 0)} to ${label(family.sizes.at(-1) ?? 0)}</span>` : '';
    return `<li><svg class="swatch" width="28" height="10" aria-hidden="true"><line class="line-${role}" x1="0" x2="28" y1="5" y2="5"/></svg> ${escape(row.name)}${growth}</li>`;
  });
  return `<ul class="toro-perf-legend">${items.join('')}</ul>`;
}

function label(n: number): string {
  return n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
}

function roleOf(role: string): string {
  return role === 'toro' || role === 'floor' || role === 'reference' ? role : 'peer';
}

/**
 * A table in one line of HTML, in a box that scrolls sideways on a narrow screen (a markdown
 * table would widen the page). Cells are HTML; `right` marks the columns of figures.
 */
function table(head: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  const cell = (tag: string, html: string, i: number): string => `<${tag}${right[i] === true ? ' style="text-align:right"' : ''}>${html}</${tag}>`;
  const header = `<tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('');
  return `<div class="toro-perf-table"><table><thead>${header}</thead><tbody>${body}</tbody></table></div>`;
}

/** A figure in one line of HTML: markdown ends an HTML block at a blank line. */
function figure(svg: string, caption: string): string {
  return `<figure class="toro-perf">${svg}<figcaption>${caption}</figcaption></figure>`;
}

function pairedSection(scenario: PairedJson): string {
  const floorTarget = scenario.comparisons.find((c) => c.target?.against === 'floor')?.target?.max;
  const rows = [...scenario.rows].sort((a, b) => (a.vsFloor?.ratio ?? 1) - (b.vsFloor?.ratio ?? 1));
  const bars: Bar[] = rows.map((row) => {
    const r = row.vsFloor;
    return {
      label: row.role === 'floor' ? `${row.name} (floor)` : row.role === 'reference' ? `${row.name} (reference)` : row.name,
      role: roleOf(row.role),
      value: r?.ratio ?? 1,
      shown: ratio(r?.ratio ?? 1),
      ...(r === undefined ? {} : { quartiles: [r.q1, r.q3] as const, extremes: [r.min, r.max] as const }),
    };
  });
  const chart = barChart(`${scenario.title}: each contender against the floor`, bars, { log: true, ...(floorTarget === undefined ? {} : { target: floorTarget }) });
  const caption = `Each contender's cost per operation over the floor's, measured in pairs (log scale; the bar is the median pair, the thick whisker the quartiles, the thin one the least and greatest pair${floorTarget === undefined ? '' : `; the dashed line is the target, ${ratio(floorTarget)}`}).`;
  const figures = table(
    ['contender', 'ns/op', 'vs floor, median pair', 'quartiles', 'least to greatest'],
    rows.map((row) => {
      const r = row.vsFloor;
      const name = row.role === 'toro' ? `<strong>${escape(row.name)}</strong>` : row.role === 'floor' ? `${escape(row.name)} (floor)` : row.role === 'reference' ? `<em>${escape(row.name)}</em> (reference)` : escape(row.name);
      return [name, ns(row.ns), ratio(r?.ratio ?? 1), r === undefined ? '-' : `${ratio(r.q1)} to ${ratio(r.q3)}`, r === undefined ? '-' : `${ratio(r.min)} to ${ratio(r.max)}`];
    }),
    [false, true, true, true, true],
  );
  const lines = scenario.comparisons.map((c) => {
    const verdict = c.target === undefined ? '' : ` Target at most ${ratio(c.target.max)}: **${c.met === true ? 'met' : 'missed'}**.`;
    return `- toro-ts / ${c.against}: ${spread(c.result)}, ${c.result.pairs} pairs.${verdict}`;
  });
  return [`### ${scenario.title}`, '', `One operation: ${scenario.op}`, '', figure(chart, caption), '', ...lines, '', figures, ''].join('\n');
}

function targetsTable(results: Results): string {
  const rows: string[][] = [];
  for (const scenario of results.paired) {
    for (const c of scenario.comparisons) {
      if (c.target === undefined) continue;
      const against =
        c.target.against === 'floor'
          ? 'the floor'
          : c.target.against === 'reference'
            ? `the reference (${c.against})`
            : `the best peer${c.target.handles === true ? ' that hands out a handle' : ''} (${c.against})`;
      rows.push([escape(scenario.title), `at most ${ratio(c.target.max)} ${escape(against)}`, `${ratio(c.result.ratio)} (${ratio(c.result.q1)} to ${ratio(c.result.q3)})`, c.met === true ? 'met' : '<strong>missed</strong>']);
    }
  }
  if (rows.length === 0) return '';
  return table(['scenario', 'target: toro-ts over', 'median pair (quartiles)', ''], rows, [false, false, true, false]);
}

function memorySection(results: Results): string {
  const memory = results.memory;
  if (memory === undefined) return '';
  const variants: readonly { readonly key: 'none' | 'timeout' | 'signal' | 'both'; readonly label: string }[] = [
    { key: 'none', label: 'no options' },
    { key: 'timeout', label: 'with a timeout' },
    { key: 'signal', label: 'with a signal' },
    { key: 'both', label: 'with a timeout and a signal' },
  ];
  const out = ['## Memory', '', `Bytes per pending waiter: heap used with n waiters pending, after a forced GC, minus before, over n (n = ${memory.n.toLocaleString('en-US')}${memory.cancellableAt === undefined ? '' : `; ${memory.cancellableAt.toLocaleString('en-US')} with a timeout or a signal`}). The promise the caller holds, everything the library keeps and the timer are counted; the caller's AbortController is not.`, ''];
  for (const variant of variants) {
    const bars: Bar[] = Object.entries(memory.bytes)
      .filter(([, row]) => row[variant.key] !== undefined)
      .map(([name, row]) => ({
        label: name,
        role: name.startsWith('toro-ts') ? 'toro' : name.startsWith('floor') ? 'floor' : 'peer',
        value: row[variant.key] as number,
        shown: `${(row[variant.key] as number).toFixed(0)} B`,
      }))
      .sort((a, b) => a.value - b.value);
    if (bars.length < 2) continue;
    out.push(`### A waiter ${variant.label}`, '', figure(barChart(`Bytes per pending waiter ${variant.label}`, bars, { log: false }), `Bytes per pending waiter ${variant.label}, linear scale.`), '');
  }
  return out.join('\n');
}

function scalingSection(results: Results): string {
  if (results.scaling.length === 0) return '';
  const out = ['## Scaling', '', 'Cost per operation as n grows, on a log scale: a flat line is O(1) per operation. The tables that hold n waiters or items alive at once measure the memory hierarchy as much as the algorithm (the floor grows as much); those marked *the algorithm alone* keep the working set small.', ''];
  for (const family of results.scaling) {
    out.push(`### ${family.title.replace(/^Scaling: /, '')}`, '', `One operation: ${family.op}`, '', figure(lineChart(family), 'ns per operation at each n (log scale); points missing where a contender was not run at that n.'), '');
  }
  return out.join('\n');
}

/** The markdown that takes the marker's place. */
export function performanceMarkdown(results: Results): string {
  const m = results.machine;
  const out = [
    `These figures were measured on ${escape(m.cpu)} (${m.cores} cores, ${m.memoryGiB} GiB), ${escape(m.os)}, Node ${m.node}, on ${m.date.slice(0, 10)} at commit \`${m.commit}\`, in ${m.mode} mode (${m.pairs.pairs} pairs of ${m.pairs.sampleMs} ms samples per ratio). The machine's load average was ${m.load.start.toFixed(1)} at the start and ${m.load.end.toFixed(1)} at the end. Clock: ${m.clock}.`,
    '',
    '## Targets',
    '',
    targetsTable(results),
    '',
  ];
  for (const group of GROUPS) {
    const scenarios = results.paired.filter((s) => s.group === group.name);
    if (scenarios.length === 0) continue;
    out.push(`## ${group.heading}`, '', ...scenarios.map(pairedSection));
  }
  out.push(scalingSection(results), memorySection(results), STYLE);
  return out.join('\n');
}

/** Reads the committed results; a missing or unreadable file is the caller's to report. */
export function readResults(path = RESULTS): Results | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Results) : undefined;
}

/** The plugin: the marker becomes the results, before TypeDoc parses the guide's markdown. */
export function load(app: Application): void {
  let markdown: string | undefined;
  // Before TypeDoc's own listener (priority 0), which turns the markdown into HTML.
  app.renderer.on(
    MarkdownEvent.PARSE,
    (event: MarkdownEvent) => {
      if (!event.parsedText.includes(MARKER)) return;
      if (markdown === undefined) {
        const results = readResults();
        if (results === undefined) {
          app.logger.warn(`The Performance page needs ${RESULTS}: run npm run bench -- --json=bench/results.json`);
          return;
        }
        markdown = performanceMarkdown(results);
      }
      event.parsedText = event.parsedText.replace(MARKER, markdown);
    },
    100,
  );
}
