import { describe, expect, test } from 'vitest';
import { ZooEvent } from './zoo/event-base.js';
import { clearUnwakesEvent } from './zoo/event-clear-unwakes-waiter.js';
import { newestFirstEvent } from './zoo/event-newest-first.js';
import { timerLeakEvent } from './zoo/event-timer-left-running.js';
import { eventSpec, type EventFactory } from './event.spec.js';
import { catches } from './zoo.js';

const zoo: Record<string, EventFactory> = {
  'clear() un-waking an already-woken waiter (CPython bpo-13502)': clearUnwakesEvent,
  'newest-first wakeup': newestFirstEvent,
  'a timeout timer left running after set() woke the waiter': timerLeakEvent,
};

describe('the event properties catch every bug in the zoo', () => {
  for (const [bug, factory] of Object.entries(zoo)) {
    test(`catches ${bug}`, async () => {
      const caught = await catches(eventSpec(factory));
      expect(caught, `${bug} went unnoticed`).toBeDefined();
      console.log(`${bug}\n${caught?.program}\n  ${caught?.error}`);
    });
  }
});

test("the zoo's plain event, without a planted bug, passes the same property", async () => {
  expect(await catches(eventSpec(() => new ZooEvent()))).toBeUndefined();
});

test('deferring every settlement by a microtask, with no planted bug, passes: the bpo-13502 catch is the re-check', async () => {
  class DeferredEvent extends ZooEvent {
    override settle(tell: () => void): void {
      queueMicrotask(tell);
    }
  }
  expect(await catches(eventSpec(() => new DeferredEvent()))).toBeUndefined();
});
