/**
 * Live side by side: a program run against toro-ts's real implementation, in the page, on the
 * checker's own real side (`check/run/real-side.ts`) and virtual clock (`check/run/clock.ts`), through
 * the adapter toro-ts's classes get with no adapter code (`nativeAdapter`).
 *
 * Its parts come from `check/run/parts.ts`, as the checker's do; a browser cannot count a signal's
 * abort listeners, so none are counted, and the resources (timers and listeners) are left out
 * of the trace, hence not compared.
 */

import { nativeAdapter, numericParams } from '../../check/run/adapter.js';
import { virtualClock, type VirtualClock } from '../../check/run/clock.js';
import type { Observation, PrimitiveName, Program, TickTrace } from '../../check/program/program.js';
import { realSideParts } from '../../check/run/parts.js';
import { realSide } from '../../check/run/real-side.js';
import * as toro from '../../src/index.js';
import type { OtherTrace } from './core.js';

type AnyClass = new (...args: never[]) => unknown;

/** toro-ts's class named `primitive`, if it exports one. */
function classOf(primitive: PrimitiveName): AnyClass | undefined {
  const found = (toro as Readonly<Record<string, unknown>>)[primitive];
  return typeof found === 'function' ? (found as AnyClass) : undefined;
}

/** Whether toro-ts exports a class for `primitive`. */
export function liveAvailable(primitive: PrimitiveName): boolean {
  return classOf(primitive) !== undefined;
}

/** What a live run gave: the trace as far as it went, or why the class could not even be made. */
export type LiveRun = { readonly trace: OtherTrace } | { readonly error: string };

/**
 * Runs `program` on toro-ts's class, from a fresh instance and a fresh virtual clock. The clock
 * stands in for the page's timer functions only while the run lasts, and the run lets
 * continuations run as promise jobs only, never yielding to the page: no other code of the page
 * ever sees the virtual timers, and they are given back however the run ends, a throw of the
 * implementation included. Runs never overlap: a run asked for while another is under way waits
 * for it.
 */
export function runLive(program: Program): Promise<LiveRun> {
  const run = queue.then(() => runNow(program));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();

async function runNow(program: Program): Promise<LiveRun> {
  const Class = classOf(program.primitive);
  if (Class === undefined) return { error: `toro-ts exports no ${program.primitive}` };
  const clock: VirtualClock = virtualClock({ turns: 'microtasks' });
  clock.install();
  try {
    const side = realSide(realSideParts(nativeAdapter(program.primitive, Class as never), clock, () => []));
    let initial: Observation;
    try {
      initial = side.start(numericParams(program.params));
    } catch (error) {
      return { error: `new ${program.primitive}(${JSON.stringify(numericParams(program.params))}) threw ${error instanceof Error ? error.name : String(error)}` };
    }
    const ticks: TickTrace[] = [];
    for (const actions of program.ticks) {
      const { resources: _uncounted, ...tick } = await side.tick(actions);
      ticks.push(tick);
    }
    return { trace: { initial, ticks } };
  } catch (error) {
    // Whatever went wrong, the page gets a message, never a rejection it would not catch.
    return { error: `the live run stopped: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
  } finally {
    clock.uninstall();
  }
}
