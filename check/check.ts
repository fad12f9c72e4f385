/**
 * The check: many programs against an implementation and its model (random ones, ones a guided
 * search chooses on the model, or every program up to a number of actions); the first
 * divergence is shrunk to a minimal program and reported with the rule it breaks, the seed and
 * path that replay it, and a standalone reproduction.
 *
 * @module
 */

import * as fc from 'fast-check';
import type { Adapter } from './run/adapter.js';
import { showDivergence, type Divergence } from './compare/compare.js';
import { LIMITS, PRIORITIES, programs, type Capabilities } from './generate/generate.js';
import { familyOf } from './program/families/index.js';
import { atIndex, parsePath, programAt, showPath, type Slice } from './generate/sequence.js';
import { recorder, type Reached } from './generate/coverage.js';
import { countExhaustive, exhaustivePrograms, type Enumerated } from './generate/exhaustive.js';
import { GuidedSearch } from './generate/guided.js';
import { ModelSession, ProgramError } from './program/model-session.js';
import type { LineOptions } from './report/lines.js';
import { failureText, lineOptionsFor } from './report/failure.js';
import { BODY_KINDS, showProgram, type PrimitiveName, type Program, type Trace } from './program/program.js';
import { reproduction } from './report/repro.js';
import { UsageError } from './program/errors.js';
import { AdapterError, choicesOf, runProgram, type RunOutcome } from './run/run.js';
import { ReproductionError, type Reproduction, type Target } from './run/target.js';

export type { Reproduction, Target } from './run/target.js';

/**
 * The capabilities of an adapter: the calls, options, parameters and bad input it allows, its
 * composites with the bodies and limits they take, and the calls that take a priority.
 *
 * @throws TypeError for a priority declared on a call whose model serves in arrival order only
 *   (or a call the adapter does not have), a limit, timeouts or body kinds that cannot be, or
 *   `releaseOnce` beside a release on the primitive.
 */
export function capabilitiesOf(adapter: Adapter): Capabilities {
  const composites = Object.entries(adapter.composites ?? {});
  const family = familyOf(adapter.primitive);
  const calls = new Set(Object.entries(adapter.calls).filter(([, call]) => call !== undefined).map(([name]) => name));
  for (const name of adapter.priority?.calls ?? []) {
    const as = adapter.composites?.[name]?.as ?? (calls.has(name) ? name : undefined);
    if (as === undefined) throw new TypeError(`${adapter.name} declares a priority for ${name}, which is neither one of its calls nor a composite`);
    if (family.calls[as]?.priority !== true) throw new TypeError(`${adapter.name} declares a priority for ${name}, but ${adapter.primitive}'s model serves ${as} in arrival order only`);
  }
  if (adapter.releaseOnce === true && calls.has('release')) {
    throw new TypeError(`${adapter.name} declares releaseOnce and a release on the primitive, which gives back a grant whose handle programs may release after it: drop one`);
  }
  const timeouts = adapter.options?.timeouts;
  if (timeouts !== undefined && (timeouts.length === 0 || !timeouts.every((ms) => Number.isFinite(ms) && ms >= 0))) {
    throw new TypeError(`${adapter.name}: its timeouts must be milliseconds of 0 or more, got ${JSON.stringify(timeouts)}`);
  }
  for (const value of adapter.priority?.values ?? []) if (!Number.isFinite(value)) throw new TypeError(`${adapter.name} declares a priority of ${value}: priorities are finite numbers`);
  const limits = composites.flatMap(([name, c]) => (c.limit === undefined ? [] : [[name, c.limit.values ?? LIMITS] as const]));
  for (const [name, values] of limits) {
    if (values.length === 0 || !values.every((ms) => Number.isFinite(ms) && ms > 0)) throw new TypeError(`${adapter.name}: the limits of ${name} must be positive numbers of milliseconds, got ${JSON.stringify(values)}`);
  }
  const compositeOptions = composites.flatMap(([name, c]) =>
    c.options === undefined ? [] : [[name, { timeout: (c.options.timeout ?? true) && (adapter.options?.timeout ?? true), signal: (c.options.signal ?? true) && (adapter.options?.signal ?? true) }] as const],
  );
  const bodies = composites.flatMap(([name, c]) => (c.bodies === undefined ? [] : [[name, c.bodies] as const]));
  for (const [name, kinds] of bodies) {
    if (kinds.length === 0 || !kinds.every((kind) => (BODY_KINDS as readonly string[]).includes(kind))) throw new TypeError(`${adapter.name}: the bodies of ${name} must be some of ${BODY_KINDS.join(', ')}, got ${JSON.stringify(kinds)}`);
  }
  return {
    calls,
    handleRelease: adapter.handleRelease !== undefined,
    ...(adapter.releaseOnce === true ? { releaseOnce: true } : {}),
    timeout: adapter.options?.timeout ?? true,
    ...(timeouts === undefined ? {} : { timeouts }),
    signal: adapter.options?.signal ?? true,
    ...(adapter.options?.abortedSignals === false ? { abortedSignals: false } : {}),
    ...(adapter.params === undefined ? {} : { params: adapter.params }),
    badInput: adapter.badInput ?? true,
    ...(composites.length === 0 ? {} : { composites: Object.fromEntries(composites.map(([name, c]) => [name, c.as])) }),
    ...(compositeOptions.length === 0 ? {} : { compositeOptions: Object.fromEntries(compositeOptions) }),
    ...(bodies.length === 0 ? {} : { bodies: Object.fromEntries(bodies) }),
    ...(limits.length === 0 ? {} : { limits: Object.fromEntries(limits) }),
    ...(adapter.priority === undefined ? {} : { priority: { calls: new Set(adapter.priority.calls), values: adapter.priority.values ?? PRIORITIES } }),
    ...(adapter.choices?.handoff === 'wakeup' ? { actionsPerTick: 1 } : {}),
  };
}

