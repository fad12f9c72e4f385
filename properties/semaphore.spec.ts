/**
 * The semaphore family (Semaphore, BoundedSemaphore, Lock) as the engine drives it: the model,
 * both sides' construction, and the calls a program makes.
 */

import * as fc from 'fast-check';
import {
  semaphoreInit,
  semaphoreInvariants,
  semaphoreStatistics,
  semaphoreStep,
  type SemaphoreKind,
  type SemaphoreOp,
  type SemaphoreState,
} from '../model/semaphore.js';
import { BoundedSemaphore, Lock, Semaphore } from '../src/index.js';
import { command, waitChoice, waitingCommand, type ModelOf, type Spec, type World } from './harness.js';

/** What a member of the family offers; a zoo entry implements the same. */
export interface SemaphoreLike {
  acquire(options?: { timeout?: number; signal?: AbortSignal }): Promise<{ release(): void }>;
  tryAcquire(): { release(): void } | undefined;
  release(): void;
  statistics(): object;
}

/** An implementation under test, with the observer its kind has (`value` or `locked()`). */
export interface SemaphoreUnderTest {
  readonly kind: SemaphoreKind;
  readonly impl: SemaphoreLike & { readonly value?: number; locked?(): boolean };
}

/** Builds the implementation of a kind with an initial value. */
export type SemaphoreFactory = (kind: SemaphoreKind, value: number) => SemaphoreUnderTest['impl'];

export const realSemaphore: SemaphoreFactory = (kind, value) =>
  kind === 'lock' ? new Lock() : kind === 'bounded' ? new BoundedSemaphore(value) : new Semaphore(value);

type W = World<SemaphoreState, SemaphoreOp, SemaphoreUnderTest>;

export const semaphoreModel: ModelOf<SemaphoreState, SemaphoreOp> = {
  step: semaphoreStep,
  observe: (state) => ({
    statistics: semaphoreStatistics(state),
    observer: state.kind === 'lock' ? state.value === 0 : state.value,
  }),
  invariants: semaphoreInvariants,
  timeoutOp: (waiter) => ({ kind: 'timeout', waiter }),
  abortOp: (waiter) => ({ kind: 'abort', waiter }),
};

const nameHanded = (value: unknown): unknown => (value === undefined ? undefined : 'releaser');

const acquireCommand = waitingCommand<SemaphoreState, SemaphoreOp, SemaphoreUnderTest>(
  'acquire',
  (waiter, options) => ({ kind: 'acquire', waiter, options }),
  (real, options) => real.impl.acquire(options),
  nameHanded,
);

const acquire = waitChoice.map(acquireCommand);

const tryAcquire = fc.constant(
  command<W>('tryAcquire()', (world) => {
    const { id } = world.waiter({ timeout: undefined, signal: 'none' });
    world.both({ kind: 'tryAcquire', waiter: id }, () => world.real.impl.tryAcquire(), id, nameHanded);
  }),
);

const release = fc.constant(command<W>('release()', (world) => world.both({ kind: 'release' }, () => world.real.impl.release())));

/** `releaser(k)`: the k-th releaser handed out so far releases (again, perhaps). */
const releaser = fc.nat(5).map((k) =>
  command<W>(`releaser(${k}).release()`, (world) => {
    const granted = [...world.handed].filter((entry): entry is [number, { release(): void }] => entry[1] !== undefined);
    const chosen = granted[k % Math.max(granted.length, 1)];
    if (chosen === undefined) return;
    const [waiter, handed] = chosen;
    world.both({ kind: 'releaser', waiter }, () => handed.release());
  }),
);

/** The family's spec, for the real implementation or for a zoo entry's. */
export function semaphoreSpec(
  factory: SemaphoreFactory = realSemaphore,
  kinds: readonly SemaphoreKind[] = ['semaphore', 'bounded', 'lock'],
): Spec<SemaphoreState, SemaphoreOp, SemaphoreUnderTest, { kind: SemaphoreKind; value: number }> {
  return {
    name: kinds.length === 1 ? { semaphore: 'Semaphore', bounded: 'BoundedSemaphore', lock: 'Lock' }[kinds[0] ?? 'semaphore'] : 'Semaphore family',
    model: semaphoreModel,
    params: fc.record({ kind: fc.constantFrom<SemaphoreKind>(...kinds), value: fc.nat(3) }),
    init: ({ kind, value }) => {
      const state = semaphoreInit(kind, value);
      if ('error' in state) throw new Error(`bad parameters ${kind} ${value}`);
      return { state, real: { kind, impl: factory(kind, value) } };
    },
    observe: ({ kind, impl }) => ({
      statistics: impl.statistics(),
      observer: kind === 'lock' ? impl.locked?.() : impl.value,
    }),
    commands: fc.oneof(
      { weight: 4, arbitrary: acquire },
      { weight: 1, arbitrary: tryAcquire },
      { weight: 2, arbitrary: release },
      { weight: 3, arbitrary: releaser },
    ),
  };
}
