/**
 * mutexify: `mutexify/promise` makes a Lock whose `lock()` resolves to the release function.
 * That function is not a releaser of one grant but the lock's own `release`, the same function
 * for every holder: whoever calls it releases the lock, whoever holds it. So the handle's
 * `release` is the model's release on the primitive, every time (`releaser: 'everyCall'`). There
 * is no `tryAcquire`, no timeout, no signal; `lock.locked` is the observer.
 *
 * @module
 */

import { createRequire } from 'node:module';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

/** The promise API, as used here (the package ships no declarations). */
interface Mutexify {
  (): Promise<() => void>;
  readonly locked: boolean;
}
const mutexify = createRequire(import.meta.url)('mutexify/promise') as () => Mutexify;

const lock: Adapter<Mutexify> = {
  primitive: 'Lock',
  name: 'mutexify/promise',
  create: () => mutexify(),
  calls: { acquire: (l) => l() },
  handleRelease: (_l, c) => (c.handle as () => void)(),
  observers: { locked: (l) => l.locked },
  options: { timeout: false, signal: false },
  choices: { releaser: 'everyCall', refusedRelease: 'ignored' },
  imports: "import mutexify from 'mutexify/promise.js';",
};

export const adapters: readonly Adapter[] = [lock];

/** The lock released once per `lock()`, by whoever it was given to. */
const once: Adapter<Mutexify> = { ...lock, name: 'mutexify/promise, released once per lock()', releaseOnce: true };

export const peer: Peer = {
  library: 'mutexify',
  version: '1.4.0',
  repository: 'https://github.com/mafintosh/mutexify',
  mapping:
    '`mutexify/promise` is a Lock: `lock()` resolves to the release function, the model\'s handle. That function is the lock\'s own `release`, one function for every holder (the callback API, `lock((release) => ...)`, hands out the same one), so calling it is the release on the primitive, every time. `lock.locked` is the observer. No `tryAcquire`, no timeouts, no signals; grants are handed on in a `process.nextTick` callback.',
  adapters,
  why: {
    releaser: 'the function `lock()` resolves to is the lock\'s single `release`, shared by every holder and not tied to one grant: a second call releases the lock again, whoever holds it (the README shows no other use).',
    refusedRelease: '`release()` on an unlocked mutexify does nothing: it sets `locked` to false and hands on to nobody.',
  },
  variants: [
    {
      adapter: lock,
      finds: {
        rule: 'conservation',
        title: 'a second `release()` in the job that handed the lock on loses the waiter and throws `TypeError: used is not a function` from a `process.nextTick`',
        why: '`release()` hands the lock to the next waiter by setting `used` and calling it in a `process.nextTick`. A second call of the release function in the same job (it is one function for every holder: a callback called twice, or an old holder\'s) sets `used` back to null first, so the tick calls `null(release)`: the waiter #1 is never served, the lock reads unlocked, and the `TypeError` is thrown from the tick callback, where no caller can catch it: it crashes the process. The model, where every call of the release function is the lock\'s release, serves #1 and then frees the lock.',
        upstream: 'https://github.com/mafintosh/mutexify/issues/7 (the same `TypeError: used is not a function` under load, closed as a caller\'s error; no issue on this cause)',
      },
    },
    { adapter: once, of: lock.name, leavesOut: 'a second call of the release function: each `lock()` is released once, by whoever it was given to' },
  ],
};
