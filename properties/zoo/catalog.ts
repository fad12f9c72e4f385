/**
 * Every entry of the bug zoo: the broken implementation, the bug it reproduces (named and
 * cited), and what the checker finds in it with the zoo's seed: the rule it names and the shrunk
 * program it prints. The zoo tests assert each `caught`; the conformance vectors include each
 * program, with the model's trace.
 */

import type { Adapter } from 'toro-ts/check';
import type { ZooEntry } from '../zoo.js';
import { ExpirationReleasesTwiceLimiter } from './limiter-expiration-releases-twice.js';
import { ZooLimiter } from './limiter-base.js';
import { asPool, ZooPool } from './pool-base.js';
import { UseNeedsAPromisePool } from './pool-use-needs-a-promise.js';
import { ZooPrioritySemaphore } from './semaphore-priority-base.js';
import { LifoAmongEqualsSemaphore } from './semaphore-priority-lifo-among-equals.js';
import { ZooRunSemaphore } from './semaphore-run-exclusive-base.js';
import { WithoutFinallySemaphore } from './semaphore-run-exclusive-without-finally.js';
import { CancelledIndexReusedBarrier } from './barrier-asyncio-cancelled-index-reused.js';
import { ZooBarrier } from './barrier-base.js';
import { ZooCondition } from './condition-base.js';
import { ZooEvent } from './event-base.js';
import { ZooQueue } from './queue-base.js';
import { WakeupReleasesNextCycleBarrier } from './barrier-wakeup-releases-next-cycle.js';
import { ZooShutdownQueue } from './queue-shutdown-base.js';
import { GettersNotWokenQueue } from './queue-shutdown-getters-not-woken.js';
import { ImmediateCountBelowZeroQueue } from './queue-shutdown-immediate-count-below-zero.js';
import { SecondShutdownIgnoredQueue } from './queue-shutdown-second-call-ignored.js';
import { abortLosesNotificationCondition } from './condition-abort-loses-notification.js';
import { newestFirstCondition } from './condition-newest-first.js';
import { notifyAllWakesLaterCondition } from './condition-notify-all-wakes-later-waiter.js';
import { notifyCountsTimedOutCondition } from './condition-notify-counts-timed-out-waiter.js';
import { timerLeakCondition } from './condition-timer-left-running.js';
import { clearUnwakesEvent } from './event-clear-unwakes-waiter.js';
import { newestFirstEvent } from './event-newest-first.js';
import { timerLeakEvent } from './event-timer-left-running.js';
import { stealingQueue } from './queue-asyncio-getnowait-steals-from-woken-getter.js';
import { lateAbortLosesItemQueue } from './queue-get-aborted-after-handoff-loses-item.js';
import { uncountedHandoffQueue } from './queue-handoff-not-counted-as-task.js';
import { outOfOrderPuttersQueue } from './queue-putters-enter-out-of-order.js';
import { timedOutPutterEntersQueue } from './queue-timed-out-putter-item-enters.js';
import { unstableHeapQueue } from './queue-unstable-priority-ties.js';
import { ZooRWLock } from './rwlock-base.js';
import { ZooSemaphore } from './semaphore-base.js';
import { CancelledHeadAdmitsNobody } from './rwlock-cancelled-head-admits-nobody.js';
import { ReadersPassWaitingWriter } from './rwlock-readers-pass-waiting-writer.js';
import { ReadersStarveWriter } from './rwlock-readers-starve-writer.js';
import { ToroRWLock } from './rwlock-toro-write-timeout-leaks-permits.js';
import { AbortedSignalTakesFreeUnits } from './weighted-semaphore-aborted-signal-takes-free-units.js';
import { ZooWeightedSemaphore } from './weighted-semaphore-base.js';
import { CancelledHeadWakesNobody } from './weighted-semaphore-cancelled-head-wakes-nobody.js';
import { SmallOvertakeLarge } from './weighted-semaphore-small-overtake-large.js';
import { bargingSemaphore } from './semaphore-asyncio-barging.js';
import { lateCancelSemaphore } from './semaphore-late-cancel-passes-permit.js';
import { lifoSemaphore } from './semaphore-lifo-wakeup.js';
import { staleReleaserSemaphore } from './semaphore-stale-releaser-releases-others-permit.js';
import { doubleReleaseSemaphore } from './semaphore-releaser-releases-twice.js';
import { timedOutGrantedSemaphore } from './semaphore-timed-out-waiter-granted.js';
import { timerLeakSemaphore } from './semaphore-timer-left-running.js';

