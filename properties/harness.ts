/**
 * The model-against-implementation engine every primitive's property uses.
 *
 * A program is a list of ticks; a tick is a few commands run synchronously, one after another,
 * in the same job. Each command applies one operation to the model (through its pure `step`)
 * and makes the same call on the implementation. After each tick the microtasks run, and the
 * world compares everything observable: what each call returned or threw, which promises
 * settled in which order with which value, the statistics, and the timers and abort listeners
 * still held (a settled waiter must hold none).
 *
 * Time is fake (@sinonjs/fake-timers, `setTimeout`/`clearTimeout` only), so the implementation's
 * real timeout path runs, at the instant the program chooses.
 */

import { getEventListeners } from 'node:events';
import { isDeepStrictEqual, inspect } from 'node:util';
import FakeTimers from '@sinonjs/fake-timers';
import * as fc from 'fast-check';
import type { Returned, Settlement, Step, StepInvariant, WaitSpec, WaiterId } from '../model/common.js';

/** A model as the engine drives it. */
export interface ModelOf<S, Op> {
  step(state: S, op: Op): Step<S>;
  /** What the implementation's observers must show in `state`. */
  observe(state: S): unknown;
  /** Named invariants, checked after every step. */
  invariants: Readonly<Record<string, (state: S) => boolean>>;
  /** Named rules about one transition, checked after every step. */
  stepInvariants?: Readonly<Record<string, StepInvariant<S, Op>>>;
  timeoutOp(waiter: WaiterId): Op;
  abortOp(waiter: WaiterId): Op;
}

/** The options a generated waiting call uses. */
export interface WaitChoice {
  /** Milliseconds, or none. */
  readonly timeout: number | undefined;
  /** A new signal (`'new'`), an already-aborted one, a shared one (by index), or none. */
  readonly signal: 'none' | 'new' | 'aborted' | { readonly shared: number };
}

interface WaiterRecord {
  readonly id: WaiterId;
  readonly deadline: number | undefined;
  readonly controller: AbortController | undefined;
  /** The model has not settled it yet. */
  pending: boolean;
}

/** Operations run across every world in this process, for the fuzz summary. */
export const counters = { operations: 0 };

/** Thrown when the implementation disagrees with the model; the message says where and how. */
export class Disagreement extends Error {
  override readonly name = 'Disagreement';
}

const show = (value: unknown): string => inspect(value, { depth: 6, breakLength: 120 });

/** Flushes every pending microtask (and their continuations) by waiting for a macrotask. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One run of one program: the model's state, the implementation, and the bookkeeping that
 * ties a waiter in one to the same waiter in the other.
 */
export class World<S, Op, R> {
  state: S;
  readonly real: R;
  readonly model: ModelOf<S, Op>;
  now = 0;
  readonly clock: FakeTimers.Clock;
  /** Values the implementation handed to waiters (a Releaser, say), by waiter. */
  readonly handed = new Map<WaiterId, unknown>();
  readonly #waiters: WaiterRecord[] = [];
  readonly #controllers: AbortController[] = [];
  #expectedReturns: Returned[] = [];
  #actualReturns: Returned[] = [];
  #expected: Settlement[] = [];
  #actual: unknown[] = [];
  readonly #log: string[] = [];

  constructor(model: ModelOf<S, Op>, state: S, real: R, clock: FakeTimers.Clock) {
    this.model = model;
    this.state = state;
    this.real = real;
    this.clock = clock;
  }

