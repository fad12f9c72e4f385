/**
 * Event: calls `wait`, `set`, `clear`.
 *
 * @module
 */

import { eventInit, eventInvariants, eventStatistics, eventStep, eventStepInvariants, type EventOp, type EventState } from '../../../model/event.js';
import type { Family } from './family.js';

export const eventFamily: Family<EventState, EventOp> = {
  primitives: ['Event'],
  calls: { wait: { waits: true }, set: { waits: false }, clear: { waits: false } },
  init: () => eventInit(),
  step: eventStep,
  invariants: eventInvariants,
  stepInvariants: eventStepInvariants,
  op: (action, wait) => {
    switch (action.call) {
      case 'wait':
        return { kind: 'wait', waiter: action.id, options: wait };
      case 'set':
        return { kind: 'set' };
      case 'clear':
        return { kind: 'clear' };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { waiting: ['wait'] },
  observe: (state) => ({ statistics: eventStatistics(state), isSet: state.isSet }),
  value: () => undefined,
  recipe: () => ({
    params: {},
    calls: [
      { call: 'wait', weight: 5 },
      { call: 'set', weight: 2 },
      { call: 'clear', weight: 2 },
    ],
  }),
};
