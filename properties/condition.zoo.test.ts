import { describe, expect, test } from 'vitest';
import { ZooCondition } from './zoo/condition-base.js';
import { conditionZoo } from './zoo/catalog.js';
import { found, judge } from './zoo.js';

describe('the checker catches every condition bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of conditionZoo) {
    test(`catches ${entry.bug}`, async () => {
      expect(await found(entry)).toEqual(entry.caught);
    });
  }
});

test("the zoo's plain condition, without a planted bug, passes the same check", async () => {
  expect((await judge('Condition', () => new ZooCondition(), 'plain condition')).failure).toBeUndefined();
});

test('deferring every settlement by a microtask, with no planted bug, passes: the gh-112202 catch is the late cancellation', async () => {
  class DeferredCondition extends ZooCondition {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect((await judge('Condition', () => new DeferredCondition(), 'deferred condition')).failure).toBeUndefined();
});
