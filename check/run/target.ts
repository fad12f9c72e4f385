/**
 * What the checker runs programs against: a JavaScript adapter made into a target, or a driver
 * for a port in another language.
 *
 * @module
 */

import type { CompareChoices, Divergence } from '../compare/compare.js';
import type { ModelChoices } from '../program/families/index.js';
import type { Capabilities } from '../generate/generate.js';
import type { PrimitiveName, Program } from '../program/program.js';
import type { RunOutcome } from './run.js';

/**
 * A standalone reproduction in the port's own language, as a driver writes it: files to put in
 * a folder of their own (by path relative to it), and the command that runs it there.
 */
export interface Reproduction {
  /** The language it is written in, as a report names it (`Rust`, `Python`). */
  readonly language: string;
  /** Its files, by path relative to its folder (`src/main.rs`). */
  readonly files: Readonly<Record<string, string>>;
  /** The command that runs it, in its folder (`cargo run --offline`). */
  readonly run: string;
}

/** A target offered a reproduction and could not give one: why, in one line. */
export class ReproductionError extends Error {
  override get name(): string {
    return 'ReproductionError';
  }
}

/** Something the checker can run programs against: a JavaScript adapter, or a driver. */
export interface Target {
  /** The name reports use. */
  readonly name: string;
  readonly primitive: PrimitiveName;
  readonly capabilities: Capabilities;
  /** Runs one program in lockstep with the model, stopping at the first divergence. */
  run(program: Program): Promise<RunOutcome>;
  /**
   * A standalone reproduction of a divergence, when the target can write one: a JavaScript
   * script (a string, written as one `.mjs` file), or a {@link Reproduction}'s files.
   * `undefined` when it has none for this divergence; a {@link ReproductionError} when it
   * offered one and could not give it.
   */
  reproduce?(program: Program, outcome: RunOutcome & { readonly divergence: Divergence }): string | Reproduction | undefined | Promise<string | Reproduction | undefined>;
  /** The observers it has, to print in reports. */
  readonly observers?: readonly string[];
  /** The contract choices it declared (composites as the model calls they stand for), to print its traces as they are compared. */
  readonly choices?: ModelChoices & CompareChoices;
}
