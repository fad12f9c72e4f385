/**
 * Shrinking a failing program further than fast-check's shrinker goes: greedily drop whole
 * ticks, then single actions anywhere, then simplify each call (no signal, no timeout, key 0,
 * no count, no priority, no limit, a held body) and the constructor parameters, for as long as the program still fails. The result
 * is 1-minimal: removing or simplifying any one thing makes it pass.
 *
 * @module
 */

import { familyOf } from '../program/families/index.js';
import { isCall, type Action, type CallAction, type Program } from '../program/program.js';

/** Simpler forms of one call, each with one thing fewer. */
function simplerCalls(action: CallAction): CallAction[] {
  const variants: CallAction[] = [];
  const without = (field: 'signal' | 'timeout' | 'n' | 'immediate' | 'priority' | 'body' | 'limit'): CallAction => {
    const { [field]: _dropped, ...rest } = action;
    return rest as CallAction;
  };
  if (action.signal !== undefined) variants.push(without('signal'));
  if (action.timeout !== undefined) variants.push(without('timeout'));
  if (action.n !== undefined) variants.push(without('n'));
  if (action.immediate !== undefined) variants.push(without('immediate'));
  if (action.priority !== undefined) variants.push(without('priority'));
  if (action.limit !== undefined) variants.push(without('limit'));
  // A held body is the simplest: it ends only when the program says so.
  if (action.body !== undefined) variants.push(without('body'));
  if (action.key !== undefined && action.key !== 0) variants.push({ ...action, key: 0 });
  if (action.weight !== undefined && action.weight !== 1) variants.push({ ...action, weight: 1 });
  return variants;
}

/**
 * Simpler constructor parameters: each parameter at a smaller value its recipe allows, within
 * the values the implementation takes (a library may refuse a value of 0).
 */
function simplerParams(program: Program, narrowed: Readonly<Record<string, readonly number[]>> = {}): Program['params'][] {
  const recipe = familyOf(program.primitive).recipe(program.primitive);
  const variants: Program['params'][] = [];
  for (const [name, value] of Object.entries(program.params)) {
    const allowed = [...new Set(narrowed[name] ?? recipe.params[name] ?? [])].sort((a, b) => a - b);
    for (const smaller of allowed) if (typeof value === 'number' && smaller < value) variants.push({ ...program.params, [name]: smaller });
  }
  return variants;
}

/** Shrinks `program` while `fails` says it still fails; `params` are the values the implementation takes. */
export async function shrink(program: Program, fails: (candidate: Program) => Promise<boolean>, params?: Readonly<Record<string, readonly number[]>>): Promise<Program> {
  let current = program;
  const attempt = async (candidate: Program): Promise<boolean> => {
    if (!(await fails(candidate))) return false;
    current = candidate;
    return true;
  };
  const withTicks = (ticks: readonly (readonly Action[])[]): Program => ({ ...current, ticks: ticks.filter((tick) => tick.length > 0) });
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = current.ticks.length - 1; i >= 0; i--) {
      if (await attempt(withTicks(current.ticks.filter((_, k) => k !== i)))) changed = true;
    }
    for (let i = current.ticks.length - 1; i >= 0; i--) {
      for (let j = (current.ticks[i]?.length ?? 0) - 1; j >= 0; j--) {
        if (await attempt(withTicks(current.ticks.map((tick, k) => (k === i ? tick.filter((_, c) => c !== j) : tick))))) changed = true;
      }
    }
    for (let i = 0; i < current.ticks.length; i++) {
      for (let j = 0; j < (current.ticks[i]?.length ?? 0); j++) {
        const action = current.ticks[i]?.[j];
        if (action === undefined || !isCall(action)) continue;
        for (const variant of simplerCalls(action)) {
          if (await attempt(withTicks(current.ticks.map((tick, k) => (k === i ? tick.map((a, c) => (c === j ? variant : a)) : tick))))) {
            changed = true;
            break;
          }
        }
      }
    }
    for (const simpler of simplerParams(current, params)) {
      if (await attempt({ ...current, params: simpler })) {
        changed = true;
        break;
      }
    }
  }
  return current;
}
