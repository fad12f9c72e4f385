/**
 * Each divergence is named by the most specific rule that explains it: barging through any
 * non-blocking call is rule 2; a wrong flag is an observer that does not tell the truth, a
 * wrong count is something lost or duplicated; ownership and conservation are told apart by
 * what was given back, not by which call made the grant. Every case runs the planted bug (the
 * checker must fail, with that rule) and the same program on toro-ts (it must not).
 */

import * as toro from 'toro-ts';
import { nativeAdapter, parseProgram, runProgram, type Adapter, type Composite, type RuleId } from 'toro-ts/check';
import { describe, expect, test } from 'vitest';
import { outOfOrderPuttersQueue } from '../properties/zoo/queue-putters-enter-out-of-order.js';
import { stealingQueue } from '../properties/zoo/queue-asyncio-getnowait-steals-from-woken-getter.js';
import { ReadersStarveWriter } from '../properties/zoo/rwlock-readers-starve-writer.js';
import { bargingSemaphore } from '../properties/zoo/semaphore-asyncio-barging.js';
import { staleReleaserSemaphore } from '../properties/zoo/semaphore-stale-releaser-releases-others-permit.js';

/** What the checker names when `adapter` runs `program`, and what it names when toro-ts's `primitive` does. */
async function named(adapter: Adapter, program: string): Promise<{ rule: RuleId | undefined; summary: string | undefined; real: RuleId | undefined }> {
  const parsed = parseProgram(program);
  const broken = await runProgram(adapter, parsed);
  const real = await runProgram(nativeAdapter(parsed.primitive, toro[parsed.primitive] as never), parsed);
  return { rule: broken.divergence?.rule, summary: broken.divergence?.summary, real: real.divergence?.rule };
}

describe('barging through a non-blocking call is rule 2, whichever the call', () => {
  test('tryAcquire taking the permit a woken waiter is owed', async () => {
    const barging = nativeAdapter('Semaphore', (p) => bargingSemaphore('semaphore', p['value'] ?? 1), { name: 'barging' });
    // Without observers, only the call's result shows the barging.
    const found = await named({ ...barging, observers: {} }, 'new Semaphore(0)\n  tick 1: #0 acquire()\n  tick 2: #1 release(); #2 tryAcquire()');
    expect(found).toEqual({ rule: 'noBarging', summary: 'tryAcquire took what #0, an older waiter, is owed', real: undefined });
  });

  test('tryAcquireRead going in past a waiting writer', async () => {
    const found = await named(nativeAdapter('RWLock', (p) => new ReadersStarveWriter({ maxReaders: p['maxReaders'] ?? Infinity }), { name: 'starving' }), 'new RWLock({ maxReaders: Infinity })\n  tick 1: #0 tryAcquireRead(); #1 acquireWrite()\n  tick 2: #2 tryAcquireRead()');
    expect(found).toEqual({ rule: 'noBarging', summary: 'tryAcquireRead took what #1, an older waiter, is owed', real: undefined });
  });

  test('getNowait taking the item a woken getter is owed, in the same tick as the put', async () => {
    const found = await named(nativeAdapter('Queue', (p) => stealingQueue('fifo', p['maxsize'] ?? 0), { name: 'stealing' }), 'new Queue({ maxsize: 0 })\n  tick 1: #0 get(); #1 put(key 0); #2 getNowait()');
    expect(found).toEqual({ rule: 'noBarging', summary: 'getNowait took what #0, an older waiter, is owed', real: undefined });
  });

  test('putNowait taking the slot a waiting putter is owed', async () => {
    const found = await named(nativeAdapter('Queue', (p) => outOfOrderPuttersQueue('fifo', p['maxsize'] ?? 0), { name: 'out of order' }), 'new Queue({ maxsize: 1 })\n  tick 1: #0 put(key 0); #1 put(key 0)\n  tick 2: #2 get(); #3 putNowait(key 0)');
    expect(found).toEqual({ rule: 'noBarging', summary: 'putNowait took what #1, an older waiter, is owed', real: undefined });
  });

  test('a non-blocking call that takes what nobody has is a duplicate, not barging', async () => {
    // A lock whose tryAcquire always succeeds, as if it had a second permit.
    const lock = nativeAdapter('Lock', toro.Lock, { name: 'free' });
    const free: Adapter = { ...lock, calls: { ...lock.calls, tryAcquire: (l: toro.Lock) => l.tryAcquire() ?? { release: () => undefined } } };
    const found = await named(free, 'new Lock()\n  tick 1: #0 tryAcquire(); #1 tryAcquire()');
    expect(found).toEqual({ rule: 'conservation', summary: 'tryAcquire took something that does not exist', real: undefined });
  });
});

