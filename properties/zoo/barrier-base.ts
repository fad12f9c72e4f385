/**
 * The zoo's plain barrier: a deliberately simple, correct implementation with the real
 * {@link Barrier}'s public API (arrays and closures), which each barrier zoo entry breaks in
 * exactly one place. It is not the real one, so an entry shows a bug of its own, the way a real
 * library had it.
 */

import { BrokenBarrierError, TimeoutError } from '../../src/errors.js';
import { enqueue, rejectEntry, resolveEntry, timeoutError, type Entry, type Options } from './waiting.js';

export class ZooBarrier {
  readonly parties: number;
  /** The group being filled, oldest first; `data` is what an entry may remember of its arrival. */
  waiters: Entry<number, number>[] = [];
  isBroken = false;

  constructor(parties: number) {
    if (!Number.isSafeInteger(parties) || parties < 1) throw new RangeError(`Barrier parties must be a positive integer, got ${parties}`);
    this.parties = parties;
  }

  get broken(): boolean {
    return this.isBroken;
  }

  statistics(): { waiting: number; broken: boolean; parties: number } {
    return { waiting: this.waiters.length, broken: this.isBroken, parties: this.parties };
  }

  wait(options: Options = {}): Promise<number> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    if (this.isBroken) return Promise.reject(new BrokenBarrierError('Barrier.wait() called on a broken barrier'));
    if (this.waiters.length + 1 === this.parties) return Promise.resolve(this.trip());
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return enqueue(this.waiters, this.arrival(), options);
  }

  /** What a waiter remembers when it arrives (nothing here: its index is its place at the trip). */
  arrival(): number {
    return this.waiters.length;
  }

  /** The group is whole: every waiter goes through with its place, oldest first; returns the caller's index. */
  trip(): number {
    const group = this.waiters.splice(0);
    group.forEach((entry, index) => resolveEntry(entry, index));
    return group.length;
  }

  reset(): void {
    this.isBroken = false;
    for (const entry of this.waiters.splice(0)) rejectEntry(entry, new BrokenBarrierError('Barrier.reset() sent this wait() away'));
  }

  abort(): void {
    this.isBroken = true;
    for (const entry of this.waiters.splice(0)) rejectEntry(entry, new BrokenBarrierError('Barrier.abort() broke the barrier'));
  }
}
