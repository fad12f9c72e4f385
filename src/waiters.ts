/**
 * The one fair wait queue every primitive keeps its waiters in.
 *
 * A doubly linked ring of waiter nodes: enqueue at the back, wake from the front and remove a
 * cancelled waiter from anywhere, each in O(1). The list holds only its newest node, whose next
 * is the oldest: a list lives long and its nodes briefly, and each store of a young node into
 * the long-lived list is a write barrier, so a waiter costs one such store (on arrival) instead
 * of two (arrival at the tail, departure from the head). A node carries its own timer and its place
 * among the waiters that share its AbortSignal, and whichever way it settles (woken, timed
 * out, aborted) it first leaves the list and drops both, so a settled waiter leaves nothing
 * behind.
 *
 * **One listener per signal.** Waiters that share an AbortSignal, in any list of any primitive,
 * share one abort listener and one list of their own, in arrival order: the first adds the
 * listener, the last to leave removes it. So n waiters on one signal cost O(n) in all (an
 * EventTarget's add and remove scan its listeners, which made a listener per waiter O(n²)), and
 * Node prints no MaxListenersExceededWarning. Aborting cancels them in arrival order, as
 * separate listeners would have.
 *
 * **A waiter is queued only once it can be cancelled.** Its listener is added before it joins
 * the list: a signal whose `addEventListener` throws refuses the call, and one that aborted in
 * the meantime rejects it, either way with nothing queued, no timer, nothing taken. The
 * listener is a plain function, so a signal that calls its listeners as functions (never
 * `handleEvent`) cancels as well.
 *
 * @module
 * @internal
 */

import { TimeoutError } from './errors.js';
import { NO_OPTIONS, unlistenable, type ParsedWaitOptions } from './options.js';

/** What a primitive sees of a waiter it woke: the data it was queued with. */
export interface Waiter<D> {
  readonly data: D;
}

/** What the waiters sharing a signal need of each other: to be cancelled by its abort. */
interface Abortable {
  abort(reason: unknown): void;
}

/** A waiter's place among the waiters that share its signal, in arrival order. */
interface SignalLink {
  prev: SignalLink | undefined;
  next: SignalLink | undefined;
  readonly waiter: Abortable;
  readonly group: SignalGroup;
}

/** The waiters that share one signal, across every list, and the one listener they share. */
class SignalGroup {
  head: SignalLink | undefined = undefined;
  tail: SignalLink | undefined = undefined;
  readonly signal: AbortSignal;
  /**
   * The listener: {@link SignalGroup.abortAll}, bound, so that it works called as a plain
   * function. (An arrow function in a class field measured several times slower to create.)
   */
  readonly listener: () => void;

  constructor(signal: AbortSignal) {
    this.signal = signal;
    this.listener = this.abortAll.bind(this);
  }

  /** Cancels every waiter, oldest first; each leaves the group as it leaves its list. */
  abortAll(): void {
    const reason = this.signal.reason;
    for (let link = this.head; link !== undefined; link = this.head) {
      link.waiter.abort(reason);
      // A waiter always leaves its group when it leaves its list; never loop on one that did not.
      // Stryker disable next-line ConditionalExpression: a waiter leaves its group as it leaves its list: the head has moved on, and this guard never fires
      if (this.head === link) leave(link);
    }
  }
}

/** The group of each signal some waiter waits on; a signal no waiter waits on has none. */
const groups = new WeakMap<AbortSignal, SignalGroup>();

/**
 * Adds a waiter to its signal's group, adding the group's listener if it is the first. Throws
 * if the signal cannot be listened to, or aborted meanwhile; then nothing was added.
 */
function join(signal: AbortSignal, waiter: Abortable, caller: { readonly owner: string; readonly method: string }): SignalLink {
  let group = groups.get(signal);
  if (group === undefined) {
    group = new SignalGroup(signal);
    try {
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: the listener empties its group, and the last waiter to leave removes it: it runs once either way
      signal.addEventListener('abort', group.listener, { once: true });
    } catch (error) {
      throw unlistenable(`${caller.owner}.${caller.method}()`, error);
    }
    // The caller saw the signal not aborted; if it aborted since, the listener came too late.
    if (signal.aborted) {
      removeListener(group);
      throw signal.reason;
    }
    groups.set(signal, group);
  }
  const link: SignalLink = { prev: group.tail, next: undefined, waiter, group };
  if (group.tail === undefined) group.head = link;
  else group.tail.next = link;
  group.tail = link;
  return link;
}

