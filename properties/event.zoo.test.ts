import { expect, test } from 'vitest';
import { ZooEvent } from './zoo/event-base.js';
import { judge } from './zoo.js';

test('deferring every settlement by a microtask, with no planted bug, passes: the bpo-13502 catch is the re-check', async () => {
  class DeferredEvent extends ZooEvent {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect((await judge('Event', () => new DeferredEvent(), 'deferred event')).failure).toBeUndefined();
});
