/**
 * The one fair wait queue every primitive keeps its waiters in.
 *
 * A doubly linked list of waiter nodes: enqueue at the back, wake from the front and remove a
 * cancelled waiter from anywhere, each in O(1). A node carries its own timer and abort
 * listener, and whichever way it settles (woken, timed out, aborted) it first leaves the list
 * and drops both, so a settled waiter leaves nothing behind.
 *
 * @module
 * @internal
 */

import { TimeoutError } from './errors.js';
import type { ParsedWaitOptions } from './options.js';

/** What a primitive sees of a waiter it woke: the data it was queued with. */
export interface Waiter<D> {
  readonly data: D;
}

class Node<T, D> implements Waiter<D> {
  prev: Node<T, D> | undefined = undefined;
  next: Node<T, D> | undefined = undefined;
  list: WaitList<T, D> | undefined;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  signal: AbortSignal | undefined = undefined;
  readonly data: D;
  readonly resolve: (value: T) => void;
  /** Kept only by a waiter that can be cancelled: one with neither timeout nor signal never rejects. */
  readonly reject: ((reason: unknown) => void) | undefined;

  constructor(list: WaitList<T, D>, data: D, resolve: (value: T) => void, reject: ((reason: unknown) => void) | undefined) {
    this.list = list;
    this.data = data;
    this.resolve = resolve;
    this.reject = reject;
  }

  /** The abort listener: the node itself, so a waiter with a signal allocates no closure. */
  handleEvent(): void {
    const signal = this.signal;
    if (this.list?.cancel(this) === true) this.reject?.(signal?.reason);
  }
}

function onTimeout<T, D>(node: Node<T, D>, timeout: number): void {
  node.timer = undefined;
  node.list?.expire(node, timeout);
}

/**
 * FIFO waiters with O(1) enqueue, wake and cancellation.
 *
 * @typeParam T - what a waiter's promise resolves to.
 * @typeParam D - the data a waiter carries (a queue's putter carries its item).
 */
export class WaitList<T, D = undefined> {
  #head: Node<T, D> | undefined = undefined;
  #tail: Node<T, D> | undefined = undefined;
  #size = 0;
  readonly #timeoutResult: { readonly value: T } | undefined;
  /** Whether every waiter keeps its reject, so the primitive can fail it ({@link WaitList.failable}). */
  #failable = false;

  /**
   * @param timeoutResult - when given, a waiter whose timeout passes resolves with this value
   *   (a Condition's `false`); otherwise it rejects with a {@link TimeoutError}.
   */
  constructor(timeoutResult?: { readonly value: T }) {
    this.#timeoutResult = timeoutResult;
  }

  /**
   * A list whose waiters the primitive can fail ({@link WaitList.failNext}), as a barrier's
   * `reset()` or a queue's `shutdown()` does: every waiter keeps its reject, even one with
   * neither timeout nor signal, which costs each such waiter its reject function's memory.
   */
  static failable<T, D = undefined>(): WaitList<T, D> {
    const list = new WaitList<T, D>();
    list.#failable = true;
    return list;
  }

  /** The number of waiters still waiting. */
  get size(): number {
    return this.#size;
  }

  /**
   * Queues a waiter at the back and returns its promise. The caller has already checked that
   * the call cannot complete now and that the signal is not aborted. A `timeout` of 0 gives up
   * at once, without queueing.
   */
  wait(data: D, options: ParsedWaitOptions): Promise<T> {
    const { timeout, signal } = options;
    if (timeout === 0) return this.#timedOut(0);
    return new Promise<T>((resolve, reject) => {
      const node = new Node<T, D>(this, data, resolve, !this.#failable && timeout === undefined && signal === undefined ? undefined : reject);
      const tail = this.#tail;
      node.prev = tail;
      if (tail === undefined) this.#head = node;
      else tail.next = node;
      this.#tail = node;
      this.#size++;
      if (timeout !== undefined) node.timer = setTimeout(onTimeout<T, D>, timeout, node, timeout);
      if (signal !== undefined) {
        node.signal = signal;
        signal.addEventListener('abort', node, { once: true });
      }
    });
  }

  /** The data of the oldest waiter, without waking it. */
  peek(): D | undefined {
    return this.#head?.data;
  }

  /**
   * Wakes the next waiter: the oldest still waiting leaves the list and its promise resolves
   * with `value`. From this moment it owns what it was given. Returns the woken waiter, or
   * `undefined` when nobody waits.
   */
  wakeNext(value: T): Waiter<D> | undefined {
    const node = this.#head;
    if (node === undefined) return undefined;
    this.#unlink(node);
    node.resolve(value);
    return node;
  }

  /** Wakes every waiter, oldest first, with `value`. */
  wakeAll(value: T): void {
    while (this.wakeNext(value) !== undefined);
  }

  /**
   * Fails the next waiter: the oldest still waiting leaves the list and its promise rejects
   * with `reason`. Returns the failed waiter, or `undefined` when nobody waits. Only on a list
   * made by {@link WaitList.failable}: on another, a waiter without timeout or signal has no
   * reject to call.
   */
  failNext(reason: unknown): Waiter<D> | undefined {
    if (!this.#failable) throw new TypeError('WaitList.failNext() needs a list made by WaitList.failable()');
    const node = this.#head;
    if (node === undefined) return undefined;
    this.#unlink(node);
    node.reject?.(reason);
    return node;
  }

  /** Fails every waiter, oldest first, each with its own error from `reason()`. */
  failAll(reason: () => unknown): void {
    while (this.#head !== undefined) this.failNext(reason());
  }

  /** Removes a cancelled waiter; false if it had already left (woken, timed out or aborted). */
  cancel(node: Node<T, D>): boolean {
    if (node.list !== this) return false;
    this.#unlink(node);
    return true;
  }

  /** A waiter's timer fired while it was still waiting. */
  expire(node: Node<T, D>, timeout: number): void {
    if (!this.cancel(node)) return;
    if (this.#timeoutResult === undefined) node.reject?.(new TimeoutError(timeout));
    else node.resolve(this.#timeoutResult.value);
  }

  #timedOut(timeout: number): Promise<T> {
    return this.#timeoutResult === undefined
      ? Promise.reject(new TimeoutError(timeout))
      : Promise.resolve(this.#timeoutResult.value);
  }

  #unlink(node: Node<T, D>): void {
    const { prev, next } = node;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    if (next === undefined) this.#tail = prev;
    else next.prev = prev;
    node.prev = node.next = node.list = undefined;
    this.#size--;
    if (node.timer !== undefined) {
      clearTimeout(node.timer);
      node.timer = undefined;
    }
    if (node.signal !== undefined) {
      node.signal.removeEventListener('abort', node);
      node.signal = undefined;
    }
  }
}
