// A pipeline that ends by itself: the producer shuts the first queue down once it has put
// everything; each fetcher's for-await loop ends when that queue is drained; when both are
// done, the second queue is shut down and the writer's loop ends too. No sentinel values, no
// counting, no break.
import { Queue } from '../src/index.js';

const pages = new Queue<string>({ maxsize: 2 });
const sizes = new Queue<[string, number]>();

async function producer() {
  for (const page of ['a.html', 'bb.html', 'ccc.html', 'dddd.html', 'eeeee.html']) await pages.put(page);
  pages.shutdown(); // nothing more comes; what is queued is still fetched
  console.log('producer done');
}

async function fetcher(name: string) {
  for await (const page of pages) {
    await new Promise((resolve) => setTimeout(resolve, 10)); // fetch it
    await sizes.put([page, page.length]);
  }
  console.log(`${name} done`);
}

async function writer() {
  let total = 0;
  for await (const [page, size] of sizes) {
    console.log(`${page}: ${size} bytes`);
    total += size;
  }
  console.log(`total: ${total} bytes`);
}

const writing = writer();
await Promise.all([producer(), fetcher('fetcher 1'), fetcher('fetcher 2')]);
sizes.shutdown(); // both fetchers are done: the writer ends once it has written everything
await writing;
