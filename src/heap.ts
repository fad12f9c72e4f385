/**
 * The binary heap a {@link PriorityQueue} keeps its items in.
 *
 * @module
 * @internal
 */

import { STALE, type ItemBuffer } from './deque.js';

interface Entry<T> {
  readonly item: T;
  /** Put order: breaks ties, so equal items leave in the order they entered. */
  readonly seq: number;
}

/**
 * A binary min-heap: O(log n) put and take, least first by `compare`, ties in put order. A
 * heap alone is not stable; each entry carries a sequence number that breaks ties.
 */
export class Heap<T> implements ItemBuffer<T> {
  readonly #entries: Entry<T>[] = [];
  readonly #compare: (a: T, b: T) => number;
  #seq = 0;

  constructor(compare: (a: T, b: T) => number) {
    this.#compare = compare;
  }

  get size(): number {
    return this.#entries.length;
  }

  /**
   * Sifts the new entry up. Every comparison is made before anything moves, so a comparator
   * that throws leaves the heap exactly as it was, without the item.
   */
  put(item: T): void {
    const entries = this.#entries;
    const entry: Entry<T> = { item, seq: this.#seq };
    let hole = entries.length;
    const path: number[] = [];
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      if (!this.#less(entry, entries[parent] as Entry<T>)) break;
      path.push(parent);
      hole = parent;
    }
    this.#seq++;
    hole = entries.length;
    for (const parent of path) {
      entries[hole] = entries[parent] as Entry<T>;
      hole = parent;
    }
    entries[hole] = entry;
  }

  /**
   * Takes the least entry and sifts the last one down into its place. Every comparison is made
   * before anything moves, so a comparator that throws leaves the heap exactly as it was, with
   * the item still in it.
   */
  take(): T {
    const entries = this.#entries;
    const top = entries[0] as Entry<T>;
    const last = entries[entries.length - 1] as Entry<T>;
    const n = entries.length - 1;
    const path: number[] = [];
    let hole = 0;
    for (;;) {
      const left = 2 * hole + 1;
      // Stryker disable next-line EqualityOperator: with left === n the child is the last entry itself, not less than itself: the loop stops there anyway
      if (left >= n) break;
      const right = left + 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: right <= n, and a right child at n is the last entry itself: choosing it stops where left would
      const child = right < n && this.#less(entries[right] as Entry<T>, entries[left] as Entry<T>) ? right : left;
      if (!this.#less(entries[child] as Entry<T>, last)) break;
      path.push(child);
      hole = child;
    }
    hole = 0;
    for (const child of path) {
      entries[hole] = entries[child] as Entry<T>;
      hole = child;
    }
    entries[hole] = last;
    entries.pop();
    return top.item;
  }

  /**
   * Puts `item` in and takes the least entry, as put then take would (heapq's `heappushpop`):
   * the item itself if it goes before the least, otherwise the least, with the item sifted down
   * into its place. Every comparison is made before anything moves, so a comparator that throws
   * leaves the heap as it was, and so does a `stillValid` that says no (returning STALE).
   */
  pushPop(item: T, stillValid: () => boolean): T | typeof STALE {
    const entries = this.#entries;
    const entry: Entry<T> = { item, seq: this.#seq };
    const top = entries[0];
    // The new entry is the newest: on a tie with the least, the least (older) goes first.
    // Stryker disable next-line ConditionalExpression: pushPop is called only while putters wait, which they do only on a full heap (maxsize >= 1): top is defined
    if (top === undefined || this.#less(entry, top)) {
      if (!stillValid()) return STALE;
      this.#seq++;
      return item;
    }
    const n = entries.length;
    const path: number[] = [];
    let hole = 0;
    for (;;) {
      const left = 2 * hole + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.#less(entries[right] as Entry<T>, entries[left] as Entry<T>) ? right : left;
      if (!this.#less(entries[child] as Entry<T>, entry)) break;
      path.push(child);
      hole = child;
    }
    if (!stillValid()) return STALE;
    this.#seq++;
    hole = 0;
    for (const child of path) {
      entries[hole] = entries[child] as Entry<T>;
      hole = child;
    }
    entries[hole] = entry;
    return top.item;
  }

  /**
   * Whether entry `a` goes before entry `b`. A comparator that returns 0 or NaN makes a tie,
   * which put order breaks.
   */
  #less(a: Entry<T>, b: Entry<T>): boolean {
    const order = this.#compare(a.item, b.item);
    if (order < 0) return true;
    if (order > 0) return false;
    // Stryker disable next-line EqualityOperator: every entry has its own seq, and no entry is compared with itself, so seqs are never equal here
    return a.seq < b.seq;
  }
}
