/**
 * Equal priorities served out of order: the binary search that places a waiter stops at the
 * first waiter of its own priority instead of passing them, so a waiter that is not simply
 * appended goes ahead of the equals that came before it (LIFO among equals), though priorities
 * promise FIFO among equals (brandoncarl/taskco#11, "Tasks are returning LIFO instead of FIFO
 * for same priority"; EOSIO/appbase#51 and apache/druid#1809 fixed the same in their priority
 * queues). Without priorities every waiter is appended and the order is right, so only a
 * program that gives priorities shows it.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts): a held lock, a
 * waiter without a priority, then two of priority 1; the release serves the second of those two,
 * where the model serves the first.
 */

import type { Entry } from './semaphore-base.js';
import { ZooPrioritySemaphore } from './semaphore-priority-base.js';

export class LifoAmongEqualsSemaphore extends ZooPrioritySemaphore {
  override insertionPoint(priority: number): number {
    let [low, high] = [0, this.waiters.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.priorityOf(this.waiters[middle] as Entry) > priority) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
