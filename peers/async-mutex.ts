/**
 * async-mutex: `Mutex` is a Lock, `Semaphore` a Semaphore (unbounded: `release()` always adds a
 * permit). `acquire()` resolves to the releaser (a function; for a Semaphore, `[value,
 * releaser]`), which is the model's handle; `release()` on the primitive is the unscoped release.
 * There is no synchronous `tryAcquire` (the library's `tryAcquire()` decorator returns a
 * promise) and no signal. A timeout is `withTimeout(primitive, ms)`, a decorator over the same
 * primitive: the adapter wraps the primitive for each acquire that has a timeout.
 *
 * @module
 */

import { E_TIMEOUT, Mutex, Semaphore, withTimeout } from 'async-mutex';
import type { Adapter } from '../check/index.js';
import { without, type Peer } from './peer.js';

const imports = "import { E_TIMEOUT, Mutex, Semaphore, withTimeout } from 'async-mutex';";

const mutex: Adapter<Mutex> = {
  primitive: 'Lock',
  name: 'async-mutex Mutex',
  create: () => new Mutex(),
  calls: {
    acquire: (m) => m.acquire(),
    release: (m) => m.release(),
  },
  handleRelease: (_m, c) => (c.handle as () => void)(),
  observers: { locked: (m) => m.isLocked() },
  options: { timeout: false, signal: false },
  choices: { refusedRelease: 'ignored' },
  imports,
};

const mutexWithTimeout: Adapter<Mutex> = {
  ...mutex,
  name: 'async-mutex withTimeout(Mutex)',
  calls: { ...mutex.calls, acquire: (m, c) => (c.options?.timeout === undefined ? m.acquire() : withTimeout(m, c.options.timeout).acquire()) },
  options: { timeout: true, signal: false },
  // withTimeout checks no timeout: a negative or fractional one is a delay like any other.
  badInput: false,
  choices: { ...mutex.choices, zeroTimeout: 'timer', errors: { TimeoutError: (e) => e === E_TIMEOUT } },
};

const semaphore: Adapter<Semaphore> = {
  primitive: 'Semaphore',
  name: 'async-mutex Semaphore',
  create: (p) => new Semaphore(p['value'] ?? 1),
  calls: {
    acquire: (s) => s.acquire(),
    release: (s) => s.release(),
  },
  handleRelease: (_s, c) => (c.handle as [number, () => void])[1](),
  observers: { value: (s) => s.getValue() },
  options: { timeout: false, signal: false },
  imports,
};

const semaphoreWithTimeout: Adapter<Semaphore> = {
  ...semaphore,
  name: 'async-mutex withTimeout(Semaphore)',
  calls: { ...semaphore.calls, acquire: (s, c) => (c.options?.timeout === undefined ? s.acquire() : withTimeout(s, c.options.timeout).acquire()) },
  options: { timeout: true, signal: false },
  badInput: false,
  choices: { zeroTimeout: 'timer', settlementOrder: 'perTick', errors: { TimeoutError: (e) => e === E_TIMEOUT } },
};

export const adapters: readonly Adapter[] = [mutex, mutexWithTimeout, semaphore, semaphoreWithTimeout];

const timedOutWaiterStays =
  'withTimeout rejects a timed-out acquire but leaves it in the primitive\'s queue: the next release grants the permit to that dead waiter, whose continuation gives it back a few microtasks later.';

