/**
 * A program as a picture: one lane per call, from when it was made to when it settled, time
 * running left to right, tick by tick. A lane shows the wait (from the call to its settlement),
 * the handoff, a timeout or an abort, and, for a call given a handle, how long the handle was
 * held (until the call that released it). For a comparison, each lane whose implementation
 * parts from the model gets a second row with what the implementation did, and the first tick
 * where the two sides part is marked once.
 *
 * The same {@link Timeline} is drawn as text for a terminal ({@link timelineText}) and as SVG
 * for the HTML report and the documentation site ({@link timelineSvg}). Pure: no Node API, so
 * the site's explorer draws with it too.
 *
 * @module
 */

import type { Divergence } from '../compare/compare.js';
import { RULES } from '../compare/rules.js';
import { showAction, showConstructor, type Action, type CallAction, type Program, type Trace, type TraceSettlement, type TraceValue } from '../program/program.js';

/** Where a mark sits: a tick (from 1), and a slot within it (0 for the call, `end` once its continuations ran). */
export interface TimePoint {
  readonly tick: number;
  readonly slot: number | 'end';
}

/** How a call ended, or what happened on its lane. */
export type MarkKind =
  /** The call returned at once (a value, or nothing). */
  | 'returned'
  /** The call threw at once. */
  | 'threw'
  /** A waiting call was handed what it waited for (its promise resolved). */
  | 'handoff'
  | 'timeout'
  | 'aborted'
  /** A waiting call rejected with another error. */
  | 'rejected'
  /** A handle the call was given was released (by a call on it). */
  | 'released'
  /** A composite (`runExclusive(fn)`) settled once its body ended, or its limit passed: its grant went back. */
  | 'finished';

/** A mark on a lane. */
export interface Mark {
  readonly kind: MarkKind;
  readonly at: TimePoint;
  /** What it carried: a value, an error's name, or the releasing call (`#4`). */
  readonly detail?: string;
}

/** A stretch of a lane: waiting for a handoff, or holding a handle. */
export interface Span {
  readonly kind: 'waiting' | 'holding';
  readonly from: TimePoint;
  /** Where it ends; absent while it is still open at the end of the trace. */
  readonly to?: TimePoint;
}

/** What one side did on one lane. */
export interface LaneSide {
  readonly spans: readonly Span[];
  readonly marks: readonly Mark[];
}

/** One call's lane. */
export interface Lane {
  readonly id: number;
  /** The call as a program prints it: `#1 acquire({ timeout: 5 })`. */
  readonly label: string;
  /** The tick and slot it was made in. */
  readonly made: TimePoint;
  readonly model: LaneSide;
  /** What the implementation did, when it parts from the model on this lane. */
  readonly implementation?: LaneSide;
}

/** One column of the picture. */
export interface TimelineTick {
  readonly tick: number;
  /** The virtual time when the tick starts, in ms. */
  readonly at: number;
  /** How many actions it has. */
  readonly actions: number;
  /** The ms its `advance` actions let pass. */
  readonly advanced: number;
}

/** A program's picture; see the module comment. */
export interface Timeline {
  readonly title: string;
  readonly ticks: readonly TimelineTick[];
  readonly lanes: readonly Lane[];
  /** The first point where the two sides part, when comparing. */
  readonly divergence?: { readonly tick: number; readonly rule: string; readonly summary: string };
}

/** A rule's title, for a divergence's marker: `FIFO, direct handoff`. */
const ruleTitle = (rule: string): string => (rule in RULES ? RULES[rule as keyof typeof RULES].title : rule);

const valueText = (value: TraceValue | undefined): string | undefined => (value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));

function settlementMark(s: TraceSettlement, tick: number): Mark {
  const at: TimePoint = { tick, slot: 'end' };
  if (s.outcome === 'resolved') {
    const detail = valueText(s.value);
    return detail === undefined ? { kind: 'handoff', at } : { kind: 'handoff', at, detail };
  }
  if (s.outcome === 'rejected') return { kind: 'rejected', at, detail: s.error };
  return { kind: s.outcome, at };
}

