/**
 * A trace as lines of text, one thing per line, the way a reproduction prints what happened
 * and what the model says. Self-contained (it refers to nothing outside its own body), so a
 * standalone reproduction carries this very function.
 *
 * @module
 */

import type { Trace } from '../program/program.js';

/** What to print besides each call's result, who settled, and the observers after each tick. */
export interface LineOptions {
  /**
   * The observers right after each call, so that a divergence right after a call shows on both
   * sides (off where the implementation declared that only the observers after a tick count).
   * @defaultValue true
   */
  readonly atCall?: boolean;
  /** The timers and abort listeners still held after each tick. */
  readonly resources?: boolean;
  /** Settlements in a tick compared as a set: printed sorted by waiter. */
  readonly sortSettled?: boolean;
  /** Observers to print (those the implementation has). */
  readonly observers: readonly string[];
  /** The fields of `statistics` to print (the model's), in order. */
  readonly statistics?: readonly string[];
}

/** The lines of `trace`. */
export function traceLines(trace: Trace, options: LineOptions): string[] {
  const show = (value: unknown): string => JSON.stringify(value);
  const project = (name: string, value: unknown): unknown => {
    if (name !== 'statistics' || options.statistics === undefined || typeof value !== 'object' || value === null) return value;
    const fields: Record<string, unknown> = {};
    for (const field of options.statistics) fields[field] = (value as Record<string, unknown>)[field];
    return fields;
  };
  const pick = (observed: Readonly<Record<string, unknown>>, like: readonly string[]): string =>
    like
      .filter((name) => observed[name] !== undefined)
      .map((name) => `${name} ${show(project(name, observed[name]))}`)
      .join(', ');
  const lines: string[] = [];
  const initial = pick(trace.initial, options.observers);
  if (initial !== '') lines.push(`start: ${initial}`);
  trace.ticks.forEach((tick, i) => {
    const at = `tick ${i + 1}:`;
    for (const call of tick.calls) {
      const r = call.result;
      const result = r.kind === 'pending' ? 'pending' : r.kind === 'threw' ? `threw ${r.error}` : r.value === undefined ? 'returned' : `returned ${show(r.value)}`;
      const then = options.atCall !== false && call.observed !== undefined ? pick(call.observed, options.observers) : '';
      const observed = then === '' ? '' : ` (then ${then})`;
      lines.push(`${at} #${call.id} ${result}${observed}`);
    }
    const settled = options.sortSettled === true ? [...tick.settled].sort((a, b) => a.id - b.id) : tick.settled;
    const each = (s: Trace['ticks'][number]['settled'][number]): string => {
      if (s.outcome === 'resolved') return `#${s.id} resolved${s.value === undefined ? '' : ` ${show(s.value)}`}`;
      if (s.outcome === 'rejected') return `#${s.id} rejected ${s.error}`;
      return `#${s.id} ${s.outcome}`;
    };
    const who = settled.map(each);
    lines.push(`${at} settled ${who.length === 0 ? 'nobody' : who.join(', ')}`);
    // Composites whose bodies ended, as a set: how many continuations a library takes is its own business.
    if (tick.finished !== undefined && tick.finished.length > 0) lines.push(`${at} finished ${[...tick.finished].sort((a, b) => a.id - b.id).map(each).join(', ')}`);
    const after = pick(tick.observed, options.observers);
    if (after !== '') lines.push(`${at} ${after}`);
    for (const escape of tick.escaped ?? []) lines.push(`${at} escaped: ${escape}`);
    if (options.resources === true && tick.resources !== undefined) {
      // Which signals hold listeners: one per waiter, or one shared by a signal's waiters, are both clean.
      const listening = Object.entries(tick.resources.listeners)
        .filter(([, n]) => n > 0)
        .map(([signal]) => signal);
      lines.push(`${at} timers ${tick.resources.timers}, listeners on ${listening.length === 0 ? 'no signal' : listening.join(', ')}`);
    }
  });
  return lines;
}
