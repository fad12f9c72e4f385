/**
 * Every library the checker is run on, in the order the peers page lists them.
 *
 * @module
 */

import { peer as asyncMutex } from './async-mutex.js';
import { peer as asyncSema } from './async-sema.js';
import { peer as pLimit } from './p-limit.js';
import { peer as esfxAsyncMutex } from './esfx-async-mutex.js';
import { peer as esfxAsyncSemaphore } from './esfx-async-semaphore.js';
import { peer as esfxAsyncQueue } from './esfx-async-queue.js';
import { peer as asyncLock } from './async-lock.js';
import { peer as awaitSemaphore } from './await-semaphore.js';
import { peer as mutexify } from './mutexify.js';
import { peer as awaitLock } from './await-lock.js';
import { peer as pMutex } from './p-mutex.js';
import { peer as semaphore } from './semaphore.js';
import { peer as semaphoreAsyncAwait } from './semaphore-async-await.js';
import { peer as sapphireAsyncQueue } from './sapphire-async-queue.js';
import { peer as genericPool } from './generic-pool.js';
import { peer as tarn } from './tarn.js';
import type { Peer } from './peer.js';

export const peers: readonly Peer[] = [asyncMutex, asyncSema, pLimit, esfxAsyncMutex, esfxAsyncSemaphore, esfxAsyncQueue, asyncLock, awaitSemaphore, mutexify, awaitLock, pMutex, semaphore, semaphoreAsyncAwait, sapphireAsyncQueue, genericPool, tarn];

/** A library's name as a file name: `@esfx/async-mutex` is `esfx-async-mutex`. */
export function slug(library: string): string {
  return library.replace(/^@/, '').replace(/[^A-Za-z0-9.-]+/g, '-');
}
