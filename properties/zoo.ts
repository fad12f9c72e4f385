/**
 * The bug zoo's judge: a zoo entry is caught when the checker, through its public API, finds a
 * divergence on it within a fixed seed and a bounded number of runs. Each zoo test asserts the
 * rule the checker names and the shrunk program, so what the zoo documents cannot drift from
 * what the checker finds.
 */

import { check, nativeAdapter, showProgram, type Adapter, type CheckResult, type PrimitiveName, type RuleId } from 'toro-ts/check';

/** The seed every zoo check uses, so a catch is reproducible. */
export const ZOO_SEED = 20150410;

/** A zoo entry: a deliberately broken implementation, and what the checker must find in it. */
export interface ZooEntry {
  /** The bug, named and cited. */
  readonly bug: string;
  readonly primitive: PrimitiveName;
  /** Makes the broken implementation from a program's parameters. */
  readonly make: (params: Readonly<Record<string, number>>) => object;
  /**
   * What the implementation declares beyond toro-ts's API, added to the adapter the checker
   * makes by looking at it (priorities, a composite's limit): an entry for a feature toro-ts
   * itself lacks.
   */
  readonly adapt?: (adapter: Adapter) => Adapter;
  /** The rule the checker names, and the shrunk program it prints (`showProgram`). */
  readonly caught: { readonly rule: RuleId; readonly program: string };
}

/** Runs the checker on an implementation with the zoo's seed, with what it declares beyond toro-ts's API. */
export function judge(primitive: PrimitiveName, make: (params: Readonly<Record<string, number>>) => object, name: string, runs = 2000, adapt: (adapter: Adapter) => Adapter = (adapter) => adapter): Promise<CheckResult> {
  return check(adapt(nativeAdapter(primitive, make, { name })), { runs, seed: ZOO_SEED });
}

/** What the checker found in an entry, as the entry states it. */
export async function found(entry: ZooEntry): Promise<{ rule: RuleId; program: string } | undefined> {
  const result = await judge(entry.primitive, entry.make, entry.bug, 2000, entry.adapt);
  return result.failure === undefined ? undefined : { rule: result.failure.divergence.rule, program: showProgram(result.failure.program) };
}
