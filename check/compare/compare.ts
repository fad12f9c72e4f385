/**
 * Comparing one tick of an implementation's trace with the model's, under the contract choices
 * the implementation declared, and naming the rule a difference breaks. Pure.
 *
 * @module
 */

import { showResult, showSettlement, type Action, type CallTrace, type Observation, type Program, type Resources, type TickTrace, type Trace, type TraceSettlement, type TraceValue } from '../program/program.js';
import { RULES, type RuleId } from './rules.js';

/**
 * Contract choices that change what counts as a divergence (see also the model choices in
 * {@link ModelChoices}, which change what the model says).
 */
export interface CompareChoices {
  /**
   * `exact` (the model, rule 4): waiters settle in the order the model decided the handoffs.
   * `perTick`: only which waiters settled in a tick, and how, is compared.
   */
  readonly settlementOrder?: 'exact' | 'perTick';
  /**
   * `perWaiter` (the model, rule 5): a waiting call with a timeout holds one timer until it
   * settles. `own`: the library keeps timers of its own, so only "no timer left once nobody
   * waits with a timeout" is checked. `unchecked`: timers are not compared.
   */
  readonly timers?: 'perWaiter' | 'own' | 'unchecked';
  /**
   * `atCall` (the default): observers are compared right after every call, where a stale
   * `locked()` shows. `afterTick`: only once each tick's continuations have run.
   */
  readonly observe?: 'atCall' | 'afterTick';
  /**
   * What a `release()` the model refuses does (on an unlocked Lock, or a BoundedSemaphore at
   * its bound). `throws` (the model, rule 6): it throws and changes nothing. `ignored`: it
   * returns and changes nothing (what follows is still compared, so a release that does
   * change something is still reported).
   */
  readonly refusedRelease?: 'throws' | 'ignored';
  /**
   * What a releaser does once its grant was given back (rule 8). `ignored` (the model): it does
   * nothing. `throws`: it throws and changes nothing (what follows is still compared).
   */
  readonly spentReleaser?: 'ignored' | 'throws';
  /**
   * `direct` (the model, rule 1): a freed resource is handed to the oldest waiter at once.
   * `wakeup`: the library only wakes the waiter, which takes the resource when it resumes, so
   * another call in the same job can take it first (asyncio's locks and queues). The two agree
   * only when every action is a job of its own: the checker makes programs of one action per
   * tick, and what happens within a tick is not checked.
   */
  readonly handoff?: 'direct' | 'wakeup';
}

/** Calls that take without waiting, where barging shows. */
export const NON_BLOCKING: ReadonlySet<string> = new Set(['tryAcquire', 'tryAcquireRead', 'tryAcquireWrite', 'getNowait', 'putNowait']);

/** Where and how an implementation parts from the model. */
export interface Divergence {
  readonly rule: RuleId;
  /** The tick it shows in, from 1. */
  readonly tick: number;
  /** One line, in the model's words. */
  readonly summary: string;
  /** What the model says, printed. */
  readonly expected: string;
  /** What the implementation did, printed. */
  readonly actual: string;
}

/** What the comparison needs to know of a tick besides its two traces. */
export interface TickContext {
  readonly index: number;
  readonly actions: readonly Action[];
  /** Names of the calls that are non-blocking takes (`tryAcquire`, `getNowait`, `putNowait`). */
  readonly nonBlocking: ReadonlySet<string>;
  /** The model's observers just before the tick. */
  readonly before: Observation;
  /**
   * Ids of composite calls: their handoff shows when their body starts, a continuation earlier
   * or later than a promise's, so their place among the tick's settlements is not compared.
   */
  readonly composite?: ReadonlySet<number>;
  /** Whether the primitive is a queue (whose handed values are items, in the queues' order). */
  readonly queue?: boolean;
  /** Ids of the calls the model leaves waiting after the tick. */
  readonly waiting?: ReadonlySet<number>;
  /** Ids of the calls the model had waiting before the tick. */
  readonly waitingBefore?: ReadonlySet<number>;
  /** The priorities calls gave, by id, where the program gives any: who is first in line. */
  readonly priorities?: ReadonlyMap<number, number>;
  /** Fields of `statistics` the implementation need not report (see {@link observerDifference}). */
  readonly undemanded?: ReadonlySet<string>;
}

