/**
 * Condition as the engine drives it: the model, both sides' construction, and the calls a
 * program makes.
 */

import * as fc from 'fast-check';
import { conditionInit, conditionInvariants, conditionStatistics, conditionStep, conditionStepInvariants, type ConditionOp, type ConditionState } from '../model/condition.js';
import { Condition } from '../src/index.js';
import { command, waitChoice, waitingCommand, type Command, type ModelOf, type Spec, type World } from './harness.js';

/** What a condition offers; a zoo entry implements the same. */
export interface ConditionLike {
  wait(options?: { timeout?: number; signal?: AbortSignal }): Promise<boolean>;
  notify(n?: number): void;
  notifyAll(): void;
  statistics(): object;
}

/** Builds the implementation under test. */
export type ConditionFactory = () => ConditionLike;

export const realCondition: ConditionFactory = () => new Condition();

type W = World<ConditionState, ConditionOp, ConditionLike>;

export const conditionModel: ModelOf<ConditionState, ConditionOp> = {
  step: conditionStep,
  observe: (state) => ({ statistics: conditionStatistics(state) }),
  invariants: conditionInvariants,
  stepInvariants: conditionStepInvariants,
  // A condition's timeout is not an error: the model resolves the waiter with false.
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
};

const waitCommand = waitingCommand<ConditionState, ConditionOp, ConditionLike>(
  'wait',
  (waiter, options) => ({ kind: 'wait', waiter, options }),
  (real, options) => real.wait(options),
);

const wait = waitChoice.map(waitCommand);

/** `notify(n)`, or `notify()` when `n` is undefined. */
function notifyCommand(n: number | undefined): Command<W> {
  return command<W>(
    `notify(${n === undefined ? '' : String(n)})`,
    (world) => world.both({ kind: 'notify', n: n ?? 1 }, () => (n === undefined ? world.real.notify() : world.real.notify(n))),
    // A good count simplifies to the default; a bad one stays bad.
    () => (n !== undefined && Number.isSafeInteger(n) && n >= 0 ? [notifyCommand(undefined)] : []),
  );
}

/** Mostly small counts, sometimes none (the default 1), sometimes bad ones. */
const notify = fc
  .oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: fc.nat(3) },
    { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY) },
  )
  .map(notifyCommand);

const notifyAll = fc.constant(command<W>('notifyAll()', (world) => world.both({ kind: 'notifyAll' }, () => world.real.notifyAll())));

/** Condition's spec, for the real implementation or for a zoo entry's. */
export function conditionSpec(factory: ConditionFactory = realCondition): Spec<ConditionState, ConditionOp, ConditionLike, null> {
  return {
    name: 'Condition',
    model: conditionModel,
    params: fc.constant(null),
    init: () => ({ state: conditionInit(), real: factory() }),
    observe: (real) => ({ statistics: real.statistics() }),
    commands: fc.oneof({ weight: 5, arbitrary: wait }, { weight: 3, arbitrary: notify }, { weight: 1, arbitrary: notifyAll }),
  };
}
