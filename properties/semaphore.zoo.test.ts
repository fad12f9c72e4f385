import { describe, expect, test } from 'vitest';
import { ZooSemaphore } from './zoo/semaphore-base.js';
import { semaphoreZoo } from './zoo/catalog.js';
import { found, judge } from './zoo.js';

describe('the checker catches every semaphore bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of semaphoreZoo) {
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
