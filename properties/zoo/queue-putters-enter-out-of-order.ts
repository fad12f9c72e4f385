/**
 * Putters entering out of order, gh-83055 (bpo-38874, "asyncio.Queue: putting items out of
 * order when it is full"): a `get` from a full queue only frees a slot and wakes the oldest
 * putter, which retries when it resumes (asyncio's shape); a `put` made in between finds the
 * slot free and enters ahead of every waiting putter, and the woken putter goes back to wait
 * at the end.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Queue({ maxsize: 1 })`; tick 1: `put(key 0); put(key 0)` (the second waits); tick 2:
 * `getNowait()`. The model moves the waiting putter's item in during `getNowait`, so right
 * after the call the queue is full again; the broken queue only wakes the putter, and reads
 * empty until it resumes. The reordering itself, a `put` in that window entering ahead of the
 * woken putter, is the zoo test's directed program: tick 1: `put(key 0); put(key 0)`; tick 2:
 * `get(); put(key 0)`.
 */

import type { QueueItem, QueueOrder } from '../../model/queue.js';
import { type PutEntry, ZooQueue } from './queue-base.js';

export class OutOfOrderPuttersQueue extends ZooQueue {
  override poll(): { item: QueueItem } | undefined {
    if (this.buffer.length === 0) return super.poll();
    const item = this.take();
    // Wake the oldest putter to retry later, instead of moving its item in now.
    const woken = this.putters.shift();
    if (woken !== undefined) queueMicrotask(() => this.retry(woken));
    return { item };
  }

  retry(putter: PutEntry): void {
    if (!this.full()) {
      this.enter(putter.item);
      this.settle(putter, undefined);
    } else this.putters.push(putter);
  }
}

export const outOfOrderPuttersQueue = (order: QueueOrder, maxsize: number): OutOfOrderPuttersQueue => new OutOfOrderPuttersQueue(order, maxsize);