/** A waiter leaves its signal's group; the last one out removes the listener. */
function leave(link: SignalLink): void {
  const { group, prev, next } = link;
  if (prev === undefined) group.head = next;
  else prev.next = next;
  if (next === undefined) group.tail = prev;
  else next.prev = prev;
  link.prev = link.next = undefined;
  if (group.head === undefined) {
    groups.delete(group.signal);
    removeListener(group);
  }
}

/**
 * Removes a group's listener. A signal whose removeEventListener throws must not break the
 * release or the abort that made its last waiter leave: the listener it keeps finds no waiter
 * when it runs, and does nothing.
 */
function removeListener(group: SignalGroup): void {
  try {
    group.signal.removeEventListener('abort', group.listener);
  } catch {
    // Nothing waits on this group any more; see above.
  }
}

/**
 * A waiter with neither timeout nor signal, on a list that never fails its waiters: it can only
 * be woken, so it keeps no reject, no timer and no list. Its fields are declared, not
 * initialised, and set in the constructor alone: field initialisers compile to a function of
 * their own, which the waiting call would pay to inline.
 */
class Node<T, D> implements Waiter<D> {
  declare prev: Node<T, D> | undefined;
  declare next: Node<T, D> | undefined;
  declare readonly data: D;
  declare readonly resolve: (value: T) => void;

  constructor(data: D, resolve: (value: T) => void) {
    this.prev = this.next = undefined;
    this.data = data;
    this.resolve = resolve;
  }

  /** Called as the waiter leaves its list: nothing to drop. */
  left(): void {
    // A plain waiter holds nothing else.
  }
}

/** A waiter that can be cancelled (by its timeout or its signal) or failed (by its primitive). */
class CancellableNode<T, D> extends Node<T, D> implements Abortable {
  /** The list it waits in, while it waits. */
  declare list: WaitList<T, D> | undefined;
  declare timer: ReturnType<typeof setTimeout> | undefined;
  declare signal: SignalLink | undefined;
  declare readonly reject: (reason: unknown) => void;

  constructor(list: WaitList<T, D>, data: D, resolve: (value: T) => void, reject: (reason: unknown) => void) {
    super(data, resolve);
    this.list = list;
    this.timer = undefined;
    this.signal = undefined;
    this.reject = reject;
  }

  /** The signal aborted: a waiter still waiting leaves and rejects with the reason. */
  abort(reason: unknown): void {
    // Stryker disable next-line OptionalChaining: only a signal group calls abort, on waiters still in their list
    if (this.list?.cancel(this) === true) this.reject(reason);
  }

  /** Leaving its list, the waiter drops its timer and leaves its signal's group. */
  override left(): void {
    this.list = undefined;
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing, and the timer is then set to undefined, as it already was
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.signal !== undefined) {
      leave(this.signal);
      this.signal = undefined;
    }
  }
}

function onTimeout<T, D>(node: CancellableNode<T, D>, timeout: number): void {
  node.timer = undefined;
  // Stryker disable next-line OptionalChaining: a waiter leaving its list clears its timer, so the timer fires only while list is set
  node.list?.expire(node, timeout);
}

/**
 * FIFO waiters with O(1) enqueue, wake and cancellation.
 *
 * @typeParam T - what a waiter's promise resolves to.
 * @typeParam D - the data a waiter carries (a queue's putter carries its item).
 */
