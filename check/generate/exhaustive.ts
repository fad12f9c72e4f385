/**
 * Every program up to N actions over a primitive's alphabet, shortest first: what
 * `toro-check --exhaustive N` runs.
 *
 * **The alphabet**, within what the target can do (never a call, option or parameter it lacks):
 *
 * - the constructor with each value of each parameter of the family's recipe (`value` 0 to 3,
 *   `maxsize` 0 to 3, ...);
 * - each call of the recipe on the primitive (composites included), with each of its argument
 *   variants: the recipe's counts, weights and flags, and its bad counts and weights where the
 *   target takes bad input; a put's key 0, 1 or 2 in a PriorityQueue;
 * - a waiting call with no timeout or a timeout of 0, 1 or 2 ms, and with no signal, a new signal,
 *   a signal already aborted, or the signal of an earlier call still live; with no priority or
 *   each priority the target takes, where it takes them;
 * - a composite with each kind of body it takes (held until the program releases it, returning,
 *   throwing, rejecting), and with no limit or a limit of 1 or 2 ms where it takes one;
 * - a call on a handle (a releaser's `release`), on each earlier call that may be given one;
 * - `abort` of each signal still live, and `advance(1)`;
 * - after the first action, each action either continues the tick or starts a new one.
 *
 * **The equivalences** that keep it finite and small, each a choice that loses no behaviour of the
 * model:
 *
 * - ids and signals are numbered in order of first use, so programs that differ only in their
 *   names are made once;
 * - time passes 1 ms at a time and timeouts and limits are 0, 1 or 2 ms: 0 is the models'
 *   special case, and 1 and 2 put any two deadlines in either order or tie them; a later
 *   deadline is reached by more `advance(1)`;
 * - a Queue's or a LifoQueue's items all have key 0 (only a PriorityQueue reads keys);
 * - a call with an already-aborted signal counts as one action (the abort that makes its
 *   signal comes right before it), and no call is made on the handle of such a call (it is
 *   never given one).
 *
 * Programs of 1 action come first, then 2, and so on: the first divergence is in a shortest
 * program. Each program is numbered by its place in this order, which is the same on every
 * run, so a report names a program by it.
 *
 * @module
 */

import { familyOf } from '../program/families/index.js';
import { BODY_KINDS, toNum, type Action, type BodyKind, type CallAction, type Num, type PrimitiveName, type Program } from '../program/program.js';
import { cut, givesHandleFor, PRIORITIES, usable, type Capabilities } from './generate.js';

/** The timeouts a waiting call may have. */
export const EXHAUSTIVE_TIMEOUTS = [0, 1, 2] as const;
/** The milliseconds one `advance` lets pass. */
export const EXHAUSTIVE_ADVANCE = 1;
/** The limits a composite that takes one may have. */
export const EXHAUSTIVE_LIMITS = [1, 2] as const;

/** A call of the alphabet before ids and signals are given: its name and arguments, and whether it waits. */
interface Letter {
  readonly action: Omit<CallAction, 'id'>;
  readonly waits: boolean;
  /** Whether this call takes a timeout and a signal (a composite may take fewer than its call). */
  readonly timeout: boolean;
  readonly signal: boolean;
}

type SignalUse = 'none' | 'new' | 'aborted' | number;

/** The alphabet of a primitive for a target: constructor parameters, and calls with their arguments. */
export interface Alphabet {
  readonly params: readonly Program['params'][];
  readonly letters: readonly Letter[];
  /** Whether calls on handles are made. */
  readonly onHandle: boolean;
  readonly timeouts: readonly (number | undefined)[];
  /** Whether a call may be given a signal aborted before it is made. */
  readonly abortedSignals: boolean;
  /** Whether a handle is released at most once. */
  readonly releaseOnce: boolean;
  readonly advance: boolean;
}

