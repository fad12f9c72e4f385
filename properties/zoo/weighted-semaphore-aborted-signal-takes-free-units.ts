/**
 * An acquire whose signal is already aborted still takes units when they are free. Go's
 * `x/sync/semaphore.Weighted.Acquire` did this with an already-cancelled context: it checked for
 * free units first and the context only when it had to wait (golang/go#63615, "acquire should
 * fail if context is canceled or timed out"). The caller has already given up, yet it now holds
 * units it will likely never release, and everyone else waits for them.
 *
 * Shortest program: `new WeightedSemaphore(2)`; `acquire(1, { signal: AbortSignal.abort() })`.
 * The model rejects with the signal's reason and the value stays 2; here it resolves and the
 * value is 1.
 */

import { timeoutError } from './waiting.js';
import { ZooWeightedSemaphore } from './weighted-semaphore-base.js';

export class AbortedSignalTakesFreeUnits extends ZooWeightedSemaphore {
  override acquire(weight: number, options: { timeout?: number; signal?: AbortSignal } = {}): Promise<{ release(): void }> {
    // The bug: free units are checked before the signal (a bad timeout is still refused first).
    if (timeoutError(options) === undefined && typeof weight === 'number' && Number.isInteger(weight) && weight >= 1 && weight <= this.capacity && this.canTakeNow(weight)) {
      this.value -= weight;
      return Promise.resolve(this.releaser(weight));
    }
    return super.acquire(weight, options);
  }
}
