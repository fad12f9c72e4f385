/**
 * Every family the checker knows, and the family of a primitive.
 *
 * @module
 */

import type { PrimitiveName } from '../program.js';
import { barrierFamily } from './barrier.js';
import { conditionFamily } from './condition.js';
import { eventFamily } from './event.js';
import type { Family } from './family.js';
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
