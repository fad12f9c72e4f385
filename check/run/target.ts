/**
 * What the checker runs programs against: a JavaScript adapter made into a target, or a driver
 * for a port in another language.
 *
 * @module
 */

import type { Divergence } from '../compare/compare.js';
import type { Capabilities } from '../generate/generate.js';
import type { ModelChoices } from '../program/families/index.js';
import type { PrimitiveName, Program } from '../program/program.js';
import type { RunOutcome } from './run.js';

/** Something the checker can run programs against: a JavaScript adapter, or a driver. */
export interface Target {
  /** The name reports use. */
  readonly name: string;
  readonly primitive: PrimitiveName;
  readonly capabilities: Capabilities;
  /** Runs one program in lockstep with the model, stopping at the first divergence. */
  run(program: Program): Promise<RunOutcome>;
  /** The contract choices the model is run under, as the target declares them. @defaultValue the model's own rules */
  readonly choices?: ModelChoices;
  /** A standalone reproduction of a divergence, when the target can write one. */
  reproduce?(program: Program, outcome: RunOutcome & { readonly divergence: Divergence }): string;
  /** The observers it has, to print in reports. */
  readonly observers?: readonly string[];
}
