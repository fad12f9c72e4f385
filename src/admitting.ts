/**
 * A wait queue whose primitive admits waiters by what fits (a weight, a mode) rather than one
 * permit at a time: when a waiter leaves by timeout or abort, those now at the head that fit
 * are admitted at once, before the leaver's own rejection.
 *
 * @module
 * @internal
 */

import { WaitList } from './waiters.js';

/**
 * @internal The shared {@link WaitList} plus one rule: every cancellation calls `admit`. The
 * WaitList removes a timed-out or aborted waiter through `cancel` and only then rejects it, so
 * the admitted waiters settle first, as the models say (and as Go's `x/sync/semaphore` does).
 */
export class AdmittingWaitList<T, D> extends WaitList<T, D> {
  readonly #admit: () => void;

  constructor(admit: () => void) {
    super();
    this.#admit = admit;
  }

  override cancel(node: Parameters<WaitList<T, D>['cancel']>[0]): boolean {
    // Stryker disable next-line BooleanLiteral: a waiter calls cancel only while it is in this list, so super.cancel never returns false here
    if (!super.cancel(node)) return false;
    // Only a head's leaving can let anyone in; behind a waiting head nobody fits, so this is O(1).
    this.#admit();
    return true;
  }
}
