/**
 * cockatiel: `bulkhead(limit, queue)` runs at most `limit` calls at once and keeps up to `queue`
 * more waiting, so it is a Semaphore of `limit` permits whose only acquire is running a function:
 * `execute(fn, signal)` is a composite whose body is `fn`. The line is unbounded here (`queue`
 * Infinity): the model has no bound on its waiters (see the page's *What the models leave out*).
 * `value` is `executionSlots`.
 *
 * @module
 */

import { bulkhead, type BulkheadPolicy } from 'cockatiel';
import type { Adapter } from '../check/index.js';
import { without, type Peer } from './peer.js';

const bulk: Adapter<BulkheadPolicy> = {
  primitive: 'Semaphore',
  name: 'cockatiel bulkhead',
  create: (p) => bulkhead(p['value'] ?? 1, Number.POSITIVE_INFINITY),
  calls: {},
  composites: { execute: { as: 'acquire', run: (b, c, body) => b.execute(body, c.options?.signal) } },
  observers: { value: (b) => b.executionSlots },
  params: { value: [1, 2, 3] },
  options: { timeout: false, signal: true },
  choices: { observe: 'afterTick', abortRejection: 'any' },
  imports: "import { bulkhead } from 'cockatiel';",
};

export const adapters: readonly Adapter[] = [bulk];

export const peer: Peer = {
  library: 'cockatiel',
  section: 'Queues, limiters and pools',
  version: '4.0.0',
  repository: 'https://github.com/connor4312/cockatiel',
  mapping:
    "`bulkhead(limit, queue)` is a Semaphore of `limit` permits whose only acquire is running a function: `execute(fn, signal)` is a composite whose body is `fn`. The line of waiting calls is unbounded here (`queue` is Infinity): a bounded line, which refuses a call with `BulkheadRejectedError` when full, has no counterpart in the model (see *What the models leave out*). `value` is `executionSlots`. No timeouts (cockatiel's `timeout` policy is another policy), no priorities.",
  adapters,
  why: {
    observe:
      '`execute` runs `fn` inside the call and, when `fn` throws synchronously, frees its slot before `execute` returns (its `finally` runs at once): `executionSlots` right after the call shows the slot free where the model frees it once the job\'s continuations have run. Nothing is lost; only the moment differs, and after the job they agree.',
    abortRejection: 'an aborted call rejects with cockatiel\'s `TaskCancelledError`, not with the signal\'s reason.',
  },
  variants: [
    {
      adapter: bulk,
      finds: {
        rule: 'cleanup',
        title: 'an aborted `execute()` stays in line: it settles only when a slot frees, and holds its queue place until then',
        why: "A waiting call does not listen on its signal: the abort is seen only when `dequeue()` reaches the call, after a running one ends. Until then its promise is pending (for ever, if the running calls never end) and it takes one of the `queue` places, so with a bounded queue live callers are refused with `BulkheadRejectedError` for a call that was cancelled. The checker's first sign is the missing listener on the signal of a waiting call; the model rejects an aborted waiter at once and takes nothing.",
        upstream: 'https://github.com/connor4312/cockatiel/pull/114 (closed: an aborted call held an execution slot; the maintainer moved the check into `dequeue()`, which is the behaviour shown here; no issue on the call staying in line)',
      },
    },
    { adapter: without(bulk, { signal: true }, 'signals'), of: bulk.name, leavesOut: 'signals (finding 1): every kind of body then agrees' },
  ],
};
