/**
 * A program run on a model: what the specification says each tick must do. Pure (no promises,
 * no timers, no Node API), so it runs in a browser as well as in the checker.
 *
 * The session keeps what the model itself does not: the clock, each waiter's deadline and
 * signal, and which waiters the model has settled. `advance` turns time into the model's
 * `timeout` operations (due deadlines in order, ties in the order their timers were set), and
 * `abort` into its `abort` operations (the signal's waiters in the order they queued, which is
 * the order their listeners were added).
 *
 * **Composite calls** (`runExclusive(fn)`, a task queue's `add(fn)`) are, to the model, the call
 * they stand for (`acquire`), plus a body the session keeps track of. The rules:
 *
 * - The body starts when the grant is made (the handoff), and holds the grant until it ends.
 * - The grant goes back however the body ends, as the releaser of that grant gives it back
 *   (rule 8: only while it is outstanding): a body that returns or throws ends as soon as it
 *   runs, which is in a continuation after the grant, so the grant goes back once the job's
 *   continuations have run; a held body ends when the program releases the composite's handle
 *   (`release() on #n`), and a body that rejects likewise, and the library gives the grant back
 *   once that job's continuations have run. A body ends once.
 * - The composite's own promise then settles with the body's value (`value of #n`), or rejects
 *   with its error (`error of #n`): the very value or error, not a copy.
 * - A composite call with a `limit` (ms) starts a timer when its body starts (in a continuation
 *   after the grant, so after the timers the job's own calls set): when it fires before the
 *   body ends, the grant goes back (a forced release: the next waiter is served), the composite
 *   settles as its {@link LimitEnd} says, and the body's own end then gives back nothing. A body
 *   that ends first clears the timer.
 * - A call on a composite's handle, a priority, a body or a limit where they do not belong is
 *   refused ({@link ProgramError}).
 *
 * @module
 */

import type { Settlement, Step, StepInvariant, WaitSpec } from '../../model/common.js';
import { familyOf, type Family, type LimitEnd, type ModelChoices } from './families/index.js';
import {
  isCall,
  num,
  showAction,
  type Action,
  type BodyKind,
  type CallAction,
  type CallResult,
  type CallTrace,
  type Observation,
  type Program,
  type Resources,
  type TickTrace,
  type Trace,
  type TraceSettlement,
  type TraceValue,
} from './program.js';

interface WaiterRecord {
  readonly id: number;
  readonly deadline: number | undefined;
  readonly signal: number | undefined;
  /** The order its timer was set in. */
  readonly seq: number;
  pending: boolean;
}

/**
 * The entry of `table` named `key`, if `table` has one of its own: a call named after an Object
 * method (`toString`, `constructor`) is no entry of any table of calls.
 */
function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A program refused before it ran: an unknown call, or parameters the constructor refuses. */
export class ProgramError extends Error {
  override get name(): string {
    return 'ProgramError';
  }
}

/** A named invariant or step rule of the model that a step broke (a bug in the model itself). */
export interface ModelViolation {
  readonly rule: string;
  readonly action: string;
}

/** A composite call's body, as far as the session follows it. */
interface BodyRecord {
  readonly body: BodyKind | 'held';
  readonly limit: number | undefined;
  readonly limitEnd: LimitEnd;
  /** The grant was made: the body runs (or ran). */
  started: boolean;
  /** The body ended (returned, threw, or the program released its handle). */
  ended: boolean;
  /** Its limit passed first: the grant went back on its own. */
  forced: boolean;
  /** Its own promise settled. */
  finished: boolean;
}

/** A composite's limit timer: set when its body starts, due `deadline`; `seq` orders ties. */
interface LimitTimer {
  readonly id: number;
  readonly deadline: number;
  seq: number | undefined;
}

/** What a composite call's body of call `id` returns, as a trace shows it. */
export const bodyValue = (id: number): string => `value of #${id}`;

/** What a composite call's body of call `id` throws or rejects with, as a trace shows it. */
export const bodyError = (id: number): string => `error of #${id}`;

