/**
 * The zoo's plain event: a deliberately simple, correct implementation (arrays, closures) that
 * each event zoo entry breaks in exactly one place. It is not the real one, so an entry shows a
 * bug of its own, the way a real library had it.
 */

import { TimeoutError } from '../../src/errors.js';
import { timeoutError } from './waiting.js';

/** What the zoo's events offer: toro-ts's API, as the checker drives it. */
export interface EventLike {
  isSet(): boolean;
  set(): void;
  clear(): void;
  wait(options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  statistics(): object;
}

export interface Entry {
  resolve(): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class ZooEvent implements EventLike {
  flag = false;
  waiters: Entry[] = [];

  isSet(): boolean {
    return this.flag;
  }

  statistics(): object {
    return { isSet: this.flag, waiting: this.waiters.length };
  }

  wait(options: { timeout?: number; signal?: AbortSignal } = {}): Promise<void> {
    const { timeout, signal } = options;
    return new Promise((resolve, reject) => {
      const badTimeout = timeoutError(options);
      if (badTimeout !== undefined) return this.settle(() => reject(badTimeout));
      if (signal?.aborted === true) return this.settle(() => reject(signal.reason));
      if (this.flag) return this.settle(resolve);
      if (timeout === 0) return this.settle(() => reject(new TimeoutError(0)));
      const entry: Entry = { resolve, reject, timer: undefined, signal, onAbort: () => this.aborted(entry) };
      if (timeout !== undefined) entry.timer = setTimeout(() => this.timedOut(entry, timeout), timeout);
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.waiters.push(entry);
    });
  }

  set(): void {
    this.flag = true;
    for (let next = this.nextWaiter(); next !== undefined; next = this.nextWaiter()) this.wake(next);
  }

  clear(): void {
    this.flag = false;
  }

  /** The waiter `set` wakes next: the oldest. */
  nextWaiter(): Entry | undefined {
    return this.waiters.shift();
  }

  /** Wakes a waiter that has left the queue. */
  wake(entry: Entry): void {
    this.cleanUp(entry);
    this.settle(entry.resolve);
  }

  /** Tells a promise how it ends: at once here; an entry may defer it. */
  settle(tell: () => void): void {
    tell();
  }

  cleanUp(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.signal?.removeEventListener('abort', entry.onAbort);
  }

  remove(entry: Entry): boolean {
    const index = this.waiters.indexOf(entry);
    if (index < 0) return false;
    this.waiters.splice(index, 1);
    this.cleanUp(entry);
    return true;
  }

  timedOut(entry: Entry, timeout: number): void {
    if (this.remove(entry)) this.settle(() => entry.reject(new TimeoutError(timeout)));
  }

  aborted(entry: Entry): void {
    if (this.remove(entry)) this.settle(() => entry.reject(entry.signal?.reason));
  }
}
