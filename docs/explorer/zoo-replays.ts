/**
 * The bug zoo's counterexamples, each as a link into the explorer: the shortest program the
 * checker found for the entry, with the trace the broken implementation gives it (run here, in
 * Node, as the checker runs it), so the explorer shows both side by side and marks the first tick
 * where they part, and the timeline picture of the two. Made at build time by the docs plugin for
 * the zoo's section of the fairness guide; nothing is written by hand, so a new zoo entry gets
 * its link and its picture with no line here.
 */

import { nativeAdapter } from '../../check/run/adapter.js';
import { parseProgram } from '../../check/program/program.js';
import { runProgram } from '../../check/run/run.js';
import { zoo } from '../../properties/zoo/catalog.js';
import { timelineFigure } from '../timeline-figure.js';
import { toHash } from './core.js';

/** One zoo entry's counterexample, ready to link to. */
export interface ZooReplay {
  readonly bug: string;
  readonly primitive: string;
  /** The rule the checker names. */
  readonly rule: string;
  /** The program, printed. */
  readonly program: string;
  /** The explorer's fragment (`#program=...&trace=...`). */
  readonly hash: string;
  /** The timeline picture of the model beside the broken implementation, as HTML. */
  readonly figure: string;
}

/** Every zoo entry's counterexample, in the catalog's order. */
export async function zooReplays(): Promise<ZooReplay[]> {
  const replays: ZooReplay[] = [];
  for (const entry of zoo) {
    const program = parseProgram(entry.caught.program);
    const adapter = nativeAdapter(entry.primitive, entry.make, { name: entry.bug });
    // What the entry declares beyond toro-ts's API (a composite's limit, priorities), as the zoo tests run it.
    const outcome = await runProgram(entry.adapt?.(adapter) ?? adapter, program);
    const hash = toHash({ program, other: { name: `zoo: ${entry.bug}`, trace: outcome.actual } });
    const parting = outcome.divergence === undefined ? 'agreeing' : `parting at tick ${outcome.divergence.tick}: ${outcome.divergence.summary}`;
    const figure = timelineFigure(
      { program, expected: outcome.expected, actual: outcome.actual, ...(outcome.divergence === undefined ? {} : { divergence: outcome.divergence }) },
      `The model and ${entry.bug}, ${parting}.`,
      `zoo-${replays.length}`,
    );
    replays.push({ bug: entry.bug, primitive: entry.primitive, rule: entry.caught.rule, program: entry.caught.program, hash, figure });
  }
  return replays;
}
