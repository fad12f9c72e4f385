/**
 * The zoo's plain condition: a deliberately simple, correct implementation (arrays, closures)
 * that each condition zoo entry breaks in exactly one place. It is not the real one, so an
 * entry shows a bug of its own, the way a real library had it.
 */

import { timeoutError } from './waiting.js';

/** What the zoo's conditions offer: toro-ts's API, as the checker drives it. */
export interface ConditionLike {
  wait(options?: { timeout?: number; signal?: AbortSignal }): Promise<boolean>;
  notify(n?: number): void;
  notifyAll(): void;
  statistics(): object;
}

export interface Entry {
  resolve(value: boolean): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** Set when the waiter's promise has been told how it ends. */
  done: boolean;
}

export class ZooCondition implements ConditionLike {
  waiters: Entry[] = [];

  statistics(): object {
    return { waiting: this.waiters.length };
  }

  wait(options: { timeout?: number; signal?: AbortSignal } = {}): Promise<boolean> {
    const { timeout, signal } = options;
    return new Promise((resolve, reject) => {
      const badTimeout = timeoutError(options);
      if (badTimeout !== undefined) return this.settle(() => reject(badTimeout));
      if (signal?.aborted === true) return this.settle(() => reject(signal.reason));
      if (timeout === 0) return this.settle(() => resolve(false));
      const entry: Entry = { resolve, reject, timer: undefined, signal, onAbort: () => this.aborted(entry), done: false };
      if (timeout !== undefined) entry.timer = setTimeout(() => this.timedOut(entry), timeout);
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.waiters.push(entry);
    });
  }

  notify(n = 1): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad count ${n}`);
    for (let i = 0; i < n; i++) {
      const next = this.nextWaiter();
      if (next === undefined) return;
      this.wake(next);
    }
  }

  /** Tornado's: notify as many as wait now. */
  notifyAll(): void {
    this.notify(this.waiters.length);
  }

  /** The waiter the next notification goes to: the oldest. */
  nextWaiter(): Entry | undefined {
    return this.waiters.shift();
  }

  /** Notifies a waiter that has left the queue. */
  wake(entry: Entry): void {
    this.cleanUp(entry);
    entry.done = true;
    this.settle(() => entry.resolve(true));
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

  timedOut(entry: Entry): void {
    if (!this.remove(entry)) return;
    entry.done = true;
    this.settle(() => entry.resolve(false));
  }

  aborted(entry: Entry): void {
    if (!this.remove(entry)) return;
    entry.done = true;
    this.settle(() => entry.reject(entry.signal?.reason));
  }
}
