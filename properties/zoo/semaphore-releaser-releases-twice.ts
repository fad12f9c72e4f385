/**
 * A releaser that releases every time it is called, not once: calling it twice (an error path
 * and a `finally`, say) gives back a permit that was never taken; async-mutex's early
 * `release()` functions had to be made idempotent for this reason.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Semaphore(1)`; tick 1: `tryAcquire(); release()` (the release gives #0's grant back); tick
 * 2: `release()` on #0's releaser. The model's releaser does nothing and the value stays 1; the
 * broken one's gives back a permit again: 2 (on a `Lock`, the call throws).
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { ZooSemaphore } from './semaphore-base.js';

export class DoubleReleaseSemaphore extends ZooSemaphore {
  override releaser(): { release(): void } {
    return { release: () => this.release() };
  }
}

export const doubleReleaseSemaphore = (kind: SemaphoreKind, value: number): DoubleReleaseSemaphore => new DoubleReleaseSemaphore(kind, value);
