/**
 * The contract choices by name, as data: every choice an adapter or a driver may declare
 * ({@link ModelChoices}, which change what the model says, and {@link CompareChoices}, which
 * change what counts as a divergence), with its values, the model's own first, and what it
 * means. The one list the lists elsewhere come from: the guides' tables, the protocol's schema
 * and table, the explorer's choice pickers. The types below fail to compile when this list and
 * the two interfaces part. Pure.
 *
 * @module
 */

import type { ModelChoices } from '../program/families/index.js';
import type { CompareChoices } from './compare.js';

/** Every choice an adapter or a driver may declare. */
export type ContractChoices = ModelChoices & CompareChoices;

/** One contract choice, as a reader picks it. */
export interface ChoiceInfo<V extends string = string> {
  /** What it changes: what the model says, or what the comparison accepts. */
  readonly changes: 'model' | 'comparison';
  /** Its values, the model's own first; empty for a choice that is a map (`composites`) or a list of names (`abortsBodies`). */
  readonly values: readonly V[];
  /** What the values mean, one sentence, in markdown. */
  readonly meaning: string;
  /** It may also be given by call name, as a map from call to value (`zeroTimeout`). */
  readonly byCall?: boolean;
  /** How it is written when it is a map or a list, for a reader: `{ "runExclusive": "acquire" }`, `["add"]`. */
  readonly form?: string;
}

/** The values a choice takes, without its by-call form. */
type ValuesOf<K extends keyof ContractChoices> = Extract<NonNullable<ContractChoices[K]>, string>;

/** The contract choices, in the order the guides list them. */
export const CONTRACT_CHOICES = {
  releaser: {
    changes: 'model',
    values: ['once', 'everyCall'],
    meaning: "`everyCall`: a releaser's `release()` is the primitive's `release()`, every time (Tornado's context manager releases on every exit).",
  },
  zeroTimeout: {
    changes: 'model',
    values: ['immediate', 'none', 'timer', 'refused'],
    byCall: true,
    meaning:
      'what `timeout: 0` means for a call that cannot complete now: time out at once; no timeout at all; a 0 ms timer (it times out once the tick\'s continuations have run, unless served in the same tick); a deadline already past, which refuses even a call that could complete now, as an aborted signal does, and times it out (trio\'s cancel scopes). Also given by call name (`{ "get": "none", "join": "timer" }`): the calls not named keep the model\'s.',
  },
  composites: {
    changes: 'model',
    values: [],
    form: '{ "runExclusive": "acquire" }',
    meaning: "composite calls the implementation offers (`runExclusive(fn)`), each named with the model's call it stands for: the model treats the composite as that call, and a call on its handle as that handle's release.",
  },
  limits: {
    changes: 'model',
    values: [],
    form: '{ "runExclusive": "withBody" }',
    meaning:
      'the composite calls that take a limit (a time after which the grant goes back on its own), by name, each with how it settles when the limit passes first: `timeout` (the model\'s: it rejects with a `TimeoutError`), `resolved` (with nothing), or `withBody` (when its body ends, as the body ended).',
  },
  abortsBodies: {
    changes: 'model',
    values: [],
    form: '["add"]',
    meaning:
      "the composite calls whose signal still cancels them once their body runs (p-queue's `add`): an abort then is a forced release, as a limit's (the grant goes back, the next waiter is served, the composite rejects with the signal's reason, the body's end gives back nothing), and the library listens on the signal while the body runs.",
  },
  joins: {
    changes: 'model',
    values: ['call', 'endOfJob'],
    byCall: true,
    meaning:
      "when a composite call joins the line: at the call (the model's); or `endOfJob`, once the job's continuations run, with the job's other composite calls in service order (async's queues start tasks in a microtask after `push`). Also given by call name (`{ \"idle\": \"endOfJob\" }`: fastq's `drained()`).",
  },
  abortedSignal: {
    changes: 'model',
    values: ['refused', 'afterCall'],
    meaning:
      'what a call made with a signal already aborted does: reject at once and take nothing; or be made, then cancelled at once (a port without cancellation tokens cancels the future the call returned), so a call that completes at once keeps what it took.',
  },
  settlementOrder: {
    changes: 'comparison',
    values: ['exact', 'perTick'],
    meaning: '`perTick`: which waiters settled in a tick, and how, is compared, not their order.',
  },
  timers: {
    changes: 'comparison',
    values: ['perWaiter', 'own', 'unchecked'],
    meaning: 'how live timers are compared: one per waiting call with a timeout; only "none once nobody waits with a timeout"; not at all.',
  },
  observe: {
    changes: 'comparison',
    values: ['atCall', 'afterTick'],
    meaning: 'whether the observers are compared right after every call, or only once each tick\'s continuations have run.',
  },
  refusedRelease: {
    changes: 'comparison',
    values: ['throws', 'ignored'],
    meaning: '`ignored`: a `release()` the model refuses (an unlocked Lock, a BoundedSemaphore at its bound) returns and changes nothing.',
  },
  spentReleaser: {
    changes: 'comparison',
    values: ['ignored', 'throws'],
    meaning: '`throws`: a releaser whose grant was already given back throws (any error) and changes nothing.',
  },
  handoff: {
    changes: 'comparison',
    values: ['direct', 'wakeup'],
    meaning:
      '`wakeup`: the implementation only wakes a waiter, which takes the resource when it resumes (asyncio), so another call, or a cancellation, in the same job can come first. The two agree only when each action is a job of its own: the checker then makes programs of one action per tick.',
  },
} as const satisfies { readonly [K in keyof Required<ContractChoices>]: ChoiceInfo<ValuesOf<K>> };

/** The names of the contract choices, in {@link CONTRACT_CHOICES}'s order. */
export const CHOICE_NAMES = Object.keys(CONTRACT_CHOICES) as readonly (keyof ContractChoices)[];

/** True only when `A` and `B` are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** For each choice, whether its list holds every value its interface allows (`satisfies` above checks the converse). */
type EveryValueListed = { [K in keyof ContractChoices]-?: Same<(typeof CONTRACT_CHOICES)[K]['values'][number], ValuesOf<K>> };
// The drift check: a value added to ModelChoices or CompareChoices but not listed here makes this
// line fail to compile (and a choice added there but not here fails the `satisfies` above).
const everyValueListed: Same<EveryValueListed[keyof ContractChoices], true> = true;
void everyValueListed;
