/**
 * A model's reachable set, as the coverage figures count it: every exact state (see
 * `check/generate/coverage.ts`) reachable from the recipe's initial states through exact states,
 * and every transition out of them, by a breadth-first exploration of the model's own
 * operations.
 *
 * The operations are those a program can make the model take, within a target's capabilities:
 * each call of the recipe with each of its argument variants (keys, counts, weights, flags,
 * priorities where the target takes them, and the bad ones where it takes bad input), a waiting call plain, with a timeout of 0, with
 * a later timeout, or with a signal already aborted; a call on a handle on each id the state
 * holds that is not waiting, and on one it no longer holds (a releaser used before); a timeout
 * and an abort of each waiter still waiting (a waiter is one whose abort settles it).
 *
 * The bound is the abstraction's: lists of at most four, counts of at most eight. It makes the
 * exploration finite without a depth: it runs until no new exact state turns up.
 *
 * @module
 */

import type { Step } from '../../model/common.js';
import { stateKey, transitionKey, type StateReading } from '../../check/generate/coverage.js';
import type { Capabilities } from '../../check/generate/generate.js';
import { familyOf, type Family } from '../../check/program/families/index.js';
import type { CallAction, Num, PrimitiveName } from '../../check/program/program.js';

/** The exact states and transitions a model can reach. */
export interface Reachable {
  readonly states: ReadonlySet<string>;
  readonly transitions: ReadonlySet<string>;
}

/** Every combination of the recipe's constructor parameters the target takes. */
function paramSets(primitive: PrimitiveName, capabilities: Capabilities): Record<string, number>[] {
  const recipe = familyOf(primitive).recipe(primitive);
  let sets: Record<string, number>[] = [{}];
  for (const [name, values] of Object.entries(recipe.params)) {
    const allowed = [...new Set(capabilities.params?.[name] ?? values)];
    sets = sets.flatMap((set) => allowed.map((value) => ({ ...set, [name]: value })));
  }
  return sets;
}

/** The calls of the alphabet with their argument variants, ids left to fill. */
function callVariants(primitive: PrimitiveName, capabilities: Capabilities): Omit<CallAction, 'id'>[] {
  const family = familyOf(primitive);
  const variants: Omit<CallAction, 'id'>[] = [];
  for (const recipe of family.recipe(primitive).calls) {
    if (recipe.onHandle === true ? !capabilities.handleRelease && Object.keys(capabilities.composites ?? {}).length === 0 : !capabilities.calls.has(recipe.call)) continue;
    const keys = recipe.keys === undefined ? [undefined] : [...new Set(recipe.keys)];
    const counts: (Num | undefined)[] | undefined = recipe.counts === undefined ? undefined : [...new Set(recipe.counts)];
    if (counts !== undefined && capabilities.badInput) counts.push(...(recipe.badCounts ?? []));
    const weights: (Num | undefined)[] = recipe.weights === undefined ? [undefined] : [...new Set(recipe.weights)];
    if (recipe.weights !== undefined && capabilities.badInput) weights.push(...(recipe.badWeights ?? []));
    const flags = recipe.flags === undefined ? [false] : [...new Set(recipe.flags)];
    const priorities: (number | undefined)[] = capabilities.priority?.calls.has(recipe.call) === true ? [undefined, ...new Set(capabilities.priority.values)] : [undefined];
    for (const key of keys)
      for (const n of counts ?? [undefined])
        for (const weight of weights)
          for (const flag of flags)
            for (const priority of priorities)
              variants.push({
                call: recipe.call,
                ...(key === undefined ? {} : { key }),
                ...(n === undefined ? {} : { n }),
                ...(weight === undefined ? {} : { weight }),
                ...(flag ? { immediate: true as const } : {}),
                ...(priority === undefined ? {} : { priority }),
                ...(recipe.onHandle === true ? { on: -1 } : {}),
              });
  }
  return variants;
}

/** The ids a state holds, in its names' order. */
const idsOf = (reading: StateReading): number[] => [...reading.names.keys()];

/** Explores `primitive`'s model within `capabilities`. */
export function reachable(primitive: PrimitiveName, capabilities: Capabilities): Reachable {
  const family = familyOf(primitive) as Family;
  const calls = callVariants(primitive, capabilities);
  // As the session makes them: a timeout or none, and whether the signal was already aborted.
  const waitSpecs = (capabilities.timeout ? [undefined, 0, 1] : [undefined]).flatMap((timeout) => (capabilities.signal ? [false, true] : [false]).map((aborted) => ({ timeout, aborted })));
  const states = new Map<string, unknown>();
  const transitions = new Set<string>();
  let frontier: unknown[] = [];
  const visit = (state: unknown): void => {
    const reading = stateKey(state);
    if (!reading.exact || states.has(reading.text)) return;
    states.set(reading.text, state);
    frontier.push(state);
  };
  for (const params of paramSets(primitive, capabilities)) {
    const state = family.init(primitive, params);
    if (typeof state === 'object' && state !== null && 'error' in state) continue;
    visit(state);
  }
  while (frontier.length > 0) {
    const current = frontier;
    frontier = [];
    for (const state of current) {
      const reading = stateKey(state);
      const ids = idsOf(reading);
      const fresh = Math.max(0, ...ids) + 1;
      const waiting = ids.filter((id) => family.step(state, family.abortOp(id)).settled.some((s) => s.waiter === id && s.outcome === 'aborted'));
      const ops: unknown[] = [];
      for (const call of calls) {
        const info = family.calls[call.call];
        if (call.on !== undefined) {
          for (const on of [...ids.filter((id) => !waiting.includes(id)), -1]) ops.push(family.op({ ...call, id: fresh, on }, {}, {}));
        } else if (info?.waits === true) {
          for (const wait of waitSpecs) ops.push(family.op({ ...call, id: fresh }, wait, {}));
        } else {
          ops.push(family.op({ ...call, id: fresh }, {}, {}));
        }
      }
      for (const id of waiting) {
        if (capabilities.timeout) ops.push(family.timeoutOp(id));
        if (capabilities.signal) ops.push(family.abortOp(id));
      }
      for (const op of ops) {
        if (op === undefined) continue;
        transitions.add(transitionKey(reading, op));
        visit((family.step(state, op) as Step<unknown>).state);
      }
    }
  }
  return { states: new Set(states.keys()), transitions };
}