/** A JavaScript adapter as a target. */
export function adapterTarget(adapter: Adapter): Target {
  return {
    name: adapter.name,
    primitive: adapter.primitive,
    capabilities: capabilitiesOf(adapter),
    run: (program) => runProgram(adapter, program),
    reproduce: (program, outcome) => reproduction(adapter, program, outcome.expected, outcome.divergence),
    observers: Object.keys(adapter.observers ?? {}),
    choices: choicesOf(adapter),
  };
}

/** How a check runs. */
export interface CheckOptions {
  /** Programs in the run. @defaultValue 1000 */
  readonly runs?: number;
  /** The seed: the same seed runs the same programs. @defaultValue random (fast-check's global seed, when one is set) */
  readonly seed?: number;
  /**
   * One program of the seed's run, to replay it alone, as a report prints it: its index (`12`),
   * then fast-check's shrink path (`12:0:3`).
   */
  readonly path?: string;
  /** The most ticks a program has. @defaultValue 30 */
  readonly maxTicks?: number;
  /** Shrink a failing program to a minimal one. @defaultValue true */
  readonly shrink?: boolean;
  /**
   * How the run's programs are made: `random`, each drawn from the seed and its index; or
   * `guided`, where the first programs of every thousand are chosen on the model, each the one
   * of several candidates (random programs, and mutants of those that went somewhere new) that
   * reaches the most model states and transitions the run has not (`generate/guided.ts`).
   * @defaultValue `random`
   */
  readonly search?: Search;
  /**
   * Instead of `runs` programs, every program of 1 to this many actions over the primitive's
   * alphabet, shortest first (`generate/exhaustive.ts` states the alphabet, and the equivalences
   * that keep it finite); `search` is then not used, and a path is a program's place in that
   * order.
   */
  readonly exhaustive?: number;
  /**
   * Run only a share of the run's programs: those whose index is `slice.index` modulo
   * `slice.count` (a shard of a run spread over machines, or a worker's share). Program `i` is
   * the same whoever runs it, so the shares together run exactly the programs of the whole run.
   * @defaultValue the whole run
   */
  readonly slice?: Slice;
  /** Called after every program with the count so far. */
  readonly onProgress?: (done: number) => void;
  /**
   * Called as soon as program `index` diverges, before it is shrunk (a worker tells the others
   * to stop past it).
   */
  readonly onDivergence?: (index: number) => void;
  /**
   * Read before each program: programs from this index on are not run (another worker found a
   * divergence in an earlier program). @defaultValue no bound
   */
  readonly stopAt?: () => number;
}

