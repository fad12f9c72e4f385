/**
 * A cancellation after the handoff passes the permit on. Tornado #2826 ("Queue.get loses result
 * on CancelledError") is this pattern on a queue: a waiter cancelled after it was handed its
 * item acts as if it never got it. On a semaphore the same late cancellation duplicates a
 * permit: the waiter keeps listening for its abort after it was granted, and on abort "gives
 * back" a permit it still holds.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Semaphore(0)`; one tick, `acquire({ signal: s0 }); release()`. The permit is handed over,
 * yet the waiter still holds an abort listener, which on abort would release a permit it keeps.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class LateCancelSemaphore extends ZooSemaphore {
  override handOff(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.resolve(this.releaser());
  }

  override aborted(entry: Entry): void {
    if (this.remove(entry)) entry.reject(entry.signal?.reason);
    else this.release();
  }
}

export const lateCancelSemaphore = (kind: SemaphoreKind, value: number): LateCancelSemaphore => new LateCancelSemaphore(kind, value);
