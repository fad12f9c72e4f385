/**
 * A timeout timer left running after its waiter was granted: harmless-looking (the callback
 * finds nothing to do) but it keeps the waiter, and the process, alive until it fires; with
 * long timeouts under load it is a leak (the class of bug behind Tornado's lazy purge of
 * timed-out waiters, and of many `setTimeout` without `clearTimeout` in promise wrappers).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Semaphore(0)`; tick 1: `acquire({ timeout: 5 })`; tick 2: `release()`. #0 is granted, and
 * one timer is still live.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class TimerLeakSemaphore extends ZooSemaphore {
  override handOff(entry: Entry): void {
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.resolve(this.releaser());
  }
}

export const timerLeakSemaphore = (kind: SemaphoreKind, value: number): TimerLeakSemaphore => new TimerLeakSemaphore(kind, value);
