/**
 * semaphore-async-await: `Semaphore(permits)` is a Semaphore (unbounded: `release()` always adds
 * a permit) and `Lock` a Lock over one permit. `acquire()` (or `wait()`) resolves once a permit
 * is taken; `waitFor(ms)` waits at most `ms` and resolves `false` when the time passed, which the
 * adapter reports as the model's timeout; `tryAcquire()` is `tryAcquire`, `release()` (or
 * `signal()`) the release on the primitive (there are no handles), and `execute(fn)` a composite
 * that runs `fn` while it holds a permit. `getPermits()` is the value. No signals.
 *
 * @module
 */

import { createRequire } from 'node:module';
import type { Adapter } from '../check/index.js';
import { without, type Peer } from './peer.js';

/** The library's API, as used here (its CommonJS default export is not typed for this project's module settings). */
interface Permits {
  acquire(): Promise<boolean>;
  waitFor(ms: number): Promise<boolean>;
  tryAcquire(): boolean;
  release(): void;
  execute<T>(fn: () => T | Promise<T>): Promise<T>;
  getPermits(): number;
}
const { default: Semaphore, Lock } = createRequire(import.meta.url)('semaphore-async-await') as {
  readonly default: new (permits: number) => Permits;
  readonly Lock: new () => Permits;
};

const imports = "import permits from 'semaphore-async-await';\nconst { default: Semaphore, Lock } = permits;";

/** A timed wait: `waitFor` resolves `false` when the time passed, which is the model's timeout. */
const acquire = (s: Permits, c: { readonly options: { timeout?: number } | undefined }): Promise<unknown> =>
  c.options?.timeout === undefined
    ? s.acquire()
    : s.waitFor(c.options.timeout).then((granted) => {
        if (!granted) throw Object.assign(new Error('waitFor timed out'), { name: 'TimeoutError' });
        return granted;
      });

const semaphore: Adapter<Permits> = {
  primitive: 'Semaphore',
  name: 'semaphore-async-await Semaphore',
  create: (p) => new Semaphore(p['value'] ?? 1),
  calls: { acquire, tryAcquire: (s) => (s.tryAcquire() ? 'permit' : undefined), release: (s) => s.release() },
  composites: { execute: { as: 'acquire', run: (s, _c, body) => s.execute(body), options: { timeout: false } } },
  observers: { value: (s) => s.getPermits() },
  options: { timeout: true, signal: false },
  choices: { zeroTimeout: 'timer', releaser: 'everyCall' },
  imports,
};

const lock: Adapter<Permits> = {
  ...semaphore,
  primitive: 'Lock',
  name: 'semaphore-async-await Lock',
  create: () => new Lock(),
  observers: { locked: (l) => l.getPermits() <= 0 },
  choices: { ...semaphore.choices, refusedRelease: 'ignored' },
};

export const adapters: readonly Adapter[] = [semaphore, lock];

export const peer: Peer = {
  library: 'semaphore-async-await',
  version: '1.5.1',
  repository: 'https://github.com/jsoendermann/semaphore-async-await',
  mapping:
    '`Semaphore(permits)` is a Semaphore and `Lock` a Lock. `acquire()` is `acquire`; `waitFor(ms)` is `acquire` with a timeout, which resolves `false` when the time passed: the adapter turns that `false` into the model\'s timeout. `tryAcquire()` is `tryAcquire`, `release()` the release on the primitive (there are no handles), `execute(fn)` a composite that runs `fn` while it holds a permit, and `getPermits()` the value. `drainPermits()` (take every free permit) has no counterpart in the model and is left out. No signals.',
  adapters,
  why: {
    zeroTimeout: '`waitFor(0)` sets a 0 ms timer: a release in the same job still grants the permit.',
    releaser: '`execute(fn)` gives its permit back with `signal()`, the semaphore\'s own release, whoever holds the permit: there are no owners, so the end of a task whose permit a `release()` already took adds one more.',
    refusedRelease: '`release()` on an unlocked `Lock` returns without an error (the library throws none); what it changes is the finding below.',
  },
  variants: [
    {
      adapter: semaphore,
      finds: {
        rule: 'cleanup',
        title: '`waitFor(ms)` leaves its timer running after the permit was granted',
        why: '`waitFor(ms)` sets a timer to give up after `ms`, and never clears it: when a `release()` grants the permit first, the timer stays until `ms` have passed, holding the waiter\'s resolver and keeping the process alive (a `waitFor(60000)` granted at once keeps a short script running for a minute). One live timer per granted `waitFor()`, each for its full timeout: a leak under load.',
      },
    },
    { adapter: without(semaphore, { timeout: true }, 'waitFor()'), of: semaphore.name, leavesOut: '`waitFor(ms)` (the finding above): `acquire()`, `tryAcquire()`, `release()`, `execute()` then agree' },
    {
      adapter: without(lock, { observers: ['locked'], timeout: true }, 'getPermits() and waitFor()'),
      of: lock.name,
      leavesOut: '`waitFor()` (the finding above) and `getPermits()`, whose answer would otherwise be the first sign the checker reports: without it, the shrunk program ends with the harm itself',
      finds: {
        rule: 'conservation',
        title: '`release()` on an unlocked `Lock` gives it a second permit: two holders',
        why: '`Lock` is a `Semaphore(1)` whose `release()` adds a permit whatever the count: on an unlocked `Lock` it makes two, and the next two calls that take the lock (#1, #2) both hold it at once. The README\'s `Lock` is "a special case of Semaphores" with one permit; nothing says a stray `release()` lets a second holder in for good.',
      },
    },
    { adapter: without(lock, { calls: ['release'], timeout: true }, 'release() and waitFor()'), of: lock.name, leavesOut: '`release()` and `waitFor()` (the findings above): `acquire()`, `tryAcquire()` and `execute()` then agree' },
  ],
};