/** What one trace says of each call: its spans and marks. */
function sides(program: Program, trace: Pick<Trace, 'ticks'>): Map<number, LaneSide> {
  const out = new Map<number, { spans: Span[]; marks: Mark[] }>();
  const lane = (id: number): { spans: Span[]; marks: Mark[] } => {
    let found = out.get(id);
    if (found === undefined) {
      found = { spans: [], marks: [] };
      out.set(id, found);
    }
    return found;
  };
  const holding = new Map<number, TimePoint>();
  const waiting = new Map<number, TimePoint>();
  const ticks = Math.min(program.ticks.length, trace.ticks.length);
  for (let t = 0; t < ticks; t++) {
    const tick = t + 1;
    const actions = program.ticks[t] ?? [];
    const traced = trace.ticks[t];
    if (traced === undefined) break;
    const results = new Map(traced.calls.map((c) => [c.id, c]));
    actions.forEach((action, slot) => {
      if (!('call' in action)) return;
      const at: TimePoint = { tick, slot };
      const call = results.get(action.id);
      const mine = lane(action.id);
      if (call === undefined) return;
      const r = call.result;
      if (r.kind === 'pending') waiting.set(action.id, at);
      else if (r.kind === 'threw') mine.marks.push({ kind: 'threw', at, detail: r.error });
      else {
        const detail = valueText(r.value);
        mine.marks.push(detail === undefined ? { kind: 'returned', at } : { kind: 'returned', at, detail });
        if (r.value === 'handle') holding.set(action.id, at);
      }
      // A call on a held handle ends that hold (one the model ignored ends nothing); release()
      // on the primitive gives back the oldest grant still held (rule 8).
      const released = r.kind !== 'returned' || call.ignored === true ? undefined : action.on ?? (action.call === 'release' ? holding.keys().next().value : undefined);
      const since = released === undefined ? undefined : holding.get(released);
      if (released !== undefined && since !== undefined) {
        holding.delete(released);
        const owner = lane(released);
        owner.spans.push({ kind: 'holding', from: since, to: at });
        owner.marks.push({ kind: 'released', at, detail: `#${action.id}` });
      }
    });
    for (const s of traced.settled) {
      const mine = lane(s.id);
      const mark = settlementMark(s, tick);
      const since = waiting.get(s.id);
      if (since !== undefined) {
        waiting.delete(s.id);
        mine.spans.push({ kind: 'waiting', from: since, to: mark.at });
      }
      mine.marks.push(mark);
      if (s.outcome === 'resolved' && s.value === 'handle') holding.set(s.id, mark.at);
    }
    // A composite settles after its body: its grant went back then, if no release ended it first.
    for (const s of traced.finished ?? []) {
      const at: TimePoint = { tick, slot: 'end' };
      const detail = s.outcome === 'resolved' ? valueText(s.value) : s.outcome === 'rejected' ? `rejected ${s.error}` : s.outcome;
      const since = holding.get(s.id);
      if (since !== undefined) {
        holding.delete(s.id);
        lane(s.id).spans.push({ kind: 'holding', from: since, to: at });
      }
      lane(s.id).marks.push(detail === undefined ? { kind: 'finished', at } : { kind: 'finished', at, detail });
    }
  }
  for (const [id, from] of waiting) lane(id).spans.push({ kind: 'waiting', from });
  for (const [id, from] of holding) lane(id).spans.push({ kind: 'holding', from });
  return out;
}

const sameSide = (a: LaneSide | undefined, b: LaneSide | undefined): boolean => JSON.stringify(a ?? { spans: [], marks: [] }) === JSON.stringify(b ?? { spans: [], marks: [] });

/**
 * The picture of `program`: the model's trace `expected`, and, for a comparison, the
 * implementation's `actual` and the divergence that ended the run. Ticks beyond what both
 * traces reached are left out.
 */
export function timeline(program: Program, expected: Pick<Trace, 'ticks'>, actual?: Pick<Trace, 'ticks'>, divergence?: Pick<Divergence, 'tick' | 'rule' | 'summary'>): Timeline {
  const reached = Math.min(program.ticks.length, Math.max(expected.ticks.length, actual?.ticks.length ?? 0));
  const shown = program.ticks.slice(0, reached);
  const model = sides(program, expected);
  const real = actual === undefined ? undefined : sides(program, actual);
  let now = 0;
  const ticks: TimelineTick[] = shown.map((tick, i) => {
    const advanced = tick.reduce((ms, a) => ms + ('advance' in a ? a.advance : 0), 0);
    const column = { tick: i + 1, at: now, actions: tick.length, advanced };
    now += advanced;
    return column;
  });
  const lanes: Lane[] = [];
  shown.forEach((tick, t) =>
    tick.forEach((action: Action, slot) => {
      if (!('call' in action)) return;
      const call: CallAction = action;
      const m = model.get(call.id) ?? { spans: [], marks: [] };
      const i = real?.get(call.id);
      const base = { id: call.id, label: showAction(call), made: { tick: t + 1, slot }, model: m };
      lanes.push(real === undefined || sameSide(m, i) ? base : { ...base, implementation: i ?? { spans: [], marks: [] } });
    }),
  );
  const title = showConstructor(program);
  return {
    title,
    ticks,
    lanes,
    ...(divergence === undefined ? {} : { divergence: { tick: divergence.tick, rule: divergence.rule, summary: divergence.summary } }),
  };
}

