/**
 * asyncio's Semaphore barging, bpo-45997 / gh-90155: `release()` only wakes the oldest waiter,
 * which must retake the permit when it resumes; a non-blocking acquire in between takes it
 * first, and the woken waiter goes back to the end of the queue.
 *
 * Counterexample the property finds (ZOO_SEED, minimized): a `Lock`; tick 1: `acquire()`;
 * tick 2: `acquire(); release(); releaser(0).release()`. The model hands the lock to #1 at
 * `release()`; the barging lock only wakes #1, so the releaser's release finds it unlocked
 * and throws.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class BargingSemaphore extends ZooSemaphore {
  override tryAcquire(): { release(): void } | undefined {
    if (this.value === 0) return undefined;
    this.value--;
    return this.releaser();
  }

  override release(): void {
    if (this.bound !== undefined && this.value >= this.bound) return super.release();
    this.value++;
    const woken = this.waiters.shift();
    if (woken !== undefined) queueMicrotask(() => this.retry(woken));
  }

  retry(entry: Entry): void {
    if (this.value > 0) {
      this.value--;
      this.handOff(entry);
    } else {
      this.waiters.push(entry);
    }
  }
}

export const bargingSemaphore = (kind: SemaphoreKind, value: number): BargingSemaphore => new BargingSemaphore(kind, value);
