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
import { familyOf } from './program/families/index.js';
import { traceLines } from './report/lines.js';
import { BODY_KINDS, showProgram, type PrimitiveName, type Program, type Trace } from './program/program.js';
import { reproduction } from './report/repro.js';
import { AdapterError, runProgram, type RunOutcome } from './run/run.js';
import { ReproductionError, type Reproduction, type Target } from './run/target.js';

export type { Reproduction, Target } from './run/target.js';

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
    badInput: adapter.badInput !== false,
    ...(typeof adapter.badInput === 'object' ? { badWeights: adapter.badInput.weights } : {}),
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
  /** Called after every program with the count so far. */
  readonly onProgress?: (done: number) => void;
}

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
  /**
   * A standalone reproduction that shows it with the implementation alone, when the target can
   * write one: a JavaScript script, or a driver's {@link Reproduction} in the port's language.
   */
  readonly reproduction: string | Reproduction | undefined;
  /** Why the target's reproduction was refused, when it offered one and it could not be used. */
  readonly reproductionRefused?: string;
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
    ...(await reproductionOf(target, minimal, { ...outcome, divergence })),
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
