import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { realSemaphore } from './semaphore.spec.js';
import { servesEveryTaskInOrder } from './semaphore.schedule.js';
import { lifoSemaphore } from './zoo/semaphore-lifo-wakeup.js';
import { bargingSemaphore } from './zoo/semaphore-asyncio-barging.js';
import { ZOO_SEED } from './zoo.js';

test('tasks are served in request order, never more at once than there are permits, under any interleaving', async () => {
  await fc.assert(servesEveryTaskInOrder(realSemaphore), { numRuns: 300 });
});

test('the interleaving property catches LIFO wakeup and asyncio barging', async () => {
  for (const broken of [lifoSemaphore, bargingSemaphore]) {
    const details = await fc.check(servesEveryTaskInOrder(broken), { seed: ZOO_SEED, numRuns: 500 });
    expect(details.failed, `${broken.name} went unnoticed`).toBe(true);
  }
});
