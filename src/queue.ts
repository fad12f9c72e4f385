/**
 * Queue, PriorityQueue and LifoQueue: fair producer/consumer queues with task accounting.
 *
 * @module
 */

import { Deque, Stack, type ItemBuffer } from './deque.js';
import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from './errors.js';
import { Heap } from './heap.js';
import { checkCount, describe, parseWaitOptions, type ParsedWaitOptions, type WaitOptions } from './options.js';
import { WaitList } from './waiters.js';

/** What {@link Queue} takes. */
export interface QueueOptions {
  /**
   * The most items the queue holds; `put` waits while it is full. A non-negative integer; 0
   * means unbounded.
   * @defaultValue 0
   * @example
   * ```ts
   * import { Queue } from 'toro-ts';
   * const queue = new Queue<string>({ maxsize: 1 });
   * queue.putNowait('a');
   * console.log(queue.full(), await queue.put('b', { timeout: 0 }).catch((error: Error) => error.name));
   * // prints: true TimeoutError
   * ```
   */
  readonly maxsize?: number | undefined;
}

/** What {@link PriorityQueue} takes. */
export interface PriorityQueueOptions<T> extends QueueOptions {
  /**
   * Orders items, least first, as `Array.prototype.sort` does: negative when `a` goes before
   * `b`, positive after, 0 (or NaN) for a tie, which put order breaks.
   * @defaultValue `<` and `>` on the items themselves, as for numbers and strings
   * @example
   * ```ts
   * import { PriorityQueue } from 'toro-ts';
   * const queue = new PriorityQueue<{ due: number }>({ compare: (a, b) => a.due - b.due });
   * queue.putNowait({ due: 30 });
   * queue.putNowait({ due: 10 });
   * console.log(queue.getNowait().due);
   * // prints: 10
   * ```
   */
  readonly compare?: ((a: T, b: T) => number) | undefined;
}

/** What {@link Queue.statistics} returns: the model's state, seen from outside. */
export interface QueueStatistics {
  /** Items in the queue now. */
  readonly qsize: number;
  /** Getters waiting for an item. */
  readonly waiting: number;
  /** Putters waiting for room, each holding an item that has not entered yet. */
  readonly putters: number;
  /** Items that entered the queue and have not been marked done by {@link Queue.taskDone}. */
  readonly unfinished: number;
  /** Whether {@link Queue.shutdown} was called: nothing enters from then on. */
  readonly shutdown: boolean;
}

/** Returned by `#poll` when there is nothing to take (an item may itself be `undefined`). */
const NOTHING: unique symbol = Symbol('nothing');

/**
 * A first-in, first-out queue of items, optionally bounded, with task accounting: each item
 * that enters counts as an unfinished task until a {@link Queue.taskDone} call, and
 * {@link Queue.join} waits until none is left.
 *
 * Getters and putters are each served strictly oldest first. `put`, with getters waiting, hands
 * its item synchronously to the oldest getter (the item never sits in the queue, so no
 * `getNowait` can take it first); `get`, with putters waiting, first moves the oldest putter's
 * item in and resolves that `put`. A `get` that times out or is aborted before its handoff
 * takes nothing; one cancelled after keeps its item. A `put` cancelled before its item entered
 * takes its item away. So no item is ever lost or duplicated. {@link Queue.shutdown} ends it
 * all: nothing enters from then on, what is left can still be taken (or is discarded at once),
 * and `for await` over the queue ends when it is empty. The specification is
 * {@link model!queueStep}.
 *
 * @typeParam T - the items.
 *
 * @example
 * ```ts
 * import { Queue } from 'toro-ts';
 * const queue = new Queue<number>({ maxsize: 2 });
 * const done: number[] = [];
 * async function consumer() {
 *   for await (const item of queue) {
 *     done.push(item);
 *     queue.taskDone();
 *   }
 * }
 * const consuming = consumer();
 * for (let item = 0; item < 5; item++) await queue.put(item);
 * await queue.join();
 * console.log(done.join(' '), queue.statistics());
 * queue.shutdown();
 * await consuming;
 * console.log('consumer done:', queue.statistics().shutdown);
 * // prints: 0 1 2 3 4 { qsize: 0, waiting: 1, putters: 0, unfinished: 0, shutdown: false }
 * // prints: consumer done: true
 * ```
 */
