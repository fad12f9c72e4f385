/**
 * The errors toro-ts throws or rejects with. Each is a class of its own, created where it is
 * thrown (never a shared instance), so `instanceof`, `name` and the stack trace all tell the truth.
 * As on the built-in errors, `name` is a non-enumerable property of the prototype, not a field
 * of each error: `Object.keys(error)` shows only an error's data (a TimeoutError's `timeout`).
 *
 * @module
 */

/** Puts `name` on a class's prototype as the built-in errors have it: writable, not enumerable. */
function nameOnPrototype(errorClass: { readonly prototype: Error }, name: string): void {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, enumerable: false, configurable: true });
}

/**
 * A wait gave up because its `timeout` passed before the resource was handed over.
 * Nothing was consumed: the waiter left the queue.
 *
 * Only the `timeout` option rejects with this class. A wait whose `signal` came from
 * `AbortSignal.timeout(ms)` rejects with that signal's reason instead: a `DOMException` whose
 * `name` is also `'TimeoutError'`, which is not `instanceof TimeoutError`. Test the class, not
 * the name, to tell which deadline passed (the getting-started guide shows both).
 *
 * @example
 * ```ts
 * import { Lock, TimeoutError } from 'toro-ts';
 * const lock = new Lock();
 * lock.tryAcquire();
 * try {
 *   await lock.acquire({ timeout: 10 });
 * } catch (error) {
 *   console.log(error instanceof TimeoutError, (error as Error).name);
 * }
 * // prints: true TimeoutError
 * ```
 */
export class TimeoutError extends Error {
  static {
    nameOnPrototype(this, 'TimeoutError');
  }

  /** `'TimeoutError'`, from the prototype. */
  declare readonly name: 'TimeoutError';

  /** The timeout, in milliseconds, that passed. */
  readonly timeout: number;
  constructor(timeout: number, message = `Timed out after ${timeout} ms`) {
    super(message);
    this.timeout = timeout;
  }
}

/**
 * {@link Queue.getNowait} found no item to take without waiting.
 *
 * @example
 * ```ts
 * import { Queue, QueueEmpty } from 'toro-ts';
 * try {
 *   new Queue<number>().getNowait();
 * } catch (error) {
 *   console.log(error instanceof QueueEmpty);
 * }
 * // prints: true
 * ```
 */
export class QueueEmpty extends Error {
  static {
    nameOnPrototype(this, 'QueueEmpty');
  }

  /** `'QueueEmpty'`, from the prototype. */
  declare readonly name: 'QueueEmpty';

  constructor(message = 'Queue is empty') {
    super(message);
  }
}

/**
 * {@link Queue.putNowait} found no room for the item without waiting.
 *
 * @example
 * ```ts
 * import { Queue, QueueFull } from 'toro-ts';
 * const queue = new Queue<number>({ maxsize: 1 });
 * queue.putNowait(1);
 * try {
 *   queue.putNowait(2);
 * } catch (error) {
 *   console.log(error instanceof QueueFull);
 * }
 * // prints: true
 * ```
 */
export class QueueFull extends Error {
  static {
    nameOnPrototype(this, 'QueueFull');
  }

  /** `'QueueFull'`, from the prototype. */
  declare readonly name: 'QueueFull';

  constructor(message = 'Queue is full') {
    super(message);
  }
}

/**
 * A call that is legal only in some states was made in another: releasing a {@link Lock} that
 * is not locked, or calling {@link Queue.taskDone} more times than items entered the queue.
 * The call changed nothing.
 *
 * @example
 * ```ts
 * import { Lock, InvalidStateError } from 'toro-ts';
 * try {
 *   new Lock().release();
 * } catch (error) {
 *   console.log(error instanceof InvalidStateError, (error as Error).message);
 * }
 * // prints: true Lock.release() called on an unlocked lock
 * ```
 */
export class InvalidStateError extends Error {
  static {
    nameOnPrototype(this, 'InvalidStateError');
  }

  /** `'InvalidStateError'`, from the prototype. */
  declare readonly name: 'InvalidStateError';
}

/**
 * A {@link Barrier} sent a waiting caller away: `reset()` or `abort()` was called while it
 * waited, or it called `wait()` on a barrier that `abort()` broke. Nothing went through.
 *
 * @example
 * ```ts
 * import { Barrier, BrokenBarrierError } from 'toro-ts';
 * const barrier = new Barrier(2);
 * const waiting = barrier.wait();
 * barrier.abort();
 * await waiting.catch((error: Error) => console.log(error instanceof BrokenBarrierError, error.message));
 * await barrier.wait().catch((error: Error) => console.log(error.message));
 * // prints: true Barrier.abort() broke the barrier while this wait() was waiting
 * // prints: Barrier.wait() called on a broken barrier (abort() was called; reset() mends it)
 * ```
 */
export class BrokenBarrierError extends Error {
  override readonly name = 'BrokenBarrierError';
}

/**
 * A call on a {@link Queue} that was shut down: `put` and `putNowait` after
 * {@link Queue.shutdown}, a `put` that was waiting for room when it came, and `get` or
 * `getNowait` once the queue is shut down and empty. Nothing was put or taken.
 *
 * @example
 * ```ts
 * import { Queue, QueueShutDown } from 'toro-ts';
 * const queue = new Queue<string>();
 * queue.putNowait('last');
 * queue.shutdown();
 * console.log(await queue.get());
 * await queue.get().catch((error: Error) => console.log(error instanceof QueueShutDown, error.message));
 * // prints: last
 * // prints: true Queue.get() called on a queue that is shut down and empty
 * ```
 */
export class QueueShutDown extends Error {
  override readonly name = 'QueueShutDown';
}