describe('a wrong flag is an observer that does not tell the truth; a wrong count is a loss or a duplicate', () => {
  test('an Event whose isSet() stays true after clear()', async () => {
    class StickyEvent extends toro.Event {
      #cleared = false;
      override clear(): void {
        super.clear();
        this.#cleared = true;
      }
      override isSet(): boolean {
        return this.#cleared || super.isSet();
      }
    }
    const found = await named(nativeAdapter('Event', StickyEvent, { name: 'sticky' }), 'new Event()\n  tick 1: #0 set(); #1 clear()');
    expect(found.rule).toBe('observers');
    expect(found.real).toBeUndefined();
  });

  test("a Semaphore whose release() adds two permits duplicates one", async () => {
    class Doubling extends toro.Semaphore {
      override release(): void {
        super.release();
        super.release();
      }
    }
    const found = await named(nativeAdapter('Semaphore', Doubling, { name: 'doubling' }), 'new Semaphore(0)\n  tick 1: #0 release()');
    expect(found).toEqual({ rule: 'conservation', summary: 'value is 2, the model says 1', real: undefined });
  });
});

describe('ownership or conservation is decided by what was given back, not by the call that made the grant', () => {
  // A releaser that releases the lock without asking whose grant it holds (Tornado's context manager).
  const make = (): object => staleReleaserSemaphore('lock', 1);
  const viaAcquire = nativeAdapter('Lock', make, { name: 'stale releaser' });
  const runExclusive: Composite<{ acquire(): Promise<{ release(): void }> }> = {
    as: 'acquire',
    run: (lock, _context, body) =>
      lock.acquire().then(async (releaser) => {
        try {
          await body();
        } finally {
          releaser.release();
        }
      }),
  };
  const viaRunExclusive: Adapter = { ...viaAcquire, calls: { release: viaAcquire.calls['release'] }, composites: { runExclusive } };
  const stale = '  tick 2: #1 release()\n  tick 3: #2 CALL()\n  tick 4: #3 release() on #0';

  test('through acquire and its releaser: ownership', async () => {
    const found = await named(viaAcquire, `new Lock()\n  tick 1: #0 acquire()\n${stale.replace('CALL', 'acquire')}`);
    expect(found).toEqual({ rule: 'ownership', summary: 'a grant already given back was given back again: locked is false, the model says true', real: undefined });
  });

  test('through runExclusive, whose body ends after its grant was given back: the same rule', async () => {
    const found = await named(viaRunExclusive, `new Lock()\n  tick 1: #0 runExclusive()\n${stale.replace('CALL', 'runExclusive')}`);
    expect(found).toEqual({ rule: 'ownership', summary: 'a grant already given back was given back again: locked is false, the model says true', real: undefined });
  });

  test('a body that ends while it holds its grant gives back nothing twice: toro-ts agrees', async () => {
    const program = parseProgram('new Lock()\n  tick 1: #0 runExclusive()\n  tick 2: #1 release() on #0\n  tick 3: #2 runExclusive()\n  tick 4: #3 release() on #0');
    expect((await runProgram(nativeAdapter('Lock', toro.Lock), program)).divergence).toBeUndefined();
  });
});