type SemaphoreFactory = (kind: 'semaphore' | 'lock', value: number) => object;
const asSemaphore = (f: SemaphoreFactory): ZooEntry['make'] => (p) => f('semaphore', p['value'] ?? 1);
const asLock = (f: SemaphoreFactory): ZooEntry['make'] => () => f('lock', 1);

type QueueFactory = (order: 'fifo' | 'lifo' | 'priority', maxsize: number) => object;
const fifo = (f: QueueFactory): ZooEntry['make'] => (p) => f('fifo', p['maxsize'] ?? 0);

/** The semaphore entries. */
export const semaphoreZoo: readonly ZooEntry[] = [
  {
    bug: 'asyncio Semaphore barging (bpo-45997 / gh-90155)',
    primitive: 'Semaphore',
    make: asSemaphore(bargingSemaphore),
    caught: { rule: 'observers', program: 'new Semaphore(0)\n  tick 1: #0 acquire()\n  tick 2: #1 release()' },
  },
  {
    bug: 'asyncio Lock barging, seen as locked() false while a waiter waits',
    primitive: 'Lock',
    make: asLock(bargingSemaphore),
    caught: { rule: 'observers', program: 'new Lock()\n  tick 1: #0 acquire(); #1 acquire(); #2 release()' },
  },
  {
    bug: 'a cancellation after the handoff passes the permit on (the Tornado #2826 pattern)',
    primitive: 'Semaphore',
    make: asSemaphore(lateCancelSemaphore),
    caught: { rule: 'cleanup', program: 'new Semaphore(0)\n  tick 1: #0 acquire({ signal: s0 }); #1 release()' },
  },
  {
    bug: 'LIFO instead of FIFO wakeup',
    primitive: 'Semaphore',
    make: asSemaphore(lifoSemaphore),
    caught: { rule: 'fifo', program: 'new Semaphore(0)\n  tick 1: #0 acquire()\n  tick 2: #1 acquire()\n  tick 3: #2 release()' },
  },
  {
    bug: 'LIFO instead of FIFO wakeup, in a lock',
    primitive: 'Lock',
    make: asLock(lifoSemaphore),
    caught: { rule: 'fifo', program: 'new Lock()\n  tick 1: #0 acquire(); #1 acquire(); #2 acquire(); #3 release()' },
  },
  {
    bug: 'a Releaser that releases twice',
    primitive: 'Semaphore',
    make: asSemaphore(doubleReleaseSemaphore),
    caught: { rule: 'ownership', program: 'new Semaphore(1)\n  tick 1: #0 tryAcquire(); #1 release()\n  tick 2: #2 release() on #0' },
  },
  {
    bug: 'a Releaser that releases twice, in a lock',
    primitive: 'Lock',
    make: asLock(doubleReleaseSemaphore),
    caught: { rule: 'ownership', program: 'new Lock()\n  tick 1: #0 acquire(); #1 release()\n  tick 2: #2 release() on #0' },
  },
  {
    bug: "a stale releaser that gives back someone else's permit (Tornado's context manager releases on every exit)",
    primitive: 'Lock',
    make: asLock(staleReleaserSemaphore),
    caught: { rule: 'ownership', program: 'new Lock()\n  tick 1: #0 acquire(); #1 release()\n  tick 2: #2 release() on #0' },
  },
  {
    bug: 'a timed-out waiter left in the queue and later granted (a lost permit)',
    primitive: 'Semaphore',
    make: asSemaphore(timedOutGrantedSemaphore),
    caught: { rule: 'cleanup', program: 'new Semaphore(0)\n  tick 1: #0 acquire({ timeout: 5 })\n  tick 2: advance(50)' },
  },
  {
    bug: 'a timeout timer left running after the waiter was granted',
    primitive: 'Semaphore',
    make: asSemaphore(timerLeakSemaphore),
    caught: { rule: 'cleanup', program: 'new Semaphore(0)\n  tick 1: #0 acquire({ timeout: 5 })\n  tick 2: #1 release()' },
  },
];

