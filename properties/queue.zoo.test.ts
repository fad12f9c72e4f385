import { describe, expect, test } from 'vitest';
import { stealingQueue } from './zoo/queue-asyncio-getnowait-steals-from-woken-getter.js';
import { ZooQueue } from './zoo/queue-base.js';
import { lateAbortLosesItemQueue } from './zoo/queue-get-aborted-after-handoff-loses-item.js';
import { uncountedHandoffQueue } from './zoo/queue-handoff-not-counted-as-task.js';
import { outOfOrderPuttersQueue } from './zoo/queue-putters-enter-out-of-order.js';
import { timedOutPutterEntersQueue } from './zoo/queue-timed-out-putter-item-enters.js';
import { unstableHeapQueue } from './zoo/queue-unstable-priority-ties.js';
import { runProgram } from './harness.js';
import { getCommand, getNowaitCommand, putCommand, queueSpec, type QueueFactory } from './queue.spec.js';
import { catches } from './zoo.js';

const zoo: Record<string, QueueFactory> = {
  'a get aborted after its handoff losing the item (bpo-23812, Tornado #2826)': lateAbortLosesItemQueue,
  'putters entering out of order (gh-83055)': outOfOrderPuttersQueue,
  "asyncio's wake-and-retry letting getNowait steal from a woken getter": stealingQueue,
  'a handed-off item not counted as a task (join resolving early)': uncountedHandoffQueue,
  'an unstable priority order for ties': unstableHeapQueue,
  'a timed-out putter whose item still enters the queue': timedOutPutterEntersQueue,
};

describe('the queue properties catch every bug in the zoo', () => {
  for (const [bug, factory] of Object.entries(zoo)) {
    test(`catches ${bug}`, async () => {
      const caught = await catches(queueSpec(factory));
      expect(caught, `${bug} went unnoticed`).toBeDefined();
      console.log(`${bug}\n${caught?.program}\n  ${caught?.error}`);
    });
  }
});

test("the zoo's plain queue, without a planted bug, passes the same property", async () => {
  expect(await catches(queueSpec((order, maxsize) => new ZooQueue(order, maxsize)))).toBeUndefined();
});

// The smallest symptom of wake-and-retry is settlement order (the woken waiter resumes after the
// call that woke it returns); these programs show the headline symptoms the same window allows.
const plain = { timeout: undefined, signal: 'none' } as const;

test("asyncio's wake-and-retry lets getNowait take the item a waiting getter was woken for, and the property sees it", async () => {
  const program = { params: { order: 'fifo' as const, maxsize: 0 }, ticks: [[getCommand(plain)], [putCommand(0, plain), getNowaitCommand]] };
  await expect(runProgram(queueSpec(), program)).resolves.toBeUndefined();
  await expect(runProgram(queueSpec(stealingQueue), program)).rejects.toThrow(/returned .*value: \{ key: 0, label: 1 \}.*model says .*QueueEmpty/s);
});

test('putters entering out of order: a put made after a get from a full queue enters ahead of the waiting putter, and the property sees it', async () => {
  const program = {
    params: { order: 'fifo' as const, maxsize: 1 },
    ticks: [[putCommand(0, plain), putCommand(0, plain)], [getCommand(plain), putCommand(0, plain)]],
  };
  await expect(runProgram(queueSpec(), program)).resolves.toBeUndefined();
  // The model resolves the waiting put (#1) and makes the new one (#3) wait; the broken queue resolves #3.
  await expect(runProgram(queueSpec(outOfOrderPuttersQueue), program)).rejects.toThrow(/settled .*waiter: 3, outcome: 'resolved'.*model says .*waiter: 1, outcome: 'resolved'/s);
});
