/**
 * @esfx/async-mutex: `AsyncMutex` is a Lock. `lock(cancelable)` resolves to a lock handle, the
 * model's handle, whose `unlock()` is the releaser; `unlock()` on the mutex is the release on
 * the primitive, and `tryLock()` the `tryAcquire`, which gives no handle (a lock taken with it is
 * given back with the mutex's `unlock()`). So two adapters: one with handles, one with `tryLock()`
 * and `unlock()`. Signals go through the `Cancelable` bridge; there are no timeouts. `isLocked`
 * is a getter.
 *
 * The handles adapter leaves out the mutex's `unlock()`: a program that mixes it with a handle's
 * `unlock()` asks what a releaser does after the unscoped release took its grant back, which
 * rule 8 (ownership) answers (it does nothing, as this library's handle refuses) but the model
 * does not implement yet (it lets that releaser release again).
 *
 * @module
 */

import { AsyncMutex } from '@esfx/async-mutex';
import type { Adapter, CallContext } from '../check/index.js';
import { cancelable, cancelableSource } from './esfx-cancelable.js';
import { without, type Peer } from './peer.js';

const imports = `import { AsyncMutex } from '@esfx/async-mutex';\n${cancelableSource}`;

/** What both adapters share: the mutex, `lock()`, signals and `isLocked`. */
const base = {
  primitive: 'Lock',
  create: () => new AsyncMutex(),
  observers: { locked: (m) => m.isLocked },
  options: { timeout: false, signal: true },
  imports,
} as const satisfies Omit<Adapter<AsyncMutex>, 'name' | 'calls'>;

const acquire = (m: AsyncMutex, c: CallContext): unknown => m.lock(cancelable(c.options?.signal));

const handles: Adapter<AsyncMutex> = {
  ...base,
  name: '@esfx/async-mutex AsyncMutex',
  calls: { acquire },
  handleRelease: (_m, c) => (c.handle as { unlock(): void }).unlock(),
  choices: { spentReleaser: 'throws', settlementOrder: 'perTick' },
};

const tryLock: Adapter<AsyncMutex> = {
  ...base,
  name: '@esfx/async-mutex AsyncMutex with tryLock()',
  calls: { acquire, tryAcquire: (m) => (m.tryLock() ? 'locked' : undefined), release: (m) => void m.unlock() },
  choices: { refusedRelease: 'ignored', settlementOrder: 'perTick' },
};

export const adapters: readonly Adapter[] = [handles, tryLock];

const staleHandle =
  'At a handoff, `unlock()` resolves the next waiter but leaves the mutex owned by the old handle until the waiter\'s continuation runs and takes it.';

export const peer: Peer = {
  library: '@esfx/async-mutex',
  section: 'Locks and semaphores',
  version: '1.0.0',
  repository: 'https://github.com/esfx/esfx',
  mapping:
    '`AsyncMutex` is a Lock. `lock(cancelable)` resolves to a lock handle, the model\'s handle, whose `unlock()` is the releaser; `tryLock()` is `tryAcquire` but gives no handle, so a second adapter has `tryLock()` and the mutex\'s `unlock()` (the release on the primitive) without releasers. The first leaves out the mutex\'s `unlock()`: mixed with a handle\'s, it asks what the ownership rule answers, which the model now implements: the adapter keeps to the handles, as the library\'s own documentation does. Signals pass through a thin `Cancelable` bridge (one abort listener per subscription); no timeouts.',
  adapters,
  why: {
    refusedRelease: '`unlock()` on an unlocked mutex returns `false` and changes nothing.',
    spentReleaser: 'a lock handle\'s second `unlock()` throws `Error: Lock already released.` and changes nothing.',
    settlementOrder:
      '`lock()` is an async function over another: a call refused at once (an already-aborted signal) settles a few microtasks before one served or rejected from the wait queue in the same job. The decisions are made in order; only the continuations run in another.',
  },
  variants: [
    {
      adapter: without(handles, { observers: ['locked'] }, 'isLocked'),
      of: handles.name,
      leavesOut: '`isLocked`, whose wrong answer would otherwise be the first sign the checker reports: without it, the shrunk program ends with the harm itself',
      finds: {
        rule: 'conservation',
        title: 'a handle\'s second `unlock()`, in the job that handed the lock on, unlocks it for the next holder: two holders',
        why: `${staleHandle} So the old handle's second \`unlock()\`, which must throw \`Lock already released.\`, passes that check and unlocks the mutex just after handing it to #1, so the waiting #2 is granted it too: two holders.`,
      },
    },
    {
      adapter: without(tryLock, { observers: ['locked'] }, 'isLocked'),
      of: tryLock.name,
      leavesOut: '`isLocked` (as above)',
      finds: {
        rule: 'conservation',
        title: 'a second `unlock()` in the job that handed the lock on is lost: the next waiter waits forever',
        why: `${staleHandle} A second \`unlock()\` in that job unlocks the old handle instead of the new holder's lock; then #1's continuation locks the mutex anyway. That \`unlock()\` is lost: the lock stays held and #4 is never served. Same cause as the finding above.`,
      },
    },
    { adapter: without(handles, { handleRelease: true }, 'releases'), of: handles.name, leavesOut: 'every release (the findings above come from any two releases in one job): locking, signals and `isLocked` then agree' },
    { adapter: without(tryLock, { calls: ['release'] }, 'releases'), of: tryLock.name, leavesOut: 'every release (as above): `lock()`, `tryLock()`, signals and `isLocked` then agree' },
  ],
};