/** The event entries. */
export const eventZoo: readonly ZooEntry[] = [
  {
    bug: 'clear() un-waking an already-woken waiter (CPython bpo-13502)',
    primitive: 'Event',
    make: clearUnwakesEvent,
    caught: { rule: 'conservation', program: 'new Event()\n  tick 1: #0 wait()\n  tick 2: #1 set(); #2 clear()' },
  },
  {
    bug: 'newest-first wakeup',
    primitive: 'Event',
    make: newestFirstEvent,
    caught: { rule: 'settlementOrder', program: 'new Event()\n  tick 1: #0 wait(); #1 wait()\n  tick 2: #2 set()' },
  },
  {
    bug: 'a timeout timer left running after set() woke the waiter',
    primitive: 'Event',
    make: timerLeakEvent,
    caught: { rule: 'cleanup', program: 'new Event()\n  tick 1: #0 wait({ timeout: 5 })\n  tick 2: #1 set()' },
  },
];

/** The condition entries. */
export const conditionZoo: readonly ZooEntry[] = [
  {
    bug: 'notify(n) counting a timed-out waiter (Tornado/Toro notify_n_with_timeout)',
    primitive: 'Condition',
    make: notifyCountsTimedOutCondition,
    caught: { rule: 'conservation', program: 'new Condition()\n  tick 1: #0 wait({ timeout: 5 })\n  tick 2: #1 wait()\n  tick 3: advance(5); #2 notify()' },
  },
  {
    bug: 'a notification lost to a waiter aborted in the same tick (CPython gh-112202)',
    primitive: 'Condition',
    make: abortLosesNotificationCondition,
    caught: { rule: 'atomicCancellation', program: 'new Condition()\n  tick 1: #0 wait({ signal: s0 }); #1 notify(); abort(s0)' },
  },
  {
    bug: 'newest-first wakeup',
    primitive: 'Condition',
    make: newestFirstCondition,
    caught: { rule: 'fifo', program: 'new Condition()\n  tick 1: #0 wait(); #1 wait()\n  tick 2: #2 notify()' },
  },
  {
    bug: 'notifyAll waking a waiter registered after the call',
    primitive: 'Condition',
    make: notifyAllWakesLaterCondition,
    caught: { rule: 'conservation', program: 'new Condition()\n  tick 1: #0 notifyAll(); #1 wait()' },
  },
  {
    bug: 'a timeout timer left running after the waiter was notified',
    primitive: 'Condition',
    make: timerLeakCondition,
    caught: { rule: 'cleanup', program: 'new Condition()\n  tick 1: #0 wait({ timeout: 5 }); #1 notify()' },
  },
];

