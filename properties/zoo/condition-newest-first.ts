/**
 * Newest-first wakeup: `notify()` wakes the most recent waiter, so under steady traffic the
 * oldest starves (the unfairness of waiter lists kept as a stack, e.g. `pop()` instead of
 * `shift()`; Tornado and asyncio both wake from the left of a deque).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * tick 1: `wait(); wait()`; tick 2: `notify()`. The model wakes #0, the oldest waiter; the
 * broken one wakes #1 (with `notifyAll()`, it settles #1 before #0).
 */

import { type Entry, ZooCondition } from './condition-base.js';

export class NewestFirstCondition extends ZooCondition {
  override nextWaiter(): Entry | undefined {
    return this.waiters.pop();
  }
}

export const newestFirstCondition = (): NewestFirstCondition => new NewestFirstCondition();
