/**
 * Event: a flag that coroutines wait for.
 *
 * @module
 */

import { parseWaitOptions, type WaitOptions } from './options.js';
import { WaitList } from './waiters.js';

/** What {@link Event.statistics} returns: the model's state, seen from outside. */
export interface EventStatistics {
  /** Whether the event is set. */
  readonly isSet: boolean;
  /** Callers of `wait` still waiting; always 0 while the event is set. */
  readonly waiting: number;
}

/**
 * An event blocks coroutines until its internal flag is set to true. It starts clear;
 * {@link Event.set} sets it and wakes every waiter, {@link Event.clear} clears it, and
 * {@link Event.wait} passes at once while it is set and waits otherwise.
 *
 * Waiters are woken oldest first, and a waiter that `set` woke stays woken: a `clear()` right
 * after, even in the same tick, does not take the wakeup back. A waiter that times out or is
 * aborted before `set` leaves the queue; one cancelled after keeps its wakeup. The
 * specification is {@link model!eventStep}.
 *
 * @example
 * ```ts
 * import { Event } from 'toro-ts';
 * const event = new Event();
 * async function waiter() {
 *   console.log('Waiting for event');
 *   await event.wait();
 *   console.log('Not waiting this time');
 *   await event.wait();
 *   console.log('Done');
 * }
 * async function setter() {
 *   console.log('About to set the event');
 *   event.set();
 * }
 * await Promise.all([waiter(), setter()]);
 * // prints: Waiting for event
 * // prints: About to set the event
 * // prints: Not waiting this time
 * // prints: Done
 * ```
 */
export class Event {
  #isSet = false;
  readonly #waiters = new WaitList<void>();

  /** Whether the flag is set. */
  isSet(): boolean {
    return this.#isSet;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): EventStatistics {
    return { isSet: this.#isSet, waiting: this.#waiters.size };
  }

  /**
   * Sets the flag and wakes every waiter, oldest first. A `wait` from now on passes at once,
   * until {@link Event.clear}. Setting an event that is already set does nothing.
   */
  set(): void {
    this.#isSet = true;
    this.#waiters.wakeAll(undefined);
  }

  /**
   * Clears the flag: a `wait` from now on waits for the next {@link Event.set}. Waiters that
   * `set` already woke stay woken.
   */
  clear(): void {
    this.#isSet = false;
  }

  /**
   * Waits until the flag is set: resolves at once if it is set now, otherwise at the next
   * {@link Event.set}.
   *
   * @returns a promise that resolves when the flag is set; it rejects with a
   *   {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal` aborts
   *   first (or was already aborted, even if the flag is set), and with a `RangeError` or
   *   `TypeError` for bad options.
   */
  wait(options?: WaitOptions): Promise<void> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, 'Event', 'wait');
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#isSet) return Promise.resolve();
    return this.#waiters.wait(undefined, parsed);
  }
}
