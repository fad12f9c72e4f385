/**
 * What the barrier and shutdown zoo entries share: a waiter in a plain array, with its timer
 * and abort listener, cancelled from anywhere by a search (the zoo is simple on purpose; the
 * real primitives use src/waiters.ts).
 */

import { TimeoutError } from '../../src/errors.js';

export type Options = { timeout?: number; signal?: AbortSignal };

/**
 * The error of a bad timeout (not an integer from 0 to 2^31 - 1), or `undefined`: every waiting
 * call of the zoo refuses one first, with a `RangeError`, as toro-ts and the models do. (None of
 * the zoo's bugs is about options: each plain implementation checks them the same way.)
 */
export function timeoutError(options: Options | undefined): RangeError | undefined {
  const timeout = options?.timeout;
  if (timeout === undefined || (Number.isInteger(timeout) && timeout >= 0 && timeout <= 2 ** 31 - 1)) return undefined;
  return new RangeError(`timeout must be an integer number of milliseconds from 0 to ${2 ** 31 - 1}, got ${timeout}`);
}

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
