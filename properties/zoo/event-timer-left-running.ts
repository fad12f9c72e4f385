/**
 * A timeout timer left running after `set()` woke the waiter: the callback later finds nothing
 * to do, but until then it keeps the waiter (and the process) alive; with long timeouts under
 * load it is a leak (the `setTimeout` without `clearTimeout` of many promise wrappers).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * tick 1: `wait({ timeout: 5 })`; tick 2: `set()`. The waiter resolves, and one timer is still
 * live.
 */

import { type Entry, ZooEvent } from './event-base.js';

export class TimerLeakEvent extends ZooEvent {
  override wake(entry: Entry): void {
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.resolve();
  }
}

export const timerLeakEvent = (): TimerLeakEvent => new TimerLeakEvent();
