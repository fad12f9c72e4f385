/**
 * What the checker knows of a primitive's model: how a program's calls become the model's
 * operations, and how the model's state and values read in a trace. One per family; pure.
 *
 * @module
 */

import type { Step, StepInvariant, WaitSpec } from '../../../model/common.js';
import type { CallAction, Num, Observation, Params, PrimitiveName, TraceValue } from '../program.js';

/** What kind of call a call name is. */
export interface CallInfo {
  /** It returns a promise that settles later (`acquire`, `get`, `wait`, ...). */
  readonly waits: boolean;
  /** It is made on a handle an earlier call was given (a releaser's `release`). */
  readonly onHandle?: boolean;
  /** The call's result, when it returns or resolves with a value, is a handle (a releaser). */
  readonly givesHandle?: boolean;
  /**
   * What the API names the count argument `n` the call takes, when that is not `n` (`weight`
   * for a weighted `acquire(weight)`): the docs site's explorer labels its input with it.
   */
  readonly countName?: string;
  /**
   * The call may give a priority: the model serves its waiters by priority (highest first, FIFO
   * among equals), for targets that declare it.
   */
  readonly priority?: boolean;
}

/**
 * How a composite call settles when its limit passes before its body ends (the grant goes back
 * then either way): `timeout` (the model), it rejects with a `TimeoutError` at once, as a
 * limiter's expired job does; `resolved`, it resolves with nothing at once; `withBody`, it
 * settles when its body ends, as the body ended (a lease that lapsed under a body that went on).
 */
export type LimitEnd = 'timeout' | 'resolved' | 'withBody';

/** What `timeout: 0` means for a call that cannot complete now (see {@link ModelChoices.zeroTimeout}). */
export type ZeroTimeout = 'immediate' | 'none' | 'timer' | 'refused';

/**
 * Contract choices that change what the model says (declared by an adapter or a driver; the
 * defaults are the model's own rules).
 */
export interface ModelChoices {
  /**
   * What a releaser's `release()` does. `once` (the model, rule 8): it gives back its own
   * grant, once. `everyCall`: every call is the primitive's `release()` (Tornado's context
   * manager releases on every exit).
   */
  readonly releaser?: 'once' | 'everyCall';
  /**
   * What `timeout: 0` means for a call that cannot complete now. `immediate` (the model): it
   * times out at once. `none`: no timeout at all. `timer`: a timer of 0 ms, so the call times
   * out once the current job's continuations have run, unless it was served in the same tick.
   * `refused`: a deadline already past, which refuses even a call that could complete now (as
   * an aborted signal does: it takes nothing) and times it out at once (trio's cancel scopes).
   * Given by call name (`{ get: 'none', join: 'timer' }`), it applies to those calls only.
   */
  readonly zeroTimeout?: ZeroTimeout | Readonly<Record<string, ZeroTimeout>>;
  /**
   * Composite calls the implementation offers, each named after the model's call it stands for
   * (`{ runExclusive: 'acquire' }`): the model treats the composite as that call, and a call on
   * its handle as that handle's release.
   */
  readonly composites?: Readonly<Record<string, string>>;
  /**
   * The composite calls that take a limit (a time after which the grant goes back on its own),
   * by name, each with how it settles when the limit passes first. A limit on a composite not
   * named here settles as `timeout` does.
   */
  readonly limits?: Readonly<Record<string, LimitEnd>>;
  /**
   * What a call made with a signal that is already aborted does. `refused` (the model): it
   * rejects at once and takes nothing, even what it could take now. `afterCall`: the call is
   * made, then cancelled at once, as a port without cancellation tokens does (it cancels the
   * future the call returned): a call that completes at once keeps what it took (rule 3), one
   * that waits is aborted.
   */
  readonly abortedSignal?: 'refused' | 'afterCall';
}

/** How programs make one call: how often, and with which arguments. */
export interface CallRecipe {
  readonly call: string;
  /** How often, relative to the other calls. */
  readonly weight: number;
  /** Made on a handle an earlier call was given (a releaser's `release`). */
  readonly onHandle?: boolean;
  /** Priorities a put's item may have. */
  readonly keys?: readonly number[];
  /** Weights it may ask for (a weighted semaphore's units). */
  readonly weights?: readonly number[];
  /** Weights the model refuses, tried now and then (bad input). */
  readonly badWeights?: readonly Num[];
  /** Counts it may be given (`undefined`: the call without one). */
  readonly counts?: readonly (number | undefined)[];
  /** Counts the model refuses, tried now and then (bad input). */
  readonly badCounts?: readonly Num[];
  /** Values of a boolean flag it may be given (`shutdown(immediate)`); `false` makes the call without it. */
  readonly flags?: readonly boolean[];
  /** It may come in a burst of 2 to 6 in one tick (piles of getters, then of puts). */
  readonly bursts?: boolean;
}

/** How programs for a primitive are made: its constructor parameters and its calls. */
export interface Recipe {
  /** The values each constructor parameter may take. */
  readonly params: Readonly<Record<string, readonly number[]>>;
  readonly calls: readonly CallRecipe[];
}

/** A primitive's model, as the checker drives it. */
export interface Family<S = unknown, Op = unknown> {
  /** The primitives this family specifies. */
  readonly primitives: readonly PrimitiveName[];
  /** The calls a program may make, by name. */
  readonly calls: Readonly<Record<string, CallInfo>>;
  /** The initial state for `primitive` with `params`, or the error the constructor throws. */
  init(primitive: PrimitiveName, params: Params): S | { readonly error: string };
  step(state: S, op: Op): Step<S>;
  /** Named invariants of a state. */
  readonly invariants: Readonly<Record<string, (state: S) => boolean>>;
  /** Named rules about one transition. */
  readonly stepInvariants?: Readonly<Record<string, StepInvariant<S, Op>>>;
  /**
   * The model's operation for a call (`wait` carries the options as the model sees them), or
   * `undefined` for a call this family does not know.
   */
  op(action: CallAction, wait: WaitSpec, choices: ModelChoices): Op | undefined;
  timeoutOp(id: number): Op;
  abortOp(id: number): Op;
  /** What the observers show in `state`: `statistics` and the synchronous observers. */
  observe(state: S): Observation;
  /**
   * The fields of `statistics` that belong to calls, each with those calls: a field is demanded
   * only of an implementation that offers one of them (a queue without `shutdown()` need not
   * report `shutdown`), and compared whenever it is reported. A field not listed belongs to
   * every implementation.
   */
  readonly statisticsCalls?: Readonly<Record<string, readonly string[]>>;
  /** A model value (`'releaser'`, an item, `true`) as a trace shows it. */
  value(value: unknown): TraceValue | undefined;
  /** How programs for `primitive` are made. */
  recipe(primitive: PrimitiveName): Recipe;
}
