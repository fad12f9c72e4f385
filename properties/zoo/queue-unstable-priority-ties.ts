/**
 * An unstable priority order for ties: a binary heap compared on the priority alone, with no
 * sequence number, as a heap over `(priority, item)` pairs is when the items cannot be compared
 * or a comparator looks at the priority only. A heap is not stable: after the root leaves, the
 * last leaf is sifted down and can pass an equal item put before it.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `PriorityQueue()`; tick 1: `put(key 0)` three times; tick 2: `get(); getNowait()`. Both sides
 * return the first item (label 0) first; then the model returns the second (label 1), and the
 * heap the third (label 2), which the sift left at the root ahead of its equal.
 */

import type { QueueItem, QueueOrder } from '../../model/queue.js';
import { ZooQueue } from './queue-base.js';

export class UnstableHeapQueue extends ZooQueue {
  override bufferPut(item: QueueItem): void {
    if (this.order !== 'priority') return super.bufferPut(item);
    const heap = this.buffer;
    heap.push({ item, seq: 0 });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent]?.item.key ?? 0) <= (heap[i]?.item.key ?? 0)) break;
      [heap[parent], heap[i]] = [heap[i] as (typeof heap)[number], heap[parent] as (typeof heap)[number]];
      i = parent;
    }
  }

  override take(): QueueItem {
    if (this.order !== 'priority') return super.take();
    const heap = this.buffer;
    const top = heap[0] as (typeof heap)[number];
    const last = heap.pop() as (typeof heap)[number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && (heap[left]?.item.key ?? 0) < (heap[least]?.item.key ?? 0)) least = left;
        if (right < heap.length && (heap[right]?.item.key ?? 0) < (heap[least]?.item.key ?? 0)) least = right;
        if (least === i) break;
        [heap[least], heap[i]] = [heap[i] as (typeof heap)[number], heap[least] as (typeof heap)[number]];
        i = least;
      }
    }
    return top.item;
  }
}

export const unstableHeapQueue = (order: QueueOrder, maxsize: number): UnstableHeapQueue => new UnstableHeapQueue(order, maxsize);
