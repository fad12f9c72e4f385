// Two kinds of timeout: toro-ts's own, and an AbortSignal.timeout() passed as a signal.
import { Semaphore, TimeoutError } from '../src/index.js';

const busy = new Semaphore(0);

function describe(error: unknown): string {
  // Ours: the `timeout` option passed. It carries the milliseconds it waited.
  if (error instanceof TimeoutError) return `toro-ts TimeoutError after ${error.timeout} ms`;
  // The signal's: a DOMException that is *named* 'TimeoutError' but is not our class.
  if (error instanceof DOMException && error.name === 'TimeoutError') return `signal timed out (${error.constructor.name})`;
  return `something else: ${String(error)}`;
}

await busy.acquire({ timeout: 20 }).catch((error: unknown) => console.log(describe(error)));
// Node does not keep the process alive for AbortSignal.timeout()'s timer; the `timeout` option's
// timer does, so with both given this wait ends by the signal instead of the process exiting.
await busy.acquire({ timeout: 1_000, signal: AbortSignal.timeout(20) }).catch((error: unknown) => console.log(describe(error)));
console.log(`still waiting: ${busy.statistics().waiting}`);
