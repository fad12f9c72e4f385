/**
 * A divergence as a person reads it in a terminal: the rule and the sentence that says what
 * went wrong, the minimal program, its timeline (one lane per call, the point where the sides
 * part marked once), then both traces with the first line where they part marked on each side.
 * And how traces are printed for a target, the same way on both sides and in its reproduction.
 *
 * @module
 */

import { showDivergence, type CompareChoices, type Divergence } from '../compare/compare.js';
import { familyOf } from '../program/families/index.js';
import { showProgram, type Program, type Trace } from '../program/program.js';
import { traceLines, type LineOptions } from './lines.js';
import { timeline, timelineText } from './timeline.js';

/** What a failure report shows. */
export interface FailureView {
  readonly divergence: Divergence;
  readonly program: Program;
  readonly expected: Trace;
  readonly actual: Trace;
  /** How its traces print. */
  readonly lines: LineOptions;
}

/**
 * How traces print for a target with these observers and choices, and this divergence: the
 * observers both sides have (statistics by the model's fields), those right after each call
 * unless only those after a tick are compared, timers and listeners for a clean-up
 * divergence, and settlements in waiter order where their order within a tick is not compared.
 */
export function lineOptionsFor(program: Program, observers: readonly string[], choices: CompareChoices & { readonly composites?: Readonly<Record<string, string>> }, divergence: Divergence | undefined): LineOptions {
  const family = familyOf(program.primitive);
  const initial = family.init(program.primitive, program.params);
  const modelObservation = typeof initial === 'object' && initial !== null && 'error' in initial ? {} : family.observe(initial as never);
  const statistics = modelObservation['statistics'];
  const composite = program.ticks.some((tick) => tick.some((action) => 'call' in action && choices.composites?.[action.call] !== undefined));
  return {
    observers: observers.filter((name) => name in modelObservation),
    ...(typeof statistics === 'object' && statistics !== null ? { statistics: Object.keys(statistics) } : {}),
    ...(choices.observe === 'afterTick' ? { atCall: false } : {}),
    ...(divergence?.rule === 'cleanup' ? { resources: true } : {}),
    // A composite's handoff shows when its body starts, so a tick's settlements print in waiter order.
    ...(choices.settlementOrder === 'perTick' || composite ? { sortSettled: true } : {}),
  };
}

/**
 * The two lists of lines aligned for reading side by side: a row for each line both have, in
 * the order both have them (a longest common subsequence), and between those, the lines only
 * one side has, the model's beside the implementation's that stand in their place.
 */
export function alignLines(model: readonly string[], implementation: readonly string[]): { readonly model?: string; readonly implementation?: string }[] {
  const n = model.length;
  const m = implementation.length;
  // common[i][j]: the longest common subsequence of model[i..] and implementation[j..].
  const common: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      (common[i] as number[])[j] = model[i] === implementation[j] ? ((common[i + 1] as number[])[j + 1] as number) + 1 : Math.max((common[i + 1] as number[])[j] as number, (common[i] as number[])[j + 1] as number);
    }
  }
  const rows: { model?: string; implementation?: string }[] = [];
  let onlyModel: string[] = [];
  let onlyImplementation: string[] = [];
  const flush = (): void => {
    for (let k = 0; k < Math.max(onlyModel.length, onlyImplementation.length); k++) {
      const a = onlyModel[k];
      const b = onlyImplementation[k];
      rows.push({ ...(a === undefined ? {} : { model: a }), ...(b === undefined ? {} : { implementation: b }) });
    }
    onlyModel = [];
    onlyImplementation = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && model[i] === implementation[j]) {
      flush();
      rows.push({ model: model[i] as string, implementation: implementation[j] as string });
      i++;
      j++;
    } else if (j < m && (i === n || ((common[i] as number[])[j + 1] as number) >= ((common[i + 1] as number[])[j] as number))) {
      onlyImplementation.push(implementation[j] as string);
      j++;
    } else {
      onlyModel.push(model[i] as string);
      i++;
    }
  }
  flush();
  return rows;
}

/** The index of the first line where `a` and `b` differ (one running out counts), or -1 when they are equal. */
function firstDifference(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** A failure, printed for a terminal; see the module comment. */
export function failureText(view: FailureView): string {
  const want = traceLines(view.expected, view.lines);
  const got = traceLines(view.actual, view.lines);
  const first = firstDifference(want, got);
  const mark = (lines: readonly string[]): string[] => lines.map((line, i) => `${i === first ? '> ' : '  '}${line}`);
  const picture = timelineText(timeline(view.program, view.expected, view.actual, view.divergence));
  return [
    showDivergence(view.divergence),
    '',
    'minimal program:',
    showProgram(view.program),
    '',
    'timeline:',
    ...picture.map((line) => `  ${line}`),
    '',
    `model says:${first < 0 ? '' : ' (">" marks the first line where the two part)'}`,
    ...mark(want).map((line) => `  ${line}`),
    'implementation did:',
    ...mark(got).map((line) => `  ${line}`),
    ...(first >= got.length && first >= 0 ? [`  > (nothing more)`] : []),
  ].join('\n');
}
