/**
 * Each rule of the barrier's model (model/barrier.ts), shown on the implementation: what a
 * program observes (values, errors, settlement order, statistics) is what the rule says.
 */

import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { Barrier, BrokenBarrierError, TimeoutError } from '../src/index.js';

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records how each call ended, in the order they settled. */
function recorder() {
  const log: string[] = [];
  const track = (name: string, promise: Promise<number>): void => {
    promise.then(
      (index) => log.push(`${name} ${index}`),
      (error: Error) => log.push(`${name} ${error.name}`),
    );
  };
  return { log, track };
}

test('wait resolves with the arrival index once parties callers wait, the caller that trips it last', async () => {
  const barrier = new Barrier(3);
  const { log, track } = recorder();
  track('a', barrier.wait());
  track('b', barrier.wait());
  await flush();
  expect(log).toEqual([]);
  expect(barrier.statistics()).toEqual({ waiting: 2, broken: false, parties: 3 });
  track('c', barrier.wait());
  expect(barrier.statistics()).toEqual({ waiting: 0, broken: false, parties: 3 });
  await flush();
  expect(log).toEqual(['a 0', 'b 1', 'c 2']);
});

test('the barrier is ready for the next cycle at once: a caller in the same tick as the trip starts the next group', async () => {
  const barrier = new Barrier(2);
  const { log, track } = recorder();
  track('a', barrier.wait());
  track('b', barrier.wait());
  track('c', barrier.wait());
  track('d', barrier.wait());
  track('e', barrier.wait());
  await flush();
  expect(log).toEqual(['a 0', 'b 1', 'c 0', 'd 1']);
  expect(barrier.statistics().waiting).toBe(1);
});

test('every cycle of any number of parties hands out 0 to parties - 1, each once, in arrival order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), async (parties, cycles) => {
      const barrier = new Barrier(parties);
      const indexes = await Promise.all(Array.from({ length: parties * cycles }, () => barrier.wait()));
      expect(indexes).toEqual(Array.from({ length: parties * cycles }, (_, i) => i % parties));
      expect(barrier.statistics()).toEqual({ waiting: 0, broken: false, parties });
    }),
  );
});

test('Barrier(1) lets every caller through at once with index 0', async () => {
  const barrier = new Barrier(1);
  await expect(barrier.wait()).resolves.toBe(0);
  await expect(barrier.wait({ timeout: 0 })).resolves.toBe(0);
});

test('a waiter aborted before the trip leaves; the group still needs parties callers, and the indexes are renumbered 0..parties-1 (unlike asyncio gh-155233)', async () => {
  const barrier = new Barrier(3);
  const { log, track } = recorder();
  const controller = new AbortController();
  track('A', barrier.wait({ signal: controller.signal }));
  track('B', barrier.wait());
  controller.abort(new Error('A gives up'));
  await flush();
  expect(log).toEqual(['A Error']);
  expect(barrier.statistics().waiting).toBe(1);
  track('C', barrier.wait());
  await flush();
  expect(log).toEqual(['A Error']);
  track('D', barrier.wait());
  await flush();
  expect(log).toEqual(['A Error', 'B 0', 'C 1', 'D 2']);
});

test('a waiter that times out before the trip leaves with a TimeoutError and breaks nothing (unlike threading.Barrier)', async () => {
  const barrier = new Barrier(2);
  const timedOut = barrier.wait({ timeout: 5 });
  await expect(timedOut).rejects.toBeInstanceOf(TimeoutError);
  expect(barrier.statistics()).toEqual({ waiting: 0, broken: false, parties: 2 });
  const [a, b] = await Promise.all([barrier.wait(), barrier.wait()]);
  expect([a, b]).toEqual([0, 1]);
});

test('a waiter cancelled after the trip, in the same tick, keeps its index', async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  const first = barrier.wait({ signal: controller.signal, timeout: 1 });
  const second = barrier.wait();
  controller.abort(new Error('too late'));
  await expect(first).resolves.toBe(0);
  await expect(second).resolves.toBe(1);
  // Its timer was cleared with the trip: nothing fires later.
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(barrier.statistics()).toEqual({ waiting: 0, broken: false, parties: 2 });
});

test('the caller that makes the group whole goes through whatever its timeout; one that cannot, with timeout 0, times out at once', async () => {
  const barrier = new Barrier(2);
  await expect(barrier.wait({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
  const first = barrier.wait();
  await expect(barrier.wait({ timeout: 0 })).resolves.toBe(1);
  await expect(first).resolves.toBe(0);
});

test('reset() rejects everyone waiting with BrokenBarrierError, oldest first, and leaves the barrier empty and not broken', async () => {
  const barrier = new Barrier(3);
  const { log, track } = recorder();
  track('a', barrier.wait());
  track('b', barrier.wait({ timeout: 1_000 }));
  barrier.reset();
  expect(barrier.statistics()).toEqual({ waiting: 0, broken: false, parties: 3 });
  expect(barrier.broken).toBe(false);
  await flush();
  expect(log).toEqual(['a BrokenBarrierError', 'b BrokenBarrierError']);
  // The next three make a whole group, numbered from 0.
  await expect(Promise.all([barrier.wait(), barrier.wait(), barrier.wait()])).resolves.toEqual([0, 1, 2]);
});

test('abort() breaks the barrier: waiting and later calls reject with BrokenBarrierError until reset()', async () => {
  const barrier = new Barrier(2);
  const { log, track } = recorder();
  track('a', barrier.wait());
  barrier.abort();
  expect(barrier.broken).toBe(true);
  track('b', barrier.wait());
  track('c', barrier.wait({ timeout: 0 }));
  barrier.abort();
  await flush();
  expect(log).toEqual(['a BrokenBarrierError', 'b BrokenBarrierError', 'c BrokenBarrierError']);
  expect(barrier.statistics()).toEqual({ waiting: 0, broken: true, parties: 2 });
  barrier.reset();
  expect(barrier.broken).toBe(false);
  await expect(Promise.all([barrier.wait(), barrier.wait()])).resolves.toEqual([0, 1]);
});

test('an already-aborted signal rejects with its reason before anything else, even on a broken barrier or one it would trip', async () => {
  const barrier = new Barrier(2);
  const first = barrier.wait();
  const reason = new Error('gave up');
  await expect(barrier.wait({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  expect(barrier.statistics().waiting).toBe(1);
  barrier.abort();
  await expect(first).rejects.toBeInstanceOf(BrokenBarrierError);
  await expect(barrier.wait({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
});

test('a settled waiter leaves no timer and no abort listener behind', async () => {
  const barrier = new Barrier(2);
  const controller = new AbortController();
  let listeners = 0;
  const { signal } = controller;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    listeners++;
    add(...args);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
    listeners--;
    remove(...args);
  }) as AbortSignal['removeEventListener'];
  const waits = [barrier.wait({ signal, timeout: 60_000 }), barrier.wait({ signal, timeout: 60_000 })];
  await Promise.all(waits);
  void barrier.wait({ signal, timeout: 60_000 }).catch(() => undefined);
  barrier.reset();
  await flush();
  expect(listeners).toBe(0);
});
