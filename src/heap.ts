/**
 * The binary heap a {@link PriorityQueue} keeps its items in.
 *
 * @module
 * @internal
 */

import type { ItemBuffer } from './deque.js';

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

  put(item: T): void {
    const entries = this.#entries;
    let i = entries.push({ item, seq: this.#seq++ }) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  take(): T {
    const entries = this.#entries;
    const top = entries[0] as Entry<T>;
    const last = entries.pop() as Entry<T>;
    const n = entries.length;
    if (n === 0) return top.item;
    entries[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const child = left + 1 < n && this.#less(left + 1, left) ? left + 1 : left;
      if (!this.#less(child, i)) break;
      this.#swap(i, child);
      i = child;
    }
    return top.item;
  }

  /**
   * Whether the entry at `i` goes before the one at `j`. A comparator that returns 0 or NaN
   * makes a tie, which put order breaks.
   */
  #less(i: number, j: number): boolean {
    const a = this.#entries[i] as Entry<T>;
    const b = this.#entries[j] as Entry<T>;
    const order = this.#compare(a.item, b.item);
    if (order < 0) return true;
    if (order > 0) return false;
    return a.seq < b.seq;
  }

  #swap(i: number, j: number): void {
    const entries = this.#entries;
    const a = entries[i] as Entry<T>;
    entries[i] = entries[j] as Entry<T>;
    entries[j] = a;
  }
}
