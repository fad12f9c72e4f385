/**
 * Running a program against a JavaScript implementation through its adapter, in virtual time,
 * in lockstep with the model: after every tick the two traces are compared, and the run stops
 * at the first divergence.
 *
 * @module
 */

import { getEventListeners } from 'node:events';
import { numericParams, type Adapter } from './adapter.js';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { virtualClock, type ClockBuiltins } from './clock.js';
import { compareTick, NON_BLOCKING, observationDiff, prioritiesOf, stillWaiting, underChoices, type CompareChoices, type Divergence } from '../compare/compare.js';
import { undemandedFields, type Family, type ModelChoices } from '../program/families/index.js';
import { ModelSession, type ModelViolation } from '../program/model-session.js';
import type { Action, Observation, Program, TickTrace, Trace } from '../program/program.js';
import { realSideParts } from './parts.js';
import { realSide } from './real-side.js';

/** What a run found: both traces as far as it went, and the divergence that stopped it, if any. */
export interface RunOutcome {
  readonly expected: Trace;
  readonly actual: Trace;
  readonly divergence?: Divergence;
  /** Model invariants the model itself broke (a bug in the model: never expected). */
  readonly violations: readonly ModelViolation[];
  /** Actions run. */
  readonly operations: number;
}

/** An adapter failed where the library cannot be blamed: its `create` threw. */
export class AdapterError extends Error {
  override get name(): string {
    return 'AdapterError';
  }
}

// Pure, so they live where a browser can import them (the docs site's explorer does).
export { NON_BLOCKING } from '../compare/compare.js';
export { callKinds } from '../program/families/index.js';

/** One side of a lockstep run: something that runs programs tick by tick and reports their traces. */
export interface Side {
  /** Makes the primitive; resolves with what its observers show then. */
  start(params: Program['params']): Observation | Promise<Observation>;
  /** Runs one tick's actions and lets every continuation run. */
  tick(actions: readonly Action[]): Promise<TickTrace>;
}

/**
 * Runs `program` on `side` and on the model in lockstep, and stops at the first divergence.
 * `offers` are the model's calls the implementation has, when known: a field of `statistics`
 * that belongs only to calls it lacks is then not demanded of it.
 */
export async function lockstep(program: Program, choices: ModelChoices & CompareChoices, side: Side, offers?: ReadonlySet<string>): Promise<RunOutcome> {
  const session = new ModelSession(program, choices);
  const undemanded = offers === undefined ? new Set<string>() : undemandedFields(session.family as Family, offers);
  const expectedTicks: TickTrace[] = [];
  const actualTicks: TickTrace[] = [];
  let operations = 0;
  const initialExpected = session.observe();
  const initialActual = await side.start(program.params);
  const outcome = (divergence: Divergence | undefined): RunOutcome => ({
    expected: { initial: initialExpected, ticks: expectedTicks },
    actual: { initial: initialActual, ticks: actualTicks },
    ...(divergence === undefined ? {} : { divergence }),
    violations: session.violations,
    operations,
  });
  const constructed = observationDiff(initialExpected, initialActual, undemanded);
  if (constructed !== undefined) {
    return outcome({ rule: 'observers', tick: 0, summary: `once constructed, ${constructed}`, expected: JSON.stringify(initialExpected), actual: JSON.stringify(initialActual) });
  }
  const composite = new Set(program.ticks.flat().flatMap((a) => ('call' in a && choices.composites?.[a.call] !== undefined ? [a.id] : [])));
  const priorities = prioritiesOf(program);
  let waiting = new Set<number>();
  const queue = session.family.primitives.includes('Queue');
  for (const [index, actions] of program.ticks.entries()) {
    const before = session.observe();

    const want = session.tick(actions);
    const got = await side.tick(actions);
    operations += actions.length;
    const waitingBefore = waiting;
    waiting = stillWaiting(waiting, want);
    const context = { index, actions, nonBlocking: NON_BLOCKING, before, composite, waiting, waitingBefore, queue, priorities, undemanded };
    expectedTicks.push(underChoices(context, want, got, choices));
    actualTicks.push(got);
    const divergence = compareTick(context, want, got, choices);
    if (divergence !== undefined || session.violations.length > 0) return outcome(divergence);
  }
  return outcome(undefined);
}

/** The model's calls an adapter offers: its calls, and those its composites stand for. */
function offered(adapter: Adapter): Set<string> {
  const calls = Object.entries(adapter.calls).filter(([, call]) => call !== undefined).map(([name]) => name);
  return new Set([...calls, ...Object.values(adapter.composites ?? {}).map((composite) => composite.as)]);
}

/** An adapter's contract choices, with its composites as the model calls they stand for, and how those with a limit settle at it. */
export function choicesOf(adapter: Adapter): ModelChoices & CompareChoices {
  const entries = Object.entries(adapter.composites ?? {});
  const composites = Object.fromEntries(entries.map(([name, composite]) => [name, composite.as]));
  const limits = Object.fromEntries(entries.flatMap(([name, composite]) => (composite.limit === undefined ? [] : [[name, composite.limit.settles ?? 'timeout'] as const])));
  if (entries.length === 0) return adapter.choices ?? {};
  return { ...adapter.choices, composites, ...(Object.keys(limits).length === 0 ? {} : { limits }) };
}

/** Node's timer modules, for the clock to stand in for named imports of them too. */
const require = createRequire(import.meta.url);
const builtins: ClockBuiltins = { timers: require('node:timers') as object, timersPromises: require('node:timers/promises') as object, syncBuiltinESMExports };

/** The run under way in this thread, if any: the next waits for it (one clock at a time). */
let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` against `adapter` and its model, tick by tick, and stops at the first
 * divergence, on a virtual clock installed for the run. Runs take turns: one asked for while
 * another is under way in this thread (two `check()` calls at once) waits for it, so the clock
 * is never installed twice and every run gives back the real timers.
 */
export function runProgram(adapter: Adapter, program: Program): Promise<RunOutcome> {
  const run = previous.then(() => runAlone(adapter, program));
  previous = run.catch(() => undefined);
  return run;
}

async function runAlone(adapter: Adapter, program: Program): Promise<RunOutcome> {
  const clock = virtualClock({ builtins });
  const side = realSide(realSideParts(adapter, clock, getEventListeners));
  clock.install();
  try {
    return await lockstep(program, choicesOf(adapter), {
      start: (params) => {
        try {
          return side.start(numericParams(params));
        } catch (error) {
          throw new AdapterError(`${adapter.name}: create(${JSON.stringify(params)}) threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        }
      },
      tick: (actions) => side.tick(actions),
    }, offered(adapter));
  } finally {
    clock.uninstall();
  }
}
