/**
 * A timed-out putter whose item still enters the queue: putters are purged lazily (Tornado's
 * `_consume_expired` shape), a timed-out putter is only marked and no longer counted, but the
 * purge is forgotten where a `get` moves the oldest putter's item in; so the producer was told
 * its item was not put, and it was.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * `Queue({ maxsize: 1 })`; tick 1: `put(key 0); put(key 0, { timeout: 1 })` (the second
 * waits); tick 2: `advance(10)` (it times out); tick 3: `get()`. The model's get leaves the
 * queue empty; the broken queue moved the timed-out putter's item in: qsize 1.
 */

import type { QueueOrder } from '../../model/queue.js';
import { TimeoutError } from '../../src/errors.js';
import { type Entry, type PutEntry, ZooQueue } from './queue-base.js';

export class TimedOutPutterEntersQueue extends ZooQueue {
  /** Putters that timed out but are still in the list, awaiting a purge that never comes. */
  readonly expired = new Set<PutEntry>();

  override statistics(): object {
    return { ...super.statistics(), putters: this.putters.length - this.expired.size };
  }

  override timedOut<T>(list: Entry<T>[], entry: Entry<T>, timeout: number): void {
    if (list !== (this.putters as unknown)) return super.timedOut(list, entry, timeout);
    // Rejected and marked, but left in the list.
    this.expired.add(entry as unknown as PutEntry);
    this.cleanUp(entry);
    entry.reject(new TimeoutError(timeout));
  }

  override nextPutter(): PutEntry | undefined {
    const putter = this.putters.shift();
    if (putter !== undefined) this.expired.delete(putter);
    return putter;
  }

  override aborted<T>(list: Entry<T>[], entry: Entry<T>): void {
    if (this.expired.has(entry as unknown as PutEntry)) return;
    super.aborted(list, entry);
  }
}

export const timedOutPutterEntersQueue = (order: QueueOrder, maxsize: number): TimedOutPutterEntersQueue => new TimedOutPutterEntersQueue(order, maxsize);