export class Queue<T> implements AsyncIterable<T> {
  /** The most items the queue holds; 0 for unbounded. */
  readonly maxsize: number;
  readonly #name: string;
  /** What the buffer was made from, to make an empty one when an immediate shutdown discards it. */
  readonly #options: PriorityQueueOptions<T> | undefined;
  #buffer: ItemBuffer<T>;
  /** Getters waiting for an item; a shutdown refuses them all, so they are failable. */
  readonly #getters = WaitList.failable<T>();
  /** Putters waiting for room; each carries its item, which has not entered yet. */
  readonly #putters = WaitList.failable<void, T>();
  readonly #joiners = new WaitList<void>();
  #unfinished = 0;
  #shutdown = false;

  /**
   * @param options - `maxsize` (0: unbounded).
   * @throws RangeError if `maxsize` is negative, fractional, NaN or infinite.
   */
  constructor(options?: QueueOptions) {
    this.#name = new.target.name;
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError(`${this.#name} options must be an object, got ${describe(options)}`);
    }
    const maxsize = options?.maxsize;
    this.maxsize = maxsize === undefined ? 0 : checkCount(maxsize, `${this.#name} maxsize`);
    this.#options = options;
    this.#buffer = this.createBuffer(options);
  }

  /**
   * @internal The buffer, which decides the order (Tornado's `_init`, `_put` and `_get`): a
   * ring buffer here; {@link LifoQueue} and {@link PriorityQueue} override only this.
   */
  protected createBuffer(_options: PriorityQueueOptions<T> | undefined): ItemBuffer<T> {
    return new Deque<T>();
  }

  /** The number of items in the queue. Items held by waiting putters are not counted. */
  qsize(): number {
    return this.#buffer.size;
  }

  /** Whether the queue holds no item. */
  empty(): boolean {
    return this.#buffer.size === 0;
  }

  /** Whether the queue has no room: `maxsize > 0` and `qsize() >= maxsize`. */
  full(): boolean {
    return this.maxsize > 0 && this.#buffer.size >= this.maxsize;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): QueueStatistics {
    return { qsize: this.#buffer.size, waiting: this.#getters.size, putters: this.#putters.size, unfinished: this.#unfinished, shutdown: this.#shutdown };
  }

  /**
   * Puts an item in: straight into the hands of the oldest waiting getter if there is one,
   * otherwise into the queue if there is room, otherwise after every older putter, when a get
   * makes room.
   *
   * @returns a promise that resolves once the item has entered the queue; it rejects with a
   *   {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal`
   *   aborts first (or was already aborted), with a {@link QueueShutDown} if the queue is shut
   *   down now or while it waits, and with a `RangeError` or `TypeError` for bad options. A
   *   rejected put's item never enters.
   */
  put(item: T, options?: WaitOptions): Promise<void> {
    const parsed = this.#parse(options, 'put');
    if (parsed instanceof Promise) return parsed;
    if (this.#shutdown) return Promise.reject(new QueueShutDown(`${this.#name}.put() called on a queue that is shut down`));
    try {
      if (this.#offer(item)) return Promise.resolve();
    } catch (error) {
      // A PriorityQueue's comparator threw: the item did not enter, and the promise says so.
      return Promise.reject(error);
    }
    return this.#putters.wait(item, parsed);
  }

  /**
   * Puts an item in without waiting, as {@link Queue.put} would now.
   *
   * @throws {@link QueueFull} if there is no room; nothing changes.
   * @throws {@link QueueShutDown} if the queue is shut down; nothing changes.
   */
  putNowait(item: T): void {
    if (this.#shutdown) throw new QueueShutDown(`${this.#name}.putNowait() called on a queue that is shut down`);
    if (!this.#offer(item)) throw new QueueFull(`${this.#name} is full (maxsize ${this.maxsize})`);
  }

  /**
   * Takes the next item: the oldest for a Queue (the newest for a {@link LifoQueue}, the least
   * for a {@link PriorityQueue}), waiting after every older getter while the queue is empty.
   * With putters waiting, the oldest putter's item moves in first and its `put` resolves.
   *
   * @returns a promise of the item; it rejects with a {@link TimeoutError} when `timeout`
   *   passes first, with `signal.reason` when `signal` aborts first (or was already aborted),
   *   with a {@link QueueShutDown} once the queue is shut down and empty (a waiting get
   *   included), and with a `RangeError` or `TypeError` for bad options. A rejected get took
   *   nothing.
   */
  get(options?: WaitOptions): Promise<T> {
    const parsed = this.#parse(options, 'get');
    if (parsed instanceof Promise) return parsed;
    let item;
    try {
      item = this.#poll();
    } catch (error) {
      // A PriorityQueue's comparator threw: nothing was taken, and the promise says so.
      return Promise.reject(error);
    }
    if (item !== NOTHING) return Promise.resolve(item);
    if (this.#shutdown) return Promise.reject(new QueueShutDown(`${this.#name}.get() called on a queue that is shut down and empty`));
    return this.#getters.wait(undefined, parsed);
  }

  /**
   * Takes the next item without waiting, as {@link Queue.get} would now.
   *
   * @throws {@link QueueEmpty} if there is no item; nothing changes.
   * @throws {@link QueueShutDown} if there is no item and the queue is shut down (so none will
   *   ever come); nothing changes.
   */
  getNowait(): T {
    const item = this.#poll();
    if (item !== NOTHING) return item;
    if (this.#shutdown) throw new QueueShutDown(`${this.#name}.getNowait() called on a queue that is shut down and empty`);
    throw new QueueEmpty(`${this.#name} is empty`);
  }

  /**
   * Marks one item that entered the queue as done. When no unfinished item is left, every
   * {@link Queue.join} resolves.
   *
   * @throws {@link InvalidStateError} if called more times than items entered; nothing changes.
   */
  taskDone(): void {
    if (this.#unfinished === 0) throw new InvalidStateError(`${this.#name}.taskDone() called more times than items were put`);
    this.#unfinished--;
    if (this.#unfinished === 0) this.#joiners.wakeAll(undefined);
  }

  /**
   * Waits until every item that entered the queue has been marked done by
   * {@link Queue.taskDone}; resolves at once if none is unfinished.
   *
   * @returns a promise that rejects with a {@link TimeoutError} when `timeout` passes first and
   *   with `signal.reason` when `signal` aborts first (or was already aborted).
   */
  join(options?: WaitOptions): Promise<void> {
    const parsed = this.#parse(options, 'join');
    if (parsed instanceof Promise) return parsed;
    if (this.#unfinished === 0) return Promise.resolve();
    return this.#joiners.wait(undefined, parsed);
  }

  /**
   * Shuts the queue down (asyncio 3.13's `Queue.shutdown`): from now on nothing enters. Every
   * `put` waiting for room rejects with {@link QueueShutDown}, its item never entering, and so
   * do later `put` and `putNowait` calls. `get` keeps returning what is left, and rejects with
   * `QueueShutDown` once the queue is empty: at once, for the gets waiting now (they wait only
   * on an empty queue). `for await` over the queue ends when it is empty. {@link Queue.join}
   * and {@link Queue.taskDone} work as before.
   *
   * With `immediate`, the items still in the queue are discarded too, each counting as done
   * (but the count never goes below zero), so `join()` resolves unless items taken earlier
   * still await their `taskDone()`. Shutting down again is harmless: `shutdown(true)` after
   * `shutdown()` discards what is left, and nothing else changes anything. Items already handed
   * to a getter, or moved in from a putter, are not taken back.
   *
   * @param immediate - also discard what is left.
   * @defaultValue `immediate`: false
   * @throws TypeError if `immediate` is given and is not a boolean; nothing changes.
   *
   * @example
   * ```ts
   * import { Queue } from 'toro-ts';
   * const queue = new Queue<string>({ maxsize: 1 });
   * queue.putNowait('a');
   * const late = queue.put('b'); // waits for room
   * queue.shutdown();
   * await late.catch((error: Error) => console.log(error.name));
   * console.log(await queue.get()); // what is left still comes out
   * await queue.get().catch((error: Error) => console.log(error.name));
   * queue.taskDone();
   *
   * const jobs = new Queue<string>();
   * jobs.putNowait('x');
   * jobs.putNowait('y');
   * jobs.shutdown(true); // discards x and y, counting each as done
   * await jobs.join();
   * console.log(jobs.statistics());
   * // prints: QueueShutDown
   * // prints: a
   * // prints: QueueShutDown
   * // prints: { qsize: 0, waiting: 0, putters: 0, unfinished: 0, shutdown: true }
   * ```
   */
  shutdown(immediate = false): void {
    if (typeof immediate !== 'boolean') throw new TypeError(`${this.#name}.shutdown() immediate must be a boolean, got ${describe(immediate)}`);
    this.#shutdown = true;
    const unfinished = this.#unfinished;
    if (immediate && this.#buffer.size > 0) {
      // A fresh buffer, not a drain: O(1), and no comparator runs (or throws) halfway through.
      this.#unfinished = Math.max(0, unfinished - this.#buffer.size);
      this.#buffer = this.createBuffer(this.#options);
    }
    // One message for all: each waiter still gets an error of its own, created here.
    const put = `${this.#name}.shutdown() refused this put(): its item never entered`;
    this.#putters.failAll(() => new QueueShutDown(put));
    const get = `${this.#name}.shutdown() refused this get(): the queue is shut down and empty`;
    this.#getters.failAll(() => new QueueShutDown(get));
    if (unfinished > 0 && this.#unfinished === 0) this.#joiners.wakeAll(undefined);
  }

  /**
   * Iterates over items as they come, one {@link Queue.get} at a time, until the queue is shut
   * down and empty: then the loop ends normally. Leaving the
   * loop (`break`, `return`, a throw) cancels the pending get, if any, before it is handed an
   * item, so no item is lost; aborting `signal` ends the loop with `signal.reason`, likewise
   * losing nothing.
   *
   * @example
   * ```ts
   * import { Queue } from 'toro-ts';
   * const queue = new Queue<string>();
   * queue.putNowait('a');
   * queue.putNowait('b');
   * for await (const item of queue.iterate()) {
   *   console.log(item);
   *   break;
   * }
   * console.log(queue.qsize());
   * queue.shutdown();
   * for await (const item of queue) console.log(item);
   * console.log('the loop ended');
   * // prints: a
   * // prints: 1
   * // prints: b
   * // prints: the loop ended
   * ```
   */
  iterate(options?: { readonly signal?: AbortSignal | undefined }): AsyncIterableIterator<T> {
    return new QueueIterator(this, options?.signal);
  }

  /** `for await (const item of queue)`: {@link Queue.iterate} without a signal; it ends once the queue is shut down and empty. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this.iterate();
  }

  /** Validates the options of `method`: the parsed options, or the promise that rejects. */
  #parse(options: WaitOptions | undefined, method: string): ParsedWaitOptions | Promise<never> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, this.#name, method);
    } catch (error) {
      return Promise.reject(error);
    }
    // An aborted signal is checked first: the call takes nothing and puts nothing.
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    return parsed;
  }

  /** An item enters: to the oldest getter directly, or into the buffer if there is room. */
  #offer(item: T): boolean {
    if (this.#getters.size > 0) {
      this.#unfinished++;
      this.#getters.wakeNext(item);
      return true;
    }
    if (this.full()) return false;
    this.#buffer.put(item);
    this.#unfinished++;
    return true;
  }

  /** Takes the next item: the oldest putter's item moves in first, if any waits. */
  #poll(): T | typeof NOTHING {
    if (this.#putters.size > 0) {
      // The item enters before its put resolves, so a throwing comparator loses nothing.
      this.#buffer.put(this.#putters.peek() as T);
      this.#unfinished++;
      this.#putters.wakeNext(undefined);
      return this.#buffer.take();
    }
    if (this.#buffer.size > 0) return this.#buffer.take();
    return NOTHING;
  }
}

/**
 * A queue that returns its least item first, by `compare`; equal items come out in the order
 * they were put. A `get` with putters waiting returns the least of the queue and the oldest
 * putter's item, which moves in first.
 *
 * @example
 * ```ts
 * import { PriorityQueue } from 'toro-ts';
 * const queue = new PriorityQueue<[number, string]>({ compare: (a, b) => a[0] - b[0] });
 * queue.putNowait([1, 'medium-priority item']);
 * queue.putNowait([0, 'high-priority item']);
 * queue.putNowait([10, 'low-priority item']);
 * queue.putNowait([0, 'another high-priority item']);
 * while (!queue.empty()) console.log(queue.getNowait()[1]);
 * // prints: high-priority item
 * // prints: another high-priority item
 * // prints: medium-priority item
 * // prints: low-priority item
 * ```
 */
export class PriorityQueue<T> extends Queue<T> {
  /**
   * @param options - `maxsize` (0: unbounded) and `compare` (least first).
   * @throws RangeError if `maxsize` is negative, fractional, NaN or infinite.
   * @throws TypeError if `compare` is given and is not a function.
   */
  constructor(options?: PriorityQueueOptions<T>) {
    super(options);
  }

  /** @internal A binary heap: O(log n) put and take, ties broken by put order. */
  protected override createBuffer(options: PriorityQueueOptions<T> | undefined): ItemBuffer<T> {
    const compare = options?.compare === undefined ? naturalOrder : options.compare;
    if (typeof compare !== 'function') throw new TypeError(`PriorityQueue compare must be a function, got ${describe(compare)}`);
    return new Heap<T>(compare);
  }
}

/** `<` and `>` on the items, as for numbers and strings. */
function naturalOrder(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/**
 * A queue that returns its newest item first. A `get` with putters waiting returns the oldest
 * putter's item, which moves in first.
 *
 * @example
 * ```ts
 * import { LifoQueue } from 'toro-ts';
 * const queue = new LifoQueue<number>();
 * for (const item of [3, 2, 1]) queue.putNowait(item);
 * console.log(queue.getNowait(), queue.getNowait(), queue.getNowait());
 * // prints: 1 2 3
 * ```
 */
export class LifoQueue<T> extends Queue<T> {
  /** @internal A stack: O(1) put and take, newest first. */
  protected override createBuffer(): ItemBuffer<T> {
    return new Stack<T>();
  }
}

/**
 * The iterator of {@link Queue.iterate}: each `next()` is a `get`, and a get refused because the
 * queue is shut down and empty ends the iteration. `return()` cancels the gets still pending
 * through an abort the iterator owns; a get already handed its item resolves with it
 * regardless, so the item reaches whoever called `next()`.
 */
class QueueIterator<T> implements AsyncIterableIterator<T> {
  readonly #queue: Queue<T>;
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal | undefined;
  /** The reason the iterator's own abort carries: it means "done", not an error. */
  readonly #returned = new Error('the iterator returned');

  constructor(queue: Queue<T>, signal: AbortSignal | undefined) {
    this.#queue = queue;
    this.#signal = signal;
    if (signal?.aborted === true) this.#stop.abort(signal.reason);
    else signal?.addEventListener('abort', this, { once: true });
  }

  /** The user's signal aborted: pending gets reject with its reason. */
  handleEvent(): void {
    this.#stop.abort(this.#signal?.reason);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#stop.signal.reason === this.#returned) return Promise.resolve({ done: true, value: undefined });
    return this.#queue.get({ signal: this.#stop.signal }).then(
      (value) => ({ done: false, value }),
      (error: unknown) => {
        if (error === this.#returned || error instanceof QueueShutDown) return { done: true, value: undefined };
        throw error;
      },
    );
  }

  return(): Promise<IteratorResult<T>> {
    this.#signal?.removeEventListener('abort', this);
    if (!this.#stop.signal.aborted) this.#stop.abort(this.#returned);
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
