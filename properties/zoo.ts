/**
 * The bug zoo's judge: a zoo entry is caught when the model-against-implementation property
 * fails on it within a fixed seed and a bounded number of runs.
 */

import * as fc from 'fast-check';
import { agreesWithModel, explain, type Program, type Spec, type World } from './harness.js';

/** The seed every zoo check uses, so a catch is reproducible. */
export const ZOO_SEED = 20150410;

/**
 * Runs the property against a broken spec; returns the shrunk counterexample and the error
 * that reports the disagreement, or `undefined` if the bug went unnoticed.
 */
export async function catches<S, Op, R, P>(spec: Spec<S, Op, R, P>, numRuns = 2000): Promise<{ program: string; error: string } | undefined> {
  const details = await fc.check(agreesWithModel(spec), { seed: ZOO_SEED, numRuns });
  const found = details.counterexample?.[0];
  if (!details.failed || found === undefined) return undefined;
  const { program, error = 'the minimized program passes: the failure depends on more than the program' } = await explain(spec, found as Program<P, World<S, Op, R>>);
  return { program, error: error.split('\nafter:')[0] ?? error };
}
