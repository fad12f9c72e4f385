/**
 * A get aborted after its handoff loses the item: bpo-23812 (asyncio's `Queue.get` cancelled
 * after its getter future had its result set: the item was dropped) and Tornado #2826
 * ("Queue.get loses result on CancelledError": `put_nowait` hands the item to the getter's
 * future, the waiting task is cancelled before it resumes, and the item is gone). The
 * JavaScript form of the bug: the promise a caller sees follows the waiter's one step later (a
 * `then`, as any `async` wrapper or `Promise.race` with an abort adds), and the abort listener
 * is dropped only then; an abort in between rejects the get, and the item the waiter was
 * handed is in nobody's hands. Every call settles one step later alike, so only the loss shows.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Queue()`; tick 1: `get({ signal: s0 })`; tick 2: `put(key 0); abort(s0)`. The model hands
 * the item to the getter at `put`, and the abort after the handoff changes nothing; the broken
 * get rejects with the abort reason, and the item is neither in the queue nor in anyone's
 * hands.
 */

import type { QueueItem, QueueOrder } from '../../model/queue.js';
import { type Entry, ZooQueue } from './queue-base.js';


type Options = { timeout?: number; signal?: AbortSignal };

export class LateAbortLosesItemQueue extends ZooQueue {
  /** Waiting or handed getters whose caller's promise has not settled: how to reject it. */
  readonly callers = new Map<Entry<unknown>, (reason: unknown) => void>();

  override put(item: QueueItem, options?: Options): Promise<void> {
    return super.put(item, options).then((value) => value);
  }

  override join(options?: Options): Promise<void> {
    return super.join(options).then((value) => value);
  }

  override get(options?: Options): Promise<QueueItem> {
    const waiting = this.getters.length;
    const inner = super.get(options);
    const entry = this.getters.length > waiting ? (this.getters.at(-1) as Entry<unknown>) : undefined;
    return new Promise((resolve, reject) => {
      if (entry !== undefined) this.callers.set(entry, reject);
      inner.then(
        (item) => {
          if (entry === undefined) return resolve(item);
          // Aborted after the handoff: the item is dropped.
          if (!this.callers.delete(entry)) return;
          this.cleanUp(entry);
          resolve(item);
        },
        (error: unknown) => {
          if (entry !== undefined) this.callers.delete(entry);
          reject(error);
        },
      );
    });
  }

  override handOff(getter: Entry<QueueItem>, item: QueueItem): void {
    // The timer goes; the abort listener stays until the caller's promise settles.
    clearTimeout(getter.timer);
    getter.resolve(item);
  }

  override aborted<T>(list: Entry<T>[], entry: Entry<T>): void {
    const caller = this.callers.get(entry as Entry<unknown>);
    if (caller !== undefined && !list.includes(entry)) {
      this.callers.delete(entry as Entry<unknown>);
      this.cleanUp(entry);
      caller(entry.signal?.reason);
      return;
    }
    super.aborted(list, entry);
  }
}

export const lateAbortLosesItemQueue = (order: QueueOrder, maxsize: number): LateAbortLosesItemQueue => new LateAbortLosesItemQueue(order, maxsize);