export const peer: Peer = {
  library: 'async-mutex',
  version: '0.5.0',
  repository: 'https://github.com/DirtyHairy/async-mutex',
  mapping:
    '`Mutex` is a Lock and `Semaphore` a Semaphore; `acquire()` resolves to the releaser (for a Semaphore, `[value, releaser]`), the model\'s handle, and `release()` on the primitive is the unscoped release. No synchronous `tryAcquire`, no signals. A timeout is `withTimeout(primitive, ms).acquire()`, the decorator over the same primitive, made for each acquire that has one, which checks no timeout (no bad input: a negative one is a delay like any other).',
  adapters,
  why: {
    refusedRelease: '`Mutex.release()` on an unlocked mutex does nothing, by design (it checks `isLocked()` first); nothing is created or lost.',
    zeroTimeout: '`withTimeout(m, 0)` sets a 0 ms timer: an acquire that is granted in the same job still succeeds.',
    settlementOrder: 'an acquire through the `withTimeout` decorator settles a few microtasks later than a plain `acquire()` granted in the same job: both are granted in order, only their continuations run in another order.',
    errors: 'a timeout rejects with the shared `E_TIMEOUT` error.',
  },
  variants: [
    {
      adapter: without(mutex, { observers: ['locked'] }, 'isLocked()'),
      of: mutex.name,
      leavesOut: '`isLocked()`, whose wrong answer would otherwise be the first sign the checker reports: without it, the shrunk program ends with the harm itself',
      finds: {
        rule: 'conservation',
        title: 'a releaser used after an unscoped `release()` releases a lock someone else holds',
        why: 'The releaser stays armed after `mutex.release()` gave the lock back, so calling it later releases the Mutex\'s semaphore again, whoever holds it: its value goes to 2 and the next two acquires (#4, #5) are both granted: two holders of one Mutex. The README calls the releaser idempotent and warns that the unscoped release may release a lock taken elsewhere; it does not say a Mutex can then admit two holders.',
        upstream: 'https://github.com/DirtyHairy/async-mutex/issues/20 (the maintainer on the dangers of the unscoped release; no issue on this outcome)',
      },
    },
    { adapter: without(mutex, { calls: ['release'] }, 'unscoped release()'), of: mutex.name, leavesOut: 'the unscoped `release()`, which shows finding 1' },
    {
      adapter: without(mutexWithTimeout, { calls: ['release'] }, 'unscoped release()'),
      of: mutexWithTimeout.name,
      leavesOut: 'the unscoped `release()` (finding 1)',
      finds: {
        rule: 'observers',
        title: '`isLocked()` is true right after the holder releases, when an acquire timed out before',
        why: `${timedOutWaiterStays} Meanwhile \`isLocked()\` says locked while nobody holds the lock, and every timed-out acquire stays queued until a release reaches it: a leak that grows with each timeout while the lock is held.`,
        upstream: 'https://github.com/DirtyHairy/async-mutex/issues/54 (closed, still reproduces in 0.5.0)',
      },
    },
    {
      adapter: without(mutexWithTimeout, { calls: ['release'], observers: ['locked'] }, 'unscoped release() and isLocked()'),
      of: mutexWithTimeout.name,
      leavesOut: 'the unscoped `release()` and `isLocked()` (findings 1 and 2): timeouts then agree',
    },
    {
      adapter: semaphore,
      of: semaphore.name,
      finds: {
        rule: 'ownership',
        title: 'a releaser used after an unscoped `release()` gives back a permit it does not hold',
        why: 'As with the Mutex (finding 1): `semaphore.release()` adds a permit, and the releaser of the acquire it stood for still adds another when it is called. Every such pair leaves one permit more than the semaphore was given, so one acquirer more than its limit gets in. The model\'s `release()` gives back the oldest outstanding grant, whose releaser then does nothing (the ownership rule).',
        upstream: 'https://github.com/DirtyHairy/async-mutex/issues/20 (the same unscoped release; no issue on this outcome)',
      },
    },
    { adapter: without(semaphore, { calls: ['release'] }, 'unscoped release()'), of: semaphore.name, leavesOut: 'the unscoped `release()` (finding 3)' },
    {
      adapter: without(semaphoreWithTimeout, { calls: ['release'] }, 'unscoped release()'),
      of: semaphoreWithTimeout.name,
      leavesOut: 'the unscoped `release()` (finding 3)',
      finds: {
        rule: 'observers',
        title: '`getValue()` is 0 right after a release, when an acquire timed out before',
        why: `${timedOutWaiterStays} Meanwhile \`getValue()\` shows one permit fewer than there are (same cause as finding 2), and timed-out acquires pile up in the queue.`,
        upstream: 'https://github.com/DirtyHairy/async-mutex/issues/54',
      },
    },
    {
      adapter: without(semaphoreWithTimeout, { calls: ['release'], observers: ['value'] }, 'unscoped release() and getValue()'),
      of: semaphoreWithTimeout.name,
      leavesOut: 'the unscoped `release()` and `getValue()` (findings 3 and 4): timeouts then agree',
    },
  ],
};
