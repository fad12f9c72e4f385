/**
 * The zoo's plain queue: a deliberately simple, correct implementation (arrays, closures, a
 * sorted scan for priority) that each queue zoo entry breaks in exactly one place. It is not
 * the real one, so an entry shows a bug of its own, the way a real library had it.
 */

import type { QueueItem, QueueOrder } from '../../model/queue.js';
import { InvalidStateError, QueueEmpty, QueueFull, TimeoutError } from '../../src/errors.js';
import { timeoutError } from './waiting.js';

type Options = { timeout?: number; signal?: AbortSignal };

/** What the zoo's queues offer: toro-ts's API, as the checker drives it. */
export interface QueueLike {
  readonly maxsize: number;
  qsize(): number;
  empty(): boolean;
  full(): boolean;
  put(item: QueueItem, options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  putNowait(item: QueueItem): void;
  get(options?: { timeout?: number; signal?: AbortSignal }): Promise<QueueItem>;
  getNowait(): QueueItem;
  taskDone(): void;
  join(options?: { timeout?: number; signal?: AbortSignal }): Promise<void>;
  statistics(): object;
}

export interface Entry<T> {
  resolve(value: T): void;
  reject(reason: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface PutEntry extends Entry<void> {
  readonly item: QueueItem;
}

export class ZooQueue implements QueueLike {
  /** Buffered items with their put order, in the order they entered. */
  buffer: { item: QueueItem; seq: number }[] = [];
  seq = 0;
  getters: Entry<QueueItem>[] = [];
  putters: PutEntry[] = [];
  joiners: Entry<void>[] = [];
  unfinished = 0;

  constructor(readonly order: QueueOrder, readonly maxsize: number) {}

  qsize(): number {
    return this.buffer.length;
  }

  empty(): boolean {
    return this.buffer.length === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.buffer.length >= this.maxsize;
  }

  statistics(): object {
    return { qsize: this.buffer.length, waiting: this.getters.length, putters: this.putters.length, unfinished: this.unfinished, shutdown: false };
  }

  put(item: QueueItem, options: Options = {}): Promise<void> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    if (this.offer(item)) return Promise.resolve();
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return new Promise((resolve, reject) => {
      this.wait(this.putters, { item, resolve, reject } as PutEntry, options);
    });
  }

  putNowait(item: QueueItem): void {
    if (!this.offer(item)) throw new QueueFull();
  }

  get(options: Options = {}): Promise<QueueItem> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    const polled = this.poll();
    if (polled !== undefined) return Promise.resolve(polled.item);
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return new Promise((resolve, reject) => {
      this.wait(this.getters, { resolve, reject } as Entry<QueueItem>, options);
    });
  }

  getNowait(): QueueItem {
    const polled = this.poll();
    if (polled === undefined) throw new QueueEmpty();
    return polled.item;
  }

  taskDone(): void {
    if (this.unfinished === 0) throw new InvalidStateError('taskDone() called too many times');
    this.unfinished--;
    if (this.unfinished === 0) for (const joiner of this.joiners.splice(0)) this.settle(joiner, undefined);
  }

  join(options: Options = {}): Promise<void> {
    const badTimeout = timeoutError(options);
    if (badTimeout !== undefined) return Promise.reject(badTimeout);
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    if (this.unfinished === 0) return Promise.resolve();
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return new Promise((resolve, reject) => {
      this.wait(this.joiners, { resolve, reject } as Entry<void>, options);
    });
  }

  /** An item enters: to the oldest getter directly, or into the buffer if there is room. */
  offer(item: QueueItem): boolean {
    const getter = this.getters.shift();
    if (getter !== undefined) {
      this.countTask();
      this.handOff(getter, item);
      return true;
    }
    if (this.full()) return false;
    this.enter(item);
    return true;
  }

  /** Takes the next item; the oldest putter's item moves in first. */
  poll(): { item: QueueItem } | undefined {
    const putter = this.nextPutter();
    if (putter !== undefined) {
      this.enter(putter.item);
      this.settle(putter, undefined);
      return { item: this.take() };
    }
    if (this.buffer.length > 0) return { item: this.take() };
    return undefined;
  }

  /** The putter whose item moves in next: the oldest. */
  nextPutter(): PutEntry | undefined {
    return this.putters.shift();
  }

  /** A waiting getter is handed an item. */
  handOff(getter: Entry<QueueItem>, item: QueueItem): void {
    this.settle(getter, item);
  }

  countTask(): void {
    this.unfinished++;
  }

  enter(item: QueueItem): void {
    this.countTask();
    this.bufferPut(item);
  }

  bufferPut(item: QueueItem): void {
    this.buffer.push({ item, seq: this.seq++ });
  }

  /** Takes by the order: oldest, newest, or least key with ties in put order. */
  take(): QueueItem {
    let index = 0;
    if (this.order === 'lifo') index = this.buffer.length - 1;
    if (this.order === 'priority') {
      for (let i = 1; i < this.buffer.length; i++) {
        const a = this.buffer[i];
        const b = this.buffer[index];
        if (a !== undefined && b !== undefined && (a.item.key < b.item.key || (a.item.key === b.item.key && a.seq < b.seq))) index = i;
      }
    }
    const [entry] = this.buffer.splice(index, 1);
    return (entry as { item: QueueItem }).item;
  }

  wait<T>(list: Entry<T>[], entry: Entry<T>, { timeout, signal }: Options): void {
    entry.signal = signal;
    entry.onAbort = () => this.aborted(list, entry);
    if (timeout !== undefined) entry.timer = setTimeout(() => this.timedOut(list, entry, timeout), timeout);
    signal?.addEventListener('abort', entry.onAbort, { once: true });
    list.push(entry);
  }

  settle<T>(entry: Entry<T>, value: T): void {
    this.cleanUp(entry);
    entry.resolve(value);
  }

  cleanUp<T>(entry: Entry<T>): void {
    clearTimeout(entry.timer);
    entry.signal?.removeEventListener('abort', entry.onAbort);
  }

  remove<T>(list: Entry<T>[], entry: Entry<T>): boolean {
    const index = list.indexOf(entry);
    if (index < 0) return false;
    list.splice(index, 1);
    this.cleanUp(entry);
    return true;
  }

  timedOut<T>(list: Entry<T>[], entry: Entry<T>, timeout: number): void {
    if (this.remove(list, entry)) entry.reject(new TimeoutError(timeout));
  }

  aborted<T>(list: Entry<T>[], entry: Entry<T>): void {
    if (this.remove(list, entry)) entry.reject(entry.signal?.reason);
  }
}
