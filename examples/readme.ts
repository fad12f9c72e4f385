// The README's first example: a lock held with `using`, a semaphore with a timeout and a
// signal, a timeout that does happen, and a bounded queue whose consumer ends by shutdown.
// Nothing it takes is left behind: every permit comes back, every waiter settles.
import { Lock, Queue, Semaphore, TimeoutError } from '../src/index.js';

const lock = new Lock();
async function critical(name: string): Promise<void> {
  using _held = await lock.acquire(); // released at the end of the scope
  console.log(`${name} holds the lock`);
  await new Promise((resolve) => setTimeout(resolve, 50)); // ... one task at a time here
}

// At most three downloads at once; each waits at most 5 s, and gives up when `signal` aborts.
const downloads = new Semaphore(3);
async function download(url: string, signal: AbortSignal): Promise<string> {
  using _permit = await downloads.acquire({ timeout: 5_000, signal });
  return `fetched ${url}`; // in real code: (await fetch(url, { signal })).text()
}

const busy = critical('the first task'); // holds the lock for 50 ms
try {
  using _held = await lock.acquire({ timeout: 10 });
  console.log('got the lock');
} catch (error) {
  if (!(error instanceof TimeoutError)) throw error;
  console.log('gave up after 10 ms; nothing was taken');
}
await busy;
console.log(await download('https://example.com/', new AbortController().signal));

// A bounded producer and consumer, Toro's seed program: put waits while the queue is full.
const queue = new Queue<number>({ maxsize: 2 });
async function consumer(): Promise<void> {
  for await (const item of queue) {
    console.log(`Doing work on ${item}`);
    queue.taskDone();
  }
  // The loop ends once the queue is shut down and empty.
}
const consuming = consumer();
for (let item = 0; item < 5; item++) await queue.put(item);
await queue.join(); // every item put has been marked done
queue.shutdown();
await consuming;
console.log(`locked: ${lock.locked()}, permits: ${downloads.value}, waiting: ${queue.statistics().waiting}`);
