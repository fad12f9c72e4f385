/**
 * Composite calls that join the line at the end of the job (`joins: 'endOfJob'`, async's
 * queues): the calls of one job join together, in service order, once its continuations run,
 * before a body that ended in the job gives its grant back. The checker holds a queue that starts
 * its tasks in a microtask to that, and catches one that serves them otherwise.
 */

import { describe, expect, test } from 'vitest';
import { check, showFailure, type Adapter } from '../check/index.js';
import { ModelSession, ProgramError } from '../check/program/model-session.js';
import { parseProgram } from '../check/program/program.js';
import { runProgram } from '../check/run/run.js';

const joins = { composites: { push: 'acquire' }, joins: 'endOfJob' as const };

function trace(text: string, choices: ConstructorParameters<typeof ModelSession>[1] = joins) {
  const program = parseProgram(text);
  const session = new ModelSession(program, choices);
  return program.ticks.map((tick) => session.tick(tick));
}

describe('the model', () => {
  test('the calls of one job join once its continuations run, highest priority first, then in call order', () => {
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 push(); #1 push({ priority: 2 }); #2 push({ priority: 2 })\n  tick 2: #3 release() on #1');
    // Nothing is granted at the call: the permit is still free right after it.
    expect(ticks[0]?.calls[0]).toEqual({ id: 0, result: { kind: 'pending' }, observed: { value: 1, statistics: { value: 1, waiting: 0 } } });
    expect(ticks[0]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
    expect(ticks[1]?.settled).toEqual([{ id: 2, outcome: 'resolved', value: 'handle' }]);
  });

  test('they join before a body that ended in the same job gives its grant back', () => {
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 push()\n  tick 2: #1 push(); #2 release() on #0; #3 push({ priority: 1 })');
    expect(ticks[1]?.settled).toEqual([{ id: 3, outcome: 'resolved', value: 'handle' }]);
    const fifo = trace('new Semaphore({ value: 1 })\n  tick 1: #0 push()\n  tick 2: #1 push(); #2 release() on #0; #3 push()');
    expect(fifo[1]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
  });

  test('given by call name, only those calls join at the end of the job: an idle wait made before an acquire in the same job waits for it', () => {
    const byName = { joins: { idle: 'endOfJob' as const } };
    const ticks = trace('new Semaphore({ value: 1 })\n  tick 1: #0 idle(); #1 acquire()\n  tick 2: #2 release() on #1', byName);
    expect(ticks[0]?.settled).toEqual([{ id: 1, outcome: 'resolved', value: 'handle' }]);
    expect(ticks[1]?.settled).toEqual([{ id: 0, outcome: 'resolved' }]);
    // At the call, it resolves at once: nothing is held yet.
    expect(trace('new Semaphore({ value: 1 })\n  tick 1: #0 idle(); #1 acquire()', {})[0]?.settled).toEqual([
      { id: 0, outcome: 'resolved' },
      { id: 1, outcome: 'resolved', value: 'handle' },
    ]);
    expect(() => trace('new Semaphore({ value: 1 })\n  tick 1: #0 tryAcquire()', { joins: { tryAcquire: 'endOfJob' } })).toThrow(ProgramError);
  });

  test('a call that joins at the end of the job takes no timeout and no signal', () => {
    expect(() => trace('new Semaphore({ value: 1 })\n  tick 1: #0 push({ timeout: 5 })')).toThrow(ProgramError);
    expect(() => trace('new Semaphore({ value: 1 })\n  tick 1: #0 push({ signal: s0 })')).toThrow(ProgramError);
  });
});

/** A priority queue of tasks that starts them in a microtask after `push`, as async's does; `pick` chooses among those waiting. */
class MicrotaskQueue {
  running = 0;
  readonly #waiting: { task: () => unknown; priority: number; done: (v: Promise<unknown>) => void }[] = [];
  #scheduled = false;
  constructor(
    readonly concurrency: number,
    readonly pick: (waiting: readonly { priority: number }[]) => number,
  ) {}
  push(task: () => unknown, priority: number): Promise<unknown> {
    return new Promise((done) => {
      this.#waiting.push({ task, priority, done });
      if (!this.#scheduled) {
        this.#scheduled = true;
        queueMicrotask(() => {
          this.#scheduled = false;
          this.#process();
        });
      }
    });
  }
  #process(): void {
    while (this.running < this.concurrency && this.#waiting.length > 0) {
      const [next] = this.#waiting.splice(this.pick(this.#waiting), 1);
      if (next === undefined) return;
      this.running++;
      const ran = Promise.resolve().then(next.task);
      next.done(ran);
      ran.then(
        () => this.#end(),
        () => this.#end(),
      );
    }
  }
  #end(): void {
    this.running--;
    this.#process();
  }
}

const highestFirst = (waiting: readonly { priority: number }[]): number => waiting.reduce((best, w, i) => (w.priority > (waiting[best]?.priority ?? 0) ? i : best), 0);

const adapter = (name: string, pick: MicrotaskQueue['pick']): Adapter<MicrotaskQueue> => ({
  primitive: 'Semaphore',
  name,
  create: (p) => new MicrotaskQueue(p['value'] ?? 1, pick),
  calls: {},
  composites: { push: { as: 'acquire', run: (q, c, body) => q.push(body, c.priority ?? 0) } },
  priority: { calls: ['push'] },
  observers: { value: (q) => q.concurrency - q.running },
  params: { value: [1, 2] },
  options: { timeout: false, signal: false },
  choices: { joins: 'endOfJob' },
});

describe('the checker', () => {
  test('a queue that starts its tasks in a microtask, highest priority first, agrees declared joins: endOfJob', async () => {
    const result = await check(adapter('a microtask priority queue', highestFirst), { runs: 400, seed: 3 });
    expect(result.failure === undefined ? 'agrees' : showFailure(result.failure)).toBe('agrees');
  });

  test('the same queue, not declared, is caught: a later call of higher priority is served first', async () => {
    const plain: Adapter<MicrotaskQueue> = { ...adapter('a microtask priority queue, undeclared', highestFirst), choices: {} };
    const outcome = await runProgram(plain, parseProgram('new Semaphore({ value: 1 })\n  tick 1: #0 push(); #1 push({ priority: 2 })'));
    expect(outcome.divergence?.rule).toBe('fifo');
  });

  test('a queue declared joins: endOfJob that serves the oldest first, whatever the priority, is caught', async () => {
    const result = await check(adapter('a microtask queue that ignores priorities', () => 0), { runs: 400, seed: 3 });
    expect(result.failure?.divergence.rule).toBe('fifo');
  });
});
