/**
 * The zoo's plain shutdown queue: a deliberately simple, correct first-in, first-out queue with
 * the real {@link Queue}'s public API, `shutdown` included (arrays and closures), which each
 * shutdown zoo entry breaks in exactly one place. It is not the real one, so an entry shows a
 * bug of its own, the way a real library had it.
 */

import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown, TimeoutError } from '../../src/errors.js';
import { enqueue, rejectEntry, resolveEntry, timeoutError, type Entry, type Options } from './waiting.js';

export class ZooShutdownQueue<T> implements AsyncIterable<T> {
  readonly maxsize: number;
  buffer: T[] = [];
  getters: Entry<T>[] = [];
  /** Putters waiting for room, each with its item, which has not entered. */
  putters: Entry<void, T>[] = [];
  joiners: Entry<void>[] = [];
  unfinished = 0;
  isShutDown = false;

  constructor(options: { maxsize?: number } = {}) {
    this.maxsize = options.maxsize ?? 0;
  }

  qsize(): number {
    return this.buffer.length;
  }

  empty(): boolean {
    return this.buffer.length === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.buffer.length >= this.maxsize;
  }

  statistics(): { qsize: number; waiting: number; putters: number; unfinished: number; shutdown: boolean } {
    return { qsize: this.buffer.length, waiting: this.getters.length, putters: this.putters.length, unfinished: this.unfinished, shutdown: this.isShutDown };
  }

  put(item: T, options: Options = {}): Promise<void> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    if (this.isShutDown) return Promise.reject(new QueueShutDown('Queue.put() called on a queue that is shut down'));
    if (this.offer(item)) return Promise.resolve();
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return enqueue(this.putters, item, options);
  }

  putNowait(item: T): void {
    if (this.isShutDown) throw new QueueShutDown('Queue.putNowait() called on a queue that is shut down');
    if (!this.offer(item)) throw new QueueFull();
  }

  get(options: Options = {}): Promise<T> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    const polled = this.poll();
    if (polled !== undefined) return Promise.resolve(polled.item);
    if (this.isShutDown) return Promise.reject(new QueueShutDown('Queue.get() called on a queue that is shut down and empty'));
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return enqueue(this.getters, undefined, options);
  }

  getNowait(): T {
    const polled = this.poll();
    if (polled !== undefined) return polled.item;
    if (this.isShutDown) throw new QueueShutDown('Queue.getNowait() called on a queue that is shut down and empty');
    throw new QueueEmpty();
  }

  taskDone(): void {
    if (this.unfinished === 0) throw new InvalidStateError('taskDone() called too many times');
    this.unfinished--;
    if (this.unfinished === 0) this.releaseJoiners();
  }

  join(options: Options = {}): Promise<void> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    // Done when nothing is unfinished; threading's join waits `while self.unfinished_tasks`.
    if (this.unfinished === 0) return Promise.resolve();
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return enqueue(this.joiners, undefined, options);
  }

  shutdown(immediate = false): void {
    this.isShutDown = true;
    const before = this.unfinished;
    if (immediate) this.discard();
    for (const putter of this.putters.splice(0)) rejectEntry(putter, new QueueShutDown('Queue.shutdown() refused this put()'));
    this.refuseGetters(immediate);
    if (before > 0 && this.unfinished === 0) this.releaseJoiners();
  }

  /** An immediate shutdown discards what is left, each item counting as done while the count is positive. */
  discard(): void {
    this.unfinished = Math.max(0, this.unfinished - this.buffer.length);
    this.buffer = [];
  }

  /** Every waiting getter is refused: the queue is empty whenever one waits. */
  refuseGetters(_immediate: boolean): void {
    for (const getter of this.getters.splice(0)) rejectEntry(getter, new QueueShutDown('Queue.shutdown() refused this get()'));
  }

  releaseJoiners(): void {
    for (const joiner of this.joiners.splice(0)) resolveEntry(joiner, undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      try {
        yield await this.get();
      } catch (error) {
        if (error instanceof QueueShutDown) return;
        throw error;
      }
    }
  }

  /** An item enters: to the oldest getter directly, or into the buffer if there is room. */
  offer(item: T): boolean {
    const getter = this.getters.shift();
    if (getter !== undefined) {
      this.unfinished++;
      resolveEntry(getter, item);
      return true;
    }
    if (this.full()) return false;
    this.buffer.push(item);
    this.unfinished++;
    return true;
  }

  /** Takes the oldest item; the oldest putter's item moves in first. */
  poll(): { item: T } | undefined {
    const putter = this.putters.shift();
    if (putter !== undefined) {
      this.buffer.push(putter.data);
      this.unfinished++;
      resolveEntry(putter, undefined);
    }
    if (this.buffer.length === 0) return undefined;
    return { item: this.buffer.shift() as T };
  }
}
