/**
 * Event as the engine drives it: the model, both sides' construction, and the calls a program
 * makes.
 */

import * as fc from 'fast-check';
import { eventInit, eventInvariants, eventStatistics, eventStep, eventStepInvariants, type EventOp, type EventState } from '../model/event.js';
import { Event } from '../src/index.js';
import { command, waitChoice, waitingCommand, type ModelOf, type Spec, type World } from './harness.js';

/** What an event offers; a zoo entry implements the same. */
export interface EventLike {
  isSet(): boolean;
  set(): void;
  clear(): void;
  wait(options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  statistics(): object;
}

/** Builds the implementation under test. */
export type EventFactory = () => EventLike;

export const realEvent: EventFactory = () => new Event();

type W = World<EventState, EventOp, EventLike>;

export const eventModel: ModelOf<EventState, EventOp> = {
  step: eventStep,
  observe: (state) => ({ statistics: eventStatistics(state), isSet: state.isSet }),
  invariants: eventInvariants,
  stepInvariants: eventStepInvariants,
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
};

const waitCommand = waitingCommand<EventState, EventOp, EventLike>(
  'wait',
  (waiter, options) => ({ kind: 'wait', waiter, options }),
  (real, options) => real.wait(options),
);

const wait = waitChoice.map(waitCommand);

const set = fc.constant(command<W>('set()', (world) => world.both({ kind: 'set' }, () => world.real.set())));
const clear = fc.constant(command<W>('clear()', (world) => world.both({ kind: 'clear' }, () => world.real.clear())));

/** Event's spec, for the real implementation or for a zoo entry's. */
export function eventSpec(factory: EventFactory = realEvent): Spec<EventState, EventOp, EventLike, null> {
  return {
    name: 'Event',
    model: eventModel,
    params: fc.constant(null),
    init: () => ({ state: eventInit(), real: factory() }),
    observe: (real) => ({ statistics: real.statistics(), isSet: real.isSet() }),
    commands: fc.oneof({ weight: 5, arbitrary: wait }, { weight: 2, arbitrary: set }, { weight: 2, arbitrary: clear }),
  };
}
