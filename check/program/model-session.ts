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
 * @module
 */

import type { Settlement, Step, WaitSpec } from '../../model/common.js';
import { familyOf, type Family, type ModelChoices } from './families/index.js';
import {
  isCall,
  num,
  showAction,
  type Action,
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
  /** Ids of composite calls (`runExclusive`, ...), and of those whose body has ended. */
  readonly #composites = new Set<number>();
  readonly #ended = new Set<number>();
  /** Releases of composites' handles made in this tick: the library makes them once the job's continuations run. */
  #deferred: { readonly op: Op; readonly action: string }[] = [];
  #timers = 0;
  #settled: TraceSettlement[] = [];

  constructor(program: Pick<Program, 'primitive' | 'params'>, choices: ModelChoices = {}) {
    this.family = familyOf(program.primitive) as unknown as Family<S, Op>;
    this.program = program;
    this.choices = choices;
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

  /** Timers and listeners the implementation must still hold: those of the waiters still waiting. */
  resources(): Resources {
    let timers = 0;
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
    const calls: CallTrace[] = [];
    for (const action of actions) {
      if (isCall(action)) calls.push(this.#call(action));
      else if ('abort' in action) this.#abort(action.abort);
      else this.#advance(action.advance);
    }
    this.#releaseComposites();
    this.#expire(this.now);
    this.#deliver();
    return { calls, settled: this.#settled, observed: this.observe(), resources: this.resources() };
  }

  #apply(op: Op, action: string): Step<S> {
    const before = this.state;
    const step = this.family.step(before, op);
    this.state = step.state;
    for (const [rule, holds] of Object.entries(this.family.invariants)) {
      if (!holds(step.state)) this.violations.push({ rule, action });
    }
    for (const [rule, holds] of Object.entries(this.family.stepInvariants ?? {})) {
      if (!holds(before, op, step)) this.violations.push({ rule, action });
    }
    for (const settlement of step.settled) {
      const record = this.#waiters.get(settlement.waiter);
      if (record !== undefined) record.pending = false;
      const value = settlement.outcome === 'resolved' ? this.family.value(settlement.value) : undefined;
      if (value === 'handle') this.#arriving.push(settlement.waiter);
      this.#settled.push(traceSettlement(settlement, value));
    }
    return step;
  }

  #call(given: CallAction): CallTrace {
    // A composite call is, to the model, the call it stands for.
    const alias = own(this.choices.composites, given.call);
    const action: CallAction = alias === undefined ? given : { ...given, call: alias };
    if (alias !== undefined) this.#composites.add(given.id);
    const info = own(this.family.calls, action.call);
    if (info === undefined) throw new ProgramError(`${this.program.primitive} has no call ${action.call}`);
    let wait: WaitSpec = {};
    // A port that cancels after the call sees a live signal at the call, and aborts it at once.
    const abortAfter = info.waits && action.signal !== undefined && this.#aborted.has(action.signal) && this.choices.abortedSignal === 'afterCall';
    if (info.waits) {
      const aborted = action.signal !== undefined && this.#aborted.has(action.signal) && !abortAfter;
      let timeout = action.timeout === undefined ? undefined : num(action.timeout);
      const zero = typeof this.choices.zeroTimeout === 'object' ? own(this.choices.zeroTimeout, action.call) : this.choices.zeroTimeout;
      if (timeout === 0 && zero === 'none') timeout = undefined;
      const modelTimeout = timeout === 0 && zero === 'timer' ? undefined : timeout;
      wait = { timeout: modelTimeout, aborted };
      const deadline = timeout === undefined || aborted ? undefined : this.now + timeout;
      this.#waiters.set(action.id, { id: action.id, deadline, signal: action.signal, seq: this.#timers++, pending: true });
    }
    // A handle is in hand once its promise's continuation ran, so from the next tick on: a call on
    // a handle not in hand yet does nothing (the program has nothing to call it on).
    if (action.on !== undefined && !this.#handles.has(action.on)) return { id: action.id, result: { kind: 'returned' }, observed: this.observe() };
    const op = this.family.op(action, wait, this.choices);
    if (op === undefined) throw new ProgramError(`${this.program.primitive} has no call ${action.call}`);
    // Releasing a composite's handle ends its body; the library releases once the continuations run.
    // A body ends once: releasing its handle again does nothing.
    if (action.on !== undefined && this.#composites.has(action.on)) {
      if (this.#ended.has(action.on)) return { id: action.id, result: { kind: 'returned' }, ignored: true };
      this.#ended.add(action.on);
      this.#deferred.push({ op, action: showAction(action) });
      return { id: action.id, result: { kind: 'returned' } };
    }
    const before = this.state;
    const step = this.#apply(op, showAction(action));
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
    this.#releaseComposites();
    this.#deliver();
    this.#expire(this.now + ms);
    this.now += ms;
  }

  /** The releases of composites' handles, in the order they were asked for. */
  #releaseComposites(): void {
    for (const { op, action } of this.#deferred.splice(0)) this.#apply(op, action);
  }

  #deliver(): void {
    for (const id of this.#arriving.splice(0)) this.#handles.add(id);
  }

  /** The timeouts due by `until`, in deadline order, ties in the order they were set. */
  #expire(until: number): void {
    const due = [...this.#waiters.values()]
      .filter((record) => record.pending && record.deadline !== undefined && record.deadline <= until)
      .sort((a, b) => (a.deadline ?? 0) - (b.deadline ?? 0) || a.seq - b.seq);
    // Each timer is a job of its own: what it resolved is in hand before the next one fires.
    for (const record of due) {
      if (record.pending) this.#apply(this.family.timeoutOp(record.id), `timeout of #${record.id}`);
      this.#deliver();
    }
  }
}

/** The whole trace the model gives `program`. */
export function modelTrace(program: Program, choices: ModelChoices = {}): Trace {
  const session = new ModelSession(program, choices);
  const initial = session.observe();
  return { initial, ticks: program.ticks.map((tick) => session.tick(tick)) };
}