/** A model's settlement as a trace shows it . */
function traceSettlement(settlement: Settlement, value: TraceValue | undefined): TraceSettlement {
  const id = settlement.waiter;
  switch (settlement.outcome) {
    case 'resolved':
      return value === undefined ? { id, outcome: 'resolved' } : { id, outcome: 'resolved', value };
    case 'rejected':
      return { id, outcome: 'rejected', error: settlement.error };
    default:
      return { id, outcome: settlement.outcome };
  }
}

/**
 * Told of every step a session makes, with the state before, the operation and the step: what
 * a search measures where a program went (`check/generate/coverage.ts`).
 */
export type StepObserver = (before: unknown, op: unknown, step: Step<unknown>) => void;

/** A program on a model, tick by tick. */
export class ModelSession<S = unknown, Op = unknown> {
  readonly family: Family<S, Op>;
  readonly program: Pick<Program, 'primitive' | 'params'>;
  readonly choices: ModelChoices;
  state: S;
  now = 0;
  /** Model invariants broken so far (empty for a sound model). */
  readonly violations: ModelViolation[] = [];
  readonly #waiters = new Map<number, WaiterRecord>();
  readonly #aborted = new Set<number>();
  /** Ids of calls that hold a handle now: returned at once, or resolved in an earlier tick. */
  readonly #handles = new Set<number>();
  /** Ids of calls resolved with a handle in this tick: their continuations get it after the tick. */
  readonly #arriving: number[] = [];
  /** Composite calls (`runExclusive`, ...), by id, and their bodies. */
  readonly #composites = new Map<number, BodyRecord>();
  /** Bodies that ended in this job: the library gives their grants back once the job's continuations run. */
  #ending: number[] = [];
  /** Limit timers of bodies still running. */
  readonly #limits = new Map<number, LimitTimer>();
  /** The calls of the tick being run, and where in them a call ended a composite's body, by the composite's id. */
  #calls: CallTrace[] = [];
  readonly #endedBy = new Map<number, number>();
  /** Ids of calls made with a zero timeout under `zeroTimeout: 'refused'`: refused, and timed out. */
  readonly #refused = new Set<number>();
  #timers = 0;
  #settled: TraceSettlement[] = [];
  readonly #onStep: StepObserver | undefined;
  /** The family's invariants and step rules, as entries: every step checks them all. */
  readonly #invariants: readonly (readonly [string, (state: S) => boolean])[];
  readonly #stepInvariants: readonly (readonly [string, StepInvariant<S, Op>])[];
  #finished: TraceSettlement[] = [];

  constructor(program: Pick<Program, 'primitive' | 'params'>, choices: ModelChoices = {}, onStep?: StepObserver) {
    this.family = familyOf(program.primitive) as unknown as Family<S, Op>;
    this.program = program;
    this.choices = choices;
    this.#onStep = onStep;
    this.#invariants = Object.entries(this.family.invariants);
    this.#stepInvariants = Object.entries(this.family.stepInvariants ?? {});
    const state = this.family.init(program.primitive, program.params);
    if (typeof state === 'object' && state !== null && 'error' in state) {
      throw new ProgramError(`new ${program.primitive}(${JSON.stringify(program.params)}) throws ${String(state.error)}`);
    }
    this.state = state as S;
  }

  /** What the observers show now. */
  observe(): Observation {
    return this.family.observe(this.state);
  }

  /** Timers and listeners the implementation must still hold: those of the waiters still waiting, and the limits of bodies still running. */
  resources(): Resources {
    let timers = this.#limits.size;
    const listeners: Record<string, number> = {};
    for (const record of this.#waiters.values()) {
      if (record.signal !== undefined && !this.#aborted.has(record.signal)) {
        const key = `s${record.signal}`;
        listeners[key] = (listeners[key] ?? 0) + (record.pending ? 1 : 0);
      }
      if (record.pending && record.deadline !== undefined) timers++;
    }
    return { timers, listeners };
  }

