/**
 * RWLock: a reader-writer lock for coroutines, with one fair queue for readers and writers.
 *
 * @module
 */

import { AdmittingWaitList } from './admitting.js';
import { describe, parseWaitOptions, type WaitOptions } from './options.js';
import { Grants, Releaser, runHolding, runSoon } from './releaser.js';

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

/** What a waiter asks for. */
type Mode = 'read' | 'write';

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
  readonly #waiters = new AdmittingWaitList<Releaser, Mode>(() => this.#admit());
  // Stryker disable next-line BooleanLiteral: nobody asks these grants for the oldest, so an ordered list would behave the same, only slower
  readonly #readGrants = new Grants({ releaseGrant: (grant) => this.#giveBackRead(grant) }, false);
  // Stryker disable next-line BooleanLiteral: nobody asks these grants for the oldest, so an ordered list would behave the same, only slower
  readonly #writeGrants = new Grants({ releaseGrant: (grant) => this.#giveBackWrite(grant) }, false);

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
    return this.#acquire('read', 'acquireRead', options);
  }

  /**
   * Takes the lock for writing, alone: at once if nobody holds it and nobody waits; otherwise
   * after every older waiter. While it waits, readers that come after it wait behind it.
   *
   * @returns a promise of a {@link Releaser} that gives the lock back; it rejects as
   *   {@link RWLock.acquireRead} does.
   */
  acquireWrite(options?: WaitOptions): Promise<Releaser> {
    return this.#acquire('write', 'acquireWrite', options);
  }

  /**
   * Takes a share for reading if that can be done now without waiting; never while anyone
   * waits.
   *
   * @returns a {@link Releaser}, or `undefined`.
   */
  tryAcquireRead(): Releaser | undefined {
    // Stryker disable next-line StringLiteral: fits treats every mode but 'write' as a read
    if (this.#waiters.size > 0 || !this.#fits('read')) return undefined;
    return this.#enter('read');
  }

  /**
   * Takes the lock for writing if nobody holds it and nobody waits; never while anyone waits.
   *
   * @returns a {@link Releaser}, or `undefined`.
   */
  tryAcquireWrite(): Releaser | undefined {
    // Stryker disable next-line ConditionalExpression: someone waits only while the lock is held, and then no writer fits either
    if (this.#waiters.size > 0 || !this.#fits('write')) return undefined;
    // Stryker disable next-line StringLiteral: enter treats every mode but 'read' as a write
    return this.#enter('write');
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
    return this.#run('read', 'runRead', fn, options);
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
    return this.#run('write', 'runWrite', fn, options);
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
    return this.#waiters.wait(mode, parsed);
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
    return this.#waiters.wait(mode, parsed).then((grant) => runHolding(grant, fn));
  }

  /** Whether a call for `mode` could go in now, queue aside. */
  #fits(mode: Mode): boolean {
    if (this.#writing) return false;
    return mode === 'write' ? this.#readers === 0 : this.#readers < this.maxReaders;
  }

  /** Goes in for `mode`: a new outstanding grant. */
  #enter(mode: Mode): Releaser {
    if (mode === 'read') {
      this.#readers++;
      return new Releaser(this.#readGrants);
    }
    this.#writing = true;
    return new Releaser(this.#writeGrants);
  }

  #giveBackRead(grant: Releaser): void {
    if (!this.#readGrants.take(grant)) return;
    this.#readers--;
    this.#admit();
  }

  #giveBackWrite(grant: Releaser): void {
    if (!this.#writeGrants.take(grant)) return;
    this.#writing = false;
    this.#admit();
  }

  /** Admits waiters from the head, in order, while the head fits. */
  #admit(): void {
    for (let head = this.#waiters.peek(); head !== undefined && this.#fits(head); head = this.#waiters.peek()) {
      this.#waiters.wakeNext(this.#enter(head));
    }
  }
}
