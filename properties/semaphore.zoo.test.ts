import { describe, expect, test } from 'vitest';
import { bargingSemaphore } from './zoo/semaphore-asyncio-barging.js';
import { lateCancelSemaphore } from './zoo/semaphore-late-cancel-passes-permit.js';
import { lifoSemaphore } from './zoo/semaphore-lifo-wakeup.js';
import { doubleReleaseSemaphore } from './zoo/semaphore-releaser-releases-twice.js';
import { staleReleaserSemaphore } from './zoo/semaphore-stale-releaser-releases-others-permit.js';
import { timedOutGrantedSemaphore } from './zoo/semaphore-timed-out-waiter-granted.js';
import { timerLeakSemaphore } from './zoo/semaphore-timer-left-running.js';
import { ZooSemaphore } from './zoo/semaphore-base.js';
import { semaphoreSpec, type SemaphoreFactory } from './semaphore.spec.js';
import { catches } from './zoo.js';

const zoo: Record<string, SemaphoreFactory> = {
  'asyncio Semaphore barging (bpo-45997 / gh-90155)': bargingSemaphore,
  'a cancellation after the handoff passes the permit on (the Tornado #2826 pattern)': lateCancelSemaphore,
  'a timed-out waiter left in the queue and later granted (a lost permit)': timedOutGrantedSemaphore,
  'LIFO instead of FIFO wakeup': lifoSemaphore,
  'a Releaser that releases twice': doubleReleaseSemaphore,
  "a stale releaser that gives back someone else's permit (Tornado's context manager releases on every exit)": staleReleaserSemaphore,
  'a timeout timer left running after the waiter was granted': timerLeakSemaphore,
};

describe('the semaphore properties catch every bug in the zoo', () => {
  for (const [bug, factory] of Object.entries(zoo)) {
    test(`catches ${bug}`, async () => {
      const caught = await catches(semaphoreSpec(factory));
      expect(caught, `${bug} went unnoticed`).toBeDefined();
      console.log(`${bug}\n${caught?.program}\n  ${caught?.error}`);
    });
  }
});

test("the zoo's plain semaphore, without a planted bug, passes the same property", async () => {
  expect(await catches(semaphoreSpec((kind, value) => new ZooSemaphore(kind, value)))).toBeUndefined();
});
