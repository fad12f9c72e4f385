import { expect, test } from 'vitest';
import { refusedTimeout, type Step } from '../model/common.js';
import {
  queueInit,
  queueInvariants,
  queueStep,
  queueStepInvariants,
  type QueueItem,
  type QueueOp,
  type QueueOrder,
  type QueueState,
} from '../model/queue.js';
import { explore } from './explore.js';
import { BAD_TIMEOUTS } from './input.js';

/** A model state and the number of call ids used so far: each id is used once. */
interface Explored {
  readonly model: QueueState;
  readonly used: number;
}

const MAX_CALLS = 5;
const KEYS = [0, 1];

/** The operations tried in a state; `bad`: the calls with a bad timeout too (each refused). */
function enabled({ used }: Explored, bad: readonly number[] = []): QueueOp[] {
  const ops: QueueOp[] = [{ kind: 'getNowait' }, { kind: 'taskDone' }, { kind: 'shutdown', immediate: false }, { kind: 'shutdown', immediate: true }];
  if (used < MAX_CALLS) {
    const waiter = used;
    for (const timeout of [undefined, 0]) {
      for (const aborted of [false, true]) {
        const options = { timeout, aborted };
        for (const key of KEYS) ops.push({ kind: 'put', waiter, item: { key, label: waiter }, options });
        ops.push({ kind: 'get', waiter, options }, { kind: 'join', waiter, options });
      }
    }
    for (const key of KEYS) ops.push({ kind: 'putNowait', item: { key, label: waiter } });
    // Each refused, even with an aborted signal (tried with the negative one).
    for (const timeout of bad) {
      const options = { timeout, aborted: timeout < 0 };
      ops.push({ kind: 'put', waiter, item: { key: 0, label: waiter }, options }, { kind: 'get', waiter, options }, { kind: 'join', waiter, options });
    }
  }
  // Every call ever made may time out or abort, before or after it settled.
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  return ops;
}

function step({ model, used }: Explored, op: QueueOp): Step<Explored> {
  const next = queueStep(model, op);
  // A refused putNowait, or a call refused for its timeout, changes nothing, so its label may be used again.
  const waited = (op.kind === 'put' || op.kind === 'get' || op.kind === 'join') && refusedTimeout(op.waiter, op.options) === undefined;
  const fresh = waited || (op.kind === 'putNowait' && next.returned.kind !== 'threw') ? 1 : 0;
  return { ...next, state: { model: next.state, used: used + fresh } };
}

const lift = <A extends unknown[], R>(f: (state: QueueState, ...rest: A) => R) => (state: Explored, ...rest: A): R => f(state.model, ...rest);

/** Every state reachable to `depth` from each order and maxsize 0 to 2, with `bad` timeouts tried too. */
function exploreQueues(depth: number, bad: readonly number[] = []): ReturnType<typeof explore> {
  const initial: Explored[] = [];
  for (const order of ['fifo', 'lifo', 'priority'] as QueueOrder[]) {
    for (const maxsize of [0, 1, 2]) {
      const model = queueInit(order, maxsize);
      if (!('error' in model)) initial.push({ model, used: 0 });
    }
  }
  return explore({
    initial,
    enabled: (state) => enabled(state, bad),
    step,
    invariants: Object.fromEntries(Object.entries(queueInvariants).map(([name, holds]) => [name, lift(holds)])),
    stepInvariants: Object.fromEntries(
      Object.entries(queueStepInvariants).map(([name, holds]) => [name, (before: Explored, op: QueueOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model })]),
    ),
    depth,
  });
}

test('every reachable Queue, LifoQueue and PriorityQueue state and transition keeps every invariant', () => {
  const depth = 9;
  const result = exploreQueues(depth);
  console.log(`queues: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}, up to ${MAX_CALLS} calls that wait or put, keys ${KEYS.join(' and ')}, maxsize 0 to 2, three orders, shutdown and shutdown(true) anywhere`);
  expect(result.violations).toEqual([]);
  expect(result.states).toBeGreaterThan(1000);
});

test('in every queue state reached, a put, get or join with a bad timeout is refused and changes nothing, even with an aborted signal', () => {
  // Shallower than the test above, whose space is large: the refusal is a rule of one step, checked in every state it reaches.
  const result = exploreQueues(5, BAD_TIMEOUTS);
  expect(result.violations).toEqual([]);
  expect(result.states).toBeGreaterThan(1000);
});

