/**
 * Validation of the options every waiting call takes.
 *
 * @module
 */

/**
 * Every call that may wait takes these. Both may be given; whichever comes first cancels the
 * wait. A call that can complete at once completes, whatever its options say, unless its signal
 * is already aborted.
 *
 * @example
 * ```ts
 * import { Semaphore } from 'toro-ts';
 * const semaphore = new Semaphore(0);
 * const controller = new AbortController();
 * const pending = semaphore.acquire({ timeout: 1_000, signal: controller.signal });
 * controller.abort(new Error('shutting down'));
 * await pending.catch((error: Error) => console.log(error.message));
 * // prints: shutting down
 * ```
 */
export interface WaitOptions {
  /**
   * Give up after this many milliseconds, rejecting with {@link TimeoutError} (a
   * {@link Condition.wait} resolves `false` instead). `0` gives up at once if the call cannot
   * complete now. A non-negative integer no greater than 2147483647 (the largest delay timers
   * support).
   *
   * The wait's timer is an ordinary `setTimeout`: in Node it keeps the process alive until the
   * wait settles, as any pending `setTimeout` does, and it is cleared the moment the wait ends
   * in any way.
   * @defaultValue no timeout
   */
  readonly timeout?: number | undefined;
  /**
   * Give up when this signal aborts, rejecting with `signal.reason`. An already-aborted signal
   * rejects at once and takes nothing.
   *
   * It must be an `AbortSignal`: an instance of the global class, or one from another realm
   * (recognised by its `Symbol.toStringTag`); anything else is refused with a `TypeError`
   * naming the call. A signal whose `addEventListener` throws refuses the call, which queues
   * nothing. Waiters sharing one signal share one abort listener, so any number of them cost
   * O(1) each and trigger no `MaxListenersExceededWarning`; an abort cancels them oldest first.
   *
   * A signal made by `AbortSignal.timeout(ms)` rejects with its own reason, a `DOMException`
   * whose `name` is `'TimeoutError'`: not an instance of toro-ts's {@link TimeoutError}, though
   * the names match. Tell them apart by class (`error instanceof TimeoutError` for the
   * `timeout` option, `error instanceof DOMException` for the signal). Node does not keep the
   * process alive for `AbortSignal.timeout()`'s timer.
   * @defaultValue no signal
   */
  readonly signal?: AbortSignal | undefined;
}

/** The largest delay `setTimeout` honours; larger ones silently become 1 ms. */
export const MAX_TIMEOUT = 2_147_483_647;

/**
 * Options after validation: what a waiter needs, nothing more. A signal comes with the class
 * and method that took the options (`Semaphore`, `acquire`), for the error of a signal that
 * cannot be listened to; kept apart so that no message is built unless one is.
 */
export type ParsedWaitOptions =
  | { readonly timeout: number | undefined; readonly signal: undefined }
  | { readonly timeout: number | undefined; readonly signal: AbortSignal; readonly owner: string; readonly method: string };

/** @internal The options of a call with neither timeout nor signal: one object, so a waiter can tell by identity. */
// Stryker disable next-line ObjectLiteral: reading timeout or signal of an empty object gives undefined too
export const NO_OPTIONS: ParsedWaitOptions = Object.freeze({ timeout: undefined, signal: undefined });

/**
 * Whether `value` is an AbortSignal: an instance of this realm's `AbortSignal`, or, failing
 * that, an object that says it is one (its `Symbol.toStringTag` is `'AbortSignal'`, as every
 * AbortSignal's is) and has the members a waiter uses. The
 * fallback admits signals from another realm (an iframe, a `vm` context) and runtimes without
 * the global; a look-alike that merely has the members is refused. A signal is still only
 * trusted as far as it works: its listener is added before a waiter is queued (see WaitList).
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof AbortSignal === 'function' && value instanceof AbortSignal) return true;
  return (
    (value as { readonly [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'AbortSignal' &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}

/** The error of a signal whose `addEventListener` threw: the call is refused, changing nothing. */
export function unlistenable(caller: string, error: unknown): TypeError {
  const shown = error instanceof Error ? error.message : describe(error);
  return new TypeError(`${caller} signal could not be listened to: its addEventListener threw ${shown}`, { cause: error });
}

/** Describes a value for an error message: strings quoted, bigints with their `n`, objects by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

/**
 * Checks that `value` is a non-negative safe integer (0 to `Number.MAX_SAFE_INTEGER`, past
 * which counting by one is no longer exact). Throws a TypeError naming `what` if it is not a
 * number at all (`'2'`, `null`, a bigint...), a RangeError if it is the wrong number.
 */
export function checkCount(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      // Stryker disable next-line EqualityOperator: 0 is a safe integer and never reaches this message
      Number.isInteger(value) && value > 0
        ? `${what} must be at most Number.MAX_SAFE_INTEGER (${Number.MAX_SAFE_INTEGER}), got ${describe(value)}`
        : `${what} must be a non-negative integer, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * Validates the `options` of `owner.method()`, throwing a `TypeError` (a value of the wrong
 * type) or a `RangeError` (a number out of range) that names the call and the bad value. Callers turn the throw into a rejection, so bad input changes
 * nothing.
 */
export function parseWaitOptions(options: WaitOptions | undefined, owner: string, method: string): ParsedWaitOptions {
  // The common call has no options. This test alone is kept small enough for V8 to inline into
  // every waiting call; the rest is out of line.
  return options === undefined ? NO_OPTIONS : parseGiven(options, owner, method);
}

/** {@link parseWaitOptions} for options that were given. */
function parseGiven(options: WaitOptions, owner: string, method: string): ParsedWaitOptions {
  const caller = `${owner}.${method}()`;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${caller} options must be an object, got ${describe(options)}`);
  }
  const { timeout, signal } = options;
  if (timeout !== undefined) {
    if (typeof timeout !== 'number') throw new TypeError(`${caller} timeout must be a number of milliseconds, got ${describe(timeout)}`);
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > MAX_TIMEOUT) {
      throw new RangeError(
        `${caller} timeout must be an integer number of milliseconds from 0 to ${MAX_TIMEOUT}, got ${describe(timeout)}`,
      );
    }
  }
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`${caller} signal must be an AbortSignal, got ${describe(signal)}`);
  }
  // Stryker disable next-line ConditionalExpression: the object returned below is then { timeout: undefined, signal: undefined }, the same as NO_OPTIONS
  if (timeout === undefined && signal === undefined) return NO_OPTIONS;
  // Stryker disable next-line ConditionalExpression: with no signal, the owner and method it would carry are never read
  return signal === undefined ? { timeout, signal } : { timeout, signal, owner, method };
}
