/**
 * RWLock: a reader-writer lock for coroutines, with one fair queue for readers and writers.
 *
 * @module
 */

import { AdmittingWaitList } from './admitting.js';
import { describe, parseWaitOptions, type WaitOptions } from './options.js';
import { Releaser, ReturnedGrants, runQueued, runSoon, unitsOf } from './releaser.js';

/** What {@link RWLock.statistics} returns: the model's state, seen from outside. */
export interface RWLockStatistics {
  /** Readers holding the lock now. */
  readonly readers: number;
  /** Whether a writer holds the lock now. */
  readonly writing: boolean;
  /** Acquirers waiting, readers and writers, oldest first. */
  readonly waiting: number;
}

/** The options of the {@link RWLock} constructor. */
export interface RWLockOptions {
  /**
   * The most readers inside at once: a positive integer, or `Infinity` for no limit.
   * @defaultValue no limit
   */
  readonly maxReaders?: number | undefined;
}

/**
 * What a call asks for, as the units of its grant: a share for reading, or the lock for writing.
 * A grant knows its mode by its units, so one list holds both kinds.
 */
const READ = 1;
const WRITE = 0;
type Mode = typeof READ | typeof WRITE;

/**
 * A reader-writer lock: any number of readers (up to `maxReaders`) may hold it together, or one
 * writer alone. Readers and writers wait in one queue, oldest first: consecutive readers at
 * the head go in together, and a waiting writer holds back every reader that came after it,
 * even while other readers hold the lock. So neither readers nor writers starve: each waits
 * only for those ahead of it.
 *
 * When a holder leaves, or the waiter at the head is cancelled, waiters are admitted from the
 * head, in order, synchronously, as long as each fits. {@link RWLock.tryAcquireRead} and
 * {@link RWLock.tryAcquireWrite} never go in while anyone waits. A waiter that times out or is
 * aborted before its handoff leaves the queue having taken nothing; one cancelled after keeps
 * its grant. Only a grant's {@link Releaser} gives it back. The specification is
 * {@link model!rwlockStep}, which also says how this differs from Toro's `RWLock`.
 *
 * @example
 * ```ts
 * import { RWLock } from 'toro-ts';
 * const lock = new RWLock();
 * const log: string[] = [];
 * async function read(name: string) {
 *   await lock.runRead(async () => {
 *     log.push(`${name} reads with ${lock.statistics().readers} inside`);
 *     await new Promise((resolve) => setTimeout(resolve, 5));
 *   });
 * }
 * async function write(name: string) {
 *   await lock.runWrite(() => log.push(`${name} writes alone`));
 * }
 * // r3 comes after the writer, so it waits for it even though r1 and r2 are reading.
 * await Promise.all([read('r1'), read('r2'), write('w'), read('r3')]);
 * console.log(log.join('\n'));
 * // prints: r1 reads with 2 inside
 * // prints: r2 reads with 2 inside
 * // prints: w writes alone
 * // prints: r3 reads with 1 inside
 * ```
 */
export class RWLock {
  /** The most readers inside at once; `Infinity` for no limit. */
  readonly maxReaders: number;
  #readers = 0;
  #writing = false;
  /**
   * Waiters, oldest first. An `acquire` waiter carries its mode and is woken with a new grant; a
   * `runRead` or `runWrite` waiter carries its grant, not made yet (which knows its mode), and is
   * woken with nothing.
   */
  readonly #waiters = new AdmittingWaitList<Releaser | undefined, Mode | Releaser>(() => this.#admit());
  readonly #grants = new ReturnedGrants((grant) => this.#giveBack(grant));

