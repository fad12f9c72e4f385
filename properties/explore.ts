/**
 * Exhaustive exploration of a model: every sequence of operations up to a depth, from every
 * initial state given, breadth first, with states deduplicated by their printed form. Checks
 * every invariant in every state reached and the step's own promises (a waiter settles at most
 * once per step, an illegal call changes nothing).
 */

import { isDeepStrictEqual } from 'node:util';
import type { Step, StepInvariant } from '../model/common.js';

export interface Exploration {
  /** Distinct states reached. */
  readonly states: number;
  /** Transitions taken. */
  readonly transitions: number;
  /** Invariant violations, with the path that led there; empty when the model is sound. */
  readonly violations: readonly string[];
}

/**
 * Explores from `initial`, applying every op `enabled(state)` lists, to `depth` steps.
 * `key` identifies a state (defaults to its JSON).
 */
export function explore<S, Op>(options: {
  readonly initial: readonly S[];
  readonly enabled: (state: S) => readonly Op[];
  readonly step: (state: S, op: Op) => Step<S>;
  readonly invariants: Readonly<Record<string, (state: S) => boolean>>;
  /** Named rules about one transition, checked on every transition taken. */
  readonly stepInvariants?: Readonly<Record<string, StepInvariant<S, Op>>>;
  readonly depth: number;
  readonly key?: (state: S) => string;
}): Exploration {
  const key = options.key ?? ((state: S) => JSON.stringify(state));
  const seen = new Map<string, string>();
  const violations: string[] = [];
  let transitions = 0;
  let frontier: { state: S; path: string }[] = [];
  const visit = (state: S, path: string): void => {
    const k = key(state);
    if (seen.has(k)) return;
    seen.set(k, path);
    for (const [name, holds] of Object.entries(options.invariants)) {
      if (!holds(state)) violations.push(`${name} broken in ${k} after ${path}`);
    }
    frontier.push({ state, path });
  };
  for (const state of options.initial) visit(state, 'init');
  for (let level = 0; level < options.depth && frontier.length > 0; level++) {
    const current = frontier;
    frontier = [];
    for (const { state, path } of current) {
      for (const op of options.enabled(state)) {
        transitions++;
        const before = structuredClone(state);
        const next = options.step(state, op);
        const where = `${path} → ${JSON.stringify(op)}`;
        if (!isDeepStrictEqual(state, before)) violations.push(`step mutated its input at ${where}`);
        const waiters = next.settled.map((s) => s.waiter);
        if (new Set(waiters).size !== waiters.length) violations.push(`a waiter settled twice at ${where}`);
        if (next.returned.kind === 'threw' && !isDeepStrictEqual(next.state, state)) violations.push(`a refused call changed the state at ${where}`);
        for (const [name, holds] of Object.entries(options.stepInvariants ?? {})) {
          if (!holds(state, op, next)) violations.push(`${name} broken at ${where}: ${JSON.stringify(next)}`);
        }
        visit(next.state, where);
      }
    }
  }
  return { states: seen.size, transitions, violations };
}