/** The priorities a program's calls give, by id (a call without one waits with 0). */
export function prioritiesOf(program: Pick<Program, 'ticks'>): ReadonlyMap<number, number> {
  return new Map(program.ticks.flat().flatMap((a) => ('call' in a && a.priority !== undefined ? [[a.id, a.priority] as const] : [])));
}

/** Whether waiter `a` is ahead of `b` in line: a higher priority, or the same and older. */
function ahead(context: TickContext, a: number, b: number): boolean {
  const pa = context.priorities?.get(a) ?? 0;
  const pb = context.priorities?.get(b) ?? 0;
  return pa > pb || (pa === pb && a < b);
}

/** How the first in line is named: by age alone, or by priority then age where the program gives priorities. */
const firstInLine = (context: TickContext): string => ((context.priorities?.size ?? 0) > 0 ? 'the first in line (highest priority, then oldest)' : 'the oldest waiter');

/**
 * A value as JSON with every object's keys in order, so that two traces that say the same thing
 * compare equal whatever order a port wrote their keys in (serde_json and Go write a struct's
 * fields in declaration order, `{"error": ..., "kind": ...}`).
 */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
/** A value as JSON writes it: a number that is not finite is null; undefined, a function or a symbol is left out. */
const asJson = (v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Whether `a` and `b` write the same JSON up to the order of object keys: `canonical(a) ===
 * canonical(b)`, without writing either (the comparison runs for every call of every tick).
 */
export function same(a: unknown, b: unknown): boolean {
  const x = asJson(a);
  const y = asJson(b);
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    // In an array, what JSON leaves out of an object is written as null.
    for (let i = 0; i < x.length; i++) if (!same(omitted(x[i]) ? null : x[i], omitted(y[i]) ? null : y[i])) return false;
    return true;
  }
  const xs = x as Record<string, unknown>;
  const ys = y as Record<string, unknown>;
  let count = 0;
  for (const k of Object.keys(xs)) {
    if (omitted(xs[k])) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(ys, k) || omitted(ys[k]) || !same(xs[k], ys[k])) return false;
  }
  for (const k of Object.keys(ys)) if (!omitted(ys[k])) count--;
  return count === 0;
}
const key = (s: TraceSettlement): string => canonical(s);
const showAll = (settled: readonly TraceSettlement[]): string => (settled.length === 0 ? 'nobody settled' : settled.map(showSettlement).join(', '));

/** One observer that reads otherwise than the model says: its name, the field of `statistics`, both values. */
export interface ObserverDifference {
  /** The observer (`value`, `locked`, `statistics`, ...). */
  readonly name: string;
  /** The field of `statistics`, when the observer is `statistics`. */
  readonly field?: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** In words: `statistics().value is 2, the model says 1`. */
  readonly text: string;
}

/**
 * The first observer the implementation has that reads otherwise than the model's: statistics by
 * the model's fields, the rest by name. A field of `undemanded` (one that belongs to a call the
 * implementation lacks) is compared only when the implementation reports it.
 */
export function observerDifference(expected: Observation, actual: Observation, undemanded: ReadonlySet<string> = new Set()): ObserverDifference | undefined {
  for (const [name, value] of Object.entries(actual)) {
    const want = expected[name];
    if (want === undefined) continue;
    if (name === 'statistics' && typeof value === 'object' && value !== null && typeof want === 'object' && want !== null) {
      for (const [field, fieldValue] of Object.entries(want)) {
        const got = (value as Readonly<Record<string, TraceValue>>)[field];
        if (got === undefined && undemanded.has(field)) continue;
        if (!same(got, fieldValue)) return { name, field, expected: fieldValue, actual: got, text: `statistics().${field} is ${JSON.stringify(got)}, the model says ${JSON.stringify(fieldValue)}` };
      }
    } else if (!same(value, want)) {
      return { name, expected: want, actual: value, text: `${name} is ${JSON.stringify(value)}, the model says ${JSON.stringify(want)}` };
    }
  }
  return undefined;
}

