import { describe, expect, test } from 'vitest';
import { stealingQueue } from './zoo/queue-asyncio-getnowait-steals-from-woken-getter.js';
import { ZooQueue } from './zoo/queue-base.js';
import { lateAbortLosesItemQueue } from './zoo/queue-get-aborted-after-handoff-loses-item.js';
import { uncountedHandoffQueue } from './zoo/queue-handoff-not-counted-as-task.js';
import { outOfOrderPuttersQueue } from './zoo/queue-putters-enter-out-of-order.js';
import { timedOutPutterEntersQueue } from './zoo/queue-timed-out-putter-item-enters.js';
import { unstableHeapQueue } from './zoo/queue-unstable-priority-ties.js';
import { queueSpec, type QueueFactory } from './queue.spec.js';
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
