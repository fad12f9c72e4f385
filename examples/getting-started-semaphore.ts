// At most two requests at a time; a request that cannot start within 50 ms gives up.
import { Semaphore, TimeoutError } from '../src/index.js';

const connections = new Semaphore(2);

async function fetchPage(id: number) {
  try {
    using _permit = await connections.acquire({ timeout: 50 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // a slow request
    console.log(`page ${id} fetched`);
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    console.log(`page ${id} gave up after ${error.timeout} ms`);
  }
}

await Promise.all([1, 2, 3].map(fetchPage));
