/**
 * await-semaphore: `Semaphore(n)` is a Semaphore and `Mutex` a Lock. `acquire()` resolves to the
 * release function, the model's handle; there is no release on the primitive, no `tryAcquire`,
 * no timeout and no signal. The count is the public field `count`.
 *
 * @module
 */

import { createRequire } from 'node:module';
import type { Adapter } from '../check/index.js';
import type { Peer } from './peer.js';

/**
 * The library's API, as used here. It ships its TypeScript source and no declarations, and that
 * source does not compile under this project's settings, so it is loaded without it.
 */
interface AwaitSemaphore {
  count: number;
  acquire(): Promise<() => void>;
}
const { Mutex, Semaphore } = createRequire(import.meta.url)('await-semaphore') as {
  readonly Semaphore: new (count: number) => AwaitSemaphore;
  readonly Mutex: new () => AwaitSemaphore;
};

const imports = "import { Mutex, Semaphore } from 'await-semaphore';";

const semaphore: Adapter<AwaitSemaphore> = {
  primitive: 'Semaphore',
  name: 'await-semaphore Semaphore',
  create: (p) => new Semaphore(p['value'] ?? 1),
  calls: { acquire: (s) => s.acquire() },
  handleRelease: (_s, c) => (c.handle as () => void)(),
  observers: { value: (s) => s.count },
  options: { timeout: false, signal: false },
  choices: { observe: 'afterTick' },
  imports,
};

const mutex: Adapter<AwaitSemaphore> = {
  primitive: 'Lock',
  name: 'await-semaphore Mutex',
  create: () => new Mutex(),
  calls: { acquire: (m) => m.acquire() },
  handleRelease: (_m, c) => (c.handle as () => void)(),
  observers: { locked: (m) => m.count === 0 },
  options: { timeout: false, signal: false },
  choices: { observe: 'afterTick' },
  imports,
};

export const adapters: readonly Adapter[] = [semaphore, mutex];

export const peer: Peer = {
  library: 'await-semaphore',
  section: 'Locks and semaphores',
  version: '0.1.3',
  repository: 'https://github.com/notenoughneon/await-semaphore',
  mapping: '`Semaphore(n)` is a Semaphore and `Mutex` a Lock. `acquire()` resolves to the release function, the model\'s handle. No release on the primitive, no `tryAcquire`, no timeouts, no signals; the count is the public field `count`.',
  adapters,
  why: {
    observe: '`acquire()` queues every request and grants it from a `process.nextTick` callback, in FIFO order, so `count` (a public field the README does not document) changes once that callback has run, not during the call.',
  },
  variants: [{ adapter: semaphore }, { adapter: mutex }],
};