export class WaitList<T, D = undefined> {
  /** The newest waiter; its next is the oldest. */
  #tail: Node<T, D> | undefined = undefined;
  #size = 0;
  readonly #timeoutResult: { readonly value: T } | undefined;
  /** Whether every waiter keeps its reject, so the primitive can fail it ({@link WaitList.failable}). */
  // Stryker disable next-line BooleanLiteral: on a failable list every waiter keeps its reject (memory only), and failNext is called only on failable lists
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
   * at once, without queueing. The signal is listened to before the waiter is queued: if it
   * cannot be (its `addEventListener` throws: a `TypeError` naming the call, with the error as
   * its `cause`) or it aborted meanwhile (its reason), the promise rejects and nothing is queued.
   */
  wait(data: D, options: ParsedWaitOptions): Promise<T> {
    // The common waiter: neither timeout nor signal, never failed, so it needs no reject, no
    // timer and no listener. Kept apart and small, so that V8 inlines it into the waiting call.
    // Stryker disable next-line ConditionalExpression: a fast path only: #waitCancellable makes the same waiter when there is neither timeout nor signal
    if (options === NO_OPTIONS && !this.#failable) return new Promise<T>((resolve) => this.#push(new Node<T, D>(data, resolve)));
    return this.#waitCancellable(data, options);
  }

  #waitCancellable(data: D, options: ParsedWaitOptions): Promise<T> {
    const { timeout } = options;
    if (timeout === 0) return this.#timedOut(0);
    return new Promise<T>((resolve, reject) => {
      const node = new CancellableNode<T, D>(this, data, resolve, reject);
      // First the listener, which may throw (the promise rejects, and nothing was queued). A
      // signal comes with the call that took it, which names the call in that error.
      if (options.signal !== undefined) node.signal = join(options.signal, node, options);
      this.#push(node);
      if (timeout !== undefined) node.timer = setTimeout(onTimeout<T, D>, timeout, node, timeout);
    });
  }

  /** Queues `node` at the back: the newest, whose next is the oldest. */
  #push(node: Node<T, D>): void {
    const tail = this.#tail;
    if (tail === undefined) {
      node.prev = node.next = node;
    } else {
      const head = tail.next as Node<T, D>;
      node.prev = tail;
      node.next = head;
      tail.next = head.prev = node;
    }
    this.#tail = node;
    this.#size++;
  }

  /** The data of the oldest waiter, without waking it. */
  peek(): D | undefined {
    // Stryker disable next-line OptionalChaining: the list is a ring: a tail always has a next (itself, when alone)
    return this.#tail?.next?.data;
  }

  /**
   * Wakes the next waiter: the oldest still waiting leaves the list and its promise resolves
   * with `value`. From this moment it owns what it was given. Returns the woken waiter, or
   * `undefined` when nobody waits.
   */
  wakeNext(value: T): Waiter<D> | undefined {
    const node = this.#tail?.next;
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
    // Stryker disable next-line ConditionalExpression,StringLiteral: failNext is called only on failable lists (Barrier's, a Queue's getters and putters): this guard never fires
    if (!this.#failable) throw new TypeError('WaitList.failNext() needs a list made by WaitList.failable()');
    // Stryker disable next-line OptionalChaining: failAll, the only caller of failNext, calls it only while a waiter, and so a tail, exists
    const node = this.#tail?.next;
    // Stryker disable next-line ConditionalExpression: failAll, the only caller of failNext, calls it only while a head exists
    if (node === undefined) return undefined;
    this.#unlink(node);
    (node as CancellableNode<T, D>).reject(reason);
    return node;
  }

  /** Fails every waiter, oldest first, each with its own error from `reason()`. */
  failAll(reason: () => unknown): void {
    while (this.#tail !== undefined) this.failNext(reason());
  }

  /** Removes a cancelled waiter; false if it had already left (woken, timed out or aborted). */
  cancel(node: CancellableNode<T, D>): boolean {
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: abort and expire call cancel through node.list, which is cleared when the waiter leaves: it is always this list
    if (node.list !== this) return false;
    this.#unlink(node);
    return true;
  }

  /** A waiter's timer fired while it was still waiting. */
  expire(node: CancellableNode<T, D>, timeout: number): void {
    if (!this.cancel(node)) return;
    if (this.#timeoutResult === undefined) node.reject(new TimeoutError(timeout));
    else node.resolve(this.#timeoutResult.value);
  }

  #timedOut(timeout: number): Promise<T> {
    return this.#timeoutResult === undefined
      ? Promise.reject(new TimeoutError(timeout))
      : Promise.resolve(this.#timeoutResult.value);
  }

  #unlink(node: Node<T, D>): void {
    const next = node.next as Node<T, D>;
    if (next === node) {
      this.#tail = undefined;
    } else {
      const prev = node.prev as Node<T, D>;
      prev.next = next;
      next.prev = prev;
      if (this.#tail === node) this.#tail = prev;
    }
    node.prev = node.next = undefined;
    this.#size--;
    node.left();
  }
}
