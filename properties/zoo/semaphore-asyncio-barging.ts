/**
 * asyncio's Semaphore barging, bpo-45997 / gh-90155: `release()` only wakes the oldest waiter,
 * which must retake the permit when it resumes; a non-blocking acquire in between takes it
 * first, and the woken waiter goes back to the end of the queue.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Semaphore(0)`; tick 1: `acquire()`; tick 2: `release()`. The model hands the permit to #0 at
 * `release()`, so the value stays 0; the barging semaphore only wakes #0 and puts the permit
 * back, so right after the call its value reads 1, free for any `tryAcquire` to take (on a
 * `Lock`: `locked()` reads false while #0 waits).
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class BargingSemaphore extends ZooSemaphore {
  override tryAcquire(): { release(): void } | undefined {
    if (this.value === 0) return undefined;
    this.value--;
    return this.releaser();
  }

  override giveBack(grant: { release(): void } | undefined): void {
    if (this.bound !== undefined && this.value >= this.bound) return super.giveBack(grant);
    if (grant !== undefined) this.grants.splice(this.grants.indexOf(grant), 1);
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
