import * as toro from 'toro-ts';
import { nativeAdapter, runProgram, showDivergence, type Program } from 'toro-ts/check';
import { expect, test } from 'vitest';
import { stealingQueue } from './zoo/queue-asyncio-getnowait-steals-from-woken-getter.js';
import { outOfOrderPuttersQueue } from './zoo/queue-putters-enter-out-of-order.js';

// The smallest symptom of wake-and-retry is settlement order (the woken waiter resumes after the
// call that woke it returns); these programs show the headline symptoms the same window allows.
// Made by each test, never at import (the mutation run sees a constructor only inside a test).
const real = () => nativeAdapter('Queue', toro.Queue);
const fifo = (f: (order: 'fifo', maxsize: number) => object) => (p: Readonly<Record<string, number>>) => f('fifo', p['maxsize'] ?? 0);

test("asyncio's wake-and-retry lets getNowait take the item a waiting getter was woken for, and the checker sees it", async () => {
  const program: Program = { primitive: 'Queue', params: { maxsize: 0 }, ticks: [[{ call: 'get', id: 0 }], [{ call: 'put', id: 1, key: 0 }, { call: 'getNowait', id: 2 }]] };
  expect((await runProgram(real(), program)).divergence).toBeUndefined();
  const broken = await runProgram(nativeAdapter('Queue', fifo(stealingQueue)), program);
  expect(broken.divergence?.rule).toBe('noBarging');
  expect(showDivergence(broken.divergence ?? { rule: 'returns', tick: 0, summary: '', expected: '', actual: '' })).toMatch(/getNowait took what #0, an older waiter, is owed[\s\S]*model: +#2 getNowait: threw QueueEmpty[\s\S]*implementation: #2 getNowait: returned 1/);
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
  expect((await runProgram(real(), program)).divergence).toBeUndefined();
  // The model resolves the waiting put (#1) and makes the new one (#3) wait; the broken queue resolves #3.
  const broken = await runProgram(nativeAdapter('Queue', fifo(outOfOrderPuttersQueue)), program);
  expect(broken.divergence?.rule).toBe('fifo');
  expect(broken.divergence?.summary).toBe('#3 was served where the model serves #1, the oldest waiter');
});
