// The second program of "Tornado Locks and Queues" (A. Jesse Jiryu Davis, 2015), line for line:
// a producer and a consumer through a queue of at most two items.
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from '../src/index.js';

const q = new Queue<number>({ maxsize: 2 });

async function consumer() {
  while (true) {
    const item = await q.get();
    try {
      console.log(`Doing work on ${item}`);
      await sleep(10);
    } finally {
      q.taskDone();
    }
  }
}

async function producer() {
  for (let item = 0; item < 5; item++) {
    await q.put(item);
    console.log(`Put ${item}`);
  }
}

async function main() {
  void consumer(); // Start consumer.
  await producer(); // Wait for producer to put all tasks.
  await q.join(); // Wait for consumer to finish all tasks.
  console.log('Done');
}

await main();
