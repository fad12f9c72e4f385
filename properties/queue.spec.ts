/**
 * The queues (Queue, PriorityQueue, LifoQueue) as the engine drives them: the model, both
 * sides' construction, and the calls a program makes.
 *
 * An item is a frozen `{ key, label }`: the PriorityQueue compares keys only (so items of equal
 * key tie), and the label, the id of the call that put it, tells tied items apart.
 */

import * as fc from 'fast-check';
import {
  queueFull,
  queueInit,
  queueInvariants,
  queueStatistics,
  queueStep,
  queueStepInvariants,
  type QueueItem,
  type QueueOp,
  type QueueOrder,
  type QueueState,
} from '../model/queue.js';
import { LifoQueue, PriorityQueue, Queue } from '../src/index.js';
import { command, showChoice, simplerChoices, waitChoice, waitingCommand, type Command, type ModelOf, type Spec, type WaitChoice, type World } from './harness.js';

/** What a queue offers; a zoo entry implements the same. */
export interface QueueLike {
  readonly maxsize: number;
  qsize(): number;
  empty(): boolean;
  full(): boolean;
  put(item: QueueItem, options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  putNowait(item: QueueItem): void;
  get(options?: { timeout?: number; signal?: AbortSignal }): Promise<QueueItem>;
  getNowait(): QueueItem;
  taskDone(): void;
  join(options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  statistics(): object;
}

/** Builds the implementation of an order with a maxsize. */
export type QueueFactory = (order: QueueOrder, maxsize: number) => QueueLike;

/** The comparator the PriorityQueue under test gets: keys only, so equal keys tie. */
export const byKey = (a: QueueItem, b: QueueItem): number => a.key - b.key;

export const realQueue: QueueFactory = (order, maxsize) =>
  order === 'priority'
    ? new PriorityQueue<QueueItem>({ maxsize, compare: byKey })
    : order === 'lifo'
      ? new LifoQueue<QueueItem>({ maxsize })
      : new Queue<QueueItem>({ maxsize });

type W = World<QueueState, QueueOp, QueueLike>;

export const queueModel: ModelOf<QueueState, QueueOp> = {
  step: queueStep,
  observe: (state) => ({
    statistics: queueStatistics(state),
    maxsize: state.maxsize,
    qsize: state.buffer.length,
    empty: state.buffer.length === 0,
    full: queueFull(state),
  }),
  invariants: queueInvariants,
  stepInvariants: queueStepInvariants,
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
};

/** A fresh item of priority `key`, labelled with the id of the call that puts it. */
const item = (key: number, label: number): QueueItem => Object.freeze({ key, label });

/** `put(item, options)` of an item with priority `key`. */
export function putCommand(key: number, choice: WaitChoice): Command<W> {
  return command<W>(
    `put(key ${key}${choice.timeout === undefined && choice.signal === 'none' ? '' : `, ${showChoice(choice)}`})`,
    (world) => {
      const { id, options, aborted } = world.waiter(choice);
      const it = item(key, id);
      world.both({ kind: 'put', waiter: id, item: it, options: { timeout: choice.timeout, aborted } }, () => world.real.put(it, options), id);
    },
    () => [...simplerChoices(choice).map((c) => putCommand(key, c)), ...(key > 0 ? [putCommand(0, choice)] : [])],
  );
}

/** `putNowait(item)` of an item with priority `key`. */
export function putNowaitCommand(key: number): Command<W> {
  return command<W>(
    `putNowait(key ${key})`,
    (world) => {
      const { id } = world.waiter({ timeout: undefined, signal: 'none' });
      const it = item(key, id);
      world.both({ kind: 'putNowait', item: it }, () => world.real.putNowait(it));
    },
    () => (key > 0 ? [putNowaitCommand(0)] : []),
  );
}

/** `get(options)`. */
export const getCommand = waitingCommand<QueueState, QueueOp, QueueLike>(
  'get',
  (waiter, options) => ({ kind: 'get', waiter, options }),
  (real, options) => real.get(options),
);

/** `join(options)`. */
export const joinCommand = waitingCommand<QueueState, QueueOp, QueueLike>(
  'join',
  (waiter, options) => ({ kind: 'join', waiter, options }),
  (real, options) => real.join(options),
);

const key = fc.nat(2);
const put = fc.tuple(key, waitChoice).map(([k, choice]) => putCommand(k, choice));
const putNowait = key.map(putNowaitCommand);
const get = waitChoice.map(getCommand);
/** `getNowait()`. */
export const getNowaitCommand = command<W>('getNowait()', (world) => world.both({ kind: 'getNowait' }, () => world.real.getNowait()));
const getNowait = fc.constant(getNowaitCommand);
const taskDone = fc.constant(command<W>('taskDone()', (world) => world.both({ kind: 'taskDone' }, () => world.real.taskDone())));
const join = waitChoice.map(joinCommand);

/** `burst(n × call)`: the same call n times in a row, in one tick (many getters, then many puts). */
export function burstCommand(n: number, call: Command<W>): Command<W> {
  return command<W>(
    `${n} × ${String(call)}`,
    (world) => {
      for (let i = 0; i < n; i++) call.run(world);
    },
    () => [...(n > 2 ? [burstCommand(n - 1, call)] : [call]), ...call.simpler().map((simpler) => burstCommand(n, simpler))],
  );
}

const burst = fc.tuple(fc.integer({ min: 2, max: 6 }), fc.oneof(put, putNowait, get, getNowait, taskDone)).map(([n, call]) => burstCommand(n, call));

const names: Record<QueueOrder, string> = { fifo: 'Queue', lifo: 'LifoQueue', priority: 'PriorityQueue' };

/** The queues' spec, for the real implementation or for a zoo entry's. */
export function queueSpec(
  factory: QueueFactory = realQueue,
  orders: readonly QueueOrder[] = ['fifo', 'lifo', 'priority'],
): Spec<QueueState, QueueOp, QueueLike, { order: QueueOrder; maxsize: number }> {
  return {
    name: orders.length === 1 ? names[orders[0] ?? 'fifo'] : 'Queue family',
    model: queueModel,
    // Bounded (1 to 3) and unbounded (0), each about half the time.
    params: fc.record({ order: fc.constantFrom<QueueOrder>(...orders), maxsize: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })) }),
    init: ({ order, maxsize }) => {
      const state = queueInit(order, maxsize);
      if ('error' in state) throw new Error(`bad parameters ${order} ${maxsize}`);
      return { state, real: factory(order, maxsize) };
    },
    observe: (real) => ({
      statistics: real.statistics(),
      maxsize: real.maxsize,
      qsize: real.qsize(),
      empty: real.empty(),
      full: real.full(),
    }),
    commands: fc.oneof(
      { weight: 4, arbitrary: put },
      { weight: 2, arbitrary: putNowait },
      { weight: 4, arbitrary: get },
      { weight: 2, arbitrary: getNowait },
      { weight: 3, arbitrary: taskDone },
      { weight: 2, arbitrary: join },
      { weight: 1, arbitrary: burst },
    ),
  };
}