/** The alphabet of `primitive` within `capabilities`. */
export function alphabet(primitive: PrimitiveName, capabilities: Capabilities): Alphabet {
  const family = familyOf(primitive);
  const recipe = family.recipe(primitive);
  let params: Program['params'][] = [{}];
  for (const [name, values] of Object.entries(recipe.params)) {
    const allowed = [...new Set(capabilities.params?.[name] ?? values)];
    params = params.flatMap((set) => allowed.map((value) => ({ ...set, [name]: toNum(value) })));
  }
  const letters: Letter[] = [];
  let onHandle = false;
  for (const { recipe: call, waits, composite } of usable(primitive, capabilities)) {
    if (call.onHandle === true) {
      onHandle = true;
      continue;
    }
    const keys = call.keys === undefined ? [undefined] : primitive === 'PriorityQueue' ? [...new Set(call.keys)] : [0];
    const counts: (Num | undefined)[] = call.counts === undefined ? [undefined] : [...new Set(call.counts)];
    if (call.counts !== undefined && capabilities.badInput) counts.push(...(call.badCounts ?? []));
    const weights: (Num | undefined)[] = call.weights === undefined ? [undefined] : [...new Set(call.weights)];
    if (call.weights !== undefined && capabilities.badInput) weights.push(...(call.badWeights ?? []));
    const flags = call.flags === undefined ? [false] : [...new Set(call.flags)];
    const priorities: (number | undefined)[] = waits && capabilities.priority?.calls.has(call.call) === true ? [undefined, ...new Set(capabilities.priority.values ?? PRIORITIES)] : [undefined];
    const bodies: ('held' | BodyKind)[] = composite ? [...(capabilities.bodies?.[call.call] ?? BODY_KINDS)] : ['held'];
    const narrowed = composite ? capabilities.compositeOptions?.[call.call] : undefined;
    const takesTimeout = capabilities.timeout && narrowed?.timeout !== false;
    const takesSignal = capabilities.signal && narrowed?.signal !== false;
    const limits: (number | undefined)[] = composite && (capabilities.limits?.[call.call]?.length ?? 0) > 0 ? [undefined, ...EXHAUSTIVE_LIMITS] : [undefined];
    for (const key of keys)
      for (const n of counts)
        for (const weight of weights)
          for (const flag of flags)
            for (const priority of priorities)
              for (const body of bodies)
                for (const limit of limits)
                  letters.push({
                    action: {
                      call: call.call,
                      ...(key === undefined ? {} : { key }),
                      ...(n === undefined ? {} : { n }),
                      ...(weight === undefined ? {} : { weight }),
                      ...(flag ? { immediate: true as const } : {}),
                      ...(priority === undefined ? {} : { priority }),
                      ...(body === 'held' ? {} : { body }),
                      ...(limit === undefined ? {} : { limit }),
                    },
                    waits,
                    timeout: takesTimeout,
                    signal: takesSignal,
                  });
  }
  return {
    params,
    letters,
    onHandle,
    timeouts: [undefined, ...exhaustiveTimeouts(capabilities)],
    abortedSignals: capabilities.abortedSignals !== false,
    releaseOnce: capabilities.releaseOnce === true,
    advance: capabilities.timeout,
  };
}

/**
 * The timeouts of the alphabet: {@link EXHAUSTIVE_TIMEOUTS}, or where the target narrows its
 * timeouts, those of its own within them (its least, if none is).
 */
export function exhaustiveTimeouts(capabilities: Capabilities): readonly number[] {
  if (!capabilities.timeout) return [];
  const own = capabilities.timeouts;
  if (own === undefined) return EXHAUSTIVE_TIMEOUTS;
  const within = [...new Set(own)].filter((t) => t <= EXHAUSTIVE_TIMEOUTS[EXHAUSTIVE_TIMEOUTS.length - 1]!).sort((a, b) => a - b);
  return within.length > 0 ? within : own.length > 0 ? [Math.min(...own)] : [];
}

/** What a program so far has made, for the next action's choices. */
interface Made {
  readonly ticks: readonly (readonly Action[])[];
  readonly nextId: number;
  readonly nextSignal: number;
  /** Signals made and not aborted. */
  readonly live: readonly number[];
  /** Calls that may be given a handle. */
  readonly handles: readonly number[];
}