/** Runs ops from a fresh state, returning every step. */
function run(order: QueueOrder, maxsize: number, ops: readonly QueueOp[]): Step<QueueState>[] {
  const initial = queueInit(order, maxsize);
  if ('error' in initial) throw new Error('bad init');
  const steps: Step<QueueState>[] = [];
  let state = initial;
  for (const op of ops) {
    const next = queueStep(state, op);
    steps.push(next);
    state = next.state;
  }
  return steps;
}

const it = (key: number, label: number): QueueItem => ({ key, label });
const received = (steps: readonly Step<QueueState>[]): number[] =>
  steps.flatMap((s) => [
    ...(s.returned.kind === 'returned' && s.returned.value !== undefined ? [(s.returned.value as QueueItem).label] : []),
    ...s.settled.flatMap((x) => (x.outcome === 'resolved' && x.value !== undefined ? [(x.value as QueueItem).label] : [])),
  ]);

// Tornado's test_queues.py, PriorityQueueTest.test_order and LifoQueueTest.test_order: two items
// buffered (maxsize 2), two putters waiting; each get first moves the oldest putter's item in.
test("the model accepts Tornado's test_order histories for PriorityQueue and LifoQueue", () => {
  const program = (a: QueueItem, b: QueueItem, c: QueueItem, d: QueueItem): QueueOp[] => [
    { kind: 'putNowait', item: a },
    { kind: 'putNowait', item: b },
    { kind: 'put', waiter: 2, item: c, options: {} },
    { kind: 'put', waiter: 3, item: d, options: {} },
    { kind: 'getNowait' },
    { kind: 'get', waiter: 5, options: {} },
    { kind: 'getNowait' },
    { kind: 'get', waiter: 7, options: {} },
  ];
  // (1, a), (0, b), (3, c), (2, d) come out as b, a, d, c.
  const priority = run('priority', 2, program(it(1, 0), it(0, 1), it(3, 2), it(2, 3)));
  expect(received(priority)).toEqual([1, 0, 3, 2]);
  // 1, 0, 3, 2 come out as 3, 2, 0, 1.
  const lifo = run('lifo', 2, program(it(0, 0), it(0, 1), it(0, 2), it(0, 3)));
  expect(received(lifo)).toEqual([2, 3, 1, 0]);
  // A plain Queue gives the buffer's oldest, however the putters queue.
  expect(received(run('fifo', 2, program(it(0, 0), it(0, 1), it(0, 2), it(0, 3))))).toEqual([0, 1, 2, 3]);
});

test('the model hands a put straight to the oldest getter and counts it as a task', () => {
  const steps = run('fifo', 1, [
    { kind: 'get', waiter: 0, options: {} },
    { kind: 'get', waiter: 1, options: {} },
    { kind: 'put', waiter: 2, item: it(0, 2), options: {} },
  ]);
  const last = steps.at(-1);
  expect(last?.settled).toEqual([
    { waiter: 0, outcome: 'resolved', value: it(0, 2) },
    { waiter: 2, outcome: 'resolved', value: undefined },
  ]);
  expect(last?.state).toMatchObject({ buffer: [], getters: [1], unfinished: 1 });
});

test('the model refuses taskDone beyond the count, getNowait on empty and putNowait on full, changing nothing', () => {
  const [done] = run('fifo', 0, [{ kind: 'taskDone' }]);
  expect(done?.returned).toMatchObject({ kind: 'threw', error: 'InvalidStateError' });
  const [empty] = run('lifo', 0, [{ kind: 'getNowait' }]);
  expect(empty?.returned).toMatchObject({ kind: 'threw', error: 'QueueEmpty' });
  const [, full] = run('priority', 1, [{ kind: 'putNowait', item: it(0, 0) }, { kind: 'putNowait', item: it(0, 1) }]);
  expect(full?.returned).toMatchObject({ kind: 'threw', error: 'QueueFull' });
  expect(full?.state.buffer).toEqual([it(0, 0)]);
});

test('a timed-out putter takes its item away, and a cancellation after the handoff changes nothing', () => {
  const steps = run('fifo', 1, [
    { kind: 'putNowait', item: it(0, 0) },
    { kind: 'put', waiter: 1, item: it(0, 1), options: { timeout: 5 } },
    { kind: 'timeout', waiter: 1 },
    { kind: 'getNowait' },
    { kind: 'get', waiter: 4, options: {} },
    { kind: 'put', waiter: 5, item: it(0, 5), options: {} },
    { kind: 'abort', waiter: 4 },
  ]);
  expect(steps[2]?.settled).toEqual([{ waiter: 1, outcome: 'timeout' }]);
  expect(steps.at(-1)?.settled).toEqual([]);
  expect(steps.at(-1)?.state).toMatchObject({ buffer: [], getters: [], putters: [], entered: [0, 5], received: [0, 5], unfinished: 2 });
});

