/**
 * What the queues cost, counted rather than timed: a timed test says more about the machine
 * than about the code (speed lives in bench/). The comparator is the PriorityQueue's unit of
 * work, so its calls are counted; a FIFO or LIFO buffer does no comparisons, so for those a
 * million items must come out in exactly their order, which a buffer that loses its place when
 * it grows or wraps around would not do. A file of its own so that the mutation run can leave
 * its million-item loops out.
 */

import { expect, test } from 'vitest';
import { LifoQueue, PriorityQueue, Queue } from '../src/index.js';

test('a PriorityQueue makes O(log n) comparisons per put and per get, at every size', () => {
  for (const n of [1_000, 10_000, 100_000]) {
    let comparisons = 0;
    const queue = new PriorityQueue<number>({
      compare: (a, b) => {
        comparisons++;
        return a - b;
      },
    });
    for (let i = 0; i < n; i++) queue.putNowait((i * 7919) % n);
    const drained: number[] = [];
    for (let i = 0; i < n; i++) drained.push(queue.getNowait());
    expect(drained).toEqual(Array.from({ length: n }, (_, i) => i));
    // A binary heap's sift-down makes at most 2 comparisons a level, its sift-up 1.
    const bound = 3 * n * Math.ceil(Math.log2(n));
    console.log(`PriorityQueue, n = ${n}: ${comparisons} comparisons, ${(comparisons / n).toFixed(1)} per item (bound ${bound / n})`);
    expect(comparisons).toBeLessThanOrEqual(bound);
  }
});

test('a million items through a Queue and a LifoQueue come out in exactly their order, while the buffer grows and wraps', () => {
  const n = 1_000_000;
  const fifo = new Queue<number>();
  const lifo = new LifoQueue<number>();
  const fromFifo: number[] = [];
  const fromLifo: number[] = [];
  // Fill in bursts and drain a third as it goes, so the ring buffer wraps around while it grows.
  for (let i = 0; i < n; i++) {
    fifo.putNowait(i);
    lifo.putNowait(i);
    if (i % 3 === 2) fromFifo.push(fifo.getNowait());
  }
  while (!fifo.empty()) fromFifo.push(fifo.getNowait());
  while (!lifo.empty()) fromLifo.push(lifo.getNowait());
  const ascending = Array.from({ length: n }, (_, i) => i);
  expect(fromFifo).toEqual(ascending);
  expect(fromLifo).toEqual(ascending.reverse());
});
