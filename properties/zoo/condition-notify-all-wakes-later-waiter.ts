/**
 * `notifyAll` waking a waiter registered after the call: a broadcast must wake the waiters
 * blocked when it is made, and no others (POSIX `pthread_cond_broadcast`: "shall unblock all
 * threads currently blocked"; Tornado's `notify_all` is `notify(len(self._waiters))`, a count
 * taken at the call). A promise-based condition that defers the broadcast to a microtask,
 * to batch wakeups, also wakes whoever called `wait()` later in the same job.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * one tick, `notifyAll(); wait()`. The model leaves #1 waiting; the broken condition wakes it,
 * a wakeup out of nothing.
 */

import { ZooCondition } from './condition-base.js';

export class NotifyAllWakesLaterCondition extends ZooCondition {
  override notifyAll(): void {
    queueMicrotask(() => this.notify(this.waiters.length));
  }
}

export const notifyAllWakesLaterCondition = (): NotifyAllWakesLaterCondition => new NotifyAllWakesLaterCondition();