/** How a check makes its programs (see {@link CheckOptions.search}). */
export type Search = 'random' | 'guided';

/** The ways of making programs {@link CheckOptions.search} takes. */
export const SEARCHES: readonly Search[] = ['random', 'guided'];

/** A divergence, as a report a maintainer can act on. */
export interface Failure {
  readonly divergence: Divergence;
  /** The minimal program that shows it. */
  readonly program: Program;
  /** The model's trace and the implementation's, up to the divergence. */
  readonly expected: Trace;
  readonly actual: Trace;
  /** The seed and path that replay the program fast-check first found (fast-check's shrinking included). */
  readonly seed: number;
  readonly path: string | undefined;
  /** The index, in the seed's run, of the program that diverged first. */
  readonly index?: number;
  /**
   * A standalone reproduction that shows it with the implementation alone, when the target can
   * write one: a JavaScript script, or a driver's {@link Reproduction} in the port's language.
   */
  readonly reproduction: string | Reproduction | undefined;
  /** Why the target's reproduction was refused, when it offered one and it could not be used. */
  readonly reproductionRefused?: string;
  /** How its traces print: the target's observers, as they are compared. */
  readonly lines?: LineOptions;
}

/**
 * The reproduction `target` writes of `outcome`'s divergence in `program`, or why it could not
 * give the one it offered.
 */
export async function reproductionOf(target: Target, program: Program, outcome: RunOutcome & { readonly divergence: Divergence }): Promise<Pick<Failure, 'reproduction' | 'reproductionRefused'>> {
  try {
    return { reproduction: await target.reproduce?.(program, outcome) };
  } catch (error) {
    if (error instanceof ReproductionError) return { reproduction: undefined, reproductionRefused: error.message };
    throw error;
  }
}

/** What a check found. */
export interface CheckResult {
  readonly name: string;
  readonly primitive: PrimitiveName;
  readonly programs: number;
  readonly operations: number;
  readonly seconds: number;
  readonly seed: number;
  /**
   * For an exhaustive check: the most actions a program had, and how many programs there are of
   * that many actions or fewer. When there is no failure, the share of the run this check had
   * ran every one of its programs.
   */
  readonly exhaustive?: { readonly actions: number; readonly programs: number };
  /** The first divergence found, shrunk; absent when every program agreed. */
  readonly failure?: Failure;
}

/** Thrown inside the property when a program diverges; carries the run. */
class Diverged extends Error {
  readonly outcome: RunOutcome;
  constructor(outcome: RunOutcome) {
    super(outcome.divergence === undefined ? 'the model broke its own invariants' : showDivergence(outcome.divergence));
    this.outcome = outcome;
  }
}

/** Whether a run parts from the model, or the model broke one of its own invariants. */
const failed = (outcome: RunOutcome): boolean => outcome.divergence !== undefined || outcome.violations.length > 0;

/** A seed when none is given: fast-check's global one (pinned by a test run), or a random one. */
const anySeed = (): number => fc.readConfigureGlobal().seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;

/**
 * Checks `target` (an adapter, or a target such as a driver) against its model with random
 * programs. Resolves with what it found; a divergence is a result, not a rejection.
 *
 * Checks may run at once: each program of a JavaScript implementation runs alone on the virtual
 * clock, and programs asked for meanwhile wait their turn, so the checks share the thread, never
 * the clock, and each program gives the real timers back when it ends.
 */
