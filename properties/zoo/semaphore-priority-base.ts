/**
 * The zoo's plain priority semaphore: `acquire({ priority })` waits in service order, highest
 * priority first and in arrival order among equals, as a task queue's or a pool's waiters do.
 * The waiting list is kept sorted the way p-queue keeps its queue: a waiter whose priority is
 * not above the last one's is appended; any other is inserted by binary search, behind every
 * waiter of its priority or higher. The priority entry breaks it in one place.
 */

import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class ZooPrioritySemaphore extends ZooSemaphore {
  readonly priorities = new Map<Entry, number>();

  override acquire(options: { timeout?: number; signal?: AbortSignal; priority?: number } = {}): Promise<{ release(): void }> {
    const waiting = this.waiters.length;
    const promise = super.acquire(options);
    // super.acquire queued a waiter at the back: move it to its place.
    if (this.waiters.length > waiting) {
      const entry = this.waiters.pop() as Entry;
      const priority = options.priority ?? 0;
      this.priorities.set(entry, priority);
      const last = this.waiters.at(-1);
      const place = last === undefined || this.priorityOf(last) >= priority ? this.waiters.length : this.insertionPoint(priority);
      this.waiters.splice(place, 0, entry);
    }
    return promise;
  }

  priorityOf(entry: Entry): number {
    return this.priorities.get(entry) ?? 0;
  }

  /** The first place whose waiter has a lower priority: behind every waiter of this priority or higher. */
  insertionPoint(priority: number): number {
    let [low, high] = [0, this.waiters.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.priorityOf(this.waiters[middle] as Entry) >= priority) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
