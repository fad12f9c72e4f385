/**
 * A handed-off item not counted as a task: `put` with a getter waiting gives the item straight
 * to the getter but skips the unfinished-task count that the buffer path increments, so
 * `join()` resolves while that item is still being worked on (and the consumer's `taskDone()`
 * later throws). Tornado avoids it by routing every item through `__put_internal`.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Queue()`; tick 1: `get()`; tick 2: `putNowait(key 0)`. The model counts one unfinished task (the
 * getter holds the item); the broken queue shows `unfinished: 0`, so a `join()` would resolve
 * at once.
 */

import type { QueueItem, QueueOrder } from '../../model/queue.js';
import { type Entry, ZooQueue } from './queue-base.js';

export class UncountedHandoffQueue extends ZooQueue {
  override offer(item: QueueItem): boolean {
    const getter = this.getters.shift();
    if (getter !== undefined) {
      this.handOff(getter as Entry<QueueItem>, item);
      return true;
    }
    return super.offer(item);
  }
}

export const uncountedHandoffQueue = (order: QueueOrder, maxsize: number): UncountedHandoffQueue => new UncountedHandoffQueue(order, maxsize);