/** How {@link timelineText} draws. */
export interface TextOptions {
  /** Plain ASCII instead of box-drawing characters (for a log that may not show them). @defaultValue false */
  readonly ascii?: boolean;
}

const GLYPHS = {
  unicode: { wait: '┄', hold: '━', returned: '●', threw: '!', handoff: '●', timeout: '×', aborted: '⊘', rejected: '!', released: '┫', finished: '◆', made: '○', marker: '▲' },
  ascii: { wait: '.', hold: '=', returned: '*', threw: '!', handoff: '*', timeout: 'x', aborted: '/', rejected: '!', released: ']', finished: '#', made: 'o', marker: '^' },
} as const;

/** Characters a tick takes in the text picture: two per action and two for its end, at least four. */
const cellWidth = (tick: TimelineTick): number => Math.max(4, 2 * tick.actions + 2);

/** The column of a point, counted from the first tick's first character. */
function columnOf(point: TimePoint, ticks: readonly TimelineTick[]): number {
  let column = 0;
  for (const tick of ticks) {
    if (tick.tick === point.tick) return column + (point.slot === 'end' ? cellWidth(tick) - 2 : 2 * point.slot);
    column += cellWidth(tick);
  }
  return column;
}

/** One row of the text picture for one side of a lane. */
function textRow(side: LaneSide, made: TimePoint, ticks: readonly TimelineTick[], glyph: (typeof GLYPHS)['unicode' | 'ascii']): string {
  const width = ticks.reduce((n, t) => n + cellWidth(t), 0);
  const row: string[] = Array.from({ length: width }, () => ' ');
  const fill = (from: number, to: number, ch: string): void => {
    for (let c = Math.max(from, 0); c < Math.min(to, width); c++) row[c] = ch;
  };
  for (const span of side.spans) {
    const from = columnOf(span.from, ticks);
    const to = span.to === undefined ? width : columnOf(span.to, ticks);
    fill(from + 1, to, span.kind === 'waiting' ? glyph.wait : glyph.hold);
  }
  const start = columnOf(made, ticks);
  if (start < width && row[start] === ' ') row[start] = glyph.made;
  for (const mark of side.marks) {
    const c = columnOf(mark.at, ticks);
    if (c < width) row[c] = glyph[mark.kind];
  }
  return row.join('').trimEnd();
}

/** What a side's marks say, in words: `handed "handle" in tick 2, released by #3 in tick 4`. */
function words(side: LaneSide): string {
  const say = (mark: Mark): string => {
    const where = `in tick ${mark.at.tick}`;
    switch (mark.kind) {
      case 'returned':
        return mark.detail === undefined ? `returned ${where}` : `returned ${mark.detail} ${where}`;
      case 'handoff':
        return mark.detail === undefined ? `resolved ${where}` : `handed ${mark.detail} ${where}`;
      case 'released':
        return `released by ${mark.detail ?? '?'} ${where}`;
      case 'finished':
        return mark.detail === undefined ? `finished ${where}` : `finished with ${mark.detail} ${where}`;
      case 'threw':
      case 'rejected':
        return `${mark.kind} ${mark.detail ?? ''} ${where}`.replace('  ', ' ');
      default:
        return `${mark.kind} ${where}`;
    }
  };
  const open = side.spans.some((s) => s.kind === 'waiting' && s.to === undefined);
  const held = side.spans.some((s) => s.kind === 'holding' && s.to === undefined);
  return [...side.marks.map(say), ...(open ? ['still waiting'] : []), ...(held ? ['still held'] : [])].join(', ');
}

/**
 * The picture as lines of text: a header of ticks (with the virtual time where time passed), a
 * row per lane with what it did in words, a second row for the implementation where it parts
 * from the model, a marker under the tick where the two sides first part, and a legend.
 */