  /** Registers a waiter and returns its id and the options for the implementation's call. */
  waiter(choice: WaitChoice): { id: WaiterId; options: { timeout?: number; signal?: AbortSignal }; aborted: boolean } {
    const id = this.#waiters.length;
    let controller: AbortController | undefined;
    if (choice.signal === 'new' || choice.signal === 'aborted') {
      controller = new AbortController();
      if (choice.signal === 'aborted') controller.abort(new Error(`abort #${id}`));
      this.#controllers.push(controller);
    } else if (typeof choice.signal === 'object') {
      const live = this.#controllers.filter((c) => !c.signal.aborted);
      controller = live[choice.signal.shared % Math.max(live.length, 1)];
    }
    const deadline = choice.timeout === undefined ? undefined : this.now + choice.timeout;
    this.#waiters.push({ id, deadline, controller, pending: true });
    const options: { timeout?: number; signal?: AbortSignal } = {};
    if (choice.timeout !== undefined) options.timeout = choice.timeout;
    if (controller !== undefined) options.signal = controller.signal;
    return { id, options, aborted: controller?.signal.aborted === true };
  }

  /** Applies `op` to the model and checks every invariant. */
  apply(op: Op): Step<S> {
    counters.operations++;
    const before = this.state;
    const next = this.model.step(before, op);
    this.state = next.state;
    for (const [name, holds] of Object.entries(this.model.invariants)) {
      if (!holds(next.state)) throw new Disagreement(`model invariant ${name} broken after ${show(op)}: ${show(next.state)}`);
    }
    for (const [name, holds] of Object.entries(this.model.stepInvariants ?? {})) {
      if (!holds(before, op, next)) throw new Disagreement(`model rule ${name} broken by ${show(op)}: ${show(next)}`);
    }
    for (const settlement of next.settled) {
      const record = this.#waiters[settlement.waiter];
      if (record !== undefined) record.pending = false;
      this.#expected.push(settlement);
    }
    return next;
  }

  /**
   * Runs one call on both sides: `op` on the model, `call` on the implementation. A returned
   * promise is followed: its settlement is logged for `waiter`, its value mapped by `name`.
   */
  both(op: Op, call: () => unknown, waiter?: WaiterId, name: (value: unknown) => unknown = (v) => v): void {
    this.#log.push(show(op));
    const step = this.apply(op);
    this.#expectedReturns.push(step.returned);
    let value: unknown;
    try {
      value = call();
    } catch (error) {
      this.#actualReturns.push({ kind: 'threw', error: errorName(error), reason: (step.returned as { reason?: string }).reason ?? '' });
      return;
    }
    if (value instanceof Promise) {
      this.#actualReturns.push({ kind: 'pending' });
      const id = waiter ?? -1;
      const record = this.#waiters[id];
      value.then(
        (resolved: unknown) => {
          this.handed.set(id, resolved);
          this.#actual.push({ waiter: id, outcome: 'resolved', value: name(resolved) });
        },
        (error: unknown) => {
          if (error !== undefined && error === record?.controller?.signal.reason) this.#actual.push({ waiter: id, outcome: 'aborted' });
          else if (errorName(error) === 'TimeoutError') this.#actual.push({ waiter: id, outcome: 'timeout' });
          else this.#actual.push({ waiter: id, outcome: 'rejected', error: errorName(error) });
        },
      );
    } else {
      if (waiter !== undefined) this.handed.set(waiter, value);
      this.#actualReturns.push({ kind: 'returned', value: name(value) });
    }
  }