/** The actions (one, or an abort and its call) that may come next. */
function* nextActions(made: Made, letters: Alphabet, givesHandle: (action: Pick<CallAction, 'call' | 'body'>) => boolean): Generator<{ readonly actions: readonly Action[]; readonly made: Omit<Made, 'ticks'> }> {
  const { nextId: id, nextSignal, live, handles } = made;
  for (const letter of letters.letters) {
    const signals: SignalUse[] = letter.waits && letter.signal ? ['none', 'new', ...(letters.abortedSignals ? ['aborted' as const] : []), ...live] : ['none'];
    for (const timeout of letter.waits && letter.timeout ? letters.timeouts : [undefined]) {
      for (const signal of signals) {
        const number = signal === 'new' || signal === 'aborted' ? nextSignal : signal === 'none' ? undefined : signal;
        const action: CallAction = { ...letter.action, id, ...(timeout === undefined ? {} : { timeout }), ...(number === undefined ? {} : { signal: number }) };
        const handle = givesHandle(action) && signal !== 'aborted';
        yield {
          actions: signal === 'aborted' ? [{ abort: nextSignal }, action] : [action],
          made: {
            nextId: id + 1,
            nextSignal: signal === 'new' || signal === 'aborted' ? nextSignal + 1 : nextSignal,
            live: signal === 'new' ? [...live, nextSignal] : live,
            handles: handle ? [...handles, id] : handles,
          },
        };
      }
    }
  }
  if (letters.onHandle) {
    for (const on of handles) {
      yield { actions: [{ call: 'release', id, on }], made: { ...made, nextId: id + 1, handles: letters.releaseOnce ? handles.filter((h) => h !== on) : handles } };
    }
  }
  for (const signal of live) yield { actions: [{ abort: signal }], made: { ...made, live: live.filter((s) => s !== signal) } };
  if (letters.advance) yield { actions: [{ advance: EXHAUSTIVE_ADVANCE }], made };
}

/** The ticks of every program of exactly `length` actions over `letters`, in order. */
function* ofLength(letters: Alphabet, length: number, givesHandle: (action: Pick<CallAction, 'call' | 'body'>) => boolean): Generator<Action[][]> {
  function* extend(made: Made, left: number): Generator<Action[][]> {
    if (left === 0) {
      yield made.ticks.map((tick) => [...tick]);
      return;
    }
    for (const next of nextActions(made, letters, givesHandle)) {
      const last = made.ticks.at(-1);
      // The same tick, or a new one (the first action always starts one).
      if (last !== undefined) yield* extend({ ...next.made, ticks: [...made.ticks.slice(0, -1), [...last, ...next.actions]] }, left - 1);
      yield* extend({ ...next.made, ticks: [...made.ticks, next.actions] }, left - 1);
    }
  }
  yield* extend({ ticks: [], nextId: 0, nextSignal: 0, live: [], handles: [] }, length);
}

/** A program of the enumeration, with its place in it and its number of actions. */
export interface Enumerated {
  readonly index: number;
  readonly actions: number;
  readonly program: Program;
}

/**
 * Every program of 1 to `maxActions` actions of `primitive` within `capabilities`, shortest
 * first, each with its index in this order.
 */
export function* exhaustivePrograms(primitive: PrimitiveName, capabilities: Capabilities, maxActions: number): Generator<Enumerated> {
  const letters = alphabet(primitive, capabilities);
  const givesHandle = givesHandleFor(primitive, capabilities);
  let index = 0;
  for (let length = 1; length <= maxActions; length++) {
    for (const params of letters.params) {
      for (const ticks of ofLength(letters, length, givesHandle)) {
        yield { index: index++, actions: length, program: cut({ primitive, params, ticks }, capabilities.actionsPerTick) };
      }
    }
  }
}

/** How many programs {@link exhaustivePrograms} makes. */
export function countExhaustive(primitive: PrimitiveName, capabilities: Capabilities, maxActions: number): number {
  const letters = alphabet(primitive, capabilities);
  const givesHandle = givesHandleFor(primitive, capabilities);
  // The choices of the next action depend only on how many signals are live and how many calls
  // may be given a handle, so programs are counted by those, without being made.
  const memo = new Map<string, number>();
  const count = (made: Omit<Made, 'ticks'>, left: number, first: boolean): number => {
    if (left === 0) return 1;
    const key = `${made.live.length},${made.handles.length},${left},${first}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let total = 0;
    for (const next of nextActions({ ...made, ticks: [] }, letters, givesHandle)) total += (first ? 1 : 2) * count(next.made, left - 1, false);
    memo.set(key, total);
    return total;
  };
  let total = 0;
  for (let length = 1; length <= maxActions; length++) total += letters.params.length * count({ nextId: 0, nextSignal: 0, live: [], handles: [] }, length, true);
  return total;
}
