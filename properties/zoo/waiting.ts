/**
 * What the barrier and shutdown zoo entries share: a waiter in a plain array, with its timer
 * and abort listener, cancelled from anywhere by a search (the zoo is simple on purpose; the
 * real primitives use src/waiters.ts).
 */

import { TimeoutError } from '../../src/errors.js';

export type Options = { timeout?: number; signal?: AbortSignal };

export interface Entry<T, D = undefined> {
  readonly data: D;
  resolve(value: T): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** Queues a new waiter at the back of `list`; its timeout or signal takes it out and rejects it. */
export function enqueue<T, D>(list: Entry<T, D>[], data: D, { timeout, signal }: Options): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const entry: Entry<T, D> = { data, resolve, reject, timer: undefined, signal, onAbort: () => cancel(list, entry, signal?.reason) };
    if (timeout !== undefined) entry.timer = setTimeout(() => cancel(list, entry, new TimeoutError(timeout)), timeout);
    signal?.addEventListener('abort', entry.onAbort, { once: true });
    list.push(entry);
  });
}

/** Drops a waiter's timer and listener. */
export function cleanUp<T, D>(entry: Entry<T, D>): void {
  clearTimeout(entry.timer);
  entry.signal?.removeEventListener('abort', entry.onAbort);
}

function cancel<T, D>(list: Entry<T, D>[], entry: Entry<T, D>, reason: unknown): void {
  const index = list.indexOf(entry);
  if (index < 0) return;
  list.splice(index, 1);
  cleanUp(entry);
  entry.reject(reason);
}

/** Resolves a waiter that has already left its list. */
export function resolveEntry<T, D>(entry: Entry<T, D>, value: T): void {
  cleanUp(entry);
  entry.resolve(value);
}

/** Rejects a waiter that has already left its list. */
export function rejectEntry<T, D>(entry: Entry<T, D>, reason: unknown): void {
  cleanUp(entry);
  entry.reject(reason);
}
