// A bounded producer and two consumers: put() waits while two items wait, so the producer
// never runs far ahead; join() waits until every item put has been marked done.
import { Queue } from '../src/index.js';

const queue = new Queue<string>({ maxsize: 2 });

async function producer() {
  for (const page of ['a.html', 'b.html', 'c.html', 'd.html']) {
    await queue.put(page);
  }
}

async function consumer(name: string) {
  for (;;) {
    const page = await queue.get();
    console.log(`${name} fetches ${page}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    queue.taskDone();
  }
}

void consumer('worker 1');
void consumer('worker 2');
await producer();
await queue.join();
console.log('all fetched');