export function timelineText(picture: Timeline, options: TextOptions = {}): string[] {
  const glyph = options.ascii === true ? GLYPHS.ascii : GLYPHS.unicode;
  const compared = picture.lanes.some((lane) => lane.implementation !== undefined) || picture.divergence !== undefined;
  const labelWidth = Math.min(40, Math.max(12, ...picture.lanes.map((lane) => lane.label.length + 1)));
  const clip = (label: string): string => (label.length >= labelWidth ? `${label.slice(0, labelWidth - 2)}… ` : label.padEnd(labelWidth));
  const head = picture.ticks.map((t) => String(t.tick).padEnd(cellWidth(t))).join('');
  const time = picture.ticks.map((t) => (t.advanced > 0 ? `+${t.advanced}ms` : '').padEnd(cellWidth(t))).join('');
  const lines = [`${'tick'.padEnd(labelWidth)}${head}`.trimEnd()];
  if (time.trim() !== '') lines.push(`${''.padEnd(labelWidth)}${time}`.trimEnd());
  for (const lane of picture.lanes) {
    const model = textRow(lane.model, lane.made, picture.ticks, glyph);
    const cells = model.padEnd(head.length);
    const tag = compared ? (lane.implementation === undefined ? '' : ' (model)') : '';
    lines.push(`${clip(lane.label)}${cells}  ${words(lane.model)}${tag}`.trimEnd());
    if (lane.implementation !== undefined) {
      const real = textRow(lane.implementation, lane.made, picture.ticks, glyph).padEnd(head.length);
      lines.push(`${clip('  implementation')}${real}  ${words(lane.implementation) || 'nothing'}`.trimEnd());
    }
  }
  const divergence = picture.divergence;
  if (divergence !== undefined) {
    const tick = picture.ticks.find((t) => t.tick === divergence.tick);
    const column = tick === undefined ? 0 : columnOf({ tick: tick.tick, slot: 0 }, picture.ticks);
    lines.push(`${''.padEnd(labelWidth + column)}${glyph.marker} tick ${divergence.tick}: the sides part here: ${ruleTitle(divergence.rule)}`);
  }
  const legend = [`${glyph.made} called`, `${glyph.wait}${glyph.wait} waiting`, `${glyph.handoff} served`, `${glyph.hold}${glyph.hold} holding`, `${glyph.released} released`, `${glyph.finished} body ended`, `${glyph.timeout} timeout`, `${glyph.aborted} aborted`, `${glyph.threw} threw or rejected`];
  lines.push(legend.join('  '));
  return lines;
}

/** Escapes text for SVG and HTML. */
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** How {@link timelineSvg} draws. */
export interface SvgOptions {
  /** An id prefix, unique on the page, for the picture's title and description. @defaultValue `'timeline'` */
  readonly id?: string;
}

/**
 * The picture as a standalone SVG element: a row per lane (two where the implementation parts
 * from the model), ticks as columns, the wait dashed, a held handle as a solid bar, marks for
 * the handoff, a timeout, an abort, an error and a release, and the first divergence as a
 * vertical line with its rule. It scales to the width of its container (`width="100%"` and a
 * `viewBox`) and carries a title and a description in words for readers who cannot see it.
 * Colours come from CSS custom properties with defaults (`--toro-model`, `--toro-impl`,
 * `--toro-diverge`, `--toro-ink`, `--toro-grid`), so a page can theme it.
 */