  /** Runs one tick: its actions in order, then the timers due now (a 0 ms timer). */
  tick(actions: readonly Action[]): TickTrace {
    this.#settled = [];
    this.#finished = [];
    const calls: CallTrace[] = [];
    this.#calls = calls;
    for (const action of actions) {
      if (isCall(action)) calls.push(this.#call(action));
      else if ('abort' in action) this.#abort(action.abort);
      else this.#advance(action.advance);
    }
    this.#endJob();
    this.#expire(this.now);
    const finished = this.#finished.length === 0 ? {} : { finished: this.#finished };
    return { calls, settled: this.#settled, ...finished, observed: this.observe(), resources: this.resources() };
  }

  /** `action` names what made the step, for a violation: a thunk when naming it costs. */
  #apply(op: Op, action: string | (() => string)): Step<S> {
    const before = this.state;
    const step = this.family.step(before, op);
    this.state = step.state;
    this.#onStep?.(before, op, step);
    const named = (): string => (typeof action === 'string' ? action : action());
    for (const [rule, holds] of this.#invariants) {
      if (!holds(step.state)) this.violations.push({ rule, action: named() });
    }
    for (const [rule, holds] of this.#stepInvariants) {
      if (!holds(before, op, step)) this.violations.push({ rule, action: named() });
    }
    for (const settlement of step.settled) {
      const record = this.#waiters.get(settlement.waiter);
      if (record !== undefined) record.pending = false;
      const value = settlement.outcome === 'resolved' ? this.family.value(settlement.value) : undefined;
      if (value === 'handle') {
        this.#arriving.push(settlement.waiter);
        this.#start(settlement.waiter);
      }
      const refused = settlement.outcome === 'aborted' && this.#refused.has(settlement.waiter);
      this.#settled.push(refused ? { id: settlement.waiter, outcome: 'timeout' } : traceSettlement(settlement, value));
    }
    return step;
  }

  /**
   * A composite's grant was made: its body starts, a continuation later. One that returns or
   * throws ends as soon as it runs; one that is held starts its limit's timer, if it has one.
   */
  #start(id: number): void {
    const body = this.#composites.get(id);
    if (body === undefined || body.started) return;
    body.started = true;
    if (body.body === 'returns' || body.body === 'throws') {
      body.ended = true;
      this.#ending.push(id);
    } else if (body.limit !== undefined) {
      this.#limits.set(id, { id, deadline: this.now + body.limit, seq: undefined });
    }
  }

