/**
 * A timeout timer left running after the waiter was notified: the callback later finds nothing
 * to do, but until then it keeps the waiter (and the process) alive; with long timeouts under
 * load it is a leak (the `setTimeout` without `clearTimeout` of many promise wrappers).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * one tick, `wait({ timeout: 5 }); notify()`. The waiter resolves `true`, and one timer is
 * still live.
 */

import { type Entry, ZooCondition } from './condition-base.js';

export class TimerLeakCondition extends ZooCondition {
  override wake(entry: Entry): void {
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.done = true;
    entry.resolve(true);
  }
}

export const timerLeakCondition = (): TimerLeakCondition => new TimerLeakCondition();
