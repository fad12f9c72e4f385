/**
 * asyncio's wake-and-retry: `put` with getters waiting puts the item in the buffer and only
 * wakes the oldest getter, which takes it when it resumes; a `getNowait` in between takes the
 * item first, and the woken getter waits again at the back (asyncio's `Queue.get` loops
 * `while self.empty(): ... await getter`). toro-ts, like Tornado, hands the item over instead.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Queue()`; tick 1: `get()`; tick 2: `putNowait(key 0)`. The model hands the item to the
 * getter at once, so right after the call the queue is empty; the broken queue only wakes the
 * getter, and the item sits in the buffer (`qsize()` 1) until the getter resumes. In that window
 * a `getNowait()` takes the item instead: the zoo test's directed program (tick 2: `put(key 0);
 * getNowait()`, where the model throws QueueEmpty), named rule 2.
 */

import type { QueueItem, QueueOrder } from '../../model/queue.js';
import { type Entry, ZooQueue } from './queue-base.js';

export class StealingQueue extends ZooQueue {
  override offer(item: QueueItem): boolean {
    if (this.full()) return false;
    this.enter(item);
    const woken = this.getters.shift();
    if (woken !== undefined) queueMicrotask(() => this.retry(woken));
    return true;
  }

  retry(getter: Entry<QueueItem>): void {
    if (this.buffer.length > 0) this.settle(getter, this.take());
    else this.getters.push(getter);
  }
}

export const stealingQueue = (order: QueueOrder, maxsize: number): StealingQueue => new StealingQueue(order, maxsize);