  /** Aborts a live controller (by index among the live ones), on both sides. */
  abort(index: number): void {
    const live = this.#controllers.filter((c) => !c.signal.aborted);
    const controller = live[index % Math.max(live.length, 1)];
    if (controller === undefined) return;
    this.#log.push(`abort(signal of ${this.#waiters.filter((w) => w.controller === controller).map((w) => `#${w.id}`).join(', ')})`);
    // Listeners run in the order they were added, which is the order the waiters queued.
    for (const record of this.#waiters) if (record.controller === controller) this.apply(this.model.abortOp(record.id));
    controller.abort(new Error('aborted by the program'));
  }

  /** Lets `ms` milliseconds pass: due timeouts fire in deadline order, ties in creation order. */
  advance(ms: number): void {
    this.#log.push(`advance(${ms})`);
    const until = this.now + ms;
    const due = this.#waiters
      .filter((w) => w.deadline !== undefined && w.deadline > 0 && w.deadline <= until && w.deadline > this.now - 0)
      .sort((a, b) => (a.deadline ?? 0) - (b.deadline ?? 0) || a.id - b.id);
    for (const record of due) if (record.pending) this.apply(this.model.timeoutOp(record.id));
    this.clock.tick(ms);
    this.now = until;
  }

  /** Lets the microtasks run, then compares everything observable; throws a Disagreement. */
  async check(): Promise<void> {
    await flush();
    const where = (): string => `\nafter:\n  ${this.#log.join('\n  ')}\nmodel state: ${show(this.state)}`;
    if (!isDeepStrictEqual(this.#actualReturns, this.#expectedReturns)) {
      throw new Disagreement(`returned ${show(this.#actualReturns)}, model says ${show(this.#expectedReturns)}${where()}`);
    }
    if (!isDeepStrictEqual(this.#actual, this.#expected)) {
      throw new Disagreement(`settled ${show(this.#actual)}, model says ${show(this.#expected)}${where()}`);
    }
    const observed = this.observe();
    const expected = this.model.observe(this.state);
    if (!isDeepStrictEqual(observed, expected)) {
      throw new Disagreement(`observed ${show(observed)}, model says ${show(expected)}${where()}`);
    }
    const timers = this.clock.countTimers();
    const wantTimers = this.#waiters.filter((w) => w.pending && w.deadline !== undefined && w.deadline > this.now).length;
    if (timers !== wantTimers) throw new Disagreement(`${timers} timers are live, but ${wantTimers} waiters wait with a timeout${where()}`);
    for (const controller of this.#controllers) {
      const listeners = getEventListeners(controller.signal, 'abort').length;
      // Waiters may share a listener (toro-ts keeps one per signal, issue 11 item 6) or keep one
      // each: never more listeners than waiters, and none once no waiter waits.
      const waiting = controller.signal.aborted ? 0 : this.#waiters.filter((w) => w.pending && w.controller === controller).length;
      if (listeners > waiting || (waiting > 0) !== (listeners > 0)) {
        throw new Disagreement(`a signal holds ${listeners} abort listeners, but ${waiting} of its waiters wait${where()}`);
      }
    }
    this.#expectedReturns = [];
    this.#actualReturns = [];
    this.#expected = [];
    this.#actual = [];
    this.#log.length = 0;
  }

  /** What the implementation shows; set by the spec. */
  observe: () => unknown = () => undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : `non-error ${show(error)}`;
}

/** One command of a program: it runs on both sides of a world and prints as a call. */
export interface Command<W> {
  run(world: W): void;
  toString(): string;
  /** Simpler variants of this command (fewer options), for {@link minimize} to try. */
  simpler(): readonly Command<W>[];
}

/** Makes a command whose printed form is `text`, with its simpler variants if any. */
export function command<W>(text: string, run: (world: W) => void, simpler: () => readonly Command<W>[] = () => []): Command<W> {
  return { run, simpler, toString: () => text, [fc.toStringMethod]: () => text } as Command<W>;
}

/** The same call with fewer options: without its signal, without its timeout, with neither. */
export function simplerChoices(choice: WaitChoice): WaitChoice[] {
  const variants: WaitChoice[] = [];
  if (choice.signal !== 'none') variants.push({ ...choice, signal: 'none' });
  if (choice.timeout !== undefined) variants.push({ ...choice, timeout: undefined });
  if (choice.signal !== 'none' && choice.timeout !== undefined) variants.push({ timeout: undefined, signal: 'none' });
  return variants;
}

type AnyWorld = World<unknown, unknown, unknown>;

/** `advance(ms)`: lets time pass. */
export const advanceCommand = fc
  .constantFrom(0, 1, 5, 10, 20, 50)
  .map((ms) => command<AnyWorld>(`advance(${ms})`, (world) => world.advance(ms)));

/** `abort(k)`: aborts the k-th live signal. */
export const abortCommand = fc.nat(3).map((k) => command<AnyWorld>(`abort(${k})`, (world) => world.abort(k)));

/** The options of a waiting call: timeouts near each other so they tie and interleave. */
export const waitChoice: fc.Arbitrary<WaitChoice> = fc.record({
  timeout: fc.option(fc.constantFrom(0, 1, 5, 10, 20), { nil: undefined }),
  signal: fc.oneof(
    { weight: 3, arbitrary: fc.constant('none' as const) },
    { weight: 2, arbitrary: fc.constant('new' as const) },
    { weight: 1, arbitrary: fc.constant('aborted' as const) },
    { weight: 1, arbitrary: fc.nat(3).map((shared) => ({ shared })) },
  ),
});

/**
 * A waiting call as a command: `name(options)` registers a waiter, applies `op(waiter, options)`
 * to the model and makes `call(real, options)` on the implementation, following its promise.
 * Its simpler variants are the same call with fewer options.
 */
export function waitingCommand<S, Op, R>(
  name: string,
  op: (waiter: WaiterId, options: WaitSpec) => Op,
  call: (real: R, options: { timeout?: number; signal?: AbortSignal }) => Promise<unknown>,
  handed?: (value: unknown) => unknown,
): (choice: WaitChoice) => Command<World<S, Op, R>> {
  const make = (choice: WaitChoice): Command<World<S, Op, R>> =>
    command<World<S, Op, R>>(
      `${name}(${showChoice(choice)})`,
      (world) => {
        const { id, options, aborted } = world.waiter(choice);
        world.both(op(id, { timeout: choice.timeout, aborted }), () => call(world.real, options), id, handed);
      },
      () => simplerChoices(choice).map(make),
    );
  return make;
}

/** Prints a wait choice as the options of a call. */
export function showChoice(choice: WaitChoice): string {
  const parts: string[] = [];
  if (choice.timeout !== undefined) parts.push(`timeout: ${choice.timeout}`);
  if (choice.signal === 'new') parts.push('signal');
  else if (choice.signal === 'aborted') parts.push('signal: aborted');
  else if (typeof choice.signal === 'object') parts.push(`signal: shared ${choice.signal.shared}`);
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`;
}

/** What a primitive gives the engine: its model, a way to build both sides, and its commands. */
export interface Spec<S, Op, R, P> {
  readonly name: string;
  readonly model: ModelOf<S, Op>;
  /** The constructor's parameters. */
  readonly params: fc.Arbitrary<P>;
  init(params: P): { state: S; real: R };
  observe(real: R): unknown;
  /** The primitive's own commands; advance and abort are added by the engine. */
  readonly commands: fc.Arbitrary<Command<World<S, Op, R>>>;
}

/** The generated input of a run: constructor parameters and the program, tick by tick. */
export interface Program<P, W> {
  readonly params: P;
  readonly ticks: readonly (readonly Command<W>[])[];
}

/** Programs for `spec`: up to `maxTicks` ticks of one to four commands each. */
export function programs<S, Op, R, P>(spec: Spec<S, Op, R, P>, maxTicks = 30): fc.Arbitrary<Program<P, World<S, Op, R>>> {
  const anyCommand = fc.oneof(
    { weight: 8, arbitrary: spec.commands },
    { weight: 2, arbitrary: advanceCommand as unknown as fc.Arbitrary<Command<World<S, Op, R>>> },
    { weight: 1, arbitrary: abortCommand as unknown as fc.Arbitrary<Command<World<S, Op, R>>> },
  );
  const tick = fc.array(anyCommand, { minLength: 1, maxLength: 4 });
  return fc.record({ params: spec.params, ticks: fc.array(tick, { maxLength: maxTicks }) });
}

/** Runs one program; throws a Disagreement where the implementation and the model part. */
export async function runProgram<S, Op, R, P>(spec: Spec<S, Op, R, P>, program: Program<P, World<S, Op, R>>): Promise<void> {
  const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout'], now: 0 });
  try {
    const { state, real } = spec.init(program.params);
    const world = new World(spec.model, state, real, clock);
    world.observe = () => spec.observe(real);
    await world.check();
    for (const tick of program.ticks) {
      for (const cmd of tick) cmd.run(world);
      await world.check();
    }
  } finally {
    clock.uninstall();
  }
}

/** The property: the implementation agrees with its model on every generated program. */
export function agreesWithModel<S, Op, R, P>(spec: Spec<S, Op, R, P>, maxTicks?: number): fc.IAsyncPropertyWithHooks<[Program<P, World<S, Op, R>>]> {
  return fc.asyncProperty(programs(spec, maxTicks), (program) => runProgram(spec, program));
}

/** Whether `program` makes the implementation part from the model (any error counts). */
export async function fails<S, Op, R, P>(spec: Spec<S, Op, R, P>, program: Program<P, World<S, Op, R>>): Promise<boolean> {
  try {
    await runProgram(spec, program);
    return false;
  } catch {
    return true;
  }
}

/**
 * Shrinks a failing program further than fast-check's array shrinker goes: greedily drops
 * whole ticks, then single commands anywhere in the program, then tries each command's
 * simpler variants, while it still fails. The result is 1-minimal: removing or simplifying any
 * one command makes it pass.
 */
export async function minimize<S, Op, R, P>(spec: Spec<S, Op, R, P>, program: Program<P, World<S, Op, R>>): Promise<Program<P, World<S, Op, R>>> {
  let ticks = program.ticks.map((tick) => [...tick]);
  const attempt = async (candidate: Command<World<S, Op, R>>[][]): Promise<boolean> => {
    if (!(await fails(spec, { params: program.params, ticks: candidate }))) return false;
    ticks = candidate;
    return true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = ticks.length - 1; i >= 0; i--) {
      if (await attempt(ticks.filter((_, k) => k !== i))) changed = true;
    }
    for (let i = ticks.length - 1; i >= 0; i--) {
      for (let j = (ticks[i]?.length ?? 0) - 1; j >= 0 && (ticks[i]?.length ?? 0) > 1; j--) {
        if (await attempt(ticks.map((tick, k) => (k === i ? tick.filter((_, c) => c !== j) : tick)))) changed = true;
      }
    }
    for (let i = 0; i < ticks.length; i++) {
      for (let j = 0; j < (ticks[i]?.length ?? 0); j++) {
        for (const variant of ticks[i]?.[j]?.simpler() ?? []) {
          if (await attempt(ticks.map((tick, k) => (k === i ? tick.map((cmd, c) => (c === j ? variant : cmd)) : tick)))) {
            changed = true;
            break;
          }
        }
      }
    }
  }
  return { params: program.params, ticks };
}

/** Prints a program as its constructor parameters and one line per tick. */
export function showProgram(program: Program<unknown, unknown>): string {
  const ticks = program.ticks.map((tick, i) => `  tick ${i + 1}: ${tick.map(String).join('; ')}`);
  return [`params: ${JSON.stringify(program.params)}`, ...ticks].join('\n');
}

/**
 * What a failing program comes down to: minimized and printed, with the disagreement it shows
 * (`undefined` if the minimized program passes, when the failure hangs on more than the program).
 */
export async function explain<S, Op, R, P>(spec: Spec<S, Op, R, P>, program: Program<P, World<S, Op, R>>): Promise<{ program: string; error: string | undefined }> {
  const minimal = await minimize(spec, program);
  const error = await runProgram(spec, minimal).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  return { program: showProgram(minimal as Program<unknown, unknown>), error };
}
