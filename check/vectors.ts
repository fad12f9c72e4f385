/**
 * Conformance vectors: programs with the trace the model gives them, which a port replays with
 * no Node at all (run the program, compare each tick). This module makes them from the models
 * and replays them against a target. Pure, but for {@link replayVectors}, which runs a target.
 *
 * @module
 */

import { compareTraces, type Divergence } from './compare/compare.js';
import { familyOf } from './program/families/index.js';
import { modelTrace } from './program/model-session.js';
import { isCall, type PrimitiveName, type Program, type Trace } from './program/program.js';
import { RULES, type RuleId } from './compare/rules.js';
import { NON_BLOCKING, type RunOutcome } from './run/run.js';

/** The version of the vectors' format: it changes when a vector's shape does. */
export const VECTORS_VERSION = 1;

/** One vector: a program, the model's trace of it, where it comes from, and the rules it exercises. */
export interface Vector {
  readonly name: string;
  /** `exhaustive` (every short program), `zoo` (a bug zoo counterexample), or `random` (a seeded sample). */
  readonly source: 'exhaustive' | 'zoo' | 'random';
  readonly tags: readonly RuleId[];
  readonly program: Program;
  readonly trace: Trace;
}

/** A primitive's vectors, as a file holds them. */
export interface VectorFile {
  readonly version: number;
  readonly primitive: PrimitiveName;
  readonly vectors: readonly Vector[];
}

/** The rules a program exercises, read from its model trace. */
export function tagsOf(program: Program, trace: Trace): RuleId[] {
  const tags = new Set<RuleId>();
  const calls = new Map<number, string>();
  for (const tick of program.ticks) for (const action of tick) if (isCall(action)) calls.set(action.id, action.call);
  let pending = new Set<number>();
  let waitingBefore = 0;
  const waiting = (observed: Trace['initial']): number => {
    const s = observed['statistics'];
    if (typeof s !== 'object' || s === null) return 0;
    const r = s as Readonly<Record<string, unknown>>;
    return (typeof r['waiting'] === 'number' ? r['waiting'] : 0) + (typeof r['putters'] === 'number' ? r['putters'] : 0);
  };
  waitingBefore = waiting(trace.initial);
  program.ticks.forEach((actions, i) => {
    const tick = trace.ticks[i];
    if (tick === undefined) return;
    for (const action of actions) {
      if (!isCall(action)) continue;
      if (action.on !== undefined || (action.call === 'release' && program.primitive !== 'Event')) tags.add('ownership');
      if (action.timeout !== undefined || action.signal !== undefined) tags.add('cleanup');
    }
    for (const call of tick.calls) {
      const name = calls.get(call.id) ?? '';
      if (NON_BLOCKING.has(name) && waitingBefore > 0) tags.add('noBarging');
      if (call.result.kind === 'threw' && (call.result.error === 'RangeError' || call.result.error === 'TypeError')) tags.add('badInput');
      if (call.result.kind === 'pending') pending.add(call.id);
      if (call.observed !== undefined) waitingBefore = waiting(call.observed);
    }
    if (tick.settled.length >= 2) tags.add('settlementOrder');
    for (const s of tick.settled) {
      const waited = pending.has(s.id) && !tick.calls.some((c) => c.id === s.id);
      if (s.outcome === 'timeout' || s.outcome === 'aborted') tags.add('atomicCancellation');
      if (s.outcome === 'resolved' && waited) {
        tags.add(pending.size >= 2 ? 'fifo' : 'conservation');
        if (familyOf(program.primitive).primitives.includes('Queue')) tags.add('queues');
      }
    }
    pending = new Set([...pending].filter((id) => !tick.settled.some((s) => s.id === id)));
    waitingBefore = waiting(tick.observed);
  });
  return (Object.keys(RULES) as RuleId[]).filter((rule) => tags.has(rule));
}

/** A vector for `program`, with its model trace and tags. */
export function vector(name: string, source: Vector['source'], program: Program): Vector {
  const trace = modelTrace(program);
  return { name, source, tags: tagsOf(program, trace), program, trace };
}

/** Where a target parts from a vector, or `undefined` when it agrees with every tick. */
export function vectorDivergence(stored: Vector, outcome: RunOutcome): Divergence | undefined {
  const { program, trace } = stored;
  const stopped = outcome.actual.ticks.length < trace.ticks.length;
  const divergence = compareTraces(program, trace, outcome.actual, { queue: familyOf(program.primitive).primitives.includes('Queue') });
  if (divergence !== undefined || !stopped) return divergence;
  return outcome.divergence ?? { rule: 'returns', tick: outcome.actual.ticks.length + 1, summary: 'the run stopped before this tick', expected: 'a tick', actual: 'none' };
}

/** Replays `vectors` on a target (its `run`), and returns those it parts from. */
export async function replayVectors(run: (program: Program) => Promise<RunOutcome>, vectors: readonly Vector[]): Promise<{ vector: Vector; divergence: Divergence }[]> {
  const failures: { vector: Vector; divergence: Divergence }[] = [];
  for (const stored of vectors) {
    const divergence = vectorDivergence(stored, await run(stored.program));
    if (divergence !== undefined) failures.push({ vector: stored, divergence });
  }
  return failures;
}
