/**
 * @esfx/async-queue: `AsyncQueue` is an unbounded Queue (maxsize 0). `put(item)` never waits, so
 * it is the model's `putNowait`; `get(cancelable)` is `get`. There is no `getNowait`, no
 * `taskDone`/`join`, no timeout; signals go through the `Cancelable` bridge. `size` counts the
 * items when positive and the waiting getters, negated, when negative: `qsize` and `empty` are
 * read from it.
 *
 * @module
 */

import { AsyncQueue } from '@esfx/async-queue';
import type { Adapter, Item } from '../check/index.js';
import { cancelable, cancelableSource } from './esfx-cancelable.js';
import type { Peer } from './peer.js';

const queue: Adapter<AsyncQueue<Item>> = {
  primitive: 'Queue',
  name: '@esfx/async-queue AsyncQueue',
  create: () => new AsyncQueue<Item>(),
  calls: {
    putNowait: (q, c) => q.put(c.item),
    get: (q, c) => q.get(cancelable(c.options?.signal)),
  },
  observers: { qsize: (q) => Math.max(q.size, 0), empty: (q) => q.size <= 0 },
  params: { maxsize: [0] },
  options: { timeout: false, signal: true },
  choices: { settlementOrder: 'perTick' },
  imports: `import { AsyncQueue } from '@esfx/async-queue';\n${cancelableSource}`,
};

export const adapters: readonly Adapter[] = [queue];

export const peer: Peer = {
  library: '@esfx/async-queue',
  section: 'Queues, limiters and pools',
  version: '1.0.0',
  repository: 'https://github.com/esfx/esfx',
  mapping: '`AsyncQueue` is an unbounded Queue: `put(item)` never waits, so it is the model\'s `putNowait`; `get(cancelable)` is `get`. No `getNowait`, no `taskDone`/`join`, no timeouts; signals pass through the `Cancelable` bridge. `qsize` and `empty` are read from `size` (items when positive, waiting getters when negative).',
  adapters,
  why: {
    settlementOrder: '`get()` is an async function that awaits the item even when one is there: a call refused at once (an already-aborted signal) settles before a get served in the same job. The decisions are made in order; only the continuations run in another.',
  },
  variants: [{ adapter: queue }],
};