export async function check(target: Adapter | Target, options: CheckOptions = {}): Promise<CheckResult> {
  const t = 'run' in target ? target : adapterTarget(target);
  const started = performance.now();
  const seed = options.seed ?? anySeed();
  const arbitrary = programs(t.primitive, t.capabilities, options.maxTicks);
  const source = sourceOf(t, arbitrary, seed, options);
  const runs = source.runs;
  let count = 0;
  let operations = 0;
  const result = (failure?: Failure): CheckResult => ({
    name: t.name,
    primitive: t.primitive,
    programs: count,
    operations,
    seconds: (performance.now() - started) / 1000,
    seed,
    ...(options.exhaustive === undefined ? {} : { exhaustive: { actions: options.exhaustive, programs: runs } }),
    ...(failure === undefined ? {} : { failure }),
  });
  const run = async (program: Program): Promise<RunOutcome> => {
    const outcome = await t.run(program);
    count++;
    operations += outcome.operations;
    options.onProgress?.(count);
    return outcome;
  };
  if (options.path !== undefined) {
    const { index, shrink } = parsePath(options.path);
    const at = index < runs ? source.at(index) : undefined;
    // Only a program fast-check drew has a shrink path to follow.
    const program = shrink === undefined || at?.drawn !== true ? (shrink === undefined ? at?.program : undefined) : replayed(arbitrary, seed, index, shrink);
    // A path that leads nowhere replays nothing: never a PASS of no program.
    if (program === undefined) throw new UsageError(`--path ${options.path} leads to no program of seed ${seed}${at === undefined ? `: the run has ${runs} programs` : `: program ${index} has no shrink ${options.path.slice(String(index).length + 1)}`}`);
    const outcome = await run(program);
    if (!failed(outcome)) return result();
    options.onDivergence?.(index);
    return result(await explain(t, at?.drawn === true ? arbitrary : undefined, seed, index, program, outcome, options.shrink ?? true));
  }
  const slice = options.slice ?? { index: 0, count: 1 };
  for (let index = slice.index; index < runs; index += slice.count) {
    if (options.stopAt !== undefined && index >= options.stopAt()) break;
    const { program, drawn } = source.at(index);
    const outcome = await run(program);
    if (!failed(outcome)) continue;
    options.onDivergence?.(index);
    return result(await explain(t, drawn ? arbitrary : undefined, seed, index, program, outcome, options.shrink ?? true));
  }
  return result();
}

/**
 * A run's programs by index: how many there are, and program `i` (asked for in increasing
 * order, mostly), with whether fast-check drew it as its program `i` of the seed (then its
 * shrinker can start from it, and the report's path follows its shrinking).
 */
interface ProgramSource {
  readonly runs: number;
  at(index: number): { readonly program: Program; readonly drawn: boolean };
}

/** The programs `options` ask for. */
function sourceOf(t: Target, arbitrary: fc.Arbitrary<Program>, seed: number, options: CheckOptions): ProgramSource {
  const runs = options.runs ?? 1000;
  if (options.exhaustive !== undefined) return exhaustiveSource(t, options.exhaustive);
  if ((options.search ?? 'random') === 'random') return { runs, at: (index) => ({ program: programAt(arbitrary, seed, index), drawn: true }) };
  const search = new GuidedSearch({
    primitive: t.primitive,
    capabilities: t.capabilities,
    seed,
    ...(options.maxTicks === undefined ? {} : { maxTicks: options.maxTicks }),
    fresh: (runSeed, index) => programAt(arbitrary, runSeed, index),
    reach: (program) => reachedOnModel(t, program),
  });
  return {
    runs,
    at: (index) => {
      const { program, origin } = search.programAt(index);
      return { program, drawn: origin === 'random' };
    },
  };
}

/** Every program up to `actions` actions, by its place in the enumeration. */
function exhaustiveSource(t: Target, actions: number): ProgramSource {
  let programs: Generator<Enumerated> | undefined;
  let last: Enumerated | undefined;
  return {
    runs: countExhaustive(t.primitive, t.capabilities, actions),
    at: (index) => {
      // The enumeration goes forward: a share of the run asks in increasing order.
      if (programs === undefined || last === undefined || last.index > index) {
        programs = exhaustivePrograms(t.primitive, t.capabilities, actions);
        last = undefined;
      }
      while (last === undefined || last.index < index) {
        const next = programs.next();
        if (next.done === true) throw new RangeError(`the enumeration has no program ${index}`);
        last = next.value;
      }
      return { program: last.program, drawn: false };
    },
  };
}

/** What `program` reaches on the model alone, under the target's choices. */
function reachedOnModel(target: Target, program: Program): Reached {
  const seen = recorder();
  const choices = target.choices ?? (target.capabilities.composites === undefined ? {} : { composites: target.capabilities.composites });
  try {
    const session = new ModelSession(program, choices, seen.onStep);
    for (const tick of program.ticks) session.tick(tick);
  } catch (error) {
    // A program the model refuses reaches nothing; running it on the target says why.
    if (!(error instanceof ProgramError)) throw error;
  }
  return seen.reached;
}

