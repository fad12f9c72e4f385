/**
 * Which pictures each specification page shows: for every model's `step` function, the small
 * configurations to explore. A primitive whose model has not landed yet simply has no entry
 * (see {@link diagramsFor}); add one here when it does.
 */

import * as model from '../model/index.js';
import type {
  BarrierOp,
  BarrierState,
  ConditionOp,
  ConditionState,
  EventOp,
  EventState,
  QueueOp,
  QueueState,
  RWLockOp,
  RWLockState,
  SemaphoreOp,
  SemaphoreState,
  WeightedSemaphoreOp,
  WeightedSemaphoreState,
  WaitSpec,
  WaiterId,
} from '../model/index.js';
import { explore, toDot, type DiagramSpec } from './state-diagrams.js';

/** One rendered picture: its caption and DOT source. */
export interface Diagram {
  readonly title: string;
  /** The API classes it shows: the specification page links to them, and they to it. */
  readonly classes: readonly string[];
  readonly configuration: string;
  readonly dot: string;
  readonly states: number;
  /**
   * The fields of the model's state that no call changes in the exploration, with their values:
   * the configuration drawn (`kind`, `bound`, `maxsize`, ...). The explorer shows a program's
   * state here only when the program starts with the same.
   */
  readonly fixed: Readonly<Record<string, unknown>>;
  /** The node a model state belongs to (its label): the explorer highlights it. */
  readonly label: (state: unknown) => string;
  /** The labels of the nodes drawn. */
  readonly nodes: readonly string[];
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
        case 'idle':
          return 'idle()';
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

function queueOf(maxsize: number): QueueState {
  const initial = model.queueInit('fifo', maxsize);
  if ('error' in initial) throw new Error(`Queue: ${initial.error}`);
  return initial;
}

function queueOpLabel(op: QueueOp, state: QueueState): string {
  switch (op.kind) {
    case 'put':
      return op.options.timeout === 0 ? 'put(item, { timeout: 0 })' : 'put(item)';
    case 'putNowait':
      return 'putNowait(item)';
    case 'get':
    case 'join':
      return waitLabel(op.kind, op.options);
    case 'getNowait':
    case 'taskDone':
      return `${op.kind}()`;
    case 'shutdown':
      return op.immediate ? 'shutdown(true)' : 'shutdown()';
    case 'timeout':
    case 'abort': {
      const waiting = [...state.getters, ...state.putters.map((putter) => putter.waiter), ...state.joiners];
      return cancelLabel(op.kind, waiting, op.waiter);
    }
  }
}

const queueCaller = (op: QueueOp): WaiterId | undefined => ('waiter' in op ? op.waiter : undefined);

/** Puts and gets through `new Queue({ maxsize: 2 })`: where items wait, and who waits for them. */
const queueFlow: DiagramSpec<QueueState, QueueOp> = {
  title: 'Queue: puts and gets',
  configuration: 'new Queue({ maxsize: 2 }), at most 2 getters or putters waiting',
  initial: queueOf(2),
  step: model.queueStep,
  ops(state, fresh) {
    const item = { key: fresh, label: fresh };
    const ops: QueueOp[] = [{ kind: 'putNowait', item }, { kind: 'getNowait' }];
    if (state.putters.length < MAX_WAITERS) ops.push({ kind: 'put', waiter: fresh, item, options: {} }, { kind: 'put', waiter: fresh, item, options: { timeout: 0 } });
    if (state.getters.length < MAX_WAITERS) ops.push({ kind: 'get', waiter: fresh, options: {} }, { kind: 'get', waiter: fresh, options: { timeout: 0 } });
    for (const oldest of [state.getters[0], state.putters[0]?.waiter]) {
      if (oldest !== undefined) ops.push({ kind: 'timeout', waiter: oldest }, { kind: 'abort', waiter: oldest });
    }
    return ops;
  },
  label(state) {
    const waiting = state.getters.length > 0
      ? `\n${plural(state.getters.length, 'getter', 'getters')} waiting`
      : state.putters.length > 0 ? `\n${plural(state.putters.length, 'putter', 'putters')} waiting` : '';
    return `${plural(state.buffer.length, 'item', 'items')}${waiting}`;
  },
  opLabel: queueOpLabel,
  returnsValue: (op) => op.kind === 'getNowait',
  caller: queueCaller,
};

/** The task counter of `new Queue()`: what `taskDone` and `join` see. */
const queueTasks: DiagramSpec<QueueState, QueueOp> = {
  title: 'Queue: tasks and join',
  configuration: 'new Queue(), at most 2 unfinished tasks and 1 joiner',
  initial: queueOf(0),
  step: model.queueStep,
  ops(state, fresh) {
    const ops: QueueOp[] = [];
    if (state.unfinished < 2) ops.push({ kind: 'putNowait', item: { key: fresh, label: fresh } });
    ops.push({ kind: 'taskDone' });
    if (state.joiners.length < 1) ops.push({ kind: 'join', waiter: fresh, options: {} });
    const [joiner] = state.joiners;
    if (joiner !== undefined) ops.push({ kind: 'timeout', waiter: joiner });
    return ops;
  },
  label: (state) => `${state.unfinished} unfinished${state.joiners.length > 0 ? `\n${plural(state.joiners.length, 'joiner', 'joiners')} waiting` : ''}`,
  opLabel: queueOpLabel,
  caller: queueCaller,
};

/** `new WeightedSemaphore(3)`: requests of 1 and 3 units, so a large head blocks a small one behind it. */
function weightedSemaphore(): DiagramSpec<WeightedSemaphoreState, WeightedSemaphoreOp> {
  const initial = model.weightedSemaphoreInit(3);
  if ('error' in initial) throw new Error(`WeightedSemaphore: ${initial.error}`);
  return {
    title: 'WeightedSemaphore',
    configuration: 'new WeightedSemaphore(3), weights 1 and 3, at most 2 waiters and 2 holders',
    initial,
    step: model.weightedSemaphoreStep,
    ops(state, fresh) {
      const ops: WeightedSemaphoreOp[] = [];
      if (state.waiters.length < MAX_WAITERS && state.holders.length < 2) {
        for (const weight of [1, 3]) ops.push({ kind: 'acquire', waiter: fresh, weight, options: {} });
      }
      if (state.holders.length < 2) ops.push({ kind: 'tryAcquire', waiter: fresh, weight: 1 });
      const [oldestHolder] = state.holders;
      if (oldestHolder !== undefined) ops.push({ kind: 'releaser', waiter: oldestHolder.waiter });
      const [head] = state.waiters;
      if (head !== undefined) ops.push({ kind: 'abort', waiter: head.waiter });
      return ops;
    },
    label(state) {
      const held = state.holders.map((h) => h.weight).join(' + ');
      const waiting = state.waiters.map((w) => w.weight).join(', ');
      return `value ${state.value}${held === '' ? '' : `\nheld: ${held}`}${waiting === '' ? '' : `\nwaiting: ${waiting}`}`;
    },
    opLabel(op, state) {
      switch (op.kind) {
        case 'acquire':
          return `acquire(${String(op.weight)})`;
        case 'tryAcquire':
          return `tryAcquire(${String(op.weight)})`;
        case 'releaser': {
          const holder = state.holders.find((h) => h.waiter === op.waiter);
          return `release() of the oldest grant (${holder?.weight ?? '?'})`;
        }
        case 'timeout':
        case 'abort':
          return `${op.kind} of the oldest waiter`;
      }
    },
    returnsValue: (op) => op.kind === 'tryAcquire',
    caller: (op) => ('waiter' in op ? op.waiter : undefined),
  };
}

/** `new RWLock()`: readers and writers in one queue. */
function rwlock(): DiagramSpec<RWLockState, RWLockOp> {
  const initial = model.rwlockInit();
  if ('error' in initial) throw new Error(`RWLock: ${initial.error}`);
  return {
    title: 'RWLock',
    configuration: 'new RWLock(), at most 2 readers in and 2 waiters',
    initial,
    step: model.rwlockStep,
    ops(state, fresh) {
      const ops: RWLockOp[] = [];
      if (state.waiters.length < MAX_WAITERS) {
        if (state.readers.length < 2) ops.push({ kind: 'acquire', mode: 'read', waiter: fresh, options: {} });
        ops.push({ kind: 'acquire', mode: 'write', waiter: fresh, options: {} });
      }
      const [reader] = state.readers;
      if (reader !== undefined) ops.push({ kind: 'releaser', waiter: reader });
      if (state.writer !== undefined) ops.push({ kind: 'releaser', waiter: state.writer });
      const [head] = state.waiters;
      if (head !== undefined) ops.push({ kind: 'abort', waiter: head.waiter });
      return ops;
    },
    label(state) {
      const inside = state.writer !== undefined ? 'a writer in' : state.readers.length === 0 ? 'free' : plural(state.readers.length, 'reader in', 'readers in');
      const waiting = state.waiters.map((w) => (w.mode === 'read' ? 'R' : 'W')).join(' ');
      return `${inside}${waiting === '' ? '' : `\nwaiting: ${waiting}`}`;
    },
    opLabel(op, state) {
      switch (op.kind) {
        case 'acquire':
          return op.mode === 'read' ? 'acquireRead()' : 'acquireWrite()';
        case 'tryAcquire':
          return op.mode === 'read' ? 'tryAcquireRead()' : 'tryAcquireWrite()';
        case 'releaser':
          return state.writer === op.waiter ? "the writer's release()" : "a reader's release()";
        case 'timeout':
        case 'abort':
          return `${op.kind} of the oldest waiter`;
      }
    },
    caller: (op) => ('waiter' in op ? op.waiter : undefined),
  };
}

/** Where a shutdown takes `new Queue({ maxsize: 1 })`: who is refused, and what is left. */
const queueShutdown: DiagramSpec<QueueState, QueueOp> = {
  title: 'Queue: shutdown',
  configuration: 'new Queue({ maxsize: 1 }), at most 1 getter or putter waiting',
  initial: queueOf(1),
  step: model.queueStep,
  ops(state, fresh) {
    const item = { key: fresh, label: fresh };
    const ops: QueueOp[] = [{ kind: 'putNowait', item }, { kind: 'getNowait' }];
    if (state.putters.length < 1) ops.push({ kind: 'put', waiter: fresh, item, options: {} });
    if (state.getters.length < 1) ops.push({ kind: 'get', waiter: fresh, options: {} });
    ops.push({ kind: 'shutdown', immediate: false }, { kind: 'shutdown', immediate: true });
    return ops;
  },
  label(state) {
    const waiting = state.getters.length > 0 ? '\n1 getter waiting' : state.putters.length > 0 ? '\n1 putter waiting' : '';
    return `${plural(state.buffer.length, 'item', 'items')}${waiting}${state.shutdown ? '\nshut down' : ''}`;
  },
  opLabel: queueOpLabel,
  returnsValue: (op) => op.kind === 'getNowait',
  caller: queueCaller,
};

/** A group of three: how it fills, trips, and is reset or broken. */
const barrier: DiagramSpec<BarrierState, BarrierOp> = {
  title: 'Barrier',
  configuration: 'new Barrier(3), so at most 2 waiters',
  initial: (() => {
    const initial = model.barrierInit(3);
    if ('error' in initial) throw new Error(`Barrier: ${initial.error}`);
    return initial;
  })(),
  step: model.barrierStep,
  ops(state, fresh) {
    // A wait is always possible: the third one trips the barrier instead of waiting.
    const ops: BarrierOp[] = [{ kind: 'wait', waiter: fresh, options: {} }, { kind: 'wait', waiter: fresh, options: { timeout: 0 } }];
    const [oldest] = state.waiters;
    if (oldest !== undefined) ops.push({ kind: 'timeout', waiter: oldest }, { kind: 'abort', waiter: oldest });
    ops.push({ kind: 'reset' }, { kind: 'abortBarrier' });
    return ops;
  },
  label: (state) => (state.broken ? 'broken' : plural(state.waiters.length, 'waiter', 'waiters')),
  opLabel(op, state) {
    switch (op.kind) {
      case 'wait':
        return waitLabel('wait', op.options);
      case 'reset':
        return 'reset()';
      case 'abortBarrier':
        return 'abort()';
      case 'timeout':
      case 'abort':
        return cancelLabel(op.kind, state.waiters, op.waiter);
    }
  },
  caller: (op) => ('waiter' in op ? op.waiter : undefined),
};

/** The fields of `initial` every explored state has with the same value. */
function fixedFields(initial: unknown, states: readonly unknown[]): Record<string, unknown> {
  if (typeof initial !== 'object' || initial === null) return {};
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(Object.entries(initial).filter(([field, value]) => states.every((state) => same((state as Record<string, unknown>)[field], value))));
}

function render<S, Op>(spec: DiagramSpec<S, Op>, classes: readonly string[] = [spec.title]): Diagram {
  const graph = explore(spec);
  return {
    title: spec.title,
    classes,
    configuration: spec.configuration,
    dot: toDot(spec.title, graph),
    states: graph.nodes.length,
    fixed: fixedFields(spec.initial, graph.states),
    label: (state) => spec.label(state as S),
    nodes: graph.nodes,
  };
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
    case 'queueStep':
      return [
        render(queueFlow, ['Queue', 'PriorityQueue', 'LifoQueue']),
        render(queueTasks, ['Queue', 'PriorityQueue', 'LifoQueue']),
        render(queueShutdown, ['Queue', 'PriorityQueue', 'LifoQueue']),
      ];
    case 'conditionStep':
      return [render(condition)];
    case 'weightedSemaphoreStep':
      return [render(weightedSemaphore())];
    case 'rwlockStep':
      return [render(rwlock())];
    case 'barrierStep':
      return [render(barrier)];
    default:
      return [];
  }
}
