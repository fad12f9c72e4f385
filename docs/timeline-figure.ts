/**
 * A timeline picture (`check/report/timeline.ts`) as the site shows it: the SVG in a figure with
 * a caption, inside a box that scrolls sideways on a narrow screen rather than shrinking the
 * picture's text below legibility. Used by the explorer (in the browser), by the docs plugin
 * for the bug zoo's counterexamples, and by the pages that show findings (What the checker
 * finds, Tornado and asyncio against the specification). Pure: no Node API, no DOM.
 */

import type { Divergence } from '../check/compare/compare.js';
import type { Program, Trace } from '../check/program/program.js';
import { timeline, timelineSvg } from '../check/report/timeline.js';

/** The least scale the picture is drawn at (its text is 11 px at full size): below it, the box scrolls. */
export const LEAST_SCALE = 0.8;

/** What a figure draws: a program, the model's trace, and another implementation's with where it parts. */
export interface TimelineInput {
  readonly program: Program;
  readonly expected: Pick<Trace, 'ticks'>;
  readonly actual?: Pick<Trace, 'ticks'>;
  readonly divergence?: Pick<Divergence, 'tick' | 'rule' | 'summary'>;
}

/** Text for HTML. */
const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The figure, as HTML: `figure.toro-timeline-figure` holding `div.toro-timeline-box` (which
 * scrolls) and the SVG, which is never drawn narrower than {@link LEAST_SCALE} of its width;
 * `caption` (plain text) below. `id` makes the picture's title and description unique on the page.
 */
export function timelineFigure(input: TimelineInput, caption: string, id: string): string {
  const picture = timeline(input.program, input.expected, input.actual, input.divergence);
  const svg = timelineSvg(picture, { id });
  const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1] ?? '0');
  const sized = width > 0 ? svg.replace(/style="max-width:([\d.]+)px"/, `style="max-width:$1px;min-width:${Math.round(width * LEAST_SCALE)}px"`) : svg;
  return `<figure class="toro-timeline-figure" data-lanes="${picture.lanes.length}"${picture.divergence === undefined ? '' : ` data-diverges="${picture.divergence.tick}"`}><div class="toro-timeline-box">${sized}</div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}
