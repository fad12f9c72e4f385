/**
 * The zoo's plain pool: a semaphore whose permits are resources lent by value, as generic-pool's
 * and tarn's are. A handle's `release()` gives a resource back, whichever loan it stood for (a
 * pool's `release(resource)`), so the pool cannot tell a second release of a handle from the
 * next borrower's: it is checked with `releaseOnce` and without a release on the pool.
 * `runExclusive(fn)` is the pool's `use(fn)`. The pool entries break it in one place.
 */

import type { Adapter } from 'toro-ts/check';
import { ZooRunSemaphore } from './semaphore-run-exclusive-base.js';

export class ZooPool extends ZooRunSemaphore {
  /** A loan: its `release()` gives a resource back, as many times as it is called. */
  override releaser(): { release(): void } {
    return { release: () => this.giveBack(undefined) };
  }
}

/** What a pool declares: each handle released once, and no release on the pool. */
export function asPool(adapter: Adapter): Adapter {
  const { release: _unscoped, ...calls } = adapter.calls;
  return { ...adapter, calls, releaseOnce: true };
}
