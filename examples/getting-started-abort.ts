// Cancelling a wait with an AbortSignal: the waiter leaves the queue and takes nothing.
import { Event } from '../src/index.js';

const ready = new Event();
const controller = new AbortController();

const waiting = ready.wait({ signal: controller.signal });
controller.abort(new Error('shutting down'));
try {
  await waiting;
} catch (error) {
  console.log(`wait ended: ${(error as Error).message}`);
}
console.log(`still waiting: ${ready.statistics().waiting}`);

// A timeout and a signal together: whichever comes first ends the wait.
const shutdown = new AbortController();
await ready.wait({ timeout: 10, signal: shutdown.signal }).catch((error: Error) => console.log(`wait ended: ${error.name}`));
