/**
 * Queue, PriorityQueue and LifoQueue: fair producer/consumer queues with task accounting.
 *
 * @module
 */

import { Deque, STALE, Stack, type ItemBuffer } from './deque.js';
import { InvalidStateError, QueueEmpty, QueueFull, QueueShutDown } from './errors.js';
import { Heap } from './heap.js';
import { NaturalHeap } from './order.js';
import { checkCount, describe, isAbortSignal, parseWaitOptions, unlistenable, type ParsedWaitOptions, type WaitOptions } from './options.js';
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
   * `b`, positive after, 0 (or NaN) for a tie, which put order breaks. It must not call its own
   * queue (such a call throws an {@link InvalidStateError}); if it throws, the put or get that
   * called it fails and the queue is left exactly as it was.
   * @defaultValue the default order: numbers and bigints (together), or strings, by `<` and
   *   `>`; or arrays of these, element by element as Python compares tuples (a shorter prefix
   *   first), so `[priority, item]` works for a string or number `item`. Every other item (an
   *   object, `null`, a boolean, `NaN`...) is refused at `put` with a `TypeError`, as is an item
   *   of another kind than those the queue holds (a string among numbers, or a different kind
   *   at some position of the arrays), until the queue is empty again: such values would
   *   otherwise be silently misordered. Pass a `compare` to order anything else.
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
 * Why a promise would adopt `item` instead of resolving with it, or `undefined`. A promise
 * cannot fulfil with a thenable: a get handed `{ then() {} }` would hang and the item be gone,
 * and one handed a rejected promise would reject. So such items are refused at the door.
 *
 * A promise reads `then` again when it hands the item over, so the check must see what that
 * read will see: it reads the property's descriptor, never calling a getter, and refuses a
 * `then` getter, whose second answer could differ from its first.
 */
