/**
 * A cancellation after the handoff passes the permit on, the pattern of Tornado #2826: the
 * waiter keeps listening for its abort after it was granted, and on abort "gives back" a
 * permit it still holds, so the permit is duplicated.
 *
 * Minimal counterexample: `Lock()`: `acquire()`, `acquire({ signal })`; `release()` hands the
 * lock to the second; then `abort(0)`: the model changes nothing (the waiter keeps the lock);
 * the broken lock still holds an abort listener and, on abort, unlocks.
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
