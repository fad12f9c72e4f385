/**
 * Which pictures each specification page shows: for every model's `step` function, the small
 * configurations to explore. A primitive whose model has not landed yet simply has no entry
 * (see {@link diagramsFor}); add one here when it does.
 */

import * as model from '../model/index.js';
import type { ConditionOp, ConditionState, EventOp, EventState, SemaphoreOp, SemaphoreState, WaitSpec, WaiterId } from '../model/index.js';
import { explore, toDot, type DiagramSpec } from './state-diagrams.js';

/** One rendered picture: its caption and DOT source. */
export interface Diagram {
  readonly title: string;
  readonly configuration: string;
  readonly dot: string;
  readonly states: number;
}

/** At most this many waiters queue in a picture: enough to show FIFO, few enough to read. */
const MAX_WAITERS = 2;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function semaphoreFamily(kind: SemaphoreState['kind'], value: number, title: string, configuration: string): DiagramSpec<SemaphoreState, SemaphoreOp> {
  const initial = model.semaphoreInit(kind, value);
  if ('error' in initial) throw new Error(`${title}: ${initial.error}`);
  return {
    title,
    configuration,
    initial,
    step: model.semaphoreStep,
    ops(state, fresh) {
      const ops: SemaphoreOp[] = [];
      if (state.waiters.length < MAX_WAITERS) {
        ops.push({ kind: 'acquire', waiter: fresh, options: {} });
        ops.push({ kind: 'acquire', waiter: fresh, options: { timeout: 0 } });
      }
      ops.push({ kind: 'tryAcquire', waiter: fresh });
      // An unbounded semaphore grows forever on release(); stop one above its start.
      if (state.bound !== undefined || state.value <= value) ops.push({ kind: 'release' });
      const [holder] = state.holders;
      if (holder !== undefined) ops.push({ kind: 'timeout', waiter: holder });
      const [oldest] = state.waiters;
      if (oldest !== undefined) {
        ops.push({ kind: 'timeout', waiter: oldest });
        ops.push({ kind: 'abort', waiter: oldest });
      }
      return ops;
    },
    label(state) {
      const waiting = plural(state.waiters.length, 'waiter', 'waiters');
      if (state.kind === 'lock') return `${state.value === 0 ? 'locked' : 'unlocked'}\n${waiting}`;
      return `value ${state.value}\n${waiting}`;
    },
    opLabel(op, state) {
      switch (op.kind) {
        case 'acquire':
          return op.options.timeout === 0 ? 'acquire({ timeout: 0 })' : 'acquire()';
        case 'tryAcquire':
          return 'tryAcquire()';
        case 'release':
          return 'release()';
        case 'releaser':
          return 'release() by its releaser';
        case 'timeout':
        case 'abort':
          return state.holders.includes(op.waiter) ? `${op.kind} after the handoff` : `${op.kind} of the oldest waiter`;
      }
    },
    returnsValue: (op) => op.kind === 'tryAcquire',
    caller: (op) => ('waiter' in op ? op.waiter : undefined),
  };
}

/** The calls every waiting primitive shares: a wait, one with `timeout: 0`, and both cancellations of the oldest waiter. */
function waitingOps<Op>(waiters: readonly WaiterId[], fresh: WaiterId, wait: (waiter: WaiterId, options: WaitSpec) => Op, cancel: (kind: 'timeout' | 'abort', waiter: WaiterId) => Op): Op[] {
  const ops: Op[] = [];
  if (waiters.length < MAX_WAITERS) ops.push(wait(fresh, {}), wait(fresh, { timeout: 0 }));
  const [oldest] = waiters;
  if (oldest !== undefined) ops.push(cancel('timeout', oldest), cancel('abort', oldest));
  return ops;
}

function waitLabel(name: string, options: WaitSpec): string {
  return options.timeout === 0 ? `${name}({ timeout: 0 })` : `${name}()`;
}

function cancelLabel(kind: 'timeout' | 'abort', waiters: readonly WaiterId[], waiter: WaiterId): string {
  return waiters.includes(waiter) ? `${kind} of the oldest waiter` : `${kind} after the handoff`;
}

const event: DiagramSpec<EventState, EventOp> = {
  title: 'Event',
  configuration: 'new Event(), at most 2 waiters',
  initial: model.eventInit(),
  step: model.eventStep,
  ops: (state, fresh) => [
    ...waitingOps<EventOp>(state.waiters, fresh, (waiter, options) => ({ kind: 'wait', waiter, options }), (kind, waiter) => ({ kind, waiter })),
    { kind: 'set' },
    { kind: 'clear' },
  ],
  label: (state) => `${state.isSet ? 'set' : 'clear'}\n${plural(state.waiters.length, 'waiter', 'waiters')}`,
  opLabel(op, state) {
    switch (op.kind) {
      case 'wait':
        return waitLabel('wait', op.options);
      case 'set':
      case 'clear':
        return `${op.kind}()`;
      case 'timeout':
      case 'abort':
        return cancelLabel(op.kind, state.waiters, op.waiter);
    }
  },
  caller: (op) => ('waiter' in op ? op.waiter : undefined),
};

const condition: DiagramSpec<ConditionState, ConditionOp> = {
  title: 'Condition',
  configuration: 'new Condition(), at most 2 waiters',
  initial: model.conditionInit(),
  step: model.conditionStep,
  ops: (state, fresh) => [
    ...waitingOps<ConditionOp>(state.waiters, fresh, (waiter, options) => ({ kind: 'wait', waiter, options }), (kind, waiter) => ({ kind, waiter })),
    { kind: 'notify', n: 1 },
    { kind: 'notify', n: 2 },
    { kind: 'notifyAll' },
    { kind: 'notify', n: -1 },
  ],
  label: (state) => plural(state.waiters.length, 'waiter', 'waiters'),
  opLabel(op, state) {
    switch (op.kind) {
      case 'wait':
        return waitLabel('wait', op.options);
      case 'notify':
        return op.n === 1 ? 'notify()' : `notify(${op.n})`;
      case 'notifyAll':
        return 'notifyAll()';
      case 'timeout':
      case 'abort':
        return cancelLabel(op.kind, state.waiters, op.waiter);
    }
  },
  caller: (op) => ('waiter' in op ? op.waiter : undefined),
};

function render<S, Op>(spec: DiagramSpec<S, Op>): Diagram {
  const graph = explore(spec);
  return { title: spec.title, configuration: spec.configuration, dot: toDot(spec.title, graph), states: graph.nodes.length };
}

/**
 * The pictures for the model function named `stepName` (`semaphoreStep`, ...), or none if that
 * model has no entry yet.
 */
export function diagramsFor(stepName: string): readonly Diagram[] {
  switch (stepName) {
    case 'semaphoreStep':
      return [
        render(semaphoreFamily('lock', 1, 'Lock', 'new Lock(), at most 2 waiters')),
        render(semaphoreFamily('bounded', 2, 'BoundedSemaphore', 'new BoundedSemaphore(2), at most 2 waiters')),
        render(semaphoreFamily('semaphore', 1, 'Semaphore', 'new Semaphore(1), at most 2 waiters, value at most 2')),
      ];
    case 'eventStep':
      return [render(event)];
    case 'conditionStep':
      return [render(condition)];
    default:
      return [];
  }
}
