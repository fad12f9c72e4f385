/**
 * Condition: a condition variable that lets coroutines wait until notified.
 *
 * @module
 */

import { checkCount, describe, parseWaitOptions, type WaitOptions } from './options.js';
import { WaitList } from './waiters.js';

/** What {@link Condition.statistics} returns: the model's state, seen from outside. */
export interface ConditionStatistics {
  /** Callers of `wait` still waiting. */
  readonly waiting: number;
}

/**
 * A condition allows one or more coroutines to wait until notified. Like a standard condition
 * variable, but, as in Tornado, it needs no lock: JavaScript runs one job at a time, so
 * checking some state and then calling `wait` cannot miss a `notify` in between.
 *
 * `notify(n)` wakes the n oldest waiters still waiting, `notifyAll()` every waiter waiting when
 * it is called; a `wait` made afterwards waits for the next notification. A waiter that times
 * out resolves `false` and one that is aborted rejects; either way it leaves the queue, so it
 * is never counted by a later `notify(n)`. A waiter already notified keeps its notification
 * even if its signal aborts in the same tick. The specification is
 * {@link model!conditionStep}.
 *
 * **Why there is no `Condition(lock)`.** asyncio's condition owns a lock that `wait` releases
 * and then re-acquires before it returns, even after a timeout or a cancellation. That would
 * break two rules every wait in toro-ts keeps and the model states: a cancelled waiter leaves
 * having taken nothing (here it would end up holding the lock), and `timeout` bounds the wait
 * (here the re-acquisition would wait on, unbounded). A `Lock` also has no owner to check
 * that `notify` is called by its holder. Where shared state needs a lock as well, release it
 * before `wait` and acquire it again after, as two calls whose timeouts and cancellations
 * each keep their own rules; for the common "wait until this holds" use
 * {@link Condition.waitFor}.
 *
 * @example
 * ```ts
 * import { Condition } from 'toro-ts';
 * const condition = new Condition();
 * async function waiter() {
 *   console.log("I'll wait right here");
 *   await condition.wait();
 *   console.log("I'm done waiting");
 * }
 * async function notifier() {
 *   console.log('About to notify');
 *   condition.notify();
 *   console.log('Done notifying');
 * }
 * await Promise.all([waiter(), notifier()]);
 * // prints: I'll wait right here
 * // prints: About to notify
 * // prints: Done notifying
 * // prints: I'm done waiting
 * ```
 */
export class Condition {
  readonly #waiters = new WaitList<boolean>({ value: false });

  /** A snapshot of the state, with the model's field names. */
  statistics(): ConditionStatistics {
    return { waiting: this.#waiters.size };
  }

  /**
   * Waits for a notification. A wait never completes at once: only a later {@link
   * Condition.notify} or {@link Condition.notifyAll} wakes it.
   *
   * @returns a promise that resolves `true` when notified and `false` when `timeout` passes
   *   first (`timeout: 0` resolves `false` at once); it rejects with `signal.reason` when
   *   `signal` aborts first (or was already aborted), and with a `RangeError` or `TypeError`
   *   for bad options.
   */
  wait(options?: WaitOptions): Promise<boolean> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, 'Condition', 'wait');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    return this.#waiters.wait(undefined, parsed);
  }

  /**
   * Wakes the `n` oldest waiters still waiting (all of them, if fewer wait), oldest first;
   * their `wait` resolves `true`.
   *
   * @param n - how many waiters to wake: a non-negative integer.
   * @defaultValue 1
   * @throws TypeError if `n` is not a number; RangeError if it is negative, fractional, NaN,
   *   infinite or above `Number.MAX_SAFE_INTEGER`; either way nobody is woken.
   */
  notify(n = 1): void {
    checkCount(n, 'Condition.notify() n');
    for (let woken = 0; woken < n && this.#waiters.wakeNext(true) !== undefined; woken++);
  }

  /** Wakes every waiter waiting now, oldest first; a `wait` made after this call keeps waiting. */
  notifyAll(): void {
    this.#waiters.wakeAll(true);
  }

  /**
   * Waits until `predicate()` returns a truthy value, checking it now and again after each
   * notification (asyncio's `wait_for`). `timeout` bounds the whole call, not each wait, and is
   * measured on a monotonic clock (`performance.now()`), so a change of the wall clock does not
   * shorten or lengthen it.
   *
   * @returns a promise of the predicate's last value: truthy once it holds, or whatever it
   *   returns after `timeout` passes (checked once more then). It rejects with `signal.reason`
   *   when `signal` aborts first (or was already aborted), with whatever `predicate` throws,
   *   and with a `TypeError` for a `predicate` that is not a function or a `RangeError` or
   *   `TypeError` for bad options.
   *
   * @example
   * ```ts
   * import { Condition } from 'toro-ts';
   * const condition = new Condition();
   * const items: string[] = [];
   * const consumer = condition.waitFor(() => items.length >= 2).then(() => console.log(items.join(' ')));
   * items.push('a');
   * condition.notify();
   * await new Promise((resolve) => setTimeout(resolve, 0));
   * items.push('b');
   * condition.notify();
   * await consumer;
   * // prints: a b
   * ```
   */
  async waitFor<T>(predicate: () => T, options?: WaitOptions): Promise<T> {
    if (typeof predicate !== 'function') throw new TypeError(`Condition.waitFor() predicate must be a function, got ${describe(predicate)}`);
    const { timeout, signal } = parseWaitOptions(options, 'Condition', 'waitFor');
    if (signal?.aborted === true) throw signal.reason;
    // A monotonic clock: the wall clock (Date.now) may jump back or forth while we wait. Timeouts
    // are whole milliseconds, and performance.now() has fractions: round what is left up.
    const deadline = timeout === undefined ? undefined : performance.now() + timeout;
    let result = predicate();
    while (!result) {
      const remaining = deadline === undefined ? undefined : Math.max(0, Math.ceil(deadline - performance.now()));
      // Stryker disable next-line ConditionalExpression: an undefined signal option is the same as none: parseWaitOptions ignores it
      const notified = await this.wait(signal === undefined ? { timeout: remaining } : { timeout: remaining, signal });
      result = predicate();
      if (!notified) break;
    }
    return result;
  }
}
