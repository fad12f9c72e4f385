/**
 * The parts a real side (`check/run/real-side.ts`) is built from, for an adapter: one function for
 * Node and the browser alike. It uses no Node API, so the docs site's explorer builds its live
 * side with it too; the caller says how to count a signal's abort listeners (Node's
 * `getEventListeners`, or nothing where no runtime can tell).
 *
 * @module
 */

import type { Adapter } from './adapter.js';
import { callKinds, familyOf } from '../program/families/index.js';
import type { RealSideParts } from './real-side.js';

/** The real side's parts for `adapter` on `clock`, counting abort listeners with `listeners`. */
export function realSideParts(adapter: Adapter, clock: RealSideParts['clock'], listeners: RealSideParts['listeners']): RealSideParts {
  return {
    create: adapter.create,
    calls: adapter.calls,
    handleRelease: adapter.handleRelease,
    composites: Object.fromEntries(Object.entries(adapter.composites ?? {}).map(([name, composite]) => [name, composite.run])),
    observers: adapter.observers ?? {},
    errors: adapter.choices?.errors ?? {},
    abortAny: adapter.choices?.abortRejection === 'any',
    ...callKinds(familyOf(adapter.primitive)),
    clock,
    listeners,
  };
}
