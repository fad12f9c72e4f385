/**
 * The buffers a queue keeps its items in: a ring buffer (first in, first out), a stack (last
 * in, first out) and a binary heap (least first, ties in put order). Each puts and takes one
 * item; a queue never looks inside.
 *
 * @module
 * @internal
 */

/** What {@link ItemBuffer.pushPop} returns when it was told that its comparisons came too late. */
export const STALE: unique symbol = Symbol('stale');

/**
 * What a queue needs of its buffer: Tornado's `_init`, `_put` and `_get`, and the two together.
 * Each call is all or nothing: a comparator that throws leaves the buffer as it was.
 */
export interface ItemBuffer<T> {
  readonly size: number;
  put(item: T): void;
  /** Takes the next item; only called when `size > 0`. */
  take(): T;
  /**
   * Puts `item` in and takes the next item, as `put` then `take` would, in one step that is all
   * or nothing. `stillValid` is asked once every comparison is made and before anything moves:
   * if the comparator changed what the caller decided on (it cancelled a waiter), it says no,
   * nothing moves, and the result is {@link STALE}.
   */
  pushPop(item: T, stillValid: () => boolean): T | typeof STALE;
  /**
   * Why `item` cannot join the items the queue holds (none, if `alone`), or `undefined`; a
   * buffer without this takes any item. Changes nothing until `admit`.
   */
  refuse?(item: T, alone: boolean): string | undefined;
  /** The item `refuse` last accepted has joined the queue, or waits to with a putter. */
  admit?(): void;
}

/**
 * A growable ring buffer: O(1) put at the back and take from the front at any size (no
 * `Array.prototype.shift`, which is O(n) once arrays leave V8's fast path). A taken slot is
 * cleared, so the buffer holds no reference to an item it gave away.
 */
export class Deque<T> implements ItemBuffer<T> {
  // Stryker disable next-line ArrayDeclaration: the first capacity only sets when the buffer grows: an empty array takes its first item at 0 and doubles from 1
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  put(item: T): void {
    if (this.#size === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
  }

  take(): T {
    const item = this.#items[this.#head] as T;
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#size--;
    return item;
  }

  /** No comparator runs here, so nothing can make the call stale. */
  pushPop(item: T): T {
    // Stryker disable next-line ConditionalExpression: a fast path: put then take on an empty ring buffer returns the item and leaves it empty
    if (this.#size === 0) return item;
    this.put(item);
    return this.take();
  }

  /** Doubles the capacity (always a power of two, so an index wraps with a mask). */
  #grow(): void {
    const old = this.#items;
    const items = new Array<T | undefined>(old.length * 2);
    // Stryker disable next-line EqualityOperator: the extra slot copied is index size, which the put that made the buffer grow writes at once
    for (let i = 0; i < this.#size; i++) items[i] = old[(this.#head + i) & (old.length - 1)];
    this.#items = items;
    this.#head = 0;
  }
}

/** A stack: O(1) (amortised) put and take, newest first. */
export class Stack<T> implements ItemBuffer<T> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  put(item: T): void {
    this.#items.push(item);
  }

  take(): T {
    return this.#items.pop() as T;
  }

  /** The newest item is the one just put: it comes straight back. */
  pushPop(item: T): T {
    return item;
  }
}
