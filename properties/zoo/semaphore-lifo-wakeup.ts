/**
 * LIFO instead of FIFO wakeup: `release()` wakes the newest waiter, so under steady contention
 * the oldest waiter starves (the unfairness trio's and asyncio's docs warn of; early
 * hand-written mutexes that `pop()` their waiter array have it).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Semaphore(0)`; tick 1: `acquire()`; tick 2: `acquire()`; tick 3: `release()`. The model
 * grants #0; the broken one grants #1.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class LifoSemaphore extends ZooSemaphore {
  override nextWaiter(): Entry | undefined {
    return this.waiters.pop();
  }
}

export const lifoSemaphore = (kind: SemaphoreKind, value: number): LifoSemaphore => new LifoSemaphore(kind, value);
