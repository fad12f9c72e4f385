/**
 * Shrinking a failing program further than fast-check's shrinker goes: greedily drop whole
 * ticks, then groups that only go as a whole (a span of ticks, a call with the calls on its
 * handle, a signal with every call that uses it and its aborts), then single actions anywhere,
 * then simplify each call (no signal, no timeout, key 0, no count, no priority, no limit, a held
 * body) and the constructor parameters, for as long as the program still fails. The result is
 * 1-minimal (removing or simplifying any one thing makes it pass), and no such group can go
 * either.
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

/** Where an action is: its tick and its place in the tick. */
type Place = readonly [tick: number, action: number];

/**
 * Groups of actions that may have to go together: a span of two or more ticks (longest first),
 * a call with every call made on its handle, a signal with its aborts and every call that uses
 * it (and the calls on their handles).
 */
function groups(program: Program): Place[][] {
  const found: Place[][] = [];
  const n = program.ticks.length;
  for (let length = n - 1; length >= 2; length--) {
    for (let start = n - length; start >= 0; start--) {
      found.push(program.ticks.flatMap((tick, i) => (i >= start && i < start + length ? tick.map((_, j): Place => [i, j]) : [])));
    }
  }
  const places = program.ticks.flatMap((tick, i) => tick.map((action, j) => ({ action, place: [i, j] as Place })));
  // A call's group: the call and, transitively, the calls made on its handle.
  const withHandles = (ids: ReadonlySet<number>): Set<number> => {
    const all = new Set(ids);
    for (const { action } of places) if (isCall(action) && action.on !== undefined && all.has(action.on)) all.add(action.id);
    return all;
  };
  const placesOf = (ids: ReadonlySet<number>, also: (action: Action) => boolean = () => false): Place[] =>
    places.filter(({ action }) => (isCall(action) && ids.has(action.id)) || also(action)).map(({ place }) => place);
  for (const { action } of places) {
    if (!isCall(action) || action.on !== undefined) continue;
    const ids = withHandles(new Set([action.id]));
    if (ids.size > 1) found.push(placesOf(ids));
  }
  const signals = new Set(places.flatMap(({ action }) => ('abort' in action ? [action.abort] : isCall(action) && action.signal !== undefined ? [action.signal] : [])));
  for (const signal of signals) {
    const users = new Set(places.flatMap(({ action }) => (isCall(action) && action.signal === signal ? [action.id] : [])));
    const group = placesOf(withHandles(users), (action) => 'abort' in action && action.abort === signal);
    if (group.length > 1) found.push(group);
  }
  return found;
}

/** `program` without the actions at `places`, and without the ticks left empty. */
function without(program: Program, places: readonly Place[]): Program {
  const gone = new Set(places.map(([i, j]) => `${i}:${j}`));
  return { ...program, ticks: program.ticks.map((tick, i) => tick.filter((_, j) => !gone.has(`${i}:${j}`))).filter((tick) => tick.length > 0) };
}

/**
 * `program` with its calls numbered 0, 1, 2, ... in the order they are made and its signals
 * 0, 1, 2, ... in the order they are first named, as a generated program is: a shrunk program
 * keeps the ids of the one it came from (`#0, #2, #3`), which this tidies.
 */
export function renumber(program: Program): Program {
  const ids = new Map<number, number>();
  const signals = new Map<number, number>();
  const signal = (n: number): number => {
    if (!signals.has(n)) signals.set(n, signals.size);
    return signals.get(n) as number;
  };
  for (const tick of program.ticks) for (const action of tick) if (isCall(action) && !ids.has(action.id)) ids.set(action.id, ids.size);
  // A call on a handle no call of the program was given keeps naming no call.
  for (const tick of program.ticks) for (const action of tick) if (isCall(action) && action.on !== undefined && !ids.has(action.on)) ids.set(action.on, ids.size);
  const ticks = program.ticks.map((tick) =>
    tick.map((action): Action => {
      if ('abort' in action) return { abort: signal(action.abort) };
      if (!isCall(action)) return action;
      const renamed: { -readonly [K in keyof CallAction]: CallAction[K] } = { ...action, id: ids.get(action.id) as number };
      if (action.on !== undefined) renamed.on = ids.get(action.on) as number;
      if (action.signal !== undefined) renamed.signal = signal(action.signal);
      return renamed;
    }),
  );
  return { ...program, ticks };
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
    for (const group of groups(current)) {
      // The groups are those of the program before this removal: look for them again in the next round.
      if (await attempt(without(current, group))) {
        changed = true;
        break;
      }
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
