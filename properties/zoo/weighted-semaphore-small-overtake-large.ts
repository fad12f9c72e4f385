/**
 * Smaller requests overtake a blocked large one, which can then starve. Effect's semaphore
 * made this choice on purpose ("ensure large semaphore takes don't block smaller ones",
 * Effect-TS/effect#2107, later documented: "smaller later requests may overtake larger
 * earlier requests", #6636); golang/go#56910 explains why Go's `x/sync/semaphore` keeps
 * head-of-line blocking instead: out-of-order admission lets a continuous stream of small
 * acquisitions keep a large one waiting for ever. toro-ts's rule is strict FIFO.
 *
 * Shortest program: `new WeightedSemaphore(4)`; `tryAcquire(3)`; `acquire(4)`; `acquire(1)`.
 * The model keeps the 1-unit request waiting behind the 4-unit one; here it is granted at once
 * (statistics `{ value: 0, waiting: 1 }` instead of `{ value: 1, waiting: 2 }`), and as long as
 * small requests keep coming and going, the large one never gets in.
 */

import { ZooWeightedSemaphore, type WeightedEntry } from './weighted-semaphore-base.js';

export class SmallOvertakeLarge extends ZooWeightedSemaphore {
  override canTakeNow(weight: number): boolean {
    return weight <= this.value;
  }

  override admit(): void {
    // Any waiter that fits goes in, wherever it stands in the queue.
    for (const entry of [...this.waiters]) {
      if (entry.weight <= this.value) {
        this.waiters.splice(this.waiters.indexOf(entry), 1);
        this.grant(entry as WeightedEntry);
      }
    }
  }
}
