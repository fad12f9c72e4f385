/**
 * Random programs, from a family's recipe and what the implementation under test can do: the
 * generator never makes a call, an option or a parameter the implementation lacks.
 *
 * A program is drawn as templates ("a call with a new signal", "abort the second live signal",
 * "release the third handle given so far") and then resolved into a concrete program: call
 * ids in order, signals numbered, handles named by the call that was given them.
 *
 * @module
 */

import * as fc from 'fast-check';
import { familyOf, type CallRecipe } from '../program/families/index.js';
import { toNum, type Action, type BodyKind, type CallAction, type Num, type PrimitiveName, type Program } from '../program/program.js';

/** What an implementation can do, as far as the generator cares. */
export interface Capabilities {
  /** The calls it has, by the model's names. */
  readonly calls: ReadonlySet<string>;
  /** Whether it has a releaser's `release`. */
  readonly handleRelease: boolean;
  /**
   * Programs release each handle at most once: its handles are values the library lends again
   * (a pool's resource) or its one release for every holder, not releasers of one grant.
   * @defaultValue false
   */
  readonly releaseOnce?: boolean;
  readonly timeout: boolean;
  /** The timeouts (ms) programs give, where the implementation narrows them. @defaultValue 0, 1, 5, 10, 20 */
  readonly timeouts?: readonly number[];
  readonly signal: boolean;
  /** Whether a call may be given a signal aborted before it is made. @defaultValue true */
  readonly abortedSignals?: boolean;
  /** The values each constructor parameter may take, where the implementation narrows them. */
  readonly params?: Readonly<Record<string, readonly number[]>>;
  /** Whether calls may get bad arguments: counts, weights and timeouts the models refuse. */
  readonly badInput: boolean;
  /** Composite calls, each with the model call it stands for: made as often as that call. */
  readonly composites?: Readonly<Record<string, string>>;
  /** The options each composite takes, by name, where it takes fewer than the calls. @defaultValue the calls' */
  readonly compositeOptions?: Readonly<Record<string, { readonly timeout: boolean; readonly signal: boolean }>>;
  /** The kinds of body each composite takes, by name. @defaultValue every kind, for each composite */
  readonly bodies?: Readonly<Record<string, readonly ('held' | BodyKind)[]>>;
  /** The composites that take a limit, by name, each with the limits (ms) programs give it. */
  readonly limits?: Readonly<Record<string, readonly number[]>>;
  /** The calls that take a priority (the model's names or composites'), and the priorities programs give them. */
  readonly priority?: { readonly calls: ReadonlySet<string>; readonly values: readonly number[] };
  /** The most actions in one tick (a longer tick is cut into several). @defaultValue no limit */
  readonly actionsPerTick?: number;
}

type SignalChoice = 'none' | 'new' | 'aborted' | { readonly shared: number };

interface CallTemplate {
  readonly kind: 'call';
  readonly call: string;
  readonly waits: boolean;
  readonly timeout?: number | undefined;
  readonly signal: SignalChoice;
  readonly key?: number | undefined;
  readonly n?: Num | undefined;
  readonly weight?: Num | undefined;
  readonly immediate?: boolean | undefined;
  readonly priority?: number | undefined;
  /** A composite's body: `held` (it waits for the program to release it) or how it ends at once. */
  readonly body?: 'held' | BodyKind | undefined;
  readonly limit?: number | undefined;
  /** For a call on a handle: which of the handles given so far. */
  readonly handle?: number | undefined;
  readonly times: number;
}

type Template = CallTemplate | { readonly kind: 'advance'; readonly ms: number } | { readonly kind: 'abort'; readonly live: number };

/** The ms an `advance` lets pass: near the timeouts, so that they tie and interleave. */
export const ADVANCES = [0, 1, 5, 10, 20, 50];
export const TIMEOUTS = [0, 1, 5, 10, 20];
/** A composite's limits, by default: near the advances and timeouts too. */
export const LIMITS = [1, 5, 10, 20];
/** The priorities programs give, by default: 0 is also what a call without one has. */
export const PRIORITIES = [0, 1, 2];
/** A composite's body: held most often (its end interleaves with other calls), each other kind now and then. */
const BODY_WEIGHTS: Readonly<Record<'held' | BodyKind, number>> = { held: 3, returns: 1, throws: 1, rejects: 1 };

