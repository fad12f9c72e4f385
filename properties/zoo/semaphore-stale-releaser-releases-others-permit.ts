/**
 * A stale releaser gives back someone else's permit. Tornado's semaphore context manager
 * (`_ReleasingContextManager.__exit__` in `tornado/locks.py`) calls `release()` on the semaphore
 * on every exit, and toro-ts's own `Releaser` did the same before issue 11: it releases once,
 * but releases *a* permit, not its own. If the permit it was handed has already been given back
 * (by `release()` on the primitive), its call frees the permit another holder now has.
 *
 * The program: `new Lock()`; `r1 = await lock.acquire()`; `lock.release()`; `r2 =
 * await lock.acquire()`; `r1.release()`. The model: `r1` does nothing, the lock stays locked by
 * `r2`. This entry: the lock is unlocked while `r2` is inside, and the next `acquire()` lets a
 * second holder in. On a `BoundedSemaphore(1)` with waiters the same stray release lets an
 * extra holder in and the `RangeError` lands on an innocent releaser.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `new Lock()`; tick 1: `acquire(); release()`; tick 2: `release()` on #0's releaser. The
 * model's `release()` gave back #0's grant, so its releaser does nothing; this entry's
 * releaser throws `InvalidStateError` on the unlocked lock.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { ZooSemaphore } from './semaphore-base.js';

export class StaleReleaserSemaphore extends ZooSemaphore {
  /** Releases once, as Tornado's context manager exits once, but without asking whose permit. */
  override releaser(): { release(): void } {
    let released = false;
    const grant = {
      release: () => {
        if (released) return;
        this.release();
        released = true;
      },
    };
    this.grants.push(grant);
    return grant;
  }
}

export const staleReleaserSemaphore = (kind: SemaphoreKind, value: number): StaleReleaserSemaphore => new StaleReleaserSemaphore(kind, value);
