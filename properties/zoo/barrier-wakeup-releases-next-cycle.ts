/**
 * A wakeup meant for one cycle releases a waiter of the next: a barrier that resets its count
 * when it trips but wakes the group later, and wakes whoever is waiting then, without checking
 * which cycle each waiter belongs to. lars-t-hansen/parlib-simple#30 (JavaScript, `barrier.js`
 * on SharedArrayBuffer): the tripping agent set the count back and bumped the sequence number,
 * then called `futexWake`; an agent of the finished cycle that had not slept yet ran on, entered
 * the next cycle and went to sleep there, and the late wake released it with a group that was
 * not whole (fixed with a per-cycle sequence check). The asynchronous form: the trip defers its
 * wake to a microtask, and a `wait()` in the same tick joins the list before the wake runs.
 *
 * Shortest program: `new Barrier(2)`; `a = wait()`, `b = wait()` (the trip), `c = wait()` in the
 * same tick. The model lets a and b through (0, 1) and keeps c waiting for a partner
 * (`waiting: 1`); this barrier lets c through too, alone (`waiting: 0`).
 */

import { TimeoutError } from '../../src/errors.js';
import { ZooBarrier } from './barrier-base.js';
import { enqueue, resolveEntry, timeoutError, type Options } from './waiting.js';

export class WakeupReleasesNextCycleBarrier extends ZooBarrier {
  /** Waiters of a cycle that tripped, still in the list until the deferred wake runs. */
  tripped = 0;

  override wait(options: Options = {}): Promise<number> {
    // A bad timeout, an aborted signal or a broken barrier: the base refuses the call, as it must.
    if (timeoutError(options) !== undefined || options.signal?.aborted === true || this.isBroken) return super.wait(options);
    if (this.waiters.length - this.tripped + 1 === this.parties) {
      // The count starts again at once...
      this.tripped = this.waiters.length;
      // ...but the wake runs later, and takes whoever waits by then, whichever cycle it is in.
      queueMicrotask(() => {
        this.tripped = 0;
        this.waiters.splice(0).forEach((entry, index) => resolveEntry(entry, index));
      });
      return Promise.resolve(this.parties - 1);
    }
    if (options.timeout === 0) return Promise.reject(new TimeoutError(0));
    return enqueue(this.waiters, 0, options);
  }
}
