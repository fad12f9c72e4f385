/**
 * A releaser that releases every time it is called, not once: calling it twice (an error path
 * and a `finally`, say) gives back a permit that was never taken; async-mutex's early
 * `release()` functions had to be made idempotent for this reason.
 *
 * Counterexample the property finds (ZOO_SEED, minimized): `Semaphore(0)`; tick 1:
 * `acquire()`; tick 2: `release()`; tick 3: `release(); releaser(0).release()`. The model's
 * value is 1 (the releaser's grant was given back by the first `release()`); the broken one's
 * is 2.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { ZooSemaphore } from './semaphore-base.js';

export class DoubleReleaseSemaphore extends ZooSemaphore {
  override releaser(): { release(): void } {
    return { release: () => this.release() };
  }
}

export const doubleReleaseSemaphore = (kind: SemaphoreKind, value: number): DoubleReleaseSemaphore => new DoubleReleaseSemaphore(kind, value);
