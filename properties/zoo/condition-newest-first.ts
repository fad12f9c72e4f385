/**
 * Newest-first wakeup: `notify()` wakes the most recent waiter, so under steady traffic the
 * oldest starves (the unfairness of waiter lists kept as a stack, e.g. `pop()` instead of
 * `shift()`; Tornado and asyncio both wake from the left of a deque).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * one tick, `wait(); wait(); notifyAll()`. The model settles #0 then #1; the broken one #1 then
 * #0.
 */

import { type Entry, ZooCondition } from './condition-base.js';

export class NewestFirstCondition extends ZooCondition {
  override nextWaiter(): Entry | undefined {
    return this.waiters.pop();
  }
}

export const newestFirstCondition = (): NewestFirstCondition => new NewestFirstCondition();
