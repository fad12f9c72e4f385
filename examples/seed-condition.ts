// The first program of "Tornado Locks and Queues" (A. Jesse Jiryu Davis, 2015), line for line:
// one coroutine waits on a Condition, another notifies it.
import { Condition } from '../src/index.js';

const condition = new Condition();

async function waiter() {
  console.log("I'll wait right here");
  await condition.wait(); // Wait for a notification.
  console.log("I'm done waiting");
}

async function notifier() {
  console.log('About to notify');
  condition.notify();
  console.log('Done notifying');
}

async function runner() {
  // Wait for waiter() and notifier() to finish.
  await Promise.all([waiter(), notifier()]);
}

await runner();
