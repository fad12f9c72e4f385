/**
 * Fair async coordination primitives: locks, semaphores, events, conditions and queues with
 * timeouts and `AbortSignal`, each the implementation of a specification in `toro-ts/model`.
 *
 * @module toro-ts
 */

export { BrokenBarrierError, InvalidStateError, QueueEmpty, QueueFull, QueueShutDown, TimeoutError } from './errors.js';
export type { WaitOptions } from './options.js';
export { BoundedSemaphore, Releaser, Semaphore, type SemaphoreStatistics } from './semaphore.js';
export { Lock, type LockStatistics } from './lock.js';
export { Event, type EventStatistics } from './event.js';
export { Condition, type ConditionStatistics } from './condition.js';
export { LifoQueue, PriorityQueue, Queue, type PriorityQueueOptions, type QueueOptions, type QueueStatistics } from './queue.js';
export { WeightedSemaphore, type WeightedSemaphoreStatistics } from './weighted-semaphore.js';
export { RWLock, type RWLockOptions, type RWLockStatistics } from './rwlock.js';
export { Barrier, type BarrierStatistics } from './barrier.js';