/** Compares the observers the implementation has, in words: `undefined` when they agree (see {@link observerDifference}). */
export function observationDiff(expected: Observation, actual: Observation, undemanded?: ReadonlySet<string>): string | undefined {
  return observerDifference(expected, actual, undemanded)?.text;
}

/**
 * What an observer counts, for those that count what is held or free: `free` when more of it
 * means more is free (`value`), `held` when more means more is held (`readers`, `locked`),
 * `items` for a queue's. Flags and settings (`isSet`, `broken`, `shutdown`, `empty`,
 * `maxsize`, ...) count nothing: a wrong one is an observer that does not tell the truth.
 */
const COUNTS: Readonly<Record<string, 'free' | 'held' | 'items'>> = { value: 'free', locked: 'held', readers: 'held', writing: 'held', qsize: 'items', unfinished: 'items' };

/** A count as a number: `true` is one held, `false` none. */
const amount = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : undefined);

/**
 * The rule an observer that differs after a tick breaks, decided by what it counts and what the
 * tick gave back. A count of waiters that stays up: a settled waiter left behind (rule 5). More
 * free in the implementation in a tick where the model had a give-back do nothing (a releaser
 * whose grant was already given back, a composite's body ending after its grant was): a permit
 * given back by someone who does not hold it (rule 8), whichever call made the grant. Any other
 * count: something lost or duplicated. A flag or a setting: an observer that does not tell the
 * truth.
 */
function observerRule(difference: ObserverDifference, expected: TickTrace): RuleId {
  const what = difference.field ?? difference.name;
  if (what === 'waiting' || what === 'putters') return 'cleanup';
  const counts = COUNTS[what];
  if (counts === undefined) return 'observers';
  const want = amount(difference.expected);
  const got = amount(difference.actual);
  const moreFree = want !== undefined && got !== undefined && (counts === 'free' ? got > want : counts === 'held' ? got < want : false);
  return moreFree && expected.calls.some((call) => call.ignored === true) ? 'ownership' : 'conservation';
}

const callName = (context: TickContext, call: CallTrace): string => {
  const action = context.actions.find((a) => 'call' in a && a.id === call.id);
  return action !== undefined && 'call' in action ? action.call : 'call';
};

/** Whether the declared choices accept `got`'s result in place of the model's `call` result. */
function acceptedResult(context: TickContext, call: CallTrace, got: CallTrace, choices: CompareChoices): boolean {
  const refused = call.result.kind === 'threw' && (call.result.error === 'InvalidStateError' || call.result.error === 'RangeError');
  if (refused && callName(context, call) === 'release' && choices.refusedRelease === 'ignored' && same(got.result, { kind: 'returned' })) return true;
  return call.ignored === true && choices.spentReleaser === 'throws' && got.result.kind === 'threw';
}

/**
 * The model's tick as the declared choices read it: where they accept the implementation's call
 * result in place of the model's (a refused release ignored, a spent releaser that throws), the
 * implementation's. Reports and reproductions show this, so their first difference is the
 * divergence itself, not a difference the implementation declared.
 */
export function underChoices(context: TickContext, expected: TickTrace, actual: TickTrace, choices: CompareChoices): TickTrace {
  const calls = expected.calls.map((call, i) => {
    const got = actual.calls[i];
    return got !== undefined && !same(call.result, got.result) && acceptedResult(context, call, got, choices) ? { ...call, result: got.result } : call;
  });
  return { ...expected, calls };
}

/** Whether a settlement is a refusal of bad input: a rejection with `RangeError` or `TypeError`. */
const refused = (s: TraceSettlement | undefined): boolean => s?.outcome === 'rejected' && (s.error === 'RangeError' || s.error === 'TypeError');

/**
 * `waitedEarlier`: the calls of the tick before this one that the model made wait; `settled`:
 * the model's settlements of the tick (a call refused through its promise is there).
 */