  /** The op that gives back composite `id`'s grant: what a release of its handle is to the model. */
  #giveBackOp(id: number): Op {
    const op = this.family.op({ call: 'release', id, on: id }, {}, this.choices);
    if (op === undefined) throw new ProgramError(`${this.program.primitive} has no release of a handle for a composite to give its grant back`);
    return op;
  }

  /** The composite's own promise settles: with its body's value or error, unless its limit settled it. */
  #finish(id: number, settlement: TraceSettlement): void {
    const body = this.#composites.get(id);
    if (body === undefined || body.finished) return;
    body.finished = true;
    this.#finished.push(settlement);
  }

  /**
   * The job's continuations run: bodies that ended give their grants back (which may start and
   * end more bodies), their composites settle, new bodies' limit timers are set, and handles
   * resolved so far are in hand.
   */
  #endJob(): void {
    for (let id = this.#ending.shift(); id !== undefined; id = this.#ending.shift()) {
      const body = this.#composites.get(id) as BodyRecord;
      this.#limits.delete(id);
      // After a forced release the body's end gives back nothing.
      if (!body.forced) {
        const before = this.state;
        const step = this.#apply(this.#giveBackOp(id), `the end of #${id}'s body`);
        // An end that changes nothing gave back nothing: the grant was already given back (rule
        // 8), and the call that ended the body is marked as a spent releaser's is.
        const index = this.#endedBy.get(id);
        const call = index === undefined ? undefined : this.#calls[index];
        if (step.state === before && index !== undefined && call !== undefined) this.#calls[index] = { ...call, ignored: true };
      }
      this.#endedBy.delete(id);
      if (body.forced && body.limitEnd !== 'withBody') continue;
      this.#finish(id, body.body === 'returns' || body.body === 'held' ? { id, outcome: 'resolved', value: bodyValue(id) } : { id, outcome: 'rejected', error: bodyError(id) });
    }
    // A body's timer is set when it starts running: after every timer this job's calls set.
    for (const timer of this.#limits.values()) if (timer.seq === undefined) timer.seq = this.#timers++;
    this.#deliver();
  }

  /** Composite `id`'s limit passes before its body ends: a forced release. */
  #forceRelease(id: number): void {
    const body = this.#composites.get(id) as BodyRecord;
    this.#limits.delete(id);
    body.forced = true;
    this.#apply(this.#giveBackOp(id), `the limit of #${id}`);
    if (body.limitEnd === 'timeout') this.#finish(id, { id, outcome: 'timeout' });
    else if (body.limitEnd === 'resolved') this.#finish(id, { id, outcome: 'resolved' });
  }

  #call(given: CallAction): CallTrace {
    // A composite call is, to the model, the call it stands for.
    const alias = own(this.choices.composites, given.call);
    const action: CallAction = alias === undefined ? given : { ...given, call: alias };
    const info = own(this.family.calls, action.call);
    if (info === undefined) throw new ProgramError(`${this.program.primitive} has no call ${action.call}`);
    this.#validate(given, alias !== undefined, info.priority === true);
    if (alias !== undefined) {
      const limitEnd = this.choices.limits?.[given.call] ?? 'timeout';
      this.#composites.set(given.id, { body: given.body ?? 'held', limit: given.limit, limitEnd, started: false, ended: false, forced: false, finished: false });
    }
    let wait: WaitSpec = {};
    // A port that cancels after the call sees a live signal at the call, and aborts it at once.
    const abortAfter = info.waits && action.signal !== undefined && this.#aborted.has(action.signal) && this.choices.abortedSignal === 'afterCall';
    if (info.waits) {
      const aborted = action.signal !== undefined && this.#aborted.has(action.signal) && !abortAfter;
      let timeout = action.timeout === undefined ? undefined : num(action.timeout);
      const zero = typeof this.choices.zeroTimeout === 'object' ? own(this.choices.zeroTimeout, action.call) : this.choices.zeroTimeout;
      if (timeout === 0 && zero === 'none') timeout = undefined;
      // A deadline already past refuses the call as an aborted signal does, and times it out.
      const refused = timeout === 0 && zero === 'refused' && !aborted;
      if (refused) this.#refused.add(action.id);
      const modelTimeout = (timeout === 0 && zero === 'timer') || refused ? undefined : timeout;
      wait = { timeout: modelTimeout, aborted: aborted || refused, ...(action.priority === undefined ? {} : { priority: action.priority }) };
      const deadline = timeout === undefined || aborted || refused ? undefined : this.now + timeout;
      this.#waiters.set(action.id, { id: action.id, deadline, signal: action.signal, seq: this.#timers++, pending: true });
    }
    // A handle is in hand once its promise's continuation ran, so from the next tick on: a call on
    // a handle not in hand yet does nothing (the program has nothing to call it on).
    if (action.on !== undefined && !this.#handles.has(action.on)) return { id: action.id, result: { kind: 'returned' }, observed: this.observe() };
    const op = this.family.op(action, wait, this.choices);
    if (op === undefined) throw new ProgramError(`${this.program.primitive} has no call ${action.call}`);
    // Releasing a composite's handle ends its body; the library gives the grant back once the
    // continuations run. A body ends once, and after a forced release its end gives back nothing.
    const body = action.on === undefined ? undefined : this.#composites.get(action.on);
    if (action.on !== undefined && body !== undefined) {
      if (body.ended) return { id: action.id, result: { kind: 'returned' }, ignored: true };
      body.ended = true;
      this.#ending.push(action.on);
      this.#endedBy.set(action.on, this.#calls.length);
      return body.forced ? { id: action.id, result: { kind: 'returned' }, ignored: true } : { id: action.id, result: { kind: 'returned' } };
    }
    const before = this.state;
    const step = this.#apply(op, () => showAction(action));
    const result = this.#result(step, action);
    if (abortAfter && this.#waiters.get(action.id)?.pending === true) this.#apply(this.family.abortOp(action.id), `abort(s${String(action.signal)})`);
    const observed = this.observe();
    // A call on a handle that leaves the state as it was did nothing: its grant was already given back.
    return action.on !== undefined && result.kind === 'returned' && step.state === before ? { id: action.id, result, observed, ignored: true } : { id: action.id, result, observed };
  }

  #result(step: Step<S>, action: CallAction): CallResult {
    const returned = step.returned;
    if (returned.kind === 'pending') return { kind: 'pending' };
    if (returned.kind === 'threw') return { kind: 'threw', error: returned.error };
    const value = this.family.value(returned.value);
    if (value === 'handle') this.#handles.add(action.id);
    return value === undefined ? { kind: 'returned' } : { kind: 'returned', value };
  }

  #abort(signal: number): void {
    if (this.#aborted.has(signal)) return;
    this.#aborted.add(signal);
    for (const record of this.#waiters.values()) {
      if (record.pending && record.signal === signal) this.#apply(this.family.abortOp(record.id), `abort(s${signal})`);
    }
  }

  /** Time passing ends the job: every continuation runs, so handles resolved so far are in hand. */
  #advance(ms: number): void {
    this.#endJob();
    this.#expire(this.now + ms);
  }

  /** Refuses what a call may not carry: a priority where the model has none, a body or a limit on a call that is not a composite. */
  #validate(action: CallAction, composite: boolean, takesPriority: boolean): void {
    const where = `#${action.id} ${action.call}`;
    if (action.priority !== undefined && (!takesPriority || !Number.isFinite(action.priority))) {
      throw new ProgramError(takesPriority ? `${where}: a priority is a finite number, got ${String(action.priority)}` : `${where}: ${this.program.primitive}'s model serves ${action.call} in arrival order only: it takes no priority`);
    }
    if (!composite && (action.body !== undefined || action.limit !== undefined)) throw new ProgramError(`${where}: only a composite call has a body and a limit`);
    if (action.limit !== undefined && !(Number.isFinite(action.limit) && action.limit > 0)) throw new ProgramError(`${where}: a limit is a positive number of milliseconds, got ${String(action.limit)}`);
  }

  #deliver(): void {
    for (const id of this.#arriving.splice(0)) this.#handles.add(id);
  }

  /**
   * The timers due by `until`, in deadline order, ties in the order they were set: waiters'
   * timeouts and bodies' limits. Each timer is a job of its own: its continuations run (and
   * what it resolved is in hand) before the next one fires, and a timer it sets fires in turn.
   */
  #expire(until: number): void {
    for (;;) {
      let next: { readonly deadline: number; readonly seq: number; readonly fire: () => void } | undefined;
      const consider = (deadline: number, seq: number, fire: () => void): void => {
        if (deadline <= until && (next === undefined || deadline < next.deadline || (deadline === next.deadline && seq < next.seq))) next = { deadline, seq, fire };
      };
      for (const record of this.#waiters.values()) {
        if (record.pending && record.deadline !== undefined) consider(record.deadline, record.seq, () => this.#apply(this.family.timeoutOp(record.id), `timeout of #${record.id}`));
      }
      for (const timer of this.#limits.values()) consider(timer.deadline, timer.seq ?? Number.POSITIVE_INFINITY, () => this.#forceRelease(timer.id));
      if (next === undefined) break;
      this.now = Math.max(this.now, next.deadline);
      next.fire();
      this.#endJob();
    }
    this.now = Math.max(this.now, until);
  }
}

/** The whole trace the model gives `program`. */
export function modelTrace(program: Program, choices: ModelChoices = {}): Trace {
  const session = new ModelSession(program, choices);
  const initial = session.observe();
  return { initial, ticks: program.ticks.map((tick) => session.tick(tick)) };
}
