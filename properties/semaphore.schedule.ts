/**
 * The semaphore family under user continuations interleaved by fast-check's scheduler: tasks
 * that acquire, do some awaited work, release, and perhaps acquire again at once (in the same
 * job, the moment that lets a barging semaphore cut in), in whatever order their continuations
 * happen to run. Whatever the interleaving, at most `value` tasks hold a permit at once, permits
 * are granted in the order they were requested, every task finishes, and every permit comes
 * back.
 */

import * as fc from 'fast-check';
/** Makes a member of the semaphore family with an initial value. */
export type SemaphoreFactory = (kind: 'semaphore' | 'bounded' | 'lock', value: number) => {
  acquire(): Promise<{ release(): void }>;
  statistics(): object;
};

const taskShape = fc.record({ steps: fc.nat(3), rounds: fc.integer({ min: 1, max: 3 }) });

export function servesEveryTaskInOrder(factory: SemaphoreFactory): fc.IAsyncPropertyWithHooks<[fc.Scheduler, number, { steps: number; rounds: number }[]]> {
  return fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 3 }), fc.array(taskShape, { minLength: 1, maxLength: 6 }), async (s, value, shapes) => {
    const semaphore = factory('bounded', value);
    const requested: number[] = [];
    const granted: number[] = [];
    let inside = 0;
    let most = 0;
    const task = async (i: number, steps: number, rounds: number): Promise<void> => {
      await s.schedule(Promise.resolve(), `task ${i} starts`);
      requested.push(i);
      let pending = semaphore.acquire();
      for (let round = 0; round < rounds; round++) {
        const releaser = await pending;
        granted.push(i);
        most = Math.max(most, ++inside);
        for (let k = 0; k < steps; k++) await s.schedule(Promise.resolve(), `task ${i} works`);
        inside--;
        releaser.release();
        releaser.release();
        if (round + 1 < rounds) {
          requested.push(i);
          pending = semaphore.acquire();
        }
      }
    };
    const tasks = shapes.map(({ steps, rounds }, i) => task(i, steps, rounds));
    await s.waitIdle();
    await Promise.all(tasks);
    if (most > value) throw new Error(`${most} tasks held a permit at once; only ${value} exist`);
    if (granted.join() !== requested.join()) throw new Error(`permits went to ${granted.join()}, requested by ${requested.join()}`);
    const stats = semaphore.statistics() as { value?: number; waiting?: number };
    if (stats.value !== value || stats.waiting !== 0) throw new Error(`after every task, ${JSON.stringify(stats)}; expected value ${value}, none waiting`);
  });
}
