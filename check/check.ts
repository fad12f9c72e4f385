/**
 * The check: many random programs against an implementation and its model; the first
 * divergence is shrunk to a minimal program and reported with the rule it breaks, the seed and
 * path that replay it, and a standalone reproduction.
 *
 * @module
 */

import * as fc from 'fast-check';
import type { Adapter } from './run/adapter.js';
import { showDivergence, type Divergence } from './compare/compare.js';
import { LIMITS, PRIORITIES, programs, type Capabilities } from './generate/generate.js';
import { recorder, type Reached } from './generate/coverage.js';
import { GuidedSearch, mixSeed } from './generate/guided.js';
import { countExhaustive, exhaustivePrograms } from './generate/exhaustive.js';
import { familyOf } from './program/families/index.js';
import { ModelSession, ProgramError } from './program/model-session.js';
import { traceLines } from './report/lines.js';
import { BODY_KINDS, showProgram, type PrimitiveName, type Program, type Trace } from './program/program.js';
import { reproduction } from './report/repro.js';
import { AdapterError, choicesOf, runProgram, type RunOutcome } from './run/run.js';
import type { Target } from './run/target.js';

export type { Target } from './run/target.js';

/**
 * The capabilities of an adapter: the calls, options, parameters and bad input it allows, its
 * composites with the bodies and limits they take, and the calls that take a priority.
 *
 * @throws TypeError for a priority declared on a call whose model serves in arrival order only
 *   (or a call the adapter does not have), or a limit or body kinds that cannot be.
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
  for (const value of adapter.priority?.values ?? []) if (!Number.isFinite(value)) throw new TypeError(`${adapter.name} declares a priority of ${value}: priorities are finite numbers`);
  const limits = composites.flatMap(([name, c]) => (c.limit === undefined ? [] : [[name, c.limit.values ?? LIMITS] as const]));
  for (const [name, values] of limits) {
    if (values.length === 0 || !values.every((ms) => Number.isFinite(ms) && ms > 0)) throw new TypeError(`${adapter.name}: the limits of ${name} must be positive numbers of milliseconds, got ${JSON.stringify(values)}`);
  }
  const bodies = composites.flatMap(([name, c]) => (c.bodies === undefined ? [] : [[name, c.bodies] as const]));
  for (const [name, kinds] of bodies) {
    if (kinds.length === 0 || !kinds.every((kind) => (BODY_KINDS as readonly string[]).includes(kind))) throw new TypeError(`${adapter.name}: the bodies of ${name} must be some of ${BODY_KINDS.join(', ')}, got ${JSON.stringify(kinds)}`);
  }
  return {
    calls,
    handleRelease: adapter.handleRelease !== undefined,
    timeout: adapter.options?.timeout ?? true,
    signal: adapter.options?.signal ?? true,
    ...(adapter.params === undefined ? {} : { params: adapter.params }),
    badInput: adapter.badInput ?? true,
    ...(composites.length === 0 ? {} : { composites: Object.fromEntries(composites.map(([name, c]) => [name, c.as])) }),
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
  /** Programs to run. @defaultValue 1000 */
  readonly runs?: number;
  /** The seed: the same seed runs the same programs. @defaultValue random */
  readonly seed?: number;
  /** fast-check's path to one program of the seed's run, to replay it alone. */
  readonly path?: string;
  /** The most ticks a program has. @defaultValue 30 */
  readonly maxTicks?: number;
  /** Shrink a failing program to a minimal one. @defaultValue true */
  readonly shrink?: boolean;
  /**
   * How programs are made: `random`, each drawn on its own; or `guided`, a corpus of the
   * programs that reached new model states or transitions, mutated and extended, mixed with
   * random ones (`generate/guided.ts`). @defaultValue `random`
   */
  readonly search?: Search;
  /**
   * Run every program of 1 to this many actions over the primitive's alphabet, shortest first
   * (`generate/exhaustive.ts` states the alphabet and the equivalences that keep it finite),
   * instead of random ones: `runs`, `search` and `seed` are then not used, and `path` is a
   * program's place in that order.
   */
  readonly exhaustive?: number;
  /** Called after every program with the count so far. */
  readonly onProgress?: (done: number) => void;
}

