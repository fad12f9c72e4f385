/**
 * The zoo's plain weighted semaphore: a deliberately simple, correct implementation (arrays,
 * closures) with WeightedSemaphore's public API, which each weighted-semaphore zoo entry breaks
 * in exactly one place. It is not the real one, so an entry shows a bug of its own, the way a
 * real library had it.
 */

import { TimeoutError } from '../../src/errors.js';
import { timeoutError } from './waiting.js';

export interface WeightedEntry {
  readonly weight: number;
  resolve(value: { release(): void }): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class ZooWeightedSemaphore {
  readonly capacity: number;
  value: number;
  waiters: WeightedEntry[] = [];

  constructor(capacity: number) {
    if (typeof capacity !== 'number') throw new TypeError('capacity');
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity');
    this.capacity = capacity;
    this.value = capacity;
  }

  statistics(): { value: number; waiting: number } {
    return { value: this.value, waiting: this.waiters.length };
  }

  checkWeight(weight: unknown): asserts weight is number {
    if (typeof weight !== 'number') throw new TypeError('weight');
    if (!Number.isInteger(weight) || weight < 1 || weight > this.capacity) throw new RangeError('weight');
  }

  /** Whether `weight` units may be taken now, without waiting. */
  canTakeNow(weight: number): boolean {
    return this.waiters.length === 0 && weight <= this.value;
  }

  acquire(weight: number, options: { timeout?: number; signal?: AbortSignal } = {}): Promise<{ release(): void }> {
    try {
      this.checkWeight(weight);
    } catch (error) {
      return Promise.reject(error);
    }
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    const { timeout, signal } = options;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.canTakeNow(weight)) {
      this.value -= weight;
      return Promise.resolve(this.releaser(weight));
    }
    if (timeout === 0) return Promise.reject(new TimeoutError(0));
    return new Promise((resolve, reject) => {
      const entry: WeightedEntry = { weight, resolve, reject, timer: undefined, signal, onAbort: () => this.cancelled(entry, signal?.reason) };
      if (timeout !== undefined) entry.timer = setTimeout(() => this.cancelled(entry, new TimeoutError(timeout)), timeout);
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.waiters.push(entry);
    });
  }

  tryAcquire(weight: number): { release(): void } | undefined {
    this.checkWeight(weight);
    if (!this.canTakeNow(weight)) return undefined;
    this.value -= weight;
    return this.releaser(weight);
  }

  async runExclusive<R>(weight: number, fn: () => R | PromiseLike<R>, options?: { timeout?: number; signal?: AbortSignal }): Promise<R> {
    const held = await this.acquire(weight, options);
    try {
      return await fn();
    } finally {
      held.release();
    }
  }

  /** Grants waiters from the head, in order, while the head fits. */
  admit(): void {
    while (this.waiters[0] !== undefined && this.waiters[0].weight <= this.value) {
      this.grant(this.waiters.shift() as WeightedEntry);
    }
  }

  grant(entry: WeightedEntry): void {
    this.value -= entry.weight;
    clearTimeout(entry.timer);
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.resolve(this.releaser(entry.weight));
  }

  cancelled(entry: WeightedEntry, reason: unknown): void {
    const index = this.waiters.indexOf(entry);
    if (index < 0) return;
    this.waiters.splice(index, 1);
    clearTimeout(entry.timer);
    entry.signal?.removeEventListener('abort', entry.onAbort);
    this.afterCancel();
    entry.reject(reason);
  }

  /** A waiter left the queue: those now at the head that fit go in. */
  afterCancel(): void {
    this.admit();
  }

  releaser(weight: number): { release(): void } {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.value += weight;
        this.admit();
      },
    };
  }
}