/**
 * Timeouts the models refuse (not an integer from 0 to 2^31 - 1), given now and then to a
 * waiting call as bad input: negative, fractional, not a number, infinite, one past the largest.
 */
const BAD_TIMEOUTS: readonly Num[] = [-1, 1.5, 'NaN', 'Infinity', 2 ** 31];

/**
 * Where a program's bad timeouts go: about one program in six gets one or two, each on the
 * waiting call `at` (counted among the program's waiting calls, modulo their number). Drawn after
 * the program itself, so that a program is the same with bad input allowed or not, but for them.
 */
const badTimeoutPlan: fc.Arbitrary<readonly { readonly at: number; readonly timeout: Num }[]> = fc.oneof(
  { weight: 5, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(fc.record({ at: fc.nat(30), timeout: fc.constantFrom(...BAD_TIMEOUTS) }), { minLength: 1, maxLength: 2 }) },
);

/** `program` with the bad timeouts of `plan` on its waiting calls (those in `waits`). */
function withBadTimeouts(program: Program, plan: readonly { readonly at: number; readonly timeout: Num }[], waits: ReadonlySet<string>): Program {
  const waiting = program.ticks.flatMap((tick, t) => tick.flatMap((action, a) => ('call' in action && action.on === undefined && waits.has(action.call) ? [[t, a] as const] : [])));
  if (plan.length === 0 || waiting.length === 0) return program;
  const ticks = program.ticks.map((tick) => [...tick]);
  for (const { at, timeout } of plan) {
    const [t, a] = waiting[at % waiting.length] as readonly [number, number];
    ticks[t]?.splice(a, 1, { ...(ticks[t]?.[a] as CallAction), timeout });
  }
  return { ...program, ticks };
}

function waitOptions(capabilities: Capabilities): fc.Arbitrary<{ timeout: number | undefined; signal: SignalChoice }> {
  const timeout = capabilities.timeout ? fc.option(fc.constantFrom(...(capabilities.timeouts ?? TIMEOUTS)), { nil: undefined }) : fc.constant(undefined);
  const signal: fc.Arbitrary<SignalChoice> = capabilities.signal
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant<SignalChoice>('none') },
        { weight: 2, arbitrary: fc.constant<SignalChoice>('new') },
        ...(capabilities.abortedSignals === false ? [] : [{ weight: 1, arbitrary: fc.constant<SignalChoice>('aborted') }]),
        { weight: 1, arbitrary: fc.nat(3).map((shared): SignalChoice => ({ shared })) },
      )
    : fc.constant<SignalChoice>('none');
  return fc.record({ timeout, signal });
}

/** A composite's body, from the kinds it takes. */
function bodyOf(kinds: readonly ('held' | BodyKind)[]): fc.Arbitrary<'held' | BodyKind | undefined> {
  if (kinds.length === 1) return fc.constant(kinds[0]);
  return fc.oneof(...kinds.map((kind) => ({ weight: BODY_WEIGHTS[kind], arbitrary: fc.constant(kind) })));
}

