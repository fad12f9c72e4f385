/**
 * toro-check: checks an implementation of locks, semaphores, events, conditions or queues
 * against toro-ts's models, with random programs, and reports where it parts from them.
 *
 * @module toro-ts/check
 */

export { check, adapterTarget, capabilitiesOf, reproductionOf, showFailure, SEARCHES, type CheckOptions, type CheckResult, type Failure, type Search, type Target } from './check.js';
export { ADAPTER_CHOICES, moduleAdapters, nativeAdapter, type Adapter, type CallContext, type Composite, type CallImplementation, type CallOptions, type Choices, type Item } from './run/adapter.js';
export { compareTick, showDivergence, type CompareChoices, type Divergence } from './compare/compare.js';
export { CHOICE_NAMES, CONTRACT_CHOICES, type ChoiceInfo, type ContractChoices } from './compare/choices.js';
export type { Capabilities } from './generate/generate.js';
export { programs } from './generate/generate.js';
export { alphabet, countExhaustive, exhaustivePrograms, type Alphabet, type Enumerated } from './generate/exhaustive.js';
export { GuidedSearch, type GuidedOptions, type Origin } from './generate/guided.js';
export { Coverage, recorder, stateKey, transitionKey, type Reached, type StateReading } from './generate/coverage.js';
export type { Slice } from './generate/sequence.js';
export { ModelSession, modelTrace, ProgramError } from './program/model-session.js';
export { validateProgram, type ProgramContext } from './program/validate.js';
export { families, familyOf, type Family, type LimitEnd, type ModelChoices } from './program/families/index.js';
export { BODY_KINDS, parseProgram, PRIMITIVES, ProgramSyntaxError, showAction, showProgram, type Action, type BodyKind, type CallAction, type CallResult, type CallTrace, type Observation, type PrimitiveName, type Program, type TickTrace, type Trace, type TraceSettlement } from './program/program.js';
export { traceLines, type LineOptions } from './report/lines.js';
export { timeline, timelineSvg, timelineText, type Lane, type LaneSide, type Mark, type MarkKind, type Span, type SvgOptions, type TextOptions, type TimePoint, type Timeline, type TimelineTick } from './report/timeline.js';
export { replayVectors, tagsOf, vector, vectorDivergence, VECTORS_VERSION, type Vector, type VectorFile } from './vectors.js';
export { reproduction } from './report/repro.js';
export { AdapterError, lockstep, runProgram, type RunOutcome, type Side } from './run/run.js';
export { RULES, type Rule, type RuleId } from './compare/rules.js';
export { shrink } from './generate/shrink.js';
export { driverTargets, DriverError, DRIVER_LIMITS, killAllDrivers, PROTOCOL_VERSION, type DriverOptions, type DriverPrimitive, type DriverTargets, type Hello } from './run/driver.js';
export { ReproductionError, type Reproduction } from './run/target.js';
export { UsageError } from './program/errors.js';
export { virtualClock, type VirtualClock } from './run/clock.js';
