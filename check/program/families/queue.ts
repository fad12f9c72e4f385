/**
 * Queue, PriorityQueue and LifoQueue: calls `put` (an item of priority `key`, labelled by the
 * call's id), `putNowait`, `get`, `getNowait`, `taskDone`, `join`, `shutdown` (`immediate`). A trace shows an item as its
 * label.
 *
 * @module
 */

import { queueFull, queueInit, queueInvariants, queueStatistics, queueStep, queueStepInvariants, type QueueItem, type QueueOp, type QueueState } from '../../../model/queue.js';
import { num } from '../program.js';
import type { Family } from './family.js';

const orders = { Queue: 'fifo', PriorityQueue: 'priority', LifoQueue: 'lifo' } as const;

const isItem = (value: unknown): value is QueueItem => typeof value === 'object' && value !== null && 'label' in value;

export const queueFamily: Family<QueueState, QueueOp> = {
  primitives: ['Queue', 'PriorityQueue', 'LifoQueue'],
  calls: {
    put: { waits: true, priority: true },
    putNowait: { waits: false },
    get: { waits: true, priority: true },
    getNowait: { waits: false },
    taskDone: { waits: false },
    join: { waits: true },
    shutdown: { waits: false },
  },
  init: (primitive, params) => queueInit(orders[primitive as keyof typeof orders], params['maxsize'] === undefined ? 0 : num(params['maxsize'] as number)),
  step: queueStep,
  invariants: queueInvariants,
  stepInvariants: queueStepInvariants,
  op: (action, wait) => {
    const item = (): QueueItem => ({ key: action.key ?? 0, label: action.id });
    switch (action.call) {
      case 'put':
        return { kind: 'put', waiter: action.id, item: item(), options: wait };
      case 'putNowait':
        return { kind: 'putNowait', item: item() };
      case 'get':
        return { kind: 'get', waiter: action.id, options: wait };
      case 'getNowait':
        return { kind: 'getNowait' };
      case 'taskDone':
        return { kind: 'taskDone' };
      case 'join':
        return { kind: 'join', waiter: action.id, options: wait };
      case 'shutdown':
        return { kind: 'shutdown', immediate: action.immediate === true };
      default:
        return undefined;
    }
  },
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
  statisticsCalls: { waiting: ['get'], putters: ['put'], unfinished: ['taskDone', 'join'], shutdown: ['shutdown'] },
  observe: (state) => ({
    statistics: queueStatistics(state),
    maxsize: state.maxsize,
    qsize: state.buffer.length,
    empty: state.buffer.length === 0,
    full: queueFull(state),
  }),
  value: (value) => (isItem(value) ? value.label : undefined),
  recipe: () => ({
    // Bounded (1 to 3) and unbounded (0), each about half the time.
    params: { maxsize: [0, 0, 0, 1, 2, 3] },
    calls: [
      { call: 'put', weight: 4, keys: [0, 1, 2], bursts: true },
      { call: 'putNowait', weight: 2, keys: [0, 1, 2], bursts: true },
      { call: 'get', weight: 4, bursts: true },
      { call: 'getNowait', weight: 2, bursts: true },
      { call: 'taskDone', weight: 3, bursts: true },
      { call: 'join', weight: 2 },
      { call: 'shutdown', weight: 1, flags: [false, true] },
    ],
  }),
};
