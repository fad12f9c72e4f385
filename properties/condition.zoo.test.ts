import { expect, test } from 'vitest';
import { ZooCondition } from './zoo/condition-base.js';
import { judge } from './zoo.js';

test('deferring every settlement by a microtask, with no planted bug, passes: the gh-112202 catch is the late cancellation', async () => {
  class DeferredCondition extends ZooCondition {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect((await judge('Condition', () => new DeferredCondition(), 'deferred condition')).failure).toBeUndefined();
});