/** The program fast-check's shrink path `shrink` leads to from program `index`, or `undefined` when it leads nowhere. */
function replayed(arbitrary: fc.Arbitrary<Program>, seed: number, index: number, shrink: string): Program | undefined {
  const at = atIndex(arbitrary, seed, index);
  const found: Program[] = [];
  fc.check(
    fc.property(at.arbitrary, (program) => {
      found.push(program);
    }),
    { seed: at.seed, numRuns: 1, path: shrink },
  );
  return found[0];
}

/**
 * Shrinks program `index`, which failed with `seen`, and writes its report: first with
 * fast-check's shrinker when fast-check drew it from `arbitrary` (the report prints its path),
 * then with the checker's own. A port that is not deterministic may pass the same program when
 * it runs it again: then the last run that failed is the one reported.
 */
async function explain(target: Target, arbitrary: fc.Arbitrary<Program> | undefined, seed: number, index: number, program: Program, seen: RunOutcome, shrinking: boolean): Promise<Failure> {
  let lastFailed = { program, outcome: seen };
  let found = program;
  let path = showPath(index, undefined);
  if (shrinking && arbitrary !== undefined) {
    const at = atIndex(arbitrary, seed, index);
    const details = await fc.check(
      fc.asyncProperty(at.arbitrary, async (candidate) => {
        const outcome = await target.run(candidate);
        if (failed(outcome)) {
          lastFailed = { program: candidate, outcome };
          throw new Diverged(outcome);
        }
      }),
      { seed: at.seed, numRuns: 1 },
    );
    if (details.errorInstance instanceof AdapterError) throw details.errorInstance;
    if (details.failed && !(details.errorInstance instanceof Diverged)) throw details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
    const counterexample = details.counterexample?.[0];
    if (counterexample !== undefined) {
      found = counterexample;
      path = showPath(index, details.counterexamplePath ?? undefined);
    }
  }
  const { shrink, renumber } = await import('./generate/shrink.js');
  const fails = async (candidate: Program): Promise<boolean> => {
    const run = await target.run(candidate);
    if (failed(run)) lastFailed = { program: candidate, outcome: run };
    return failed(run);
  };
  let minimal = shrinking ? await shrink(found, fails, target.capabilities.params) : found;
  if (shrinking) {
    // Ids and signals numbered 0, 1, 2 in order, when the program still fails so.
    const tidy = renumber(minimal);
    if (await fails(tidy)) minimal = tidy;
  }
  let outcome = await target.run(minimal);
  let deterministic = true;
  if (!failed(outcome)) {
    ({ program: minimal, outcome } = lastFailed);
    deterministic = false;
  }
  if (outcome.violations.length > 0) {
    const broken = outcome.violations.map((v) => `${v.rule} after ${v.action}`).join('; ');
    throw new Error(`the model broke its own invariants (${broken}) in:\n${showProgram(minimal)}`);
  }
  const divergence = outcome.divergence;
  if (divergence === undefined) throw new Error(`a failing program passes when run again: the failure depends on more than the program:\n${showProgram(minimal)}`);
  return {
    divergence: deterministic ? divergence : { ...divergence, summary: `${divergence.summary} (not on every run: the implementation is not deterministic)` },
    program: minimal,
    expected: outcome.expected,
    actual: outcome.actual,
    seed,
    path,
    index,
    ...(await reproductionOf(target, minimal, { ...outcome, divergence })),
    lines: lineOptionsFor(minimal, target.observers ?? [], target.choices ?? {}, divergence),
  };
}

/**
 * A failure, printed for a person: the rule, the minimal program, its timeline, and both traces
 * from the start. `observers` are those to print where the failure does not say (one made by an
 * older checker).
 */
export function showFailure(failure: Failure, observers: readonly string[] = []): string {
  return failureText({ ...failure, lines: failure.lines ?? lineOptionsFor(failure.program, observers, {}, failure.divergence) });
}
