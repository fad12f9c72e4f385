/**
 * await-lock: `AwaitLock` is a Lock. `acquireAsync({ timeout })` resolves with nothing once the
 * lock is held, `tryAcquire()` takes it at once or says `false`, and `release()` is the release
 * on the lock: there are no handles and no signals. `acquired` is the observer.
 *
 * @module
 */

import AwaitLock from 'await-lock';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

const lock: Adapter<AwaitLock> = {
  primitive: 'Lock',
  name: 'await-lock',
  create: () => new AwaitLock(),
  calls: {
    acquire: (l, c) => (c.options === undefined ? l.acquireAsync() : l.acquireAsync({ timeout: c.options.timeout ?? 0 })).then(() => 'locked'),
    tryAcquire: (l) => (l.tryAcquire() ? 'locked' : undefined),
    release: (l) => l.release(),
  },
  observers: { locked: (l) => l.acquired },
  options: { timeout: true, signal: false },
  choices: {
    zeroTimeout: 'timer',
    settlementOrder: 'perTick',
    errors: {
      TimeoutError: (e) => e instanceof Error && e.message === 'Timed out waiting for lock',
      InvalidStateError: (e) => e instanceof Error && e.message === 'Cannot release an unacquired lock',
    },
  },
  imports: "import AwaitLock from 'await-lock';",
};

export const adapters: readonly Adapter[] = [lock];

export const peer: Peer = {
  library: 'await-lock',
  version: '3.0.0',
  repository: 'https://github.com/ide/await-lock',
  mapping:
    '`AwaitLock` is a Lock: `acquireAsync({ timeout })` is `acquire` (it resolves with nothing: the adapter gives the model a `\'locked\'` token), `tryAcquire()` is `tryAcquire`, `release()` is the release on the lock (there are no handles); `acquired` is the observer. No signals.',
  adapters,
  why: {
    settlementOrder: '`acquireAsync({ timeout })` races the wait against its timer with `Promise.race`, so it settles a few microtasks after a plain `acquireAsync()` granted in the same job. The grants are made in order; only the continuations run in another.',
    zeroTimeout: '`acquireAsync({ timeout: 0 })` races the wait against a `setTimeout(0)`: a release in the same job still grants it, as the documentation says ("the behavior of invalid timeout values depends on how `setTimeout` handles those values").',
    errors: 'a timeout rejects with `Error: Timed out waiting for lock`, and `release()` of an unlocked lock throws `Error: Cannot release an unacquired lock` (the model\'s `InvalidStateError`).',
  },
  variants: [{ adapter: lock }],
};