export function timelineSvg(picture: Timeline, options: SvgOptions = {}): string {
  const id = (options.id ?? 'timeline').replace(/[^A-Za-z0-9_-]/g, '-');
  const slotWidth = 22;
  const tickWidth = (t: TimelineTick): number => Math.max(2, t.actions + 1) * slotWidth;
  // The implementation's rows are labelled `implementation`, indented: room for that too.
  const implementationLabel = picture.lanes.some((lane) => lane.implementation !== undefined) ? 16 + 'implementation'.length * 6.6 + 8 : 0;
  const labelWidth = Math.min(260, Math.max(90, implementationLabel, ...picture.lanes.map((lane) => lane.label.length * 6.6 + 12)));
  const rowHeight = 24;
  const top = 34;
  const xs = new Map<number, number>();
  let x = labelWidth;
  for (const t of picture.ticks) {
    xs.set(t.tick, x);
    x += tickWidth(t);
  }
  const xOf = (point: TimePoint): number => {
    const t = picture.ticks.find((c) => c.tick === point.tick);
    const left = xs.get(point.tick) ?? labelWidth;
    if (t === undefined) return left;
    return left + slotWidth / 2 + (point.slot === 'end' ? Math.max(1, t.actions) * slotWidth : point.slot * slotWidth);
  };
  const rows: { lane: Lane; side: LaneSide; real: boolean }[] = [];
  for (const lane of picture.lanes) {
    rows.push({ lane, side: lane.model, real: false });
    if (lane.implementation !== undefined) rows.push({ lane, side: lane.implementation, real: true });
  }
  const divergence = picture.divergence;
  const divergenceText = divergence === undefined ? '' : `tick ${divergence.tick}: the sides part here: ${ruleTitle(divergence.rule)}`;
  const compared = rows.some((row) => row.real) || divergence !== undefined;
  type LegendItem = readonly [MarkKind | 'made' | 'waiting' | 'holding' | 'model' | 'impl', string];
  const legendItems: readonly LegendItem[] = [
    ['made', 'called'],
    ['waiting', 'waiting'],
    ['handoff', 'served'],
    ['holding', 'holding'],
    ['released', 'released'],
    ['finished', 'body ended'],
    ['timeout', 'timeout'],
    ['aborted', 'aborted'],
    ['threw', 'error'],
    ...(compared ? ([['model', 'model'], ['impl', 'implementation']] as const) : []),
  ];
  const charWidth = 6.6;
  const itemWidth = (text: string): number => 22 + text.length * charWidth + 12;
  const width = Math.ceil(Math.max(x + 8, 8 + divergenceText.length * charWidth, 300));
  // The legend wraps to the picture's width.
  const legendRows: LegendItem[][] = [[]];
  let used = 4;
  for (const item of legendItems) {
    if (used + itemWidth(item[1]) > width && (legendRows.at(-1)?.length ?? 0) > 0) {
      legendRows.push([]);
      used = 4;
    }
    legendRows.at(-1)?.push(item);
    used += itemWidth(item[1]);
  }
  const lanesBottom = top + rows.length * rowHeight;
  const divergenceY = lanesBottom + 16;
  const legendTop = lanesBottom + (divergence === undefined ? 12 : 30);
  const height = legendTop + legendRows.length * 18 + 4;
  const parts: string[] = [];
  // Column grid and tick numbers.
  for (const t of picture.ticks) {
    const left = xs.get(t.tick) ?? labelWidth;
    parts.push(`<line x1="${left}" y1="${top - 6}" x2="${left}" y2="${lanesBottom}" class="grid"/>`);
    parts.push(`<text x="${left + 4}" y="14" class="tick">${t.tick}</text>`);
    if (t.advanced > 0) parts.push(`<text x="${left + 4}" y="27" class="time">+${t.advanced}ms</text>`);
  }
  rows.forEach(({ lane, side, real }, r) => {
    const y = top + r * rowHeight + rowHeight / 2;
    const colour = real ? 'impl' : 'model';
    const label = real ? 'implementation' : lane.label;
    parts.push(`<text x="${real ? 16 : 4}" y="${y + 4}" class="label${real ? ' impl-label' : ''}">${escape(label.length > 38 ? `${label.slice(0, 37)}…` : label)}</text>`);
    for (const span of side.spans) {
      const x1 = xOf(span.from);
      const x2 = span.to === undefined ? x : xOf(span.to);
      parts.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" class="${span.kind} ${colour}"/>`);
    }
    parts.push(`<circle cx="${xOf(lane.made)}" cy="${y}" r="3.5" class="made ${colour}"/>`);
    for (const mark of side.marks) parts.push(markSvg(mark, xOf(mark.at), y, colour));
  });
  if (divergence !== undefined) {
    const left = xs.get(divergence.tick) ?? labelWidth;
    parts.push(`<line x1="${left}" y1="${top - 8}" x2="${left}" y2="${lanesBottom + 4}" class="diverge"/>`);
    parts.push(`<text x="4" y="${divergenceY}" class="diverge-label">${escape(divergenceText)}</text>`);
  }
  legendRows.forEach((items, r) => {
    let lx = 4;
    const y = legendTop + r * 18 + 9;
    for (const [kind, text] of items) {
      const cx = lx + 8;
      if (kind === 'made') parts.push(`<circle cx="${cx}" cy="${y}" r="3.5" class="made model"/>`);
      else if (kind === 'waiting' || kind === 'holding') parts.push(`<line x1="${lx}" y1="${y}" x2="${lx + 16}" y2="${y}" class="${kind} model"/>`);
      else if (kind === 'model' || kind === 'impl') parts.push(`<rect x="${lx}" y="${y - 5}" width="16" height="10" rx="2" class="${kind}"/>`);
      else parts.push(markSvg({ kind, at: { tick: 0, slot: 0 } }, cx, y, 'model', false));
      parts.push(`<text x="${lx + 22}" y="${y + 4}" class="legend">${text}</text>`);
      lx += itemWidth(text);
    }
  });
  const description = picture.lanes.map((lane) => `${lane.label}: ${words(lane.model) || 'nothing'}${lane.implementation === undefined ? '' : `; the implementation: ${words(lane.implementation) || 'nothing'}`}`).join('. ');
  // Every rule scoped to the picture: inline in an HTML page, an SVG's <style> applies to the
  // whole page, and would restyle every other drawing there (the site's state diagrams).
  const scoped = (rules: string): string => rules.replace(/(^|\})([^{}]+)\{/g, (_all, end: string, selectors: string) => `${end}${selectors.split(',').map((selector) => `svg.toro-timeline ${selector.trim()}`).join(',')}{`);
  const style = scoped(
    [
      `.grid{stroke:var(--toro-grid,#d0d4da);stroke-width:1}`,
      `text{font:11px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:var(--toro-ink,#24292f)}`,
      `.tick,.time{fill:var(--toro-ink,#24292f);opacity:.7}.time{font-size:9px}`,
      `.impl-label{font-style:italic;opacity:.8}`,
      `.waiting{stroke-width:2;stroke-dasharray:3 3}.holding{stroke-width:5;stroke-linecap:round}`,
      `.model{stroke:var(--toro-model,#0969da);fill:var(--toro-model,#0969da)}.impl{stroke:var(--toro-impl,#bc4c00);fill:var(--toro-impl,#bc4c00)}`,
      `.made{fill:var(--toro-paper,#fff);stroke-width:1.5}`,
      `.cross{stroke-width:2;fill:none}.legend{opacity:.85}`,
      `.diverge{stroke:var(--toro-diverge,#cf222e);stroke-width:2}.diverge-label{fill:var(--toro-diverge,#cf222e);font-weight:600}`,
    ].join(''),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="toro-timeline" width="100%" viewBox="0 0 ${width} ${height}" style="max-width:${width}px" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escape(picture.title)}: one lane per call${picture.divergence === undefined ? '' : `, parting at tick ${picture.divergence.tick}`}</title>`,
    `<desc id="${id}-desc">${escape(description)}</desc>`,
    `<style>${style}</style>`,
    ...parts,
    `</svg>`,
  ].join('\n');
}

/** One mark, drawn: a dot for a handoff or a return, a cross for a timeout, a slashed circle for an abort, a triangle for an error, a bar for a release, a diamond for a composite's end. */
function markSvg(mark: Mark, x: number, y: number, colour: string, titled = true): string {
  const title = titled ? `<title>${escape(`${mark.kind}${mark.detail === undefined ? '' : ` ${mark.detail}`} in tick ${mark.at.tick}`)}</title>` : '';
  switch (mark.kind) {
    case 'handoff':
    case 'returned':
      return `<circle cx="${x}" cy="${y}" r="5" class="${colour}">${title}</circle>`;
    case 'timeout':
      return `<path d="M${x - 5} ${y - 5}L${x + 5} ${y + 5}M${x + 5} ${y - 5}L${x - 5} ${y + 5}" class="cross ${colour}">${title}</path>`;
    case 'aborted':
      return `<g class="cross ${colour}"><circle cx="${x}" cy="${y}" r="5"/><path d="M${x - 4} ${y + 4}L${x + 4} ${y - 4}"/>${title}</g>`;
    case 'threw':
    case 'rejected':
      return `<path d="M${x} ${y - 6}L${x + 6} ${y + 5}L${x - 6} ${y + 5}Z" class="${colour}">${title}</path>`;
    case 'released':
      return `<path d="M${x} ${y - 7}L${x} ${y + 7}" class="cross ${colour}">${title}</path>`;
    case 'finished':
      return `<path d="M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z" class="${colour}">${title}</path>`;
  }
}
