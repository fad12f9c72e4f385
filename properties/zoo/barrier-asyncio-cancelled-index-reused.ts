/**
 * A cancelled waiter's index handed out again: asyncio's `Barrier` (3.11 to today) numbers a
 * caller when it arrives, `index = self._count; self._count += 1`, and a waiter cancelled while
 * the barrier fills runs `self._count -= 1` on its way out. The count is right, but the
 * indexes already handed to the callers behind it are not renumbered, so the next arrival gets
 * an index that a waiter still holds: two members of one group share it and another index is
 * never handed out. python/cpython gh-155233 (fix proposed in PR #155235).
 *
 * Shortest program: `new Barrier(3)`; `a = wait({ signal })`, `b = wait()`; abort a's signal;
 * `c = wait()`, `d = wait()`. The model lets b, c, d through with 0, 1, 2; this barrier with
 * 1, 1, 2 (asyncio's own reproduction prints `('B', 1), ('C', 1), ('D', 2)`).
 */

import { ZooBarrier } from './barrier-base.js';
import { resolveEntry } from './waiting.js';

export class CancelledIndexReusedBarrier extends ZooBarrier {
  override trip(): number {
    // Each goes through with the count it saw when it arrived; the caller's is the count now.
    const group = this.waiters.splice(0);
    for (const entry of group) resolveEntry(entry, entry.data);
    return group.length;
  }
}