function thenable(item: unknown): string | undefined {
  if ((typeof item !== 'object' || item === null) && typeof item !== 'function') return undefined;
  let found: PropertyDescriptor | undefined;
  try {
    // The common item has no `then` anywhere: one `in`, which calls no getter either.
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: a fast path: without it the walk below finds no then and says the same
    if (!('then' in (item as object))) return undefined;
    for (let on: object | null = item as object; found === undefined && on !== null; on = Object.getPrototypeOf(on) as object | null) {
      found = Object.getOwnPropertyDescriptor(on, 'then');
    }
  } catch {
    // A proxy's trap threw: a promise's read of `then` would throw too, and reject with it.
    return 'reading its then property throws';
  }
  if (found?.get !== undefined) return 'its then property is a getter, which a promise would read again';
  return typeof found?.value === 'function' ? 'it has a then method' : undefined;
}

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
 * **Items are never thenables.** A promise cannot resolve with an object that has a `then`
 * method: it adopts it instead, so a `get` handed `{ then() {} }` would never settle and the
 * item would be lost, and one handed a rejected promise would reject. `put` and `putNowait`
 * refuse such an item with a `TypeError`, changing nothing, and an item whose `then` is a
 * getter too (the promise reads it again, and could get a method that time); to queue a
 * promise, wrap it
 * (`queue.put({ value: promise })`). So `get`, `getNowait` and `for await` always return the
 * very item that was put. (The model is item-agnostic: the refusal comes before any state
 * changes.)
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
  /**
   * Whether the buffer is in the middle of a put or a take: a PriorityQueue's comparator, which
   * runs then, must not call the queue (its call would see, or change, a half-made decision).
   */
  #busy = false;
  /** The number of putters `#poll` decided on; see `#putterStillWaits`. */
  #decidedPutters = 0;
  /** Whether the putter `#poll` moves in still waits: a comparator may have cancelled it. */
  readonly #putterStillWaits = (): boolean => this.#putters.size === this.#decidedPutters;
  /** Whether {@link Queue.shutdown} was called: no item enters any more. */
  #shutdown = false;

  /**
   * @param options - `maxsize` (0: unbounded).
   * @throws TypeError if `options` is not an object or `maxsize` not a number; RangeError if
   *   `maxsize` is negative, fractional, NaN, infinite or above `Number.MAX_SAFE_INTEGER`.
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
    if (this.#busy) throw this.#reentered('qsize');
    return this.#buffer.size;
  }

  /** Whether the queue holds no item. */
  empty(): boolean {
    if (this.#busy) throw this.#reentered('empty');
    return this.#buffer.size === 0;
  }

  /** Whether the queue has no room: `maxsize > 0` and `qsize() >= maxsize`. */
  full(): boolean {
    if (this.#busy) throw this.#reentered('full');
    return this.#full();
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): QueueStatistics {
    if (this.#busy) throw this.#reentered('statistics');
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
   *   down now or while it waits, with a `TypeError` for an item the queue refuses (a thenable,
   *   see {@link Queue}; for a {@link PriorityQueue} without `compare`, an item its default order
   *   cannot order), and with a `RangeError` or `TypeError` for bad options. A
   *   rejected put's item never enters.
   */
  put(item: T, options?: WaitOptions): Promise<void> {
    const parsed = this.#parse(options, 'put');
    if (parsed instanceof Promise) return parsed;
    const refusal = this.#refuse(item, 'put');
    if (refusal !== undefined) return Promise.reject(refusal);
    if (this.#shutdown) return Promise.reject(new QueueShutDown(`${this.#name}.put() called on a queue that is shut down`));
    try {
      if (this.#offer(item)) {
        this.#buffer.admit?.();
        return Promise.resolve();
      }
    } catch (error) {
      // A PriorityQueue's comparator threw: the item did not enter, and the promise says so.
      return Promise.reject(error);
    }
    // The item waits with its putter, to be compared when it moves in: if it does wait (no
    // timeout of 0, a signal that could be listened to), it counts among the queue's items.
    const putters = this.#putters.size;
    const waiting = this.#putters.wait(item, parsed);
    if (this.#putters.size > putters) this.#buffer.admit?.();
    return waiting;
  }

  /**
   * Puts an item in without waiting, as {@link Queue.put} would now.
   *
   * @throws {@link QueueFull} if there is no room, and `TypeError` for an item the queue
   *   refuses (as {@link Queue.put} says); either way nothing changes.
   * @throws {@link QueueShutDown} if the queue is shut down; nothing changes.
   */
  putNowait(item: T): void {
    if (this.#busy) throw this.#reentered('putNowait');
    if (this.#shutdown) throw new QueueShutDown(`${this.#name}.putNowait() called on a queue that is shut down`);
    const refusal = this.#refuse(item, 'putNowait');
    if (refusal !== undefined) throw refusal;
    if (!this.#offer(item)) throw new QueueFull(`${this.#name}.putNowait() found the queue full (maxsize ${this.maxsize})`);
    this.#buffer.admit?.();
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
    if (this.#busy) throw this.#reentered('getNowait');
    const item = this.#poll();
    if (item !== NOTHING) return item;
    if (this.#shutdown) throw new QueueShutDown(`${this.#name}.getNowait() called on a queue that is shut down and empty`);
    throw new QueueEmpty(`${this.#name}.getNowait() found the queue empty`);
  }

  /**
   * Marks one item that entered the queue as done. When no unfinished item is left, every
   * {@link Queue.join} resolves.
   *
   * @throws {@link InvalidStateError} if called more times than items entered; nothing changes.
   */
  taskDone(): void {
    if (this.#busy) throw this.#reentered('taskDone');
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
    if (this.#busy) throw this.#reentered('shutdown');
    if (typeof immediate !== 'boolean') throw new TypeError(`${this.#name}.shutdown() immediate must be a boolean, got ${describe(immediate)}`);
    this.#shutdown = true;
    if (immediate) {
      // A fresh buffer, not a drain: O(1), and no comparator runs (or throws) halfway through.
      this.#unfinished = Math.max(0, this.#unfinished - this.#buffer.size);
      this.#buffer = this.createBuffer(this.#options);
    }
    // One message for all: each waiter still gets an error of its own, created here.
    const put = `${this.#name}.shutdown() refused this put(): its item never entered`;
    this.#putters.failAll(() => new QueueShutDown(put));
    const get = `${this.#name}.shutdown() refused this get(): the queue is shut down and empty`;
    this.#getters.failAll(() => new QueueShutDown(get));
    // Joiners wait only while items are unfinished: if the discarded ones were the last, they go on.
    if (this.#unfinished === 0) this.#joiners.wakeAll(undefined);
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
   *
   * @throws TypeError if `options` is not an object, `signal` not an AbortSignal, or the signal
   *   cannot be listened to (its `addEventListener` throws).
   */
  iterate(options?: { readonly signal?: AbortSignal | undefined }): AsyncIterableIterator<T> {
    if (options === undefined) return new QueueIterator(this, undefined, this.#name);
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`${this.#name}.iterate() options must be an object, got ${describe(options)}`);
    }
    const { signal } = options;
    if (signal !== undefined && !isAbortSignal(signal)) {
      throw new TypeError(`${this.#name}.iterate() signal must be an AbortSignal, got ${describe(signal)}`);
    }
    return new QueueIterator(this, signal, this.#name);
  }

  /** `for await (const item of queue)`: {@link Queue.iterate} without a signal; it ends once the queue is shut down and empty. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this.iterate();
  }

  /** Validates the options of `method`: the parsed options, or the promise that rejects. */
  #parse(options: WaitOptions | undefined, method: string): ParsedWaitOptions | Promise<never> {
    if (this.#busy) return Promise.reject(this.#reentered(method));
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

  /**
   * The error that refuses `item` at `method`, or `undefined` if it may enter: a thenable, or
   * an item the buffer's order cannot compare with those the queue holds.
   */
  #refuse(item: T, method: string): TypeError | undefined {
    const why = thenable(item);
    if (why !== undefined) {
      return new TypeError(
        `${this.#name}.${method}() item is a thenable (${why}), which a promise would adopt instead of returning, losing the item: wrap it, e.g. { value: item }`,
      );
    }
    // Stryker disable next-line ConditionalExpression: putters wait only while the buffer is full (maxsize >= 1), so an empty buffer means no putter waits
    const unordered = this.#buffer.refuse?.(item, this.#buffer.size === 0 && this.#putters.size === 0);
    return unordered === undefined ? undefined : new TypeError(`${this.#name}.${method}() ${unordered}`);
  }

  /** The error of a call made from inside the queue's own comparator. */
  #reentered(method: string): InvalidStateError {
    return new InvalidStateError(`${this.#name}.${method}() called from inside the queue's own comparator, which must not use its queue`);
  }

  #full(): boolean {
    return this.maxsize > 0 && this.#buffer.size >= this.maxsize;
  }

  /**
   * An item enters: to the oldest getter directly, or into the buffer if there is room. The
   * buffer's put is all or nothing, and the count moves only after it succeeded.
   */
  #offer(item: T): boolean {
    if (this.#getters.size > 0) {
      this.#unfinished++;
      this.#getters.wakeNext(item);
      return true;
    }
    if (this.#full()) return false;
    this.#busy = true;
    try {
      this.#buffer.put(item);
    } finally {
      this.#busy = false;
    }
    this.#unfinished++;
    return true;
  }

  /**
   * Takes the next item: the oldest putter's item moves in first, if any waits. Moving it in
   * and taking are one all-or-nothing step of the buffer, made before the putter is woken and
   * the count moves: a comparator that throws leaves the queue as it was (within maxsize, the
   * putter still waiting with its item). A comparator that cancels a waiting putter makes the
   * step stale; nothing moved, so the decision is made again.
   */
  #poll(): T | typeof NOTHING {
    for (;;) {
      if (this.#putters.size > 0) {
        this.#decidedPutters = this.#putters.size;
        let taken;
        this.#busy = true;
        try {
          taken = this.#buffer.pushPop(this.#putters.peek() as T, this.#putterStillWaits);
        } finally {
          this.#busy = false;
        }
        if (taken === STALE) continue;
        this.#unfinished++;
        this.#putters.wakeNext(undefined);
        return taken;
      }
      if (this.#buffer.size === 0) return NOTHING;
      this.#busy = true;
      try {
        return this.#buffer.take();
      } finally {
        this.#busy = false;
      }
    }
  }
}

/**
 * A queue that returns its least item first, by `compare`; equal items come out in the order
 * they were put. A `get` with putters waiting returns the least of the queue and the oldest
 * putter's item, which moves in first.
 *
 * Without a `compare`, items are numbers, strings, or arrays of these (see
 * {@link PriorityQueueOptions.compare} for the default order); anything it cannot order is
 * refused at `put` and `putNowait` with a `TypeError` that changes nothing.
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
   * @throws TypeError if `options` is not an object or `maxsize` not a number; RangeError if
   *   `maxsize` is negative, fractional, NaN, infinite or above `Number.MAX_SAFE_INTEGER`.
   * @throws TypeError if `compare` is given and is not a function.
   *
   * @example
   * ```ts
   * import { PriorityQueue } from 'toro-ts';
   * const queue = new PriorityQueue<[number, string]>();
   * queue.putNowait([2, 'write docs']);
   * queue.putNowait([1, 'fix the bug']);
   * queue.putNowait([10, 'answer mail']);
   * console.log(queue.getNowait()[1], queue.getNowait()[1], queue.getNowait()[1]);
   * try {
   *   new PriorityQueue<object>().putNowait({ due: 3 });
   * } catch (error) {
   *   console.log((error as Error).name);
   * }
   * // prints: fix the bug write docs answer mail
   * // prints: TypeError
   * ```
   */
  constructor(options?: PriorityQueueOptions<T>) {
    super(options);
  }

  /** @internal A binary heap: O(log n) put and take, ties broken by put order. */
  protected override createBuffer(options: PriorityQueueOptions<T> | undefined): ItemBuffer<T> {
    const compare = options?.compare;
    if (compare === undefined) return new NaturalHeap<T>();
    if (typeof compare !== 'function') throw new TypeError(`PriorityQueue compare must be a function, got ${describe(compare)}`);
    return new Heap<T>(compare);
  }
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
  // Stryker disable next-line StringLiteral: this reason is only compared by identity and never reaches a caller
  readonly #returned = new Error('the iterator returned');
  /**
   * Whether `return()` was called: every later `next()` is done, even when the user's signal
   * aborted first (its reason, not {@link QueueIterator.#returned}, is then the stop's).
   */
  #done = false;

  /**
   * The user's signal aborted: pending gets reject with its reason. A plain function, so a
   * signal that calls its listeners as functions works too; it removes itself, for a signal
   * that ignores `once`.
   */
  readonly #onAbort = (): void => {
    this.#removeListener();
    // Stryker disable next-line OptionalChaining: this listener is added only when there is a signal
    this.#stop.abort(this.#signal?.reason);
  };

  constructor(queue: Queue<T>, signal: AbortSignal | undefined, name: string) {
    this.#queue = queue;
    this.#signal = signal;
    if (signal === undefined) return;
    if (signal.aborted) {
      this.#stop.abort(signal.reason);
      return;
    }
    try {
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: the listener removes itself when it runs
      signal.addEventListener('abort', this.#onAbort, { once: true });
    } catch (error) {
      throw unlistenable(`${name}.iterate()`, error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    return this.#queue.get({ signal: this.#stop.signal }).then(
      (value) => ({ done: false, value }),
      (error: unknown) => {
        if (error === this.#returned || error instanceof QueueShutDown) return { done: true, value: undefined };
        throw error;
      },
    );
  }

  /** Stops listening to the user's signal; one whose removeEventListener throws keeps a listener that finds the iterator done. */
  #removeListener(): void {
    try {
      // Stryker disable next-line OptionalChaining: without a signal, what calling a method of undefined throws is caught just below
      this.#signal?.removeEventListener('abort', this.#onAbort);
    } catch {
      // See above: the listener left behind does nothing that matters.
    }
  }

  return(): Promise<IteratorResult<T>> {
    this.#done = true;
    this.#removeListener();
    // Stryker disable next-line ConditionalExpression: aborting an AbortController that already aborted does nothing
    if (!this.#stop.signal.aborted) this.#stop.abort(this.#returned);
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
