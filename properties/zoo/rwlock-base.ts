/**
 * The zoo's plain reader-writer lock: a deliberately simple, correct implementation (arrays,
 * closures) with RWLock's public API, which each RWLock zoo entry breaks in one place.
 */

import { TimeoutError } from '../../src/errors.js';
import { timeoutError } from './waiting.js';

export type Mode = 'read' | 'write';

export interface RWEntry {
  readonly mode: Mode;
  resolve(value: { release(): void }): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export type WaitOptionsLike = { timeout?: number; signal?: AbortSignal };

export class ZooRWLock {
  readonly maxReaders: number;
  readers = 0;
  writing = false;
  waiters: RWEntry[] = [];

  constructor(options: { maxReaders?: number } = {}) {
    this.maxReaders = options.maxReaders ?? Number.POSITIVE_INFINITY;
  }

  statistics(): { readers: number; writing: boolean; waiting: number } {
    return { readers: this.readers, writing: this.writing, waiting: this.waiters.length };
  }

  fits(mode: Mode): boolean {
    if (this.writing) return false;
    return mode === 'write' ? this.readers === 0 : this.readers < this.maxReaders;
  }

  /** Whether a call for `mode` may go in now without waiting. */
  canEnterNow(mode: Mode): boolean {
    return this.waiters.length === 0 && this.fits(mode);
  }

  acquireRead(options?: WaitOptionsLike): Promise<{ release(): void }> {
    return this.acquire('read', options);
  }

  acquireWrite(options?: WaitOptionsLike): Promise<{ release(): void }> {
    return this.acquire('write', options);
  }

  tryAcquireRead(): { release(): void } | undefined {
    return this.canEnterNow('read') ? this.enter('read') : undefined;
  }

  tryAcquireWrite(): { release(): void } | undefined {
    return this.canEnterNow('write') ? this.enter('write') : undefined;
  }

  async runRead<R>(fn: () => R | PromiseLike<R>, options?: WaitOptionsLike): Promise<R> {
    const held = await this.acquireRead(options);
    try {
      return await fn();
    } finally {
      held.release();
    }
  }

  async runWrite<R>(fn: () => R | PromiseLike<R>, options?: WaitOptionsLike): Promise<R> {
    const held = await this.acquireWrite(options);
    try {
      return await fn();
    } finally {
      held.release();
    }
  }

  acquire(mode: Mode, options: WaitOptionsLike = {}): Promise<{ release(): void }> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    const { timeout, signal } = options;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.canEnterNow(mode)) return Promise.resolve(this.enter(mode));
    if (timeout === 0) return Promise.reject(new TimeoutError(0));
    return new Promise((resolve, reject) => {
      const entry: RWEntry = { mode, resolve, reject, timer: undefined, signal, onAbort: () => this.cancelled(entry, signal?.reason) };
      if (timeout !== undefined) entry.timer = setTimeout(() => this.cancelled(entry, new TimeoutError(timeout)), timeout);
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.waiters.push(entry);
    });
  }

  enter(mode: Mode): { release(): void } {
    if (mode === 'read') this.readers++;
    else this.writing = true;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        if (mode === 'read') this.readers--;
        else this.writing = false;
        this.admit();
      },
    };
  }

  /** Grants waiters from the head, in order, while the head fits. */
  admit(): void {
    while (this.waiters[0] !== undefined && this.fits(this.waiters[0].mode)) this.grant(this.waiters.shift() as RWEntry);
  }

  grant(entry: RWEntry): void {
    clearTimeout(entry.timer);
    entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.resolve(this.enter(entry.mode));
  }

  cancelled(entry: RWEntry, reason: unknown): void {
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
}
