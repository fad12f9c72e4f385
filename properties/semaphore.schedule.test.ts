import * as fc from 'fast-check';
import { BoundedSemaphore, Lock, Semaphore } from 'toro-ts';
import { expect, test } from 'vitest';
import { servesEveryTaskInOrder, type SemaphoreFactory } from './semaphore.schedule.js';
import { bargingSemaphore } from './zoo/semaphore-asyncio-barging.js';
import { lifoSemaphore } from './zoo/semaphore-lifo-wakeup.js';
import { ZOO_SEED } from './zoo.js';

const realSemaphore: SemaphoreFactory = (kind, value) => (kind === 'lock' ? new Lock() : kind === 'bounded' ? new BoundedSemaphore(value) : new Semaphore(value));

test('tasks are served in request order, never more at once than there are permits, under any interleaving', async () => {
  await fc.assert(servesEveryTaskInOrder(realSemaphore), { numRuns: 300 });
});

test('the interleaving property catches LIFO wakeup and asyncio barging', async () => {
  for (const broken of [lifoSemaphore, bargingSemaphore]) {
    const details = await fc.check(servesEveryTaskInOrder(broken), { seed: ZOO_SEED, numRuns: 500 });
    expect(details.failed, `${broken.name} went unnoticed`).toBe(true);
  }
});