test('the invariants reject a state that lost an item, a getter beside an item or a putter beside room, and the rules a reordering, an uncounted handoff or an early join', () => {
  const base = queueInit('fifo', 2) as QueueState;
  expect(queueInvariants.itemsConserved({ ...base, entered: [0], received: [] })).toBe(false);
  expect(queueInvariants.noGetterWhileItemsBuffered({ ...base, buffer: [it(0, 0)], getters: [1], entered: [0] })).toBe(false);
  expect(queueInvariants.noPutterWhileRoom({ ...base, putters: [{ waiter: 0, item: it(0, 0) }] })).toBe(false);
  expect(queueInvariants.taskCountConsistent({ ...base, joiners: [3] })).toBe(false);
  const reordered: Step<QueueState> = { state: { ...base, getters: [2, 1] }, returned: { kind: 'pending' }, settled: [] };
  expect(queueStepInvariants.servedOldestFirst({ ...base, getters: [1] }, { kind: 'get', waiter: 2, options: {} }, reordered)).toBe(false);
  // A handoff that does not count as a task, and a join released before the count reaches zero.
  const uncounted: Step<QueueState> = { state: { ...base, entered: [2], received: [2] }, returned: { kind: 'pending' }, settled: [{ waiter: 1, outcome: 'resolved', value: it(0, 2) }] };
  expect(queueStepInvariants.countsEveryEntry({ ...base, getters: [1] }, { kind: 'put', waiter: 2, item: it(0, 2), options: {} }, uncounted)).toBe(false);
  const early: Step<QueueState> = { state: { ...base, unfinished: 1, entered: [0, 1] }, returned: { kind: 'returned', value: undefined }, settled: [{ waiter: 5, outcome: 'resolved', value: undefined }] };
  expect(queueStepInvariants.joinReleasedAtZero({ ...base, unfinished: 2, joiners: [5], entered: [0, 1] }, { kind: 'taskDone' }, early)).toBe(false);
});

test('the model refuses a bad maxsize with a RangeError', () => {
  for (const maxsize of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    for (const order of ['fifo', 'lifo', 'priority'] as QueueOrder[]) expect(queueInit(order, maxsize)).toEqual({ error: 'RangeError' });
  }
});

const rejected = (waiter: number) => ({ waiter, outcome: 'rejected', error: 'QueueShutDown' });

test('shutdown refuses waiting putters (their items never enter) and later puts, while gets drain what is left, then refuse', () => {
  const steps = run('fifo', 1, [
    { kind: 'putNowait', item: it(0, 0) },
    { kind: 'put', waiter: 1, item: it(0, 1), options: {} },
    { kind: 'put', waiter: 2, item: it(0, 2), options: {} },
    { kind: 'shutdown', immediate: false },
    { kind: 'put', waiter: 4, item: it(0, 4), options: { timeout: 0 } },
    { kind: 'putNowait', item: it(0, 5) },
    { kind: 'get', waiter: 6, options: {} },
    { kind: 'get', waiter: 7, options: { timeout: 0 } },
    { kind: 'getNowait' },
  ]);
  expect(steps[3]?.settled).toEqual([rejected(1), rejected(2)]);
  expect(steps[3]?.state).toMatchObject({ shutdown: true, buffer: [it(0, 0)], putters: [], entered: [0], unfinished: 1 });
  expect(steps[4]?.settled).toEqual([rejected(4)]);
  expect(steps[5]?.returned).toMatchObject({ kind: 'threw', error: 'QueueShutDown' });
  expect(steps[6]?.settled).toEqual([{ waiter: 6, outcome: 'resolved', value: it(0, 0) }]);
  expect(steps[7]?.settled).toEqual([rejected(7)]);
  expect(steps[8]?.returned).toMatchObject({ kind: 'threw', error: 'QueueShutDown' });
  expect(steps.at(-1)?.state).toMatchObject({ entered: [0], received: [0], discarded: [], unfinished: 1 });
});

