/**
 * toro-check: checks an implementation of locks, semaphores, events, conditions or queues
 * against toro-ts's models, with random programs, and reports where it parts from them.
 *
 * @module toro-ts/check
 */

export { check, adapterTarget, capabilitiesOf, showFailure, type CheckOptions, type CheckResult, type Failure, type Target } from './check.js';
export { moduleAdapters, nativeAdapter, type Adapter, type CallContext, type Composite, type CallImplementation, type CallOptions, type Choices, type Item } from './adapter.js';
export { compareTick, showDivergence, type CompareChoices, type Divergence } from './compare.js';
export type { Capabilities } from './generate.js';
export { programs } from './generate.js';
export { ModelSession, modelTrace, ProgramError } from './model-session.js';
export { families, familyOf, type Family, type ModelChoices } from './families/index.js';
export { parseProgram, PRIMITIVES, ProgramSyntaxError, showAction, showProgram, type Action, type CallAction, type CallResult, type CallTrace, type Observation, type PrimitiveName, type Program, type TickTrace, type Trace, type TraceSettlement } from './program.js';
export { traceLines, type LineOptions } from './lines.js';
export { replayVectors, tagsOf, vector, vectorDivergence, VECTORS_VERSION, type Vector, type VectorFile } from './vectors.js';
export { reproduction } from './repro.js';
export { AdapterError, lockstep, runProgram, type RunOutcome, type Side } from './run.js';
export { RULES, type Rule, type RuleId } from './rules.js';
export { shrink } from './shrink.js';
export { driverTargets, DriverError, PROTOCOL_VERSION, type DriverPrimitive, type Hello } from './driver.js';
export { UsageError } from './resolve.js';
export { virtualClock, type VirtualClock } from './clock.js';
