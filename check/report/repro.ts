/**
 * Standalone reproductions: a short script that runs the library under test alone (no
 * toro-ts, no model) through the program that shows a divergence, prints what happens, and
 * compares it line by line with what the model says. It carries the checker's own virtual
 * clock, real side and trace printer as source text, and the adapter's functions likewise, so
 * it runs the library exactly as the checker did.
 *
 * @module
 */

import { sources, type Adapter } from '../run/adapter.js';
import { virtualClock } from '../run/clock.js';
import type { Divergence } from '../compare/compare.js';
import { callKinds, familyOf } from '../program/families/index.js';
import { traceLines } from './lines.js';
import { lineOptionsFor } from './failure.js';
import { showProgram, type Program, type Trace } from '../program/program.js';
import { realSide } from '../run/real-side.js';
import { choicesOf } from '../run/run.js';
import { RULES } from '../compare/rules.js';
import { commentSafe, terminalSafe } from './escape.js';

const source = (fn: Function): string => sources.get(fn) ?? fn.toString();

function record(entries: Readonly<Record<string, Function | undefined>>, indent: string): string {
  const lines = Object.entries(entries)
    .filter((entry): entry is [string, Function] => entry[1] !== undefined)
    .map(([name, fn]) => `${indent}  ${JSON.stringify(name)}: ${source(fn)},`);
  return lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * The reproduction of `divergence`, which `program` shows on `adapter` with these traces (from
 * the run that found it). Runs with Node 20 or later as an ES module (`.mjs`).
 */
export function reproduction(adapter: Adapter, program: Program, expected: Trace, divergence: Divergence): string {
  const ticks = Math.max(divergence.tick, 1);
  const shown: Program = { ...program, ticks: program.ticks.slice(0, ticks) };
  const options = lineOptionsFor(program, Object.keys(adapter.observers ?? {}), choicesOf(adapter), divergence);
  const want = traceLines({ initial: expected.initial, ticks: expected.ticks.slice(0, ticks) }, options);
  const rule = RULES[divergence.rule];
  const calls: Record<string, Function | undefined> = {};
  for (const tick of shown.ticks) for (const action of tick) if ('call' in action && action.on === undefined) calls[action.call] = adapter.calls[action.call];
  const usesHandles = shown.ticks.some((tick) => tick.some((action) => 'call' in action && action.on !== undefined));
  const composites: Record<string, Function | undefined> = {};
  for (const tick of shown.ticks) for (const action of tick) if ('call' in action && adapter.composites?.[action.call] !== undefined) composites[action.call] = adapter.composites[action.call]?.run;
  const kinds = callKinds(familyOf(program.primitive));
  const number = 'number' in rule ? ` (rule ${rule.number})` : '';
  // Names and messages come from the library under test: each comment line is kept a comment.
  const comment = (lines: readonly string[]): string => lines.map((line) => `//${line === '' ? '' : ` ${commentSafe(line)}`}`).join('\n');
  return `${comment([
    `${adapter.name} disagrees with the toro-ts model of ${program.primitive}: a standalone reproduction.`,
    '',
    `Rule broken: ${rule.title}${number}. ${rule.text}`,
    `Tick ${divergence.tick}: ${divergence.summary}.`,
    '',
    'The program:',
    ...showProgram(shown).split('\n').map((line) => `  ${line}`),
    '',
    "It runs the library alone, on a virtual clock with the event loop's schedule, prints what",
    'happens, then the first line where the toro-ts model says otherwise.',
    'Run it with Node 20 or later: node repro.mjs (exit status 1 while the bug is there).',
  ])}

${adapter.imports ?? ''}
import { getEventListeners } from 'node:events';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const __name = (target) => target;
const virtualClock = ${virtualClock.toString()};
const realSide = ${realSide.toString()};
const traceLines = ${traceLines.toString()};
const terminalSafe = ${terminalSafe.toString()};

const program = ${JSON.stringify({ params: shown.params, ticks: shown.ticks })};
const expected = ${JSON.stringify(want, null, 2)};

const builtin = createRequire(import.meta.url);
const clock = virtualClock({ builtins: { timers: builtin('node:timers'), timersPromises: builtin('node:timers/promises'), syncBuiltinESMExports } });
clock.install();
const side = realSide({
  create: ${source(adapter.create)},
  calls: ${record(calls, '  ')},
  handleRelease: ${usesHandles && adapter.handleRelease !== undefined ? source(adapter.handleRelease) : 'undefined'},
  composites: ${record(composites, '  ')},
  observers: ${record(adapter.observers ?? {}, '  ')},
  errors: ${record(adapter.choices?.errors ?? {}, '  ')},
  abortAny: ${String(adapter.choices?.abortRejection === 'any')},
  givesHandle: ${JSON.stringify(kinds.givesHandle)},
  waits: ${JSON.stringify(kinds.waits)},
  clock,
  listeners: getEventListeners,
});
// Parameters as numbers, as the checker passes them (JSON names the ones it cannot carry: "Infinity").
const named = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
const params = Object.fromEntries(Object.entries(program.params).filter(([, v]) => typeof v !== 'boolean').map(([k, v]) => [k, typeof v === 'string' ? named[v] : v]));
const initial = side.start(params);
const ticks = [];
for (const tick of program.ticks) ticks.push(await side.tick(tick));
clock.uninstall();
const actual = traceLines({ initial, ticks }, ${JSON.stringify(options)});
for (const line of actual) console.log(terminalSafe(line));
const first = actual.findIndex((line, i) => line !== expected[i]);
if (first < 0 && actual.length === expected.length) {
  console.log('\\nThis agrees with the toro-ts model.');
} else {
  const at = first < 0 ? actual.length : first;
  console.log(\`\\nThe toro-ts model says instead:\\n\${terminalSafe(expected[at] ?? '(nothing more)')}\`);
  process.exitCode = 1;
}
`;
}
