/**
 * The one fair wait queue every primitive keeps its waiters in.
 *
 * A doubly linked list of waiter nodes: enqueue at the back, wake from the front and remove a
 * cancelled waiter from anywhere, each in O(1). A node carries its own timer and its place
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
import { unlistenable, type ParsedWaitOptions } from './options.js';

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

class Node<T, D> implements Waiter<D>, Abortable {
  prev: Node<T, D> | undefined = undefined;
  next: Node<T, D> | undefined = undefined;
  list: WaitList<T, D> | undefined;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  signal: SignalLink | undefined = undefined;
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

  /** The signal aborted: a waiter still waiting leaves and rejects with the reason. */
  abort(reason: unknown): void {
    // Stryker disable next-line OptionalChaining: only a signal group calls abort, on waiters still in their list, and a waiter with a signal keeps its reject
    if (this.list?.cancel(this) === true) this.reject?.(reason);
  }
}

function onTimeout<T, D>(node: Node<T, D>, timeout: number): void {
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
  #head: Node<T, D> | undefined = undefined;
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
    const { timeout, signal } = options;
    if (timeout === 0) return this.#timedOut(0);
    return new Promise<T>((resolve, reject) => {
      // Stryker disable next-line ConditionalExpression: a waiter with neither timeout nor signal on a list that is not failable is never rejected: its reject costs memory only
      const node = new Node<T, D>(this, data, resolve, !this.#failable && timeout === undefined && signal === undefined ? undefined : reject);
      // First the listener, which may throw (the promise rejects, and nothing was queued). A
      // signal comes with the call that took it, which names the call in that error.
      if (options.signal !== undefined) node.signal = join(options.signal, node, options);
      const tail = this.#tail;
      node.prev = tail;
      if (tail === undefined) this.#head = node;
      else tail.next = node;
      this.#tail = node;
      this.#size++;
      if (timeout !== undefined) node.timer = setTimeout(onTimeout<T, D>, timeout, node, timeout);
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
    // Stryker disable next-line ConditionalExpression,StringLiteral: failNext is called only on failable lists (Barrier's, a Queue's getters and putters): this guard never fires
    if (!this.#failable) throw new TypeError('WaitList.failNext() needs a list made by WaitList.failable()');
    const node = this.#head;
    // Stryker disable next-line ConditionalExpression: failAll, the only caller of failNext, calls it only while a head exists
    if (node === undefined) return undefined;
    this.#unlink(node);
    // Stryker disable next-line OptionalChaining: every waiter of a failable list keeps its reject
    node.reject?.(reason);
    return node;
  }

  /** Fails every waiter, oldest first, each with its own error from `reason()`. */
  failAll(reason: () => unknown): void {
    while (this.#head !== undefined) this.failNext(reason());
  }

  /** Removes a cancelled waiter; false if it had already left (woken, timed out or aborted). */
  cancel(node: Node<T, D>): boolean {
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: abort and expire call cancel through node.list, which is cleared when the waiter leaves: it is always this list
    if (node.list !== this) return false;
    this.#unlink(node);
    return true;
  }

  /** A waiter's timer fired while it was still waiting. */
  expire(node: Node<T, D>, timeout: number): void {
    if (!this.cancel(node)) return;
    // Stryker disable next-line OptionalChaining: only a waiter with a timeout has a timer to expire, and such a waiter keeps its reject
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
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing, and the timer is then set to undefined, as it already was
    if (node.timer !== undefined) {
      clearTimeout(node.timer);
      node.timer = undefined;
    }
    if (node.signal !== undefined) {
      leave(node.signal);
      node.signal = undefined;
    }
  }
}