/** The queue entries. */
export const queueZoo: readonly ZooEntry[] = [
  {
    bug: 'a get aborted after its handoff losing the item (bpo-23812, Tornado #2826)',
    primitive: 'Queue',
    make: fifo(lateAbortLosesItemQueue),
    caught: { rule: 'atomicCancellation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get({ signal: s0 })\n  tick 2: #1 put(key 0); abort(s0)' },
  },
  {
    bug: 'putters entering out of order (gh-83055)',
    primitive: 'Queue',
    make: fifo(outOfOrderPuttersQueue),
    caught: { rule: 'observers', program: 'new Queue({ maxsize: 1 })\n  tick 1: #0 put(key 0); #1 put(key 0)\n  tick 2: #2 getNowait()' },
  },
  {
    bug: "asyncio's wake-and-retry letting getNowait steal from a woken getter",
    primitive: 'Queue',
    make: fifo(stealingQueue),
    caught: { rule: 'observers', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get()\n  tick 2: #1 putNowait(key 0)' },
  },
  {
    bug: 'a handed-off item not counted as a task (join resolving early)',
    primitive: 'Queue',
    make: fifo(uncountedHandoffQueue),
    caught: { rule: 'conservation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get()\n  tick 2: #1 putNowait(key 0)' },
  },
  {
    bug: 'an unstable priority order for ties',
    primitive: 'PriorityQueue',
    make: (p) => unstableHeapQueue('priority', p['maxsize'] ?? 0),
    caught: {
      rule: 'queues',
      program: 'new PriorityQueue({ maxsize: 0 })\n  tick 1: #0 put(key 0); #1 put(key 0); #2 put(key 0)\n  tick 2: #3 get(); #4 getNowait()',
    },
  },
  {
    bug: 'a timed-out putter whose item still enters the queue',
    primitive: 'Queue',
    make: fifo(timedOutPutterEntersQueue),
    caught: {
      rule: 'conservation',
      program: 'new Queue({ maxsize: 1 })\n  tick 1: #0 put(key 0); #1 put(key 0, { timeout: 1 })\n  tick 2: advance(10)\n  tick 3: #2 get()',
    },
  },
];

const weighted = (C: typeof ZooWeightedSemaphore): ZooEntry['make'] => (p) => new C(p['capacity'] ?? 1);
const rwlock = (C: new (options: { maxReaders?: number }) => object): ZooEntry['make'] => (p) => new C({ maxReaders: p['maxReaders'] ?? Number.POSITIVE_INFINITY });

/** The weighted semaphore entries. */
export const weightedSemaphoreZoo: readonly ZooEntry[] = [
  {
    bug: 'a cancelled head that wakes nobody (golang/go#37852, embassy-rs/embassy#6964)',
    primitive: 'WeightedSemaphore',
    make: weighted(CancelledHeadWakesNobody),
    caught: { rule: 'conservation', program: 'new WeightedSemaphore(3)\n  tick 1: #0 runExclusive(weight 1)\n  tick 2: #1 runExclusive(weight 3, { timeout: 1 }); #2 runExclusive(weight 1)\n  tick 3: advance(1)' },
  },
  {
    bug: 'small requests overtaking a blocked large one (Effect-TS/effect#2107)',
    primitive: 'WeightedSemaphore',
    make: weighted(SmallOvertakeLarge),
    caught: { rule: 'fifo', program: 'new WeightedSemaphore(3)\n  tick 1: #0 runExclusive(weight 1)\n  tick 2: #1 runExclusive(weight 3); #2 runExclusive(weight 1)' },
  },
  {
    bug: 'an already-aborted signal that still takes free units (golang/go#63615)',
    primitive: 'WeightedSemaphore',
    make: weighted(AbortedSignalTakesFreeUnits),
    caught: { rule: 'atomicCancellation', program: 'new WeightedSemaphore(1)\n  tick 1: abort(s0); #0 acquire(weight 1, { signal: s0 })' },
  },
];

/** The reader-writer lock entries. */
export const rwlockZoo: readonly ZooEntry[] = [
  {
    bug: 'readers that starve a waiting writer (async-rwlock 1.1.1)',
    primitive: 'RWLock',
    make: rwlock(ReadersStarveWriter),
    caught: { rule: 'fifo', program: 'new RWLock({ maxReaders: 2 })\n  tick 1: #0 runRead()\n  tick 2: #1 acquireWrite()\n  tick 3: #2 runRead()' },
  },
  {
    bug: 'readers admitted past a waiting writer when a writer leaves (async-rwlock 1.1.1, two queues)',
    primitive: 'RWLock',
    make: rwlock(ReadersPassWaitingWriter),
    caught: { rule: 'fifo', program: 'new RWLock({ maxReaders: 1 })\n  tick 1: #0 tryAcquireRead(); #1 runWrite()\n  tick 2: #2 runRead()\n  tick 3: #3 release() on #0' },
  },
  {
    bug: 'a cancelled head writer that admits nobody (golang/go#37852, on an RWMutex built from a semaphore)',
    primitive: 'RWLock',
    make: rwlock(CancelledHeadAdmitsNobody),
    caught: { rule: 'conservation', program: 'new RWLock({ maxReaders: Infinity })\n  tick 1: #0 acquireRead()\n  tick 2: #1 runWrite({ signal: s0 })\n  tick 3: #2 acquireRead()\n  tick 4: abort(s0)' },
  },
  {
    bug: "Toro's RWLock: a write that times out part-way keeps the permits it got (ajdavis/toro acquire_write)",
    primitive: 'RWLock',
    make: rwlock(ToroRWLock),
    // Toro's lock is a semaphore of maxReaders permits: it has no unlimited readers.
    adapt: (adapter) => ({ ...adapter, params: { maxReaders: [1, 2] } }),
    caught: { rule: 'conservation', program: 'new RWLock({ maxReaders: 1 })\n  tick 1: #0 acquireWrite()' },
  },
];


const barrierOf = (C: typeof ZooBarrier): ZooEntry['make'] => (p) => new C(p['parties'] ?? 1);
const shutdownQueue = (C: typeof ZooShutdownQueue): ZooEntry['make'] => (p) => new C({ maxsize: p['maxsize'] ?? 0 });

/** The barrier entries. */
export const barrierZoo: readonly ZooEntry[] = [
  {
    bug: "a cancelled waiter's index handed out again (asyncio Barrier, python/cpython gh-155233)",
    primitive: 'Barrier',
    make: barrierOf(CancelledIndexReusedBarrier),
    caught: { rule: 'returns', program: 'new Barrier(3)\n  tick 1: #0 wait({ timeout: 10 }); #1 wait(); advance(10); #2 wait()\n  tick 2: #3 wait()' },
  },
  {
    bug: 'a wakeup that lets a caller of the next cycle through (lars-t-hansen/parlib-simple#30)',
    primitive: 'Barrier',
    make: barrierOf(WakeupReleasesNextCycleBarrier),
    caught: { rule: 'settlementOrder', program: 'new Barrier(2)\n  tick 1: #0 wait(); #1 wait()' },
  },
];

/** The queue shutdown entries. */
export const shutdownZoo: readonly ZooEntry[] = [
  {
    bug: 'getters waiting at shutdown never woken (python/cpython gh-117531)',
    primitive: 'Queue',
    make: shutdownQueue(GettersNotWokenQueue),
    caught: { rule: 'conservation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 get(); #1 shutdown()' },
  },
  {
    bug: "an immediate shutdown's task count going below zero (python/cpython#104750)",
    primitive: 'Queue',
    make: shutdownQueue(ImmediateCountBelowZeroQueue),
    caught: { rule: 'conservation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 putNowait(key 0); #1 taskDone(); #2 shutdown(immediate)' },
  },
  {
    bug: 'a second shutdown, immediate, ignored (getkyo/kyo#1772)',
    primitive: 'Queue',
    make: shutdownQueue(SecondShutdownIgnoredQueue),
    caught: { rule: 'conservation', program: 'new Queue({ maxsize: 0 })\n  tick 1: #0 putNowait(key 0); #1 shutdown(); #2 shutdown(immediate)' },
  },
];


/** A limiter's jobs: `runExclusive(fn, { limit })`, whose limit passing rejects the job with a TimeoutError. */
const withLimit = (adapter: Adapter): Adapter => {
  const runExclusive = adapter.composites?.['runExclusive'];
  if (runExclusive === undefined) throw new TypeError(`${adapter.name} has no runExclusive to give a limit`);
  return { ...adapter, composites: { ...adapter.composites, runExclusive: { ...runExclusive, limit: { settles: 'timeout' } } } };
};

/** Waiters that give a priority: `acquire({ priority })`. */
const withPriority = (adapter: Adapter): Adapter => ({ ...adapter, priority: { calls: ['acquire'] } });

/** The entries whose bugs only a composite's body, or its limit, shows. */
export const compositeZoo: readonly ZooEntry[] = [
  {
    bug: 'runExclusive without finally, losing the lock when fn throws or rejects (aermin/web-locks#42, rogierschouten/async-lock#51)',
    primitive: 'Lock',
    make: () => new WithoutFinallySemaphore('lock', 1),
    caught: { rule: 'conservation', program: 'new Lock()\n  tick 1: #0 runExclusive(fn throws)' },
  },
  {
    bug: "a limiter's expiration that frees the job's slot, which the job's end frees again (openclaw/openclaw#50307, zoolutions/pgbus#460)",
    primitive: 'Semaphore',
    make: (p) => new ExpirationReleasesTwiceLimiter('semaphore', p['value'] ?? 1),
    adapt: withLimit,
    caught: { rule: 'ownership', program: 'new Semaphore(0)\n  tick 1: #0 release()\n  tick 2: #1 runExclusive({ limit: 1 })\n  tick 3: advance(20)\n  tick 4: #2 release() on #1' },
  },
];

/** The entries for pools: semaphores whose permits are resources lent by value. */
export const poolZoo: readonly ZooEntry[] = [
  {
    bug: "a pool's use(fn) that gives the resource back only through fn's promise, so a fn that returns a value or throws keeps it for ever (generic-pool 3.9.0, coopernurse/node-pool#296)",
    primitive: 'Semaphore',
    make: (p) => new UseNeedsAPromisePool('semaphore', p['value'] ?? 1),
    adapt: asPool,
    caught: { rule: 'conservation', program: 'new Semaphore(1)\n  tick 1: #0 runExclusive(fn returns)' },
  },
];

/** The entries whose bugs only waiters with priorities show. */
export const priorityZoo: readonly ZooEntry[] = [
  {
    bug: 'equal priorities served out of order, LIFO among equals (brandoncarl/taskco#11)',
    primitive: 'Lock',
    make: () => new LifoAmongEqualsSemaphore('lock', 1),
    adapt: withPriority,
    caught: {
      rule: 'fifo',
      program: 'new Lock()\n  tick 1: #0 acquire()\n  tick 2: #1 acquire()\n  tick 3: #2 acquire({ priority: 1 })\n  tick 4: #3 acquire({ priority: 1 })\n  tick 5: #4 release()',
    },
  },
];

/** A family of the zoo: its entries, and the plain implementations they break in one place, which pass. */
export interface ZooFamily {
  readonly name: string;
  readonly entries: readonly ZooEntry[];
  readonly plain: readonly Pick<ZooEntry, 'primitive' | 'make' | 'adapt'>[];
}

/** The zoo, family by family. */
export const zooFamilies: readonly ZooFamily[] = [
  {
    name: 'semaphore',
    entries: semaphoreZoo,
    plain: [
      { primitive: 'Semaphore', make: (p) => new ZooSemaphore('semaphore', p['value'] ?? 1) },
      { primitive: 'Lock', make: () => new ZooSemaphore('lock', 1) },
    ],
  },
  { name: 'weighted semaphore', entries: weightedSemaphoreZoo, plain: [{ primitive: 'WeightedSemaphore', make: weighted(ZooWeightedSemaphore) }] },
  { name: 'reader-writer lock', entries: rwlockZoo, plain: [{ primitive: 'RWLock', make: rwlock(ZooRWLock) }] },
  { name: 'event', entries: eventZoo, plain: [{ primitive: 'Event', make: () => new ZooEvent() }] },
  { name: 'condition', entries: conditionZoo, plain: [{ primitive: 'Condition', make: () => new ZooCondition() }] },
  { name: 'barrier', entries: barrierZoo, plain: [{ primitive: 'Barrier', make: barrierOf(ZooBarrier) }] },
  {
    name: 'queue',
    entries: queueZoo,
    plain: [
      { primitive: 'Queue', make: (p) => new ZooQueue('fifo', p['maxsize'] ?? 0) },
      { primitive: 'LifoQueue', make: (p) => new ZooQueue('lifo', p['maxsize'] ?? 0) },
      { primitive: 'PriorityQueue', make: (p) => new ZooQueue('priority', p['maxsize'] ?? 0) },
    ],
  },
  { name: 'queue shutdown', entries: shutdownZoo, plain: [{ primitive: 'Queue', make: shutdownQueue(ZooShutdownQueue) }] },
  {
    name: 'composite',
    entries: compositeZoo,
    plain: [
      { primitive: 'Lock', make: () => new ZooRunSemaphore('lock', 1) },
      { primitive: 'Semaphore', make: (p) => new ZooRunSemaphore('semaphore', p['value'] ?? 1) },
      { primitive: 'Semaphore', make: (p) => new ZooLimiter('semaphore', p['value'] ?? 1), adapt: withLimit },
    ],
  },
  { name: 'pool', entries: poolZoo, plain: [{ primitive: 'Semaphore', make: (p) => new ZooPool('semaphore', p['value'] ?? 1), adapt: asPool }] },
  {
    name: 'priority',
    entries: priorityZoo,
    plain: [
      { primitive: 'Lock', make: () => new ZooPrioritySemaphore('lock', 1), adapt: withPriority },
      { primitive: 'Semaphore', make: (p) => new ZooPrioritySemaphore('semaphore', p['value'] ?? 1), adapt: withPriority },
    ],
  },
];

/** Every entry. */
export const zoo: readonly ZooEntry[] = [...semaphoreZoo, ...weightedSemaphoreZoo, ...rwlockZoo, ...eventZoo, ...conditionZoo, ...barrierZoo, ...queueZoo, ...shutdownZoo, ...compositeZoo, ...poolZoo, ...priorityZoo];
