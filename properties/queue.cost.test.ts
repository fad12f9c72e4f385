/**
 * What the queues cost, measured in wall-clock time. A file of its own so that the mutation run
 * (vitest.stryker.config.ts) can leave it out: Stryker's instrumentation slows every line it
 * mutates many times over, and a time limit then says nothing about the code.
 */

import { expect, test } from 'vitest';
import { LifoQueue, PriorityQueue, Queue } from '../src/index.js';

test('put and get cost O(1) for Queue and LifoQueue and O(log n) for PriorityQueue at any size', () => {
  // A million buffered items, then drained: Array.shift or a linear scan would take minutes.
  for (const queue of [new Queue<number>(), new LifoQueue<number>(), new PriorityQueue<number>()]) {
    const n = 1_000_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) queue.putNowait((i * 7919) % n);
    let ordered = true;
    let previous = -Infinity;
    for (let i = 0; i < n; i++) {
      const item = queue.getNowait();
      if (queue instanceof PriorityQueue) ordered &&= item >= previous;
      previous = item;
    }
    const ms = performance.now() - started;
    expect(ordered).toBe(true);
    console.log(`${queue.constructor.name}: ${n} puts and gets in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(10_000);
  }
});