test('shutdown with getters waiting refuses every one at once; an aborted signal is still checked first', () => {
  const steps = run('lifo', 0, [
    { kind: 'get', waiter: 0, options: {} },
    { kind: 'get', waiter: 1, options: { timeout: 5 } },
    { kind: 'shutdown', immediate: false },
    { kind: 'timeout', waiter: 1 },
    { kind: 'get', waiter: 4, options: { aborted: true } },
    { kind: 'put', waiter: 5, item: it(0, 5), options: { aborted: true } },
  ]);
  expect(steps[2]?.settled).toEqual([rejected(0), rejected(1)]);
  expect(steps[3]?.settled).toEqual([]);
  expect(steps[4]?.settled).toEqual([{ waiter: 4, outcome: 'aborted' }]);
  expect(steps[5]?.settled).toEqual([{ waiter: 5, outcome: 'aborted' }]);
});

test('shutdown(true) discards what is left, counting each item done but never below zero, and releases join only at zero', () => {
  // Two items in, one taken but not done: the discarded one is done, join still waits for the other.
  const taken = run('priority', 0, [
    { kind: 'putNowait', item: it(1, 0) },
    { kind: 'putNowait', item: it(0, 1) },
    { kind: 'getNowait' },
    { kind: 'join', waiter: 3, options: {} },
    { kind: 'shutdown', immediate: true },
    { kind: 'taskDone' },
  ]);
  expect(taken[4]?.state).toMatchObject({ buffer: [], discarded: [0], unfinished: 1, joiners: [3] });
  expect(taken[4]?.settled).toEqual([]);
  expect(taken[5]?.settled).toEqual([{ waiter: 3, outcome: 'resolved', value: undefined }]);
  // taskDone called ahead for both buffered items: the count stays at zero (threading's draft went to -2).
  const ahead = run('fifo', 0, [{ kind: 'putNowait', item: it(0, 0) }, { kind: 'putNowait', item: it(0, 1) }, { kind: 'taskDone' }, { kind: 'taskDone' }, { kind: 'shutdown', immediate: true }]);
  expect(ahead.at(-1)?.state).toMatchObject({ unfinished: 0, discarded: [0, 1] });
  // Putters refused, then the joiner released, in that order.
  const full = run('fifo', 1, [{ kind: 'putNowait', item: it(0, 0) }, { kind: 'join', waiter: 1, options: {} }, { kind: 'put', waiter: 2, item: it(0, 2), options: {} }, { kind: 'shutdown', immediate: true }]);
  expect(full.at(-1)?.settled).toEqual([rejected(2), { waiter: 1, outcome: 'resolved', value: undefined }]);
});

test('shutting down twice is harmless: shutdown(true) after shutdown() still discards, anything else changes nothing', () => {
  const steps = run('fifo', 0, [{ kind: 'putNowait', item: it(0, 0) }, { kind: 'shutdown', immediate: false }, { kind: 'shutdown', immediate: false }, { kind: 'shutdown', immediate: true }, { kind: 'shutdown', immediate: true }, { kind: 'shutdown', immediate: false }]);
  expect(steps[2]?.state).toEqual(steps[1]?.state);
  expect(steps[3]?.state).toMatchObject({ buffer: [], discarded: [0], unfinished: 0 });
  expect(steps[4]?.state).toEqual(steps[3]?.state);
  expect(steps[5]?.state).toEqual(steps[3]?.state);
});

test('the invariants and rules reject an item entering after shutdown, a getter left waiting, a discarded item not accounted for, and an uncounted discard', () => {
  const shut = { ...(queueInit('fifo', 0) as QueueState), shutdown: true };
  expect(queueInvariants.nobodyWaitsToPutOrGetAfterShutdown({ ...shut, getters: [0] })).toBe(false);
  expect(queueInvariants.itemsConserved({ ...shut, entered: [0], discarded: [] })).toBe(false);
  expect(queueInvariants.discardsOnlyAfterShutdown({ ...shut, shutdown: false, entered: [0], discarded: [0] })).toBe(false);
  const entered: Step<QueueState> = { state: { ...shut, buffer: [it(0, 1)], entered: [1], unfinished: 1 }, returned: { kind: 'returned', value: undefined }, settled: [] };
  expect(queueStepInvariants.nothingEntersAfterShutdown(shut, { kind: 'putNowait', item: it(0, 1) }, entered)).toBe(false);
  const left: Step<QueueState> = { state: { ...shut, getters: [0] }, returned: { kind: 'returned', value: undefined }, settled: [] };
  expect(queueStepInvariants.shutdownRefusesEveryWaitingCall({ ...shut, shutdown: false, getters: [0] }, { kind: 'shutdown', immediate: false }, left)).toBe(false);
  const uncounted: Step<QueueState> = { state: { ...shut, discarded: [0], entered: [0], unfinished: 1 }, returned: { kind: 'returned', value: undefined }, settled: [] };
  expect(queueStepInvariants.countsEveryEntry({ ...shut, shutdown: false, buffer: [it(0, 0)], entered: [0], unfinished: 1 }, { kind: 'shutdown', immediate: true }, uncounted)).toBe(false);
});

