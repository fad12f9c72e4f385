/**
 * The @esfx libraries take a `Cancelable` (their own protocol: an object with a
 * `Symbol.for('@esfx/cancelable:Cancelable.cancelSignal')` method) where toro-ts takes an
 * `AbortSignal`. {@link cancelable} bridges one to the other as thinly as the protocol allows:
 * each `subscribe` is one abort listener on the signal, removed by `unsubscribe`, so the listeners
 * the checker counts are the library's own.
 *
 * An adapter's functions are copied into reproductions as source text, so the bridge travels in
 * the adapters' `imports` as {@link cancelableSource}.
 *
 * @module
 */

import type { Cancelable } from '@esfx/cancelable';

/** A `Cancelable` for `signal`, or `undefined` when there is none. */
export const cancelable = (signal: AbortSignal | undefined): Cancelable | undefined =>
  signal === undefined
    ? undefined
    : ({
        [Symbol.for('@esfx/cancelable:Cancelable.cancelSignal')]: () => ({
          get signaled() {
            return signal.aborted;
          },
          get reason() {
            return signal.reason as unknown;
          },
          subscribe(onSignaled: () => void) {
            signal.addEventListener('abort', onSignaled);
            return { unsubscribe: () => signal.removeEventListener('abort', onSignaled) };
          },
        }),
      } as unknown as Cancelable);

/** {@link cancelable}'s source, for an adapter's `imports`. */
export const cancelableSource = `const cancelable = ${cancelable.toString()};`;