function callDivergence(context: TickContext, call: CallTrace, got: CallTrace, choices: CompareChoices, waitedEarlier: readonly number[], settled: readonly TraceSettlement[]): Divergence | undefined {
  const tick = context.index + 1;
  const name = callName(context, call);
  if (same(call.result, got.result) || acceptedResult(context, call, got, choices)) return undefined;
  const expected = `#${call.id} ${name}: ${showResult(call.result)}`;
  const actual = `#${call.id} ${name}: ${showResult(got.result)}`;
  const refusal = (r: CallTrace['result']): boolean => r.kind === 'threw' && (r.error === 'RangeError' || r.error === 'TypeError');
  if (refusal(call.result) || refusal(got.result)) {
    // A waiting call refuses through its promise: one that throws instead refused as it must not.
    const throughPromise = settled.some((s) => s.id === call.id && refused(s));
    const summary = refusal(call.result) ? 'must refuse its input and change nothing' : throughPromise ? 'must refuse its input by rejecting its promise, not by throwing' : 'refused good input';
    return { rule: 'badInput', tick, summary: `${name} ${summary}`, expected, actual };
  }
  if (call.ignored === true) {
    return { rule: 'ownership', tick, summary: `a releaser whose grant was already given back must do nothing`, expected, actual };
  }
  // A non-blocking call took something when it returned a value (a releaser, an item), or, for
  // putNowait, when it returned at all: `undefined` or `false` is a refusal.
  const took = (r: CallTrace['result']): boolean => r.kind === 'returned' && (name === 'putNowait' || (r.value !== undefined && r.value !== null && r.value !== false));
  if (context.nonBlocking.has(name) && took(got.result) && !took(call.result)) {
    // An older call the model had waiting, before the tick or from earlier in it, is owed what was taken.
    const owed = [...(context.waitingBefore ?? []), ...waitedEarlier].filter((id) => id < call.id).sort((a, b) => a - b)[0];
    return owed !== undefined
      ? { rule: 'noBarging', tick, summary: `${name} took what #${owed}, an older waiter, is owed`, expected, actual }
      : { rule: 'conservation', tick, summary: `${name} took something that does not exist`, expected, actual };
  }
  if (context.nonBlocking.has(name) && took(call.result) && !took(got.result)) {
    return { rule: 'conservation', tick, summary: `${name} found nothing where the model has something to take: it was lost`, expected, actual };
  }
  const want = call.result.kind === 'returned' ? call.result.value : undefined;
  const gotValue = got.result.kind === 'returned' ? got.result.value : undefined;
  if (context.queue === true && typeof want === 'number' && typeof gotValue === 'number') {
    // Which item a get is handed is the queues' rule, whether it waited for it or not.
    return { rule: 'queues', tick, summary: `${name} took ${gotValue}, the model hands it ${want}`, expected, actual };
  }
  return { rule: 'returns', tick, summary: `${name} returned otherwise than the model says`, expected, actual };
}