/** How a check makes its programs (see {@link CheckOptions.search}). */
export type Search = 'random' | 'guided';

/** A divergence, as a report a maintainer can act on. */
export interface Failure {
  readonly divergence: Divergence;
  /** The minimal program that shows it. */
  readonly program: Program;
  /** The model's trace and the implementation's, up to the divergence. */
  readonly expected: Trace;
  readonly actual: Trace;
  /** The seed and path that replay the program fast-check first found. */
  readonly seed: number;
  readonly path: string | undefined;
  /** A standalone script that shows it with the library alone, when the target can write one. */
  readonly reproduction: string | undefined;
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
   * that many actions or fewer. Every one of them ran when there is no failure.
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

/**
 * Checks `target` (an adapter, or a target such as a driver) against its model with random
 * programs. Resolves with what it found; a divergence is a result, not a rejection.
 */
export async function check(target: Adapter | Target, options: CheckOptions = {}): Promise<CheckResult> {
  const t = 'run' in target ? target : adapterTarget(target);
  if (options.exhaustive !== undefined) return checkExhaustive(t, options.exhaustive, options);
  if (options.search === 'guided') return checkGuided(t, options);
  const started = performance.now();
  let count = 0;
  let operations = 0;
  const property = fc.asyncProperty(programs(t.primitive, t.capabilities, options.maxTicks), async (program) => {
    const outcome = await t.run(program);
    count++;
    operations += outcome.operations;
    options.onProgress?.(count);
    if (failed(outcome)) throw new Diverged(outcome);
  });
  // Without a seed, fast-check's global configuration decides (random, or pinned by a test run).
  const details = await fc.check(property, {
    numRuns: options.runs ?? 1000,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  const seed = details.seed;
  const base = { name: t.name, primitive: t.primitive, programs: count, operations, seed };
  const found = details.counterexample?.[0];
  if (details.errorInstance instanceof AdapterError) throw details.errorInstance;
  if (!details.failed || found === undefined) {
    if (details.failed) throw details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
    return { ...base, seconds: (performance.now() - started) / 1000 };
  }
  const seen = details.errorInstance instanceof Diverged ? details.errorInstance.outcome : undefined;
  const failure = await explain(t, found, seen, seed, details.counterexamplePath ?? undefined, options.shrink ?? true);
  return { ...base, seconds: (performance.now() - started) / 1000, failure };
}

/** Program `index` of the random programs of a run with `seed` (as guided runs draw their fresh ones). */
class Biased<T> extends fc.Arbitrary<T> {
  constructor(readonly inner: fc.Arbitrary<T>, readonly bias: number) { super(); }
  generate(random: fc.Random): fc.Value<T> { return this.inner.generate(random, this.bias); }
  canShrinkWithoutContext(value: unknown): value is T { return this.inner.canShrinkWithoutContext(value); }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> { return this.inner.shrink(value, context); }
}
function freshProgram(arbitrary: fc.Arbitrary<Program>, seed: number, index: number): Program {
  return fc.sample(new Biased(arbitrary, 2 + Math.floor(Math.log10(index + 1))), { seed: mixSeed(seed, index), numRuns: 1 })[0] as Program;
}

/** What `program` reaches on the model alone, under the target's choices. */
function reachedOnModel(target: Target, program: Program): Reached {
  const seen = recorder();
  const choices = target.choices ?? (target.capabilities.composites === undefined ? {} : { composites: target.capabilities.composites });
  try {
    const session = new ModelSession(program, choices, seen.onStep);
    for (const tick of program.ticks) session.tick(tick);
  } catch (error) {
    if (!(error instanceof ProgramError)) throw error;
  }
  return seen.reached;
}

/**
 * The guided check: the programs of a {@link GuidedSearch}. A program's path is its index in the
 * run: replaying it chooses the programs before it at the head of its campaign again, on the
 * model only.
 */
async function checkGuided(t: Target, options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const seed = options.seed ?? fc.readConfigureGlobal().seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const runs = options.runs ?? 1000;
  const maxTicks = options.maxTicks ?? 30;
  const arbitrary = programs(t.primitive, t.capabilities, maxTicks);
  const search = new GuidedSearch({
    primitive: t.primitive,
    capabilities: t.capabilities,
    seed,
    maxTicks,
    fresh: (runSeed, index) => freshProgram(arbitrary, runSeed, index),
    reach: (program) => reachedOnModel(t, program),
  });
  let count = 0;
  let operations = 0;
  const base = (): Omit<CheckResult, 'seconds'> => ({ name: t.name, primitive: t.primitive, programs: count, operations, seed });
  const first = options.path === undefined ? 0 : Number(options.path.split(':')[0]);
  const last = options.path === undefined ? runs : first + 1;
  for (let index = first; index < last; index++) {
    const { program } = search.programAt(index);
    const outcome = await t.run(program);
    count++;
    operations += outcome.operations;
    options.onProgress?.(count);
    if (failed(outcome)) {
      const failure = await explain(t, program, outcome, seed, String(index), options.shrink ?? true);
      return { ...base(), seconds: (performance.now() - started) / 1000, failure };
    }
  }
  return { ...base(), seconds: (performance.now() - started) / 1000 };
}

/** The exhaustive check: every program up to `actions` actions, shortest first, until one diverges. */
async function checkExhaustive(t: Target, actions: number, options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const total = countExhaustive(t.primitive, t.capabilities, actions);
  const only = options.path === undefined ? undefined : Number(options.path.split(':')[0]);
  let count = 0;
  let operations = 0;
  const base = (): Omit<CheckResult, 'seconds'> => ({ name: t.name, primitive: t.primitive, programs: count, operations, seed: options.seed ?? 0, exhaustive: { actions, programs: total } });
  for (const { index, program } of exhaustivePrograms(t.primitive, t.capabilities, actions)) {
    if (only !== undefined && index !== only) continue;
    const outcome = await t.run(program);
    count++;
    operations += outcome.operations;
    options.onProgress?.(count);
    if (failed(outcome)) {
      const failure = await explain(t, program, outcome, options.seed ?? 0, String(index), options.shrink ?? true);
      return { ...base(), seconds: (performance.now() - started) / 1000, failure };
    }
    if (only !== undefined) break;
  }
  return { ...base(), seconds: (performance.now() - started) / 1000 };
}

/**
 * Shrinks a failing program and writes its report. `seen` is the run that failed first: a port
 * that is not deterministic may pass the same program when it runs it again, and then the last
 * run that failed is the one reported.
 */
async function explain(target: Target, program: Program, seen: RunOutcome | undefined, seed: number, path: string | undefined, shrinking: boolean): Promise<Failure> {
  const { shrink } = await import('./generate/shrink.js');
  let lastFailed = seen === undefined ? undefined : { program, outcome: seen };
  const fails = async (candidate: Program): Promise<boolean> => {
    const run = await target.run(candidate);
    if (failed(run)) lastFailed = { program: candidate, outcome: run };
    return failed(run);
  };
  let minimal = shrinking ? await shrink(program, fails, target.capabilities.params) : program;
  let outcome = await target.run(minimal);
  let deterministic = true;
  if (!failed(outcome) && lastFailed !== undefined) {
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
    reproduction: target.reproduce?.(minimal, { ...outcome, divergence }),
  };
}

/** A failure, printed for a person: the rule, the minimal program, and both traces from the start. */
export function showFailure(failure: Failure, observers: readonly string[] = []): string {
  const options = { observers };
  const want = traceLines(failure.expected, options);
  const got = traceLines(failure.actual, options);
  return [
    showDivergence(failure.divergence),
    '',
    'minimal program:',
    showProgram(failure.program),
    '',
    'model says:',
    ...want.map((line) => `  ${line}`),
    'implementation did:',
    ...got.map((line) => `  ${line}`),
  ].join('\n');
}
