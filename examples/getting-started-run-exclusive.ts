// The same withdrawals with runExclusive: the lock is held exactly while the function runs,
// and what the function returns comes back. A function that throws still gives the lock back.
import { Lock } from '../src/index.js';

const lock = new Lock();
let balance = 100;

function withdraw(amount: number): Promise<number> {
  return lock.runExclusive(async () => {
    const current = balance;
    await new Promise((resolve) => setTimeout(resolve, 10)); // some I/O while holding the lock
    if (amount > current) throw new RangeError(`cannot withdraw ${amount} from ${current}`);
    balance = current - amount;
    return balance;
  });
}

const results = await Promise.allSettled([withdraw(30), withdraw(90), withdraw(50)]);
for (const result of results) console.log(result.status === 'fulfilled' ? `balance ${result.value}` : (result.reason as Error).message);
console.log(`locked: ${lock.locked()}`);
