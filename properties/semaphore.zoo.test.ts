import { describe, expect, test } from 'vitest';
import { bargingSemaphore } from './zoo/semaphore-asyncio-barging.js';
import { ZooSemaphore } from './zoo/semaphore-base.js';
import { lateCancelSemaphore } from './zoo/semaphore-late-cancel-passes-permit.js';
import { lifoSemaphore } from './zoo/semaphore-lifo-wakeup.js';
import { doubleReleaseSemaphore } from './zoo/semaphore-releaser-releases-twice.js';
import { timedOutGrantedSemaphore } from './zoo/semaphore-timed-out-waiter-granted.js';
import { timerLeakSemaphore } from './zoo/semaphore-timer-left-running.js';
import { found, judge, type ZooEntry } from './zoo.js';

type Factory = (kind: 'semaphore' | 'lock', value: number) => object;
const asSemaphore = (f: Factory): ZooEntry['make'] => (p) => f('semaphore', p['value'] ?? 1);
const asLock = (f: Factory): ZooEntry['make'] => () => f('lock', 1);

const zoo: readonly ZooEntry[] = [
  {
    bug: 'asyncio Semaphore barging (bpo-45997 / gh-90155)',
    primitive: 'Semaphore',
    make: asSemaphore(bargingSemaphore),
    caught: { rule: 'observers', program: 'new Semaphore({ value: 0 })\n  tick 1: #0 acquire()\n  tick 2: #1 release()' },
  },
  {
    bug: 'asyncio Lock barging, seen as locked() false while a waiter waits',
    primitive: 'Lock',
    make: asLock(bargingSemaphore),
    caught: { rule: 'observers', program: 'new Lock()\n  tick 1: #0 tryAcquire(); #1 acquire()\n  tick 2: #2 release() on #0' },
  },
  {
    bug: 'a cancellation after the handoff passes the permit on (the Tornado #2826 pattern)',
    primitive: 'Semaphore',
    make: asSemaphore(lateCancelSemaphore),
    caught: { rule: 'cleanup', program: 'new Semaphore({ value: 0 })\n  tick 1: #0 acquire({ signal: s0 }); #1 release()' },
  },
  {
    bug: 'LIFO instead of FIFO wakeup',
    primitive: 'Semaphore',
    make: asSemaphore(lifoSemaphore),
    caught: { rule: 'fifo', program: 'new Semaphore({ value: 0 })\n  tick 1: #0 acquire()\n  tick 2: #1 acquire(); #2 release()' },
  },
  {
    bug: 'LIFO instead of FIFO wakeup, in a lock',
    primitive: 'Lock',
    make: asLock(lifoSemaphore),
    caught: { rule: 'fifo', program: 'new Lock()\n  tick 1: #0 acquire(); #1 acquire()\n  tick 2: #2 acquire(); #3 release()' },
  },
  {
    bug: 'a Releaser that releases twice',
    primitive: 'Semaphore',
    make: asSemaphore(doubleReleaseSemaphore),
    caught: { rule: 'ownership', program: 'new Semaphore({ value: 0 })\n  tick 1: #0 acquire()\n  tick 2: #1 release()\n  tick 3: #2 release() on #0\n  tick 4: #3 release() on #0' },
  },
  {
    bug: 'a Releaser that releases twice, in a lock',
    primitive: 'Lock',
    make: asLock(doubleReleaseSemaphore),
    caught: { rule: 'ownership', program: 'new Lock()\n  tick 1: #0 acquire()\n  tick 2: #1 release() on #0; #2 release() on #0' },
  },
  {
    bug: 'a timed-out waiter left in the queue and later granted (a lost permit)',
    primitive: 'Semaphore',
    make: asSemaphore(timedOutGrantedSemaphore),
    caught: { rule: 'cleanup', program: 'new Semaphore({ value: 0 })\n  tick 1: #0 acquire({ timeout: 1 }); advance(1)' },
  },
  {
    bug: 'a timeout timer left running after the waiter was granted',
    primitive: 'Semaphore',
    make: asSemaphore(timerLeakSemaphore),
    caught: { rule: 'cleanup', program: 'new Semaphore({ value: 0 })\n  tick 1: #0 acquire()\n  tick 2: #1 release()\n  tick 3: #2 acquire({ timeout: 1 }); #3 release() on #0' },
  },
];

describe('the checker catches every semaphore bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of zoo) {
    test(`catches ${entry.bug}`, async () => {
      expect(await found(entry)).toEqual(entry.caught);
    });
  }
});

test("the zoo's plain semaphore and lock, without a planted bug, pass the same check", async () => {
  for (const [primitive, make] of [['Semaphore', (p: Readonly<Record<string, number>>) => new ZooSemaphore('semaphore', p['value'] ?? 1)], ['Lock', () => new ZooSemaphore('lock', 1)]] as const) {
    expect((await judge(primitive, make, `plain ${primitive}`)).failure).toBeUndefined();
  }
});
