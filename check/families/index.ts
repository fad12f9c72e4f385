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

export type { CallInfo, CallRecipe, Family, ModelChoices, Recipe, ZeroTimeout } from './family.js';

/** Every family, each with the primitives it specifies. */
export const families: readonly Family[] = [semaphoreFamily, weightedSemaphoreFamily, rwlockFamily, eventFamily, conditionFamily, barrierFamily, queueFamily] as readonly Family<any, any>[];

/** The family that specifies `primitive`. */
export function familyOf(primitive: PrimitiveName): Family {
  const family = families.find((f) => f.primitives.includes(primitive));
  if (family === undefined) throw new Error(`no model for ${primitive}`);
  return family;
}
