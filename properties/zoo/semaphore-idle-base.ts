/**
 * The zoo's plain task queue: a semaphore of slots whose tasks run under `runExclusive(fn)`, and
 * `idle()`, which resolves once no task runs and none waits (p-queue's `onIdle()`, fastq's
 * `drained()`): at once if that is so, else when the last slot goes back with nobody in line,
 * or the last waiter leaves with no slot out. The idle entry breaks it in one place.
 */

import { ZooRunSemaphore } from './semaphore-run-exclusive-base.js';

export class ZooTaskQueue extends ZooRunSemaphore {
  #idlers: (() => void)[] = [];

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idlers.push(resolve));
  }

  /** When idle waits resolve: no grant outstanding and nobody waiting. */
  isIdle(): boolean {
    return this.grants.length === 0 && this.waiters.length === 0;
  }

  override giveBack(grant: { release(): void } | undefined): void {
    super.giveBack(grant);
    this.wake();
  }

  override remove(entry: Parameters<ZooRunSemaphore['remove']>[0]): boolean {
    const removed = super.remove(entry);
    if (removed) queueMicrotask(() => this.wake());
    return removed;
  }

  wake(): void {
    if (this.#idlers.length === 0 || !this.isIdle()) return;
    for (const resolve of this.#idlers.splice(0)) resolve();
  }
}