  /**
   * @param options - `maxReaders`, the most readers inside at once.
   * @throws TypeError if `options` is not an object or `maxReaders` not a number; RangeError if
   *   `maxReaders` is not a positive integer or `Infinity`.
   */
  constructor(options?: RWLockOptions) {
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError(`RWLock options must be an object, got ${describe(options)}`);
    }
    const maxReaders = options?.maxReaders ?? Number.POSITIVE_INFINITY;
    if (typeof maxReaders !== 'number') throw new TypeError(`RWLock maxReaders must be a number, got ${describe(maxReaders)}`);
    if (maxReaders !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(maxReaders) || maxReaders < 1)) {
      throw new RangeError(`RWLock maxReaders must be a positive integer or Infinity, got ${describe(maxReaders)}`);
    }
    this.maxReaders = maxReaders;
  }

  /** A snapshot of the state, with the model's field names. */
  statistics(): RWLockStatistics {
    return { readers: this.#readers, writing: this.#writing, waiting: this.#waiters.size };
  }

  /**
   * Takes a share of the lock for reading: at once if nobody waits, no writer holds it and fewer
   * than `maxReaders` readers do; otherwise after every older waiter, writers included.
   *
   * @returns a promise of a {@link Releaser} that gives the share back; it rejects with a
   *   {@link TimeoutError} when `timeout` passes first, with `signal.reason` when `signal` aborts
   *   first (or was already aborted), and with a `RangeError` or `TypeError` for bad options.
   */
  acquireRead(options?: WaitOptions): Promise<Releaser> {
    return this.#acquire(READ, 'acquireRead', options);
  }

  /**
   * Takes the lock for writing, alone: at once if nobody holds it and nobody waits; otherwise
   * after every older waiter. While it waits, readers that come after it wait behind it.
   *
   * @returns a promise of a {@link Releaser} that gives the lock back; it rejects as
   *   {@link RWLock.acquireRead} does.
   */
  acquireWrite(options?: WaitOptions): Promise<Releaser> {
    return this.#acquire(WRITE, 'acquireWrite', options);
  }

  /**
   * Takes a share for reading if that can be done now without waiting; never while anyone
   * waits.
   *
   * @returns a {@link Releaser}, or `undefined`.
   */
  tryAcquireRead(): Releaser | undefined {
    if (this.#waiters.size > 0 || !this.#fits(READ)) return undefined;
    return this.#enter(READ);
  }

  /**
   * Takes the lock for writing if nobody holds it and nobody waits; never while anyone waits.
   *
   * @returns a {@link Releaser}, or `undefined`.
   */
  tryAcquireWrite(): Releaser | undefined {
    // Stryker disable next-line ConditionalExpression: someone waits only while the lock is held, and then no writer fits either
    if (this.#waiters.size > 0 || !this.#fits(WRITE)) return undefined;
    return this.#enter(WRITE);
  }

  /**
   * Runs `fn` holding a share for reading: acquires it as {@link RWLock.acquireRead} does, calls
   * `fn` (in a later microtask, never inside this call), and gives it back however `fn` ends.
   *
   * @returns what `fn` returns (awaited), or its error; rejects as {@link RWLock.acquireRead}
   *   does when nothing was granted (and `fn` is then not called), and with a `TypeError` if
   *   `fn` is not a function.
   *
   * @example
   * ```ts
   * import { RWLock } from 'toro-ts';
   * const lock = new RWLock({ maxReaders: 2 });
   * const config = new Map([['mode', 'fast']]);
   * console.log(await lock.runRead(() => config.get('mode')));
   * // prints: fast
   * ```
   */
  runRead<R>(fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<R> {
    return this.#run(READ, 'runRead', fn, options);
  }

  /**
   * Runs `fn` holding the lock for writing, alone: acquires it as {@link RWLock.acquireWrite}
   * does, calls `fn` (in a later microtask), and gives it back however `fn` ends.
   *
   * @returns what `fn` returns (awaited), or its error; rejects as {@link RWLock.runRead} does.
   *
   * @example
   * ```ts
   * import { RWLock } from 'toro-ts';
   * const lock = new RWLock();
   * const config = new Map<string, string>();
   * await lock.runWrite(() => config.set('mode', 'safe'));
   * console.log(config.get('mode'), lock.statistics());
   * // prints: safe { readers: 0, writing: false, waiting: 0 }
   * ```
   */
  runWrite<R>(fn: () => R | PromiseLike<R>, options?: WaitOptions): Promise<R> {
    return this.#run(WRITE, 'runWrite', fn, options);
  }

  #acquire(mode: Mode, method: string, options: WaitOptions | undefined): Promise<Releaser> {
    let parsed;
    try {
      parsed = parseWaitOptions(options, 'RWLock', method);
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#waiters.size === 0 && this.#fits(mode)) return Promise.resolve(this.#enter(mode));
    // An acquire waiter carries its mode, so its admission wakes it with its grant.
    return this.#waiters.wait(mode, parsed) as Promise<Releaser>;
  }

  #run<R>(mode: Mode, method: string, fn: () => R | PromiseLike<R>, options: WaitOptions | undefined): Promise<R> {
    let parsed;
    try {
      if (typeof fn !== 'function') throw new TypeError(`RWLock.${method}() fn must be a function, got ${describe(fn)}`);
      parsed = parseWaitOptions(options, 'RWLock', method);
    } catch (error) {
      return Promise.reject(error);
    }
    if (parsed.signal?.aborted === true) return Promise.reject(parsed.signal.reason);
    if (this.#waiters.size === 0 && this.#fits(mode)) return runSoon(this.#enter(mode), fn);
    const grant = new Releaser(mode);
    return runQueued(this.#waiters.wait(grant, parsed), grant, fn);
  }

  /** Whether a call for `mode` could go in now, queue aside. */
  #fits(mode: Mode): boolean {
    if (this.#writing) return false;
    return mode === WRITE ? this.#readers === 0 : this.#readers < this.maxReaders;
  }

  /** Counts a holder of `mode` in. */
  #take(mode: Mode): void {
    if (mode === READ) this.#readers++;
    else this.#writing = true;
  }

  /** Goes in for `mode`: a new outstanding grant. */
  #enter(mode: Mode): Releaser {
    this.#take(mode);
    return this.#grants.make(mode);
  }

  /** A releaser gives its grant back (if it is outstanding), and the queue is admitted. */
  #giveBack(grant: Releaser): void {
    if (!this.#grants.take(grant)) return;
    if (unitsOf(grant) === READ) this.#readers--;
    else this.#writing = false;
    this.#admit();
  }

  /** Admits waiters from the head, in order, while the head fits. */
  #admit(): void {
    for (let head = this.#waiters.peek(); head !== undefined; head = this.#waiters.peek()) {
      const mode = typeof head === 'number' ? head : (unitsOf(head) as Mode);
      if (!this.#fits(mode)) return;
      if (typeof head === 'number') {
        this.#waiters.wakeNext(this.#enter(mode));
      } else {
        this.#take(mode);
        this.#grants.add(head);
        this.#waiters.wakeNext(undefined);
      }
    }
  }
}
