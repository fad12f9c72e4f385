/**
 * The floor: the least code that does a fair FIFO handoff with one promise per waiter. No
 * validation, no statistics, no releaser objects, no timeout, no signal. Whatever toro-ts costs
 * above this line is the price of its guarantees and its API; the benchmarks report it as a
 * ratio measured in the same run.
 *
 * `FloorCancellableSemaphore` is the one exception to "no timeout or signal": the cancellation
 * scenarios need something to compare against, so it is the least code that lets a waiter leave
 * from anywhere in O(1) (a doubly linked list whose nodes are their own abort listeners, a fresh
 * Error per timeout).
 *
 * The references are the floor with one thing added, to show what that thing costs by itself: a
 * handle per acquire (`FloorHandleSemaphore`), and an owned handle with, where the primitive's
 * `release()` gives back the oldest grant, a ring of outstanding grants (`FloorOwnedSemaphore`,
 * `FloorOwnedRWLock`, `FloorOwnedWeightedSemaphore`): what ownership (rule 8) needs and nothing
 * more.
 *
 * @module
 */

/** A growable ring buffer: O(1) push at the back and shift from the front at any size. */
export class Ring<T> {
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  #head = 0;
  size = 0;

  push(item: T): void {
    if (this.size === this.#items.length) this.#grow();
    this.#items[(this.#head + this.size) & (this.#items.length - 1)] = item;
    this.size++;
  }

  /** The oldest item, left in place; `undefined` when empty. */
  peek(): T | undefined {
    return this.size === 0 ? undefined : this.#items[this.#head];
  }

  /** Takes the oldest item; `undefined` when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.size--;
    return item;
  }

  #grow(): void {
    const old = this.#items;
    const items = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.size; i++) items[i] = old[(this.#head + i) & (old.length - 1)];
    this.#items = items;
    this.#head = 0;
  }
}

/** A counting semaphore with direct handoff; `new FloorSemaphore(1)` is the floor's lock. */
export class FloorSemaphore {
  #value: number;
  readonly #waiters = new Ring<() => void>();

  constructor(value: number) {
    this.#value = value;
  }

  acquire(): Promise<void> {
    if (this.#value > 0) {
      this.#value--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const resolve = this.#waiters.shift();
    if (resolve === undefined) this.#value++;
    else resolve();
  }
}

/**
 * Not the floor: the floor's semaphore resolving, as toro-ts's API does, with a fresh object
 * that gives the permit back. A reference row, to show what a handle per acquisition costs
 * (an allocation, and a promise resolved with an object looks its `then` up).
 */
export class FloorHandleSemaphore {
  #value: number;
  readonly #waiters = new Ring<(handle: FloorHandle) => void>();

  constructor(value: number) {
    this.#value = value;
  }

  acquire(): Promise<FloorHandle> {
    if (this.#value > 0) {
      this.#value--;
      return Promise.resolve(new FloorHandle(this));
    }
    return new Promise<FloorHandle>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const resolve = this.#waiters.shift();
    if (resolve === undefined) this.#value++;
    else resolve(new FloorHandle(this));
  }
}

/** Gives one permit back, once. */
export class FloorHandle {
  #owner: FloorHandleSemaphore | undefined;

  constructor(owner: FloorHandleSemaphore) {
    this.#owner = owner;
  }

  release(): void {
    const owner = this.#owner;
    if (owner === undefined) return;
    this.#owner = undefined;
    owner.release();
  }
}

/**
 * The reference for ownership (rule 8): the floor's semaphore resolving with a handle that owns
 * its grant, and keeping its outstanding grants in a ring, because `release()` on the semaphore
 * gives back the oldest. What rule 8 needs and nothing more: a handle gives back its own grant
 * while it is outstanding and does nothing after; `release()` gives back the oldest outstanding
 * grant, whose handle then does nothing. The ring runs through the handles (no array, no
 * allocation beyond the handle), and the semaphore holds only its newest grant, whose next is the
 * oldest. No validation, no timeout, no signal, no subclassing.
 */
export class FloorOwnedSemaphore {
  value: number;
  /** The newest outstanding grant; its next is the oldest. */
  newest: FloorGrant | undefined = undefined;
  readonly #waiters = new Ring<(grant: FloorGrant) => void>();

  constructor(value: number) {
    this.value = value;
  }

  acquire(): Promise<FloorGrant> {
    if (this.value > 0) {
      this.value--;
      return Promise.resolve(new FloorGrant(this));
    }
    return new Promise<FloorGrant>((resolve) => this.#waiters.push(resolve));
  }

  /** Gives back the oldest outstanding grant, if any, and hands the permit on. */
  release(): void {
    const newest = this.newest;
    if (newest !== undefined) (newest.next as FloorGrant).leave();
    this.handOver();
  }

  handOver(): void {
    const resolve = this.#waiters.shift();
    if (resolve === undefined) this.value++;
    else resolve(new FloorGrant(this));
  }
}

/** One outstanding grant of a {@link FloorOwnedSemaphore}, linked in its ring. */
export class FloorGrant {
  #owner: FloorOwnedSemaphore | undefined;
  prev: FloorGrant | undefined;
  next: FloorGrant | undefined;

  constructor(owner: FloorOwnedSemaphore) {
    this.#owner = owner;
    const newest = owner.newest;
    if (newest === undefined) {
      this.prev = this.next = this;
    } else {
      const oldest = newest.next as FloorGrant;
      this.prev = newest;
      this.next = oldest;
      newest.next = oldest.prev = this;
    }
    owner.newest = this;
  }

  /** Gives this grant back while it is outstanding; does nothing after. */
  release(): void {
    const owner = this.#owner;
    if (owner === undefined) return;
    this.leave();
    owner.handOver();
  }

  /** Leaves the ring: no longer outstanding. */
  leave(): void {
    const owner = this.#owner as FloorOwnedSemaphore;
    this.#owner = undefined;
    const prev = this.prev as FloorGrant;
    if (prev === this) {
      owner.newest = undefined;
    } else {
      const next = this.next as FloorGrant;
      prev.next = next;
      next.prev = prev;
      if (owner.newest === this) owner.newest = prev;
    }
    this.prev = this.next = undefined;
  }
}

/**
 * The leanest correct `runExclusive` over the floor, for a synchronous `fn`: acquire, call,
 * release in `finally`. (For a `fn` that returns a promise it would release too early; toro-ts's
 * `runExclusive` and the peers' wrappers await it.)
 */
export async function floorRunSync<R>(floor: { acquire(): Promise<void>; release(): void }, fn: () => R): Promise<R> {
  await floor.acquire();
  try {
    return fn();
  } finally {
    floor.release();
  }
}

/** A FIFO queue with direct handoff to waiting getters; `maxsize` 0 is unbounded. */
export class FloorQueue<T> {
  readonly #items = new Ring<T>();
  readonly #getters = new Ring<(item: T) => void>();
  readonly #putItems = new Ring<T>();
  readonly #putters = new Ring<() => void>();
  readonly #maxsize: number;

  constructor(maxsize = 0) {
    this.#maxsize = maxsize;
  }

  put(item: T): Promise<void> {
    const getter = this.#getters.shift();
    if (getter !== undefined) getter(item);
    else if (this.#maxsize === 0 || this.#items.size < this.#maxsize) this.#items.push(item);
    else {
      return new Promise<void>((resolve) => {
        this.#putItems.push(item);
        this.#putters.push(resolve);
      });
    }
    return Promise.resolve();
  }

  get(): Promise<T> {
    if (this.#items.size === 0) return new Promise<T>((resolve) => this.#getters.push(resolve));
    const item = this.#items.shift() as T;
    const putter = this.#putters.shift();
    if (putter !== undefined) {
      this.#items.push(this.#putItems.shift() as T);
      putter();
    }
    return Promise.resolve(item);
  }
}

/** A waiter that can leave: the node is its own abort listener, so it allocates no closure. */
class FloorNode {
  prev: FloorNode | undefined = undefined;
  next: FloorNode | undefined = undefined;
  owner: FloorCancellableSemaphore | undefined;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  signal: AbortSignal | undefined = undefined;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;

  constructor(owner: FloorCancellableSemaphore, resolve: () => void, reject: (reason: unknown) => void) {
    this.owner = owner;
    this.resolve = resolve;
    this.reject = reject;
  }

  handleEvent(): void {
    const reason = this.signal?.reason;
    if (this.owner?.leave(this) === true) this.reject(reason);
  }
}

function expire(node: FloorNode): void {
  node.timer = undefined;
  if (node.owner?.leave(node) === true) node.reject(new Error('timed out'));
}

/**
 * The floor for the cancellation scenarios: a semaphore whose waiters can leave, by timeout or
 * signal, in O(1), leaving no timer or listener behind. No validation, no error classes.
 */
export class FloorCancellableSemaphore {
  #value: number;
  #head: FloorNode | undefined = undefined;
  #tail: FloorNode | undefined = undefined;

  constructor(value: number) {
    this.#value = value;
  }

  acquire(options?: { timeout?: number; signal?: AbortSignal }): Promise<void> {
    if (this.#value > 0) {
      this.#value--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const node = new FloorNode(this, resolve, reject);
      node.prev = this.#tail;
      if (this.#tail === undefined) this.#head = node;
      else this.#tail.next = node;
      this.#tail = node;
      if (options?.timeout !== undefined) node.timer = setTimeout(expire, options.timeout, node);
      if (options?.signal !== undefined) {
        node.signal = options.signal;
        options.signal.addEventListener('abort', node, { once: true });
      }
    });
  }

  release(): void {
    const node = this.#head;
    if (node === undefined) this.#value++;
    else if (this.leave(node)) node.resolve();
  }

  /** Unlinks a waiter still waiting and drops its timer and listener; false if it already left. */
  leave(node: FloorNode): boolean {
    if (node.owner !== this) return false;
    if (node.prev === undefined) this.#head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.#tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = node.next = node.owner = undefined;
    if (node.timer !== undefined) clearTimeout(node.timer);
    if (node.signal !== undefined) node.signal.removeEventListener('abort', node);
    return true;
  }
}

/** A weighted semaphore with direct handoff, strictly FIFO with head-of-line blocking. */
export class FloorWeightedSemaphore {
  #value: number;
  readonly #weights = new Ring<number>();
  readonly #waiters = new Ring<() => void>();

  constructor(capacity: number) {
    this.#value = capacity;
  }

  acquire(weight: number): Promise<void> {
    if (this.#waiters.size === 0 && weight <= this.#value) {
      this.#value -= weight;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.#weights.push(weight);
      this.#waiters.push(resolve);
    });
  }

  release(weight: number): void {
    this.#value += weight;
    for (let head = this.#weights.peek(); head !== undefined && head <= this.#value; head = this.#weights.peek()) {
      this.#weights.shift();
      this.#value -= head;
      (this.#waiters.shift() as () => void)();
    }
  }
}

/**
 * The reference for ownership on a weighted semaphore: the floor's, resolving with a handle that
 * gives back its own weight once and does nothing after. Nobody asks a weighted semaphore for
 * its oldest grant, so rule 8 needs no list of grants here: only the handle.
 */
export class FloorOwnedWeightedSemaphore {
  #value: number;
  readonly #weights = new Ring<number>();
  readonly #waiters = new Ring<(grant: FloorWeightedGrant) => void>();

  constructor(capacity: number) {
    this.#value = capacity;
  }

  acquire(weight: number): Promise<FloorWeightedGrant> {
    if (this.#waiters.size === 0 && weight <= this.#value) {
      this.#value -= weight;
      return Promise.resolve(new FloorWeightedGrant(this, weight));
    }
    return new Promise<FloorWeightedGrant>((resolve) => {
      this.#weights.push(weight);
      this.#waiters.push(resolve);
    });
  }

  giveBack(weight: number): void {
    this.#value += weight;
    for (let head = this.#weights.peek(); head !== undefined && head <= this.#value; head = this.#weights.peek()) {
      this.#weights.shift();
      this.#value -= head;
      (this.#waiters.shift() as (grant: FloorWeightedGrant) => void)(new FloorWeightedGrant(this, head));
    }
  }
}

/** Gives back its weight once. */
export class FloorWeightedGrant {
  #owner: FloorOwnedWeightedSemaphore | undefined;
  readonly #weight: number;

  constructor(owner: FloorOwnedWeightedSemaphore, weight: number) {
    this.#owner = owner;
    this.#weight = weight;
  }

  release(): void {
    const owner = this.#owner;
    if (owner === undefined) return;
    this.#owner = undefined;
    owner.giveBack(this.#weight);
  }
}

/** The leanest correct `runExclusive(weight, fn)` over the floor's weighted semaphore, for a synchronous `fn`. */
export async function floorRunWeighted<R>(floor: FloorWeightedSemaphore, weight: number, fn: () => R): Promise<R> {
  await floor.acquire(weight);
  try {
    return fn();
  } finally {
    floor.release(weight);
  }
}

/**
 * A reader-writer lock with one FIFO queue: readers at the head go in together, a writer alone;
 * the first waiter that does not fit stops the rest.
 */
export class FloorRWLock {
  #readers = 0;
  #writing = false;
  readonly #writes = new Ring<boolean>();
  readonly #waiters = new Ring<() => void>();

  #fits(write: boolean): boolean {
    return !this.#writing && (!write || this.#readers === 0);
  }

  #wait(write: boolean): Promise<void> {
    if (this.#waiters.size === 0 && this.#fits(write)) {
      if (write) this.#writing = true;
      else this.#readers++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.#writes.push(write);
      this.#waiters.push(resolve);
    });
  }

  acquireRead(): Promise<void> {
    return this.#wait(false);
  }

  acquireWrite(): Promise<void> {
    return this.#wait(true);
  }

  releaseRead(): void {
    this.#readers--;
    this.#admit();
  }

  releaseWrite(): void {
    this.#writing = false;
    this.#admit();
  }

  #admit(): void {
    for (let write = this.#writes.peek(); write !== undefined && this.#fits(write); write = this.#writes.peek()) {
      this.#writes.shift();
      if (write) this.#writing = true;
      else this.#readers++;
      (this.#waiters.shift() as () => void)();
    }
  }
}

/**
 * The reference for ownership on a reader-writer lock: the floor's, resolving with a handle that
 * gives back its own share (or the write lock) once and does nothing after. An RWLock has no
 * `release()` of its own, so rule 8 needs no list of grants here: only the handle.
 */
export class FloorOwnedRWLock {
  #readers = 0;
  #writing = false;
  readonly #writes = new Ring<boolean>();
  readonly #waiters = new Ring<(grant: FloorRWGrant) => void>();

  #fits(write: boolean): boolean {
    return !this.#writing && (!write || this.#readers === 0);
  }

  #wait(write: boolean): Promise<FloorRWGrant> {
    if (this.#waiters.size === 0 && this.#fits(write)) {
      if (write) this.#writing = true;
      else this.#readers++;
      return Promise.resolve(new FloorRWGrant(this, write));
    }
    return new Promise<FloorRWGrant>((resolve) => {
      this.#writes.push(write);
      this.#waiters.push(resolve);
    });
  }

  acquireRead(): Promise<FloorRWGrant> {
    return this.#wait(false);
  }

  acquireWrite(): Promise<FloorRWGrant> {
    return this.#wait(true);
  }

  giveBack(write: boolean): void {
    if (write) this.#writing = false;
    else this.#readers--;
    for (let next = this.#writes.peek(); next !== undefined && this.#fits(next); next = this.#writes.peek()) {
      this.#writes.shift();
      if (next) this.#writing = true;
      else this.#readers++;
      (this.#waiters.shift() as (grant: FloorRWGrant) => void)(new FloorRWGrant(this, next));
    }
  }
}

/** Gives back its share, or the write lock, once. */
export class FloorRWGrant {
  #owner: FloorOwnedRWLock | undefined;
  readonly #write: boolean;

  constructor(owner: FloorOwnedRWLock, write: boolean) {
    this.#owner = owner;
    this.#write = write;
  }

  release(): void {
    const owner = this.#owner;
    if (owner === undefined) return;
    this.#owner = undefined;
    owner.giveBack(this.#write);
  }
}

/** The leanest correct `runRead(fn)` over the floor's reader-writer lock, for a synchronous `fn`. */
export async function floorRunRead<R>(floor: FloorRWLock, fn: () => R): Promise<R> {
  await floor.acquireRead();
  try {
    return fn();
  } finally {
    floor.releaseRead();
  }
}

/** The leanest correct `runWrite(fn)` over the floor's reader-writer lock, for a synchronous `fn`. */
export async function floorRunWrite<R>(floor: FloorRWLock, fn: () => R): Promise<R> {
  await floor.acquireWrite();
  try {
    return fn();
  } finally {
    floor.releaseWrite();
  }
}

/**
 * The floor's barrier: an array of resolve functions; the caller that makes the group whole
 * resolves each with its place and starts a new array. No validation, no reset, no abort, no
 * timeout or signal.
 */
export class FloorBarrier {
  readonly #parties: number;
  #waiters: ((index: number) => void)[] = [];

  constructor(parties: number) {
    this.#parties = parties;
  }

  wait(): Promise<number> {
    const index = this.#waiters.length;
    if (index + 1 === this.#parties) {
      const group = this.#waiters;
      this.#waiters = [];
      for (let i = 0; i < group.length; i++) (group[i] as (index: number) => void)(i);
      return Promise.resolve(index);
    }
    return new Promise<number>((resolve) => this.#waiters.push(resolve));
  }
}

interface Refusable<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * The floor's queue with a shutdown: the floor queue's ring buffers, each waiter keeping its
 * reject, and a `shutdown()` that rejects every waiting putter and getter with a fresh plain
 * `Error`. No validation, no task count, no timeout or signal.
 */
export class FloorShutdownQueue<T> {
  readonly #maxsize: number;
  readonly #items = new Ring<T>();
  readonly #getters = new Ring<Refusable<T>>();
  readonly #putters = new Ring<Refusable<void> & { readonly item: T }>();
  #shutdown = false;

  constructor(maxsize = 0) {
    this.#maxsize = maxsize;
  }

  put(item: T): Promise<void> {
    if (this.#shutdown) return Promise.reject(new Error('shut down'));
    const getter = this.#getters.shift();
    if (getter !== undefined) getter.resolve(item);
    else if (this.#maxsize === 0 || this.#items.size < this.#maxsize) this.#items.push(item);
    else return new Promise<void>((resolve, reject) => this.#putters.push({ resolve, reject, item }));
    return Promise.resolve();
  }

  get(): Promise<T> {
    const putter = this.#putters.shift();
    if (putter !== undefined) {
      this.#items.push(putter.item);
      putter.resolve();
    }
    if (this.#items.size > 0) return Promise.resolve(this.#items.shift() as T);
    if (this.#shutdown) return Promise.reject(new Error('shut down'));
    return new Promise<T>((resolve, reject) => this.#getters.push({ resolve, reject }));
  }

  shutdown(): void {
    this.#shutdown = true;
    for (let putter = this.#putters.shift(); putter !== undefined; putter = this.#putters.shift()) putter.reject(new Error('shut down'));
    for (let getter = this.#getters.shift(); getter !== undefined; getter = this.#getters.shift()) getter.reject(new Error('shut down'));
  }
}