function callTemplate(recipe: CallRecipe, waits: boolean, capabilities: Capabilities, composite: boolean): fc.Arbitrary<CallTemplate> {
  const narrowed = composite ? capabilities.compositeOptions?.[recipe.call] : undefined;
  const options = waits ? waitOptions(narrowed === undefined ? capabilities : { ...capabilities, ...narrowed }) : fc.constant({ timeout: undefined, signal: 'none' as SignalChoice });
  const key = recipe.keys === undefined ? fc.constant(undefined) : fc.constantFrom(...recipe.keys);
  const goodCounts = recipe.counts === undefined ? undefined : fc.constantFrom(...recipe.counts);
  const n: fc.Arbitrary<Num | undefined> =
    goodCounts === undefined
      ? fc.constant(undefined)
      : capabilities.badInput && recipe.badCounts !== undefined && recipe.badCounts.length > 0
        ? fc.oneof({ weight: 8, arbitrary: goodCounts }, { weight: 1, arbitrary: fc.constantFrom(...recipe.badCounts) })
        : goodCounts;
  const goodWeights = recipe.weights === undefined ? undefined : fc.constantFrom(...recipe.weights);
  const weight: fc.Arbitrary<Num | undefined> =
    goodWeights === undefined
      ? fc.constant(undefined)
      : capabilities.badInput && recipe.badWeights !== undefined && recipe.badWeights.length > 0
        ? fc.oneof({ weight: 8, arbitrary: goodWeights }, { weight: 1, arbitrary: fc.constantFrom(...recipe.badWeights) })
        : goodWeights;
  const immediate = recipe.flags === undefined ? fc.constant(undefined) : fc.constantFrom(...recipe.flags);
  const handle = recipe.onHandle === true ? fc.nat(5) : fc.constant(undefined);
  const times = recipe.bursts === true ? fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }) }) : fc.constant(1);
  // What only some targets take is drawn only for them, so that every other program stays as it was.
  const prioritized = waits && capabilities.priority?.calls.has(recipe.call) === true;
  const priority = prioritized ? fc.option(fc.constantFrom(...(capabilities.priority?.values ?? PRIORITIES)), { nil: undefined }) : fc.constant(undefined);
  const body = composite ? bodyOf(capabilities.bodies?.[recipe.call] ?? ['held', 'returns', 'throws', 'rejects']) : fc.constant(undefined);
  const limits = composite ? capabilities.limits?.[recipe.call] : undefined;
  const limit = limits === undefined || limits.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...limits), { nil: undefined });
  return fc.record({ options, key, n, weight, immediate, handle, times, priority, body, limit }).map(({ options: o, key: k, n: count, weight: w, immediate: flag, handle: h, times: t, priority: p, body: b, limit: l }) => ({
    kind: 'call' as const,
    call: recipe.call,
    waits,
    timeout: o.timeout,
    signal: o.signal,
    key: k,
    n: count,
    weight: w,
    immediate: flag,
    priority: p,
    body: b,
    limit: l,
    handle: h,
    times: t,
  }));
}

/** The recipes an implementation can follow, each with whether its call waits and whether it is a composite. */
export function usable(primitive: PrimitiveName, capabilities: Capabilities): { recipe: CallRecipe; waits: boolean; composite: boolean }[] {
  const family = familyOf(primitive);
  const recipes = family.recipe(primitive).calls;
  const composites = Object.entries(capabilities.composites ?? {}).flatMap(([name, as]) =>
    recipes.filter((recipe) => recipe.call === as && recipe.onHandle !== true).map((recipe) => ({ ...recipe, call: name, alias: as })),
  );
  return [
    ...recipes.filter((recipe) => (recipe.onHandle === true ? capabilities.handleRelease || composites.length > 0 : capabilities.calls.has(recipe.call))).map((recipe) => ({ recipe, as: recipe.call, composite: false })),
    ...composites.map(({ alias, ...recipe }) => ({ recipe, as: alias, composite: true })),
  ].map(({ recipe, as, composite }) => ({ recipe, waits: recipe.onHandle !== true && family.calls[as]?.waits === true, composite }));
}

/** Resolves templates into a concrete program. */
function resolve(primitive: PrimitiveName, params: Program['params'], ticks: readonly (readonly Template[])[], givesHandle: (action: Pick<CallAction, 'call' | 'body'>) => boolean, releaseOnce: boolean): Program {
  let nextId = 0;
  let nextSignal = 0;
  const live: number[] = [];
  const handles: number[] = [];
  const out: Action[][] = [];
  for (const tick of ticks) {
    const actions: Action[] = [];
    for (const template of tick) {
      if (template.kind === 'advance') {
        actions.push({ advance: template.ms });
        continue;
      }
      if (template.kind === 'abort') {
        const signal = live[template.live % Math.max(live.length, 1)];
        if (signal === undefined) continue;
        live.splice(live.indexOf(signal), 1);
        actions.push({ abort: signal });
        continue;
      }
      for (let i = 0; i < template.times; i++) {
        let on: number | undefined;
        if (template.handle !== undefined) {
          on = handles[template.handle % Math.max(handles.length, 1)];
          if (on === undefined) continue;
          // A handle released once is not released again.
          if (releaseOnce) handles.splice(handles.indexOf(on), 1);
        }
        let signal: number | undefined;
        if (template.signal === 'new' || (typeof template.signal === 'object' && live.length === 0)) {
          signal = nextSignal++;
          live.push(signal);
        } else if (template.signal === 'aborted') {
          signal = nextSignal++;
          actions.push({ abort: signal });
        } else if (typeof template.signal === 'object') {
          signal = live[template.signal.shared % live.length];
        }
        const id = nextId++;
        const action: CallAction = {
          call: template.call,
          id,
          ...(on === undefined ? {} : { on }),
          ...(template.timeout === undefined ? {} : { timeout: template.timeout }),
          ...(signal === undefined ? {} : { signal }),
          ...(template.key === undefined ? {} : { key: template.key }),
          ...(template.n === undefined ? {} : { n: template.n }),
          ...(template.weight === undefined ? {} : { weight: template.weight }),
          ...(template.immediate === true ? { immediate: true as const } : {}),
          ...(template.priority === undefined ? {} : { priority: template.priority }),
          ...(template.body === undefined || template.body === 'held' ? {} : { body: template.body }),
          ...(template.limit === undefined ? {} : { limit: template.limit }),
        };
        if (on === undefined && givesHandle(action)) handles.push(id);
        actions.push(action);
      }
    }
    if (actions.length > 0) out.push(actions);
  }
  return { primitive, params, ticks: out };
}

