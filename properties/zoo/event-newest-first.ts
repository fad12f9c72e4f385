/**
 * Newest-first wakeup: `set()` wakes every waiter, but the most recent first, so the settlement
 * order contradicts arrival order (a waiter list kept as a stack; Tornado and asyncio wake
 * from the left of a deque, and rule 4 of the rules page makes settlement order handoff order).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * tick 1: `wait(); wait()`; tick 2: `set()`. The model settles #0 then #1; the broken event
 * #1 then #0.
 */

import { type Entry, ZooEvent } from './event-base.js';

export class NewestFirstEvent extends ZooEvent {
  override nextWaiter(): Entry | undefined {
    return this.waiters.pop();
  }
}

export const newestFirstEvent = (): NewestFirstEvent => new NewestFirstEvent();
