/**
 * The zoo's plain semaphore: a deliberately simple, correct implementation (arrays, closures)
 * that each semaphore zoo entry breaks in exactly one place. It is not the real one, so an
 * entry shows a bug of its own, the way a real library had it.
 */

import type { SemaphoreKind } from '../../model/semaphore.js';
import { InvalidStateError, TimeoutError } from '../../src/errors.js';
import { timeoutError } from './waiting.js';

/** What the zoo's semaphores offer: toro-ts's API, as the checker drives it. */
export interface SemaphoreLike {
  acquire(options?: { timeout?: number; signal?: AbortSignal }): Promise<{ release(): void }>;
  tryAcquire(): { release(): void } | undefined;
  release(): void;
  statistics(): object;
}

export interface Entry {
  resolve(value: { release(): void }): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class ZooSemaphore implements SemaphoreLike {
  value: number;
  readonly bound: number | undefined;
  waiters: Entry[] = [];
  /** Outstanding grants, oldest first (rule 8, ownership): each is the releaser handed out. */
  grants: { release(): void }[] = [];

  constructor(readonly kind: SemaphoreKind, value: number) {
    this.value = kind === 'lock' ? 1 : value;
    this.bound = kind === 'semaphore' ? undefined : this.value;
  }

  locked(): boolean {
    return this.value === 0;
  }

  statistics(): object {
    return this.kind === 'lock' ? { locked: this.value === 0, waiting: this.waiters.length } : { value: this.value, waiting: this.waiters.length };
  }

  acquire(options: { timeout?: number; signal?: AbortSignal } = {}): Promise<{ release(): void }> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    const { timeout, signal } = options;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.value > 0) {
      this.value--;
      return Promise.resolve(this.releaser());
    }
    if (timeout === 0) return Promise.reject(new TimeoutError(0));
    return new Promise((resolve, reject) => {
      const entry: Entry = { resolve, reject, timer: undefined, signal, onAbort: () => this.aborted(entry) };
      if (timeout !== undefined) entry.timer = setTimeout(() => this.timedOut(entry, timeout), timeout);
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.waiters.push(entry);
    });
  }

  tryAcquire(): { release(): void } | undefined {
    if (this.value === 0 || this.waiters.length > 0) return undefined;
    this.value--;
    return this.releaser();
  }

  /** Gives back the oldest outstanding grant, whose releaser then does nothing. */
  release(): void {
    this.giveBack(this.grants[0]);
  }

  /** Gives one permit back, and `grant` with it if there is one. */
  giveBack(grant: { release(): void } | undefined): void {
    if (this.bound !== undefined && this.value >= this.bound) {
      throw this.kind === 'lock' ? new InvalidStateError('unlocked') : new RangeError('over-released');
    }
    if (grant !== undefined) this.grants.splice(this.grants.indexOf(grant), 1);
    const next = this.nextWaiter();
    if (next === undefined) this.value++;
    else this.handOff(next);
  }

  /** The waiter that gets the next permit: the oldest. */
  nextWaiter(): Entry | undefined {
    return this.waiters.shift();
  }

  /** Gives the permit to a waiter that has left the queue. */
  handOff(entry: Entry): void {
    this.cleanUp(entry);
    entry.resolve(this.releaser());
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
    if (this.remove(entry)) entry.reject(new TimeoutError(timeout));
  }

  aborted(entry: Entry): void {
    if (this.remove(entry)) entry.reject(entry.signal?.reason);
  }

  /** A new outstanding grant: its releaser gives back this grant only, while it is outstanding. */
  releaser(): { release(): void } {
    const grant = {
      release: () => {
        if (this.grants.includes(grant)) this.giveBack(grant);
      },
    };
    this.grants.push(grant);
    return grant;
  }
}
