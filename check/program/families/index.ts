/**
 * Every family the checker knows, and the family of a primitive.
 *
 * @module
 */

import type { PrimitiveName } from '../program.js';
import { barrierFamily } from './barrier.js';
import { conditionFamily } from './condition.js';
import { eventFamily } from './event.js';
import type { CallRecipe, Family } from './family.js';
import { queueFamily } from './queue.js';
import { rwlockFamily } from './rwlock.js';
import { semaphoreFamily } from './semaphore.js';
import { weightedSemaphoreFamily } from './weighted-semaphore.js';

export type { CallInfo, CallRecipe, Family, LimitEnd, ModelChoices, Recipe, ZeroTimeout } from './family.js';

/**
 * toro-ts's own composite calls, each with the model call it stands for: the checker checks them
 * on toro-ts with no adapter code, and a program that makes them runs on the model with them.
 */
export const NATIVE_COMPOSITES: Readonly<Record<string, string>> = { runExclusive: 'acquire', runRead: 'acquireRead', runWrite: 'acquireWrite' };

/** Every family, each with the primitives it specifies. */
export const families: readonly Family[] = [semaphoreFamily, weightedSemaphoreFamily, rwlockFamily, eventFamily, conditionFamily, barrierFamily, queueFamily] as readonly Family<any, any>[];

/** The family that specifies `primitive`. */
export function familyOf(primitive: PrimitiveName): Family {
  const family = families.find((f) => f.primitives.includes(primitive));
  if (family === undefined) throw new Error(`no model for ${primitive}`);
  return family;
}

/** The calls of a family that wait, and those whose value is a handle. */
export function callKinds(family: Family): { waits: string[]; givesHandle: string[] } {
  const entries = Object.entries(family.calls);
  return { waits: entries.filter(([, info]) => info.waits).map(([name]) => name), givesHandle: entries.filter(([, info]) => info.givesHandle === true).map(([name]) => name) };
}

/**
 * The fields of `statistics` an implementation that offers `calls` (by the model's names) need
 * not report: those whose calls it lacks (see {@link Family.statisticsCalls}).
 */
export function undemandedFields(family: Family, calls: ReadonlySet<string>): Set<string> {
  return new Set(Object.entries(family.statisticsCalls ?? {}).filter(([, belongs]) => !belongs.some((call) => calls.has(call))).map(([field]) => field));
}

/** One call of a primitive, as a reader of its vocabulary sees it. */
export interface CallWord {
  readonly call: string;
  /** Made on a handle an earlier call was given (a releaser's `release`). */
  readonly onHandle: boolean;
  /** The arguments programs give it, by the program's field names (`key`, `weight`, `n`, `immediate`). */
  readonly takes: readonly string[];
  /** A composite of toro-ts's (`runExclusive`): the model call it stands for. */
  readonly standsFor?: string;
}

/**
 * The calls programs make on `primitive`, in its recipe's order, then the composites that stand
 * for one of them ({@link NATIVE_COMPOSITES}): the vocabulary the guides, the explorer and the
 * command line list.
 */
export function callsOf(primitive: PrimitiveName): CallWord[] {
  const family = familyOf(primitive);
  const words: CallWord[] = [];
  const takes = (recipe: CallRecipe): string[] => [
    ...(recipe.keys === undefined ? [] : ['key']),
    ...(recipe.weights === undefined ? [] : ['weight']),
    ...(recipe.counts === undefined && recipe.badCounts === undefined ? [] : [family.calls[recipe.call]?.countName ?? 'n']),
    ...(recipe.flags === undefined ? [] : ['immediate']),
  ];
  const recipes = family.recipe(primitive).calls;
  for (const recipe of recipes) {
    const onHandle = recipe.onHandle === true;
    if (!words.some((word) => word.call === recipe.call && word.onHandle === onHandle)) words.push({ call: recipe.call, onHandle, takes: takes(recipe) });
  }
  for (const [composite, as] of Object.entries(NATIVE_COMPOSITES)) {
    const recipe = recipes.find((r) => r.call === as && r.onHandle !== true);
    if (recipe !== undefined) words.push({ call: composite, onHandle: false, takes: takes(recipe), standsFor: as });
  }
  return words;
}

/**
 * The observers a trace of `primitive` shows, by the model's names, with the fields of
 * `statistics()`: what the model says of a new instance (with the least parameters its recipe
 * gives that the constructor takes).
 */
export function observersOf(primitive: PrimitiveName): { readonly observers: readonly string[]; readonly statistics: readonly string[] } {
  const family = familyOf(primitive);
  const choices = Object.entries(family.recipe(primitive).params).map(([name, values]) => [name, [...values].sort((a, b) => a - b)] as const);
  const params: Record<string, number> = {};
  for (const [name, values] of choices) params[name] = values.find((value) => !isRefused(family.init(primitive, { ...params, [name]: value }))) ?? values[0] ?? 0;
  const state = family.init(primitive, params);
  if (isRefused(state)) throw new Error(`${primitive}: no parameters of its recipe make one (${state.error})`);
  const observed = family.observe(state);
  const statistics = observed['statistics'];
  return {
    observers: Object.keys(observed),
    statistics: typeof statistics === 'object' && statistics !== null && !Array.isArray(statistics) ? Object.keys(statistics) : [],
  };
}

const isRefused = (state: unknown): state is { readonly error: string } => typeof state === 'object' && state !== null && 'error' in state;
