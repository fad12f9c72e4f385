/**
 * @sapphire/async-queue: `AsyncQueue` is a Lock (a queue of turns, one at a time, which is what
 * the library is used for: one request at a time per route). `wait({ signal })` resolves once it
 * is the caller's turn, `shift()` ends the current turn and hands it to the next waiter: the
 * release on the lock (there are no handles). `remaining` counts the holder and the waiters:
 * `locked` is `remaining > 0`, and `queued` is the waiters. No `tryAcquire`, no timeout.
 *
 * @module
 */

import { AsyncQueue } from '@sapphire/async-queue';
import type { Adapter } from '../check/index.js';
import { without, type Peer } from './peer.js';

const queue: Adapter<AsyncQueue> = {
  primitive: 'Lock',
  name: '@sapphire/async-queue AsyncQueue',
  create: () => new AsyncQueue(),
  calls: {
    acquire: (q, c) => (c.options?.signal === undefined ? q.wait() : q.wait({ signal: c.options.signal })).then(() => 'locked'),
    release: (q) => q.shift(),
  },
  observers: { locked: (q) => q.remaining > 0, statistics: (q) => ({ locked: q.remaining > 0, waiting: q.queued }) },
  options: { timeout: false, signal: true },
  choices: { refusedRelease: 'ignored', abortRejection: 'any' },
  imports: "import { AsyncQueue } from '@sapphire/async-queue';",
};

export const adapters: readonly Adapter[] = [queue];

export const peer: Peer = {
  library: '@sapphire/async-queue',
  version: '1.5.5',
  repository: 'https://github.com/sapphiredev/utilities',
  mapping:
    '`AsyncQueue` is a Lock (turns taken one at a time): `wait({ signal })` is `acquire`, `shift()` the release on the lock, which hands the turn to the next waiter (there are no handles). `locked` is `remaining > 0`, and `statistics().waiting` is `queued`. `abortAll()` (reject every waiter, keep the turn) has no counterpart in the model and is left out. No `tryAcquire`, no timeouts.',
  adapters,
  why: {
    refusedRelease: '`shift()` with nobody holding a turn returns and changes nothing.',
    abortRejection: 'an aborted `wait()` rejects with its own `Error: Request aborted manually`, not the signal\'s `reason`.',
  },
  variants: [
    {
      adapter: queue,
      finds: {
        rule: 'atomicCancellation',
        title: '`wait({ signal })` with a signal already aborted takes the turn, at once or later, instead of rejecting',
        why: '`wait()` takes a free turn without looking at the signal, and when it must wait, `setSignal()` returns early for an aborted signal without rejecting the entry, which stays in the queue until `shift()` hands it the turn. Either way a call that was cancelled before it began never rejects and holds the turn: a request the caller abandoned runs after all, and every later one waits for it to `shift()`.',
      },
    },
    {
      adapter: without(queue, { abortedSignals: true }, 'signals aborted before the call'),
      of: queue.name,
      leavesOut: 'signals aborted before the call (the finding above): turns, `shift()`, the counts and signals aborted while waiting then agree',
    },
  ],
};