/** Getters and putters with priorities 0 (none) and 1, for queues whose waiting calls give one. */
function enabledWithPriorities({ used }: Explored): QueueOp[] {
  const ops: QueueOp[] = [{ kind: 'getNowait' }, { kind: 'shutdown', immediate: false }];
  if (used < 5) {
    const waiter = used;
    for (const priority of [undefined, 1]) {
      ops.push({ kind: 'put', waiter, item: { key: 0, label: waiter }, options: { priority } }, { kind: 'get', waiter, options: { priority } });
    }
    ops.push({ kind: 'putNowait', item: { key: 0, label: waiter } });
  }
  for (let waiter = 0; waiter < used; waiter++) ops.push({ kind: 'timeout', waiter }, { kind: 'abort', waiter });
  return ops;
}

test('with priorities on getters and putters, every reachable queue state and transition keeps every invariant', () => {
  const initial: Explored[] = [];
  for (const maxsize of [0, 1]) {
    const model = queueInit('fifo', maxsize);
    if (!('error' in model)) initial.push({ model, used: 0 });
  }
  const depth = 10;
  const result = explore({
    initial,
    enabled: enabledWithPriorities,
    step,
    invariants: Object.fromEntries(Object.entries(queueInvariants).map(([name, holds]) => [name, lift(holds)])),
    stepInvariants: Object.fromEntries(
      Object.entries(queueStepInvariants).map(([name, holds]) => [name, (before: Explored, op: QueueOp, next: Step<Explored>) => holds(before.model, op, { ...next, state: next.state.model })]),
    ),
    depth,
  });
  console.log(`queues with priorities: ${result.states} states and ${result.transitions} transitions explored to depth ${depth}`);
  expect(result.violations).toEqual([]);
  // Five calls, maxsize 0 and 1: 2630 states today; far fewer means the priorities were lost.
  expect(result.states).toBeGreaterThan(2300);
});

test('a put hands its item to the getter of highest priority that waited longest; a get moves in the first putter of highest priority', () => {
  const getters = run('fifo', 0, [
    { kind: 'get', waiter: 0, options: {} },
    { kind: 'get', waiter: 1, options: { priority: 1 } },
    { kind: 'get', waiter: 2, options: { priority: 1 } },
    { kind: 'abort', waiter: 1 },
    { kind: 'putNowait', item: it(0, 4) },
    { kind: 'putNowait', item: it(0, 5) },
  ]);
  expect(getters[2]?.state.getters).toEqual([1, 2, 0]);
  expect(getters[4]?.settled).toEqual([{ waiter: 2, outcome: 'resolved', value: it(0, 4) }]);
  expect(getters[5]?.settled).toEqual([{ waiter: 0, outcome: 'resolved', value: it(0, 5) }]);
  expect(getters[5]?.state.priorities).toBeUndefined();
  const putters = run('fifo', 1, [
    { kind: 'putNowait', item: it(0, 0) },
    { kind: 'put', waiter: 1, item: it(0, 1), options: {} },
    { kind: 'put', waiter: 2, item: it(0, 2), options: { priority: 1 } },
    { kind: 'getNowait' },
  ]);
  expect(putters[3]?.settled).toEqual([{ waiter: 2, outcome: 'resolved', value: undefined }]);
  expect(putters[3]?.state.buffer).toEqual([it(0, 2)]);
});

test('servedOldestFirst fails on a put that hands its item to a later getter of equal priority', () => {
  const base = queueInit('fifo', 0) as QueueState;
  const waiting: QueueState = { ...base, getters: [1, 2], priorities: { 1: 1, 2: 1 } };
  const op: QueueOp = { kind: 'putNowait', item: it(0, 3) };
  const right = queueStep(waiting, op);
  expect(queueStepInvariants.servedOldestFirst(waiting, op, right)).toBe(true);
  const newest: Step<QueueState> = { ...right, state: { ...right.state, getters: [1], priorities: { 1: 1 } }, settled: [{ waiter: 2, outcome: 'resolved', value: it(0, 3) }] };
  expect(queueStepInvariants.servedOldestFirst(waiting, op, newest)).toBe(false);
  expect(queueInvariants.waitersInServiceOrder({ ...base, getters: [1, 2], priorities: { 2: 1 } })).toBe(false);
});
