/**
 * A timed-out waiter left in the queue and later granted: its promise already rejected, so the
 * permit handed to it is lost for good (the bug Tornado's lazy clean-up of timed-out waiters
 * invites, and the "lost permit" class of asyncio's bpo-45997 follow-ups).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Semaphore(0)`; tick 1: `acquire({ timeout: 5 })`; tick 2: `advance(50)`. The waiter timed
 * out, but the broken semaphore still counts it as waiting, and a later `release()` would hand
 * it the permit.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { TimeoutError } from '../../src/errors.js';
import { type Entry, ZooSemaphore } from './semaphore-base.js';

export class TimedOutGrantedSemaphore extends ZooSemaphore {
  /** Rejects, but leaves the waiter in the queue: a later release hands it a permit nobody gets. */
  override timedOut(entry: Entry, timeout: number): void {
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.reject(new TimeoutError(timeout));
  }
}

export const timedOutGrantedSemaphore = (kind: SemaphoreKind, value: number): TimedOutGrantedSemaphore => new TimedOutGrantedSemaphore(kind, value);