function settledDivergence(context: TickContext, expected: readonly TraceSettlement[], actual: readonly TraceSettlement[], choices: CompareChoices): Divergence | undefined {
  const tick = context.index + 1;
  if (same(expected, actual)) return undefined;
  const wantKeys = expected.map(key).sort();
  const gotKeys = actual.map(key).sort();
  const printed = { expected: showAll(expected), actual: showAll(actual) };
  if (same(wantKeys, gotKeys)) {
    if (choices.settlementOrder === 'perTick') return undefined;
    const ordered = (list: readonly TraceSettlement[]): TraceSettlement[] => list.filter((s) => context.composite?.has(s.id) !== true);
    if (same(ordered(expected), ordered(actual))) return undefined;
    return { rule: 'settlementOrder', tick, summary: 'waiters settled in another order than the handoffs were decided', ...printed };
  }
  const want = new Map(expected.map((s) => [s.id, s]));
  const got = new Map(actual.map((s) => [s.id, s]));
  // A waiting call refused for bad input (a bad timeout, weight or count) rejects at once: any
  // other end, or none, is the bad-input rule's; so is a refusal of input the model takes.
  for (const id of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(id);
    const g = got.get(id);
    if (refused(w) && !same(w, g)) return { rule: 'badInput', tick, summary: `#${id} must refuse its input and change nothing`, ...printed };
    if (refused(g) && !refused(w)) return { rule: 'badInput', tick, summary: `#${id} refused good input`, ...printed };
  }
  for (const [id, w] of want) {
    const g = got.get(id);
    if (g === undefined) continue;
    if (w.outcome === 'resolved' && (g.outcome === 'timeout' || g.outcome === 'aborted')) {
      return { rule: 'atomicCancellation', tick, summary: `#${id} was cancelled after its handoff and lost what it was given`, ...printed };
    }
    if ((w.outcome === 'timeout' || w.outcome === 'aborted') && g.outcome === 'resolved') {
      return { rule: 'atomicCancellation', tick, summary: `#${id} was cancelled before any handoff, yet it was served`, ...printed };
    }
    if (w.outcome === 'resolved' && g.outcome === 'resolved' && !same(w.value, g.value)) {
      // Which item a get is handed is the queues' rule; another value (a barrier's index) is what a call returns.
      const rule: RuleId = typeof w.value === 'number' && context.queue === true ? 'queues' : 'returns';
      return { rule, tick, summary: `#${id} was given ${JSON.stringify(g.value)}, the model hands it ${JSON.stringify(w.value)}`, ...printed };
    }
    if (!same(w, g)) return { rule: 'returns', tick, summary: `#${id} settled otherwise than the model says`, ...printed };
  }
  const extra = actual.filter((s) => !want.has(s.id));
  const missing = expected.filter((s) => !got.has(s.id));
  const extraServed = extra.find((s) => s.outcome === 'resolved');
  const missingServed = missing.find((s) => s.outcome === 'resolved');
  if (extraServed !== undefined && missingServed !== undefined) {
    return { rule: 'fifo', tick, summary: `#${extraServed.id} was served where the model serves #${missingServed.id}, ${firstInLine(context)}`, ...printed };
  }
  if (extraServed !== undefined) {
    // A waiter ahead of it in line that the model leaves waiting, passed by it: it is overtaken.
    const before = [...(context.waiting ?? [])].filter((id) => ahead(context, id, extraServed.id)).sort((a, b) => (ahead(context, a, b) ? -1 : 1))[0];
    if (before !== undefined) {
      const why = (context.priorities?.size ?? 0) > 0 ? 'which is ahead of it in line' : 'which has waited longer';
      return { rule: 'fifo', tick, summary: `#${extraServed.id} was served ahead of #${before}, ${why}`, ...printed };
    }
    return { rule: 'conservation', tick, summary: `#${extraServed.id} was served with nothing to serve it: a permit, item or wakeup was duplicated`, ...printed };
  }
  if (missingServed !== undefined) {
    return { rule: 'conservation', tick, summary: `#${missingServed.id} is never served: a permit, item or wakeup was lost`, ...printed };
  }
  const extraCancelled = extra[0];
  if (extraCancelled !== undefined) return { rule: 'returns', tick, summary: `#${extraCancelled.id} settled while the model has it waiting`, ...printed };
  const missingCancelled = missing[0];
  if (missingCancelled !== undefined) {
    if (missingCancelled.outcome === 'rejected') {
      return { rule: 'conservation', tick, summary: `#${missingCancelled.id} must reject with ${missingCancelled.error}, but it never settles: a wakeup was lost`, ...printed };
    }
    return { rule: 'atomicCancellation', tick, summary: `#${missingCancelled.id} was cancelled but never settled`, ...printed };
  }
  return { rule: 'returns', tick, summary: 'waiters settled otherwise than the model says', ...printed };
}

/**
 * Where the composites that settled in a tick (their own promises, after their bodies started)
 * part from the model's: compared as a set, since how many continuations a library takes to
 * settle one after its body ended is its own business.
 */
