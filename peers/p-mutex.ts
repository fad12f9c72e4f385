/**
 * p-mutex: `Mutex` is a Lock. `lock()` resolves with nothing once the lock is held, `unlock()` is
 * the release on the lock (there are no handles), and `withLock(task)` is a composite that runs
 * the task while it holds the lock. `isLocked` is the observer. No `tryAcquire`, no timeout, no
 * signal.
 *
 * @module
 */

import Mutex from 'p-mutex';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

const mutex: Adapter<Mutex> = {
  primitive: 'Lock',
  name: 'p-mutex',
  create: () => new Mutex(),
  calls: { acquire: (m) => m.lock().then(() => 'locked'), release: (m) => m.unlock() },
  composites: { withLock: { as: 'acquire', run: (m, _c, body) => m.withLock(body) } },
  observers: { locked: (m) => m.isLocked },
  options: { timeout: false, signal: false },
  choices: { refusedRelease: 'ignored', releaser: 'everyCall', settlementOrder: 'perTick' },
  imports: "import Mutex from 'p-mutex';",
};

export const adapters: readonly Adapter[] = [mutex];

export const peer: Peer = {
  library: 'p-mutex',
  version: '1.0.0',
  repository: 'https://github.com/sindresorhus/p-mutex',
  mapping:
    '`Mutex` is a Lock: `lock()` is `acquire` (it resolves with nothing: the adapter gives the model a `\'locked\'` token), `unlock()` the release on the lock (there are no handles), and `withLock(task)` a composite that runs the task while it holds the lock. `isLocked` is the observer. No `tryAcquire`, no timeouts, no signals.',
  adapters,
  why: {
    settlementOrder: '`lock()` is an async function that returns the waiting promise when it must wait: a waiter handed the lock by `unlock()` settles a few microtasks after one that found it free in the same job. The handoffs are made in order; only the continuations run in another.',
    releaser: '`withLock(task)` gives the lock back with `unlock()`, the lock\'s own release, whoever holds it: the mutex has no owner (the README asks to pair every `lock()` with an `unlock()`), so the end of a task whose lock an `unlock()` already took unlocks the next holder\'s.',
    refusedRelease: '`unlock()` on an unlocked mutex does nothing: with nobody waiting it sets `isLocked` to false, which it already is.',
  },
  variants: [{ adapter: mutex }],
};
