// A lock around a read-modify-write that awaits in the middle: without it, both withdrawals
// would read 100, and the balance would end at 50 instead of 20.
import { Lock } from '../src/index.js';

const lock = new Lock();
let balance = 100;

async function withdraw(amount: number) {
  using _held = await lock.acquire(); // released when the block ends, even if it throws
  const current = balance;
  await new Promise((resolve) => setTimeout(resolve, 10)); // some I/O while holding the lock
  balance = current - amount;
  console.log(`withdrew ${amount}, balance ${balance}`);
}

await Promise.all([withdraw(30), withdraw(50)]);
console.log(`final balance ${balance}`);
