/**
 * `clear()` un-waking an already-woken waiter: an event built as "wait on a condition while the
 * flag is false" re-checks the flag when the woken waiter resumes, so a `set()` followed at once
 * by `clear()` sends it back to sleep and the wakeup is lost. CPython bpo-13502 is this bug's
 * documented form: `threading.Event.wait()` returned the flag as it was when the waiter
 * resumed, so after `set(); clear()` a woken waiter reported `False`, as if it had timed out
 * (fixed in 3.3 to return true once woken; Tornado's and asyncio's `Event` resolve the
 * waiter's future in `set`, which `clear` cannot undo).
 *
 * As with a waiter that resumes in a later job, every promise here learns how it ended one
 * microtask late; only the re-check is wrong.
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts):
 * tick 1: `wait()`; tick 2: `set(); clear()`. The model resolves #0; the broken event puts it
 * back in the queue, a lost wakeup. The same event with only the deferral, and no re-check,
 * passes (event.zoo.test.ts).
 */

import { type Entry, ZooEvent } from './event-base.js';

export class ClearUnwakesEvent extends ZooEvent {
  override settle(tell: () => void): void {
    queueMicrotask(tell);
  }

  override wake(entry: Entry): void {
    // The bug: the woken waiter resumes later and re-checks the flag, as `while (!flag) wait()` does.
    queueMicrotask(() => {
      if (!this.flag) {
        this.waiters.push(entry);
        return;
      }
      this.cleanUp(entry);
      entry.resolve();
    });
  }
}

export const clearUnwakesEvent = (): ClearUnwakesEvent => new ClearUnwakesEvent();