/**
 * Whether programs make calls on the handle a call is given: a composite's (unless its body
 * returns or throws: it has ended by the time its handle is in hand, nothing to release), the
 * others' when the implementation has a releaser's release.
 */
export function givesHandleFor(primitive: PrimitiveName, capabilities: Capabilities): (action: Pick<CallAction, 'call' | 'body'>) => boolean {
  const family = familyOf(primitive);
  const givers = new Set([
    ...(capabilities.handleRelease ? Object.entries(family.calls).filter(([, info]) => info.givesHandle === true).map(([name]) => name) : []),
    ...Object.entries(capabilities.composites ?? {}).filter(([, as]) => family.calls[as]?.givesHandle === true).map(([name]) => name),
  ]);
  return (action) => givers.has(action.call) && action.body !== 'returns' && action.body !== 'throws';
}

/** Random programs for `primitive`, within what `capabilities` allow: up to `maxTicks` ticks of one to four actions. */
export function programs(primitive: PrimitiveName, capabilities: Capabilities, maxTicks = 30): fc.Arbitrary<Program> {
  const family = familyOf(primitive);
  const recipe = family.recipe(primitive);
  const calls = usable(primitive, capabilities);
  if (calls.length === 0) throw new Error(`no call of ${primitive} to make`);
  const givesHandle = givesHandleFor(primitive, capabilities);
  const call = fc.oneof(...calls.map(({ recipe: r, waits, composite }) => ({ weight: r.weight, arbitrary: callTemplate(r, waits, capabilities, composite) })));
  const advance = fc.constantFrom(...ADVANCES).map((ms): Template => ({ kind: 'advance', ms }));
  const abort = fc.nat(3).map((k): Template => ({ kind: 'abort', live: k }));
  const action = fc.oneof(
    { weight: 8, arbitrary: call as fc.Arbitrary<Template> },
    ...(capabilities.timeout ? [{ weight: 2, arbitrary: advance }] : []),
    ...(capabilities.signal ? [{ weight: 1, arbitrary: abort }] : []),
  );
  const params: Record<string, fc.Arbitrary<Num>> = {};
  for (const [name, values] of Object.entries(recipe.params)) {
    const allowed = capabilities.params?.[name] ?? values;
    params[name] = fc.constantFrom(...allowed.map(toNum));
  }
  const tick = fc.array(action, { minLength: 1, maxLength: 4 });
  // The calls that take a timeout: bad ones go only there (not to a composite that takes none).
  const waits = new Set(calls.filter((c) => c.waits && !(c.composite && capabilities.compositeOptions?.[c.recipe.call]?.timeout === false)).map((c) => c.recipe.call));
  const bad = capabilities.badInput && capabilities.timeout ? badTimeoutPlan : fc.constant([]);
  return fc
    .tuple(fc.record({ params: fc.record(params), ticks: fc.array(tick, { maxLength: maxTicks }) }), bad)
    .map(([{ params: p, ticks }, plan]) => cut(withBadTimeouts(resolve(primitive, p, ticks, givesHandle, capabilities.releaseOnce === true), plan, waits), capabilities.actionsPerTick));
}

/** `program` with each tick cut into ticks of at most `limit` actions. */
export function cut(program: Program, limit: number | undefined): Program {
  if (limit === undefined) return program;
  const ticks = program.ticks.flatMap((tick) => Array.from({ length: Math.ceil(tick.length / limit) }, (_, i) => tick.slice(i * limit, (i + 1) * limit)));
  return { ...program, ticks };
}