function finishedDivergence(context: TickContext, expected: readonly TraceSettlement[], actual: readonly TraceSettlement[]): Divergence | undefined {
  const tick = context.index + 1;
  const byId = (list: readonly TraceSettlement[]): TraceSettlement[] => [...list].sort((a, b) => a.id - b.id);
  if (same(byId(expected), byId(actual))) return undefined;
  const printed = { expected: showAll(byId(expected)), actual: showAll(byId(actual)) };
  const got = new Map(actual.map((s) => [s.id, s]));
  for (const want of byId(expected)) {
    const g = got.get(want.id);
    const as = showSettlement(want).slice(`#${want.id} `.length);
    // A timeout here is its limit's; anything else, its body's end.
    const why = want.outcome === 'timeout' ? 'its limit passed' : 'its body ended';
    if (g === undefined) return { rule: 'composite', tick, summary: `composite #${want.id} does not settle, where it must settle as ${as}: ${why}`, ...printed };
    if (!same(g, want)) return { rule: 'composite', tick, summary: `composite #${want.id} must settle as ${as}: ${why}`, ...printed };
  }
  const early = byId(actual).find((s) => !expected.some((w) => w.id === s.id));
  return { rule: 'composite', tick, summary: early === undefined ? 'composites settled otherwise than the model says' : `composite #${early.id} settled while its body still runs`, ...printed };
}

function resourcesDivergence(tick: number, expected: Resources, actual: Resources, choices: CompareChoices): Divergence | undefined {
  const timers = choices.timers ?? 'perWaiter';
  const timersWrong = timers === 'perWaiter' ? actual.timers !== expected.timers : timers === 'own' ? expected.timers === 0 && actual.timers > 0 : false;
  if (timersWrong) {
    return {
      rule: 'cleanup',
      tick,
      summary: `${actual.timers} timers are live, but ${expected.timers} waiters wait with a timeout`,
      expected: `${expected.timers} timers`,
      actual: `${actual.timers} timers`,
    };
  }
  const signals = new Set([...Object.keys(expected.listeners), ...Object.keys(actual.listeners)]);
  for (const signal of signals) {
    const want = expected.listeners[signal] ?? 0;
    const got = actual.listeners[signal] ?? 0;
    // One listener per waiter at most; none once its waiters have all settled.
    if ((want === 0 && got > 0) || (want > 0 && (got === 0 || got > want))) {
      return {
        rule: 'cleanup',
        tick,
        summary: `signal ${signal} holds ${got} abort listeners, but ${want} of its waiters wait`,
        expected: `${want} listeners on ${signal}`,
        actual: `${got} listeners on ${signal}`,
      };
    }
  }
  return undefined;
}

/**
 * The first way `actual` parts from `expected` in one tick, or `undefined` when they agree: what
 * escaped the implementation's calls, the calls' results in order, who settled in which order
 * and how, the observers after the tick, how the composites whose bodies ended settled, the
 * observers right after each call, then the timers and listeners still held.
 */
