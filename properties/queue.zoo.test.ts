import * as toro from 'toro-ts';
import { nativeAdapter, runProgram, showDivergence, type Program } from 'toro-ts/check';
import { describe, expect, test } from 'vitest';
import { stealingQueue } from './zoo/queue-asyncio-getnowait-steals-from-woken-getter.js';
import { ZooQueue } from './zoo/queue-base.js';
import { lateAbortLosesItemQueue } from './zoo/queue-get-aborted-after-handoff-loses-item.js';
import { uncountedHandoffQueue } from './zoo/queue-handoff-not-counted-as-task.js';
import { outOfOrderPuttersQueue } from './zoo/queue-putters-enter-out-of-order.js';
import { timedOutPutterEntersQueue } from './zoo/queue-timed-out-putter-item-enters.js';
import { unstableHeapQueue } from './zoo/queue-unstable-priority-ties.js';
import { found, judge, type ZooEntry } from './zoo.js';

type Factory = (order: 'fifo' | 'lifo' | 'priority', maxsize: number) => object;
const fifo = (f: Factory): ZooEntry['make'] => (p) => f('fifo', p['maxsize'] ?? 0);

const zoo: readonly ZooEntry[] = [
  {
    bug: 'a get aborted after its handoff losing the item (bpo-23812, Tornado #2826)',
    primitive: 'Queue',
    make: fifo(lateAbortLosesItemQueue),
    caught: { rule: 'atomicCancellation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get({ signal: s0 })\n  tick 2: #1 put(key 0); abort(s0)' },
  },
  {
    bug: 'putters entering out of order (gh-83055)',
    primitive: 'Queue',
    make: fifo(outOfOrderPuttersQueue),
    caught: { rule: 'settlementOrder', program: 'new Queue({ maxsize: 1 })\n  tick 1: #0 putNowait(key 0)\n  tick 2: #3 put(key 0); #4 get()' },
  },
  {
    bug: "asyncio's wake-and-retry letting getNowait steal from a woken getter",
    primitive: 'Queue',
    make: fifo(stealingQueue),
    caught: { rule: 'settlementOrder', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get()\n  tick 2: #1 put(key 0)' },
  },
  {
    bug: 'a handed-off item not counted as a task (join resolving early)',
    primitive: 'Queue',
    make: fifo(uncountedHandoffQueue),
    caught: { rule: 'conservation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get()\n  tick 2: #1 put(key 0)' },
  },
  {
    bug: 'an unstable priority order for ties',
    primitive: 'PriorityQueue',
    make: (p) => unstableHeapQueue('priority', p['maxsize'] ?? 0),
    caught: {
      rule: 'queues',
      program: 'new PriorityQueue({ maxsize: 0 })\n  tick 1: #0 putNowait(key 0); #1 putNowait(key 0); #2 putNowait(key 0)\n  tick 2: #3 getNowait()\n  tick 3: #5 get()',
    },
  },
  {
    bug: 'a timed-out putter whose item still enters the queue',
    primitive: 'Queue',
    make: fifo(timedOutPutterEntersQueue),
    caught: {
      rule: 'conservation',
      program: 'new Queue({ maxsize: 3 })\n  tick 1: #0 putNowait(key 0); #1 put(key 0)\n  tick 2: #2 put(key 0); #3 put(key 0, { timeout: 5 })\n  tick 3: advance(20); #4 get()',
    },
  },
];

describe('the checker catches every queue bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of zoo) {
    test(`catches ${entry.bug}`, async () => {
      expect(await found(entry)).toEqual(entry.caught);
    });
  }
});

test("the zoo's plain queues, without a planted bug, pass the same check", async () => {
  for (const [primitive, order] of [['Queue', 'fifo'], ['LifoQueue', 'lifo'], ['PriorityQueue', 'priority']] as const) {
    expect((await judge(primitive, (p) => new ZooQueue(order, p['maxsize'] ?? 0), `plain ${primitive}`)).failure).toBeUndefined();
  }
});

// The smallest symptom of wake-and-retry is settlement order (the woken waiter resumes after the
// call that woke it returns); these programs show the headline symptoms the same window allows.
const real = nativeAdapter('Queue', toro.Queue);

test("asyncio's wake-and-retry lets getNowait take the item a waiting getter was woken for, and the checker sees it", async () => {
  const program: Program = { primitive: 'Queue', params: { maxsize: 0 }, ticks: [[{ call: 'get', id: 0 }], [{ call: 'put', id: 1, key: 0 }, { call: 'getNowait', id: 2 }]] };
  expect((await runProgram(real, program)).divergence).toBeUndefined();
  const broken = await runProgram(nativeAdapter('Queue', fifo(stealingQueue)), program);
  expect(broken.divergence?.rule).toBe('noBarging');
  expect(showDivergence(broken.divergence ?? { rule: 'returns', tick: 0, summary: '', expected: '', actual: '' })).toMatch(/#2 getNowait: returned 1[\s\S]*#2 getNowait: threw QueueEmpty|getNowait took what an older waiter is owed/);
});

test('putters entering out of order: a put made after a get from a full queue enters ahead of the waiting putter, and the checker sees it', async () => {
  const program: Program = {
    primitive: 'Queue',
    params: { maxsize: 1 },
    ticks: [
      [{ call: 'put', id: 0 }, { call: 'put', id: 1 }],
      [{ call: 'get', id: 2 }, { call: 'put', id: 3 }],
    ],
  };
  expect((await runProgram(real, program)).divergence).toBeUndefined();
  // The model resolves the waiting put (#1) and makes the new one (#3) wait; the broken queue resolves #3.
  const broken = await runProgram(nativeAdapter('Queue', fifo(outOfOrderPuttersQueue)), program);
  expect(broken.divergence?.rule).toBe('fifo');
  expect(broken.divergence?.summary).toBe('#3 was served where the model serves #1, the oldest waiter');
});
