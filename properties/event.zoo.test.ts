import { describe, expect, test } from 'vitest';
import { ZooEvent } from './zoo/event-base.js';
import { eventZoo } from './zoo/catalog.js';
import { found, judge } from './zoo.js';

describe('the checker catches every event bug in the zoo, naming its rule and its shortest program', () => {
  for (const entry of eventZoo) {
    test(`catches ${entry.bug}`, async () => {
      expect(await found(entry)).toEqual(entry.caught);
    });
  }
});

test("the zoo's plain event, without a planted bug, passes the same check", async () => {
  expect((await judge('Event', () => new ZooEvent(), 'plain event')).failure).toBeUndefined();
});

test('deferring every settlement by a microtask, with no planted bug, passes: the bpo-13502 catch is the re-check', async () => {
  class DeferredEvent extends ZooEvent {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect((await judge('Event', () => new DeferredEvent(), 'deferred event')).failure).toBeUndefined();
});