export function compareTick(context: TickContext, expected: TickTrace, actual: TickTrace, choices: CompareChoices = {}): Divergence | undefined {
  const tick = context.index + 1;
  // What escaped comes first: whatever else the tick shows may be its consequence. A body's
  // error that escaped is the composite's fault; anything else, the call's.
  const escaped = actual.escaped ?? [];
  const [first, ...more] = escaped;
  if (first !== undefined) {
    const body = escaped.map((line) => /^unhandled rejection: (error of #\d+)$/.exec(line)?.[1]).find((name) => name !== undefined);
    if (body !== undefined) {
      return { rule: 'composite', tick, summary: `${body} escaped as an unhandled rejection: a body's error must reach the composite's caller, and only it`, expected: 'nothing escapes', actual: escaped.join('; ') };
    }
    return { rule: 'escapes', tick, summary: more.length === 0 ? first : `${first} (and ${more.length} more)`, expected: 'nothing escapes', actual: escaped.join('; ') };
  }
  const waitedEarlier: number[] = [];
  for (const [i, call] of expected.calls.entries()) {
    const got = actual.calls[i];
    if (got === undefined) return { rule: 'returns', tick, summary: `call #${call.id} left no result`, expected: showResult(call.result), actual: 'nothing' };
    const wrong = callDivergence(context, call, got, choices, waitedEarlier, expected.settled);
    if (wrong !== undefined) return wrong;
    if (call.result.kind === 'pending') waitedEarlier.push(call.id);
  }
  const settled = settledDivergence(context, expected.settled, actual.settled, choices);
  const after = observerDifference(expected.observed, actual.observed, context.undemanded);
  if (settled !== undefined) return settled;
  if (after !== undefined) {
    const rule = observerRule(after, expected);
    const summary = rule === 'ownership' ? `a grant already given back was given back again: ${after.text}` : after.text;
    return { rule, tick, summary, expected: JSON.stringify(expected.observed), actual: JSON.stringify(actual.observed) };
  }
  const finished = finishedDivergence(context, expected.finished ?? [], actual.finished ?? []);
  if (finished !== undefined) return finished;
  if ((choices.observe ?? 'atCall') === 'atCall') {
    for (const [i, call] of expected.calls.entries()) {
      const got = actual.calls[i];
      if (call.observed === undefined || got?.observed === undefined) continue;
      const diff = observationDiff(call.observed, got.observed, context.undemanded);
      if (diff !== undefined) {
        return { rule: 'observers', tick, summary: `right after #${call.id}, ${diff}`, expected: JSON.stringify(call.observed), actual: JSON.stringify(got.observed) };
      }
    }
  }
  if (expected.resources !== undefined && actual.resources !== undefined) return resourcesDivergence(tick, expected.resources, actual.resources, choices);
  return undefined;
}

/**
 * The calls the model leaves waiting after a tick, from those it left before and the tick's
 * trace: the comparison's `waiting`, kept tick by tick.
 */
export function stillWaiting(before: ReadonlySet<number>, tick: TickTrace): Set<number> {
  const waiting = new Set(before);
  for (const call of tick.calls) if (call.result.kind === 'pending') waiting.add(call.id);
  for (const settlement of tick.settled) waiting.delete(settlement.id);
  return waiting;
}

/**
 * The first way `actual` parts from the model's trace `expected` of `program`, tick by tick, or
 * `undefined` when they agree on every tick both have.
 */
export function compareTraces(
  program: Program,
  expected: Trace,
  actual: Pick<Trace, 'ticks'> & { readonly initial?: Observation },
  options: { readonly queue: boolean; readonly composites?: Readonly<Record<string, string>> },
  choices: CompareChoices = {},
): Divergence | undefined {
  if (actual.initial !== undefined) {
    const constructed = observationDiff(expected.initial, actual.initial);
    if (constructed !== undefined) return { rule: 'observers', tick: 0, summary: `once constructed, ${constructed}`, expected: JSON.stringify(expected.initial), actual: JSON.stringify(actual.initial) };
  }
  const composite = new Set(program.ticks.flat().flatMap((a) => ('call' in a && options.composites?.[a.call] !== undefined ? [a.id] : [])));
  const priorities = prioritiesOf(program);
  let waiting = new Set<number>();
  const ticks = Math.min(program.ticks.length, expected.ticks.length, actual.ticks.length);
  for (let index = 0; index < ticks; index++) {
    const want = expected.ticks[index] as TickTrace;
    const before = index === 0 ? expected.initial : (expected.ticks[index - 1] as TickTrace).observed;
    const waitingBefore = waiting;
    waiting = stillWaiting(waiting, want);
    const context: TickContext = { index, actions: program.ticks[index] ?? [], nonBlocking: NON_BLOCKING, before, composite, waiting, waitingBefore, queue: options.queue, priorities };
    const divergence = compareTick(context, want, actual.ticks[index] as TickTrace, choices);
    if (divergence !== undefined) return divergence;
  }
  return undefined;
}

/** A divergence, printed: its rule, the line that says what went wrong, and both sides. */
export function showDivergence(divergence: Divergence): string {
  const rule = RULES[divergence.rule];
  const number = 'number' in rule ? `rule ${rule.number}, ` : '';
  return [
    `${rule.title} (${number}${rule.text})`,
    `  tick ${divergence.tick}: ${divergence.summary}`,
    `  model:          ${divergence.expected}`,
    `  implementation: ${divergence.actual}`,
  ].join('\n');
}
