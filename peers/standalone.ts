/**
 * Proof that every adapter's functions run standalone: for each adapter (and variant), a
 * reproduction of a program that agrees with its model, written to the folder named on the
 * command line; prints the files as JSON lines. `test/peers.test.ts` runs this under tsx (the
 * functions' source text is what tsx compiles, as for `npm run check:peers`; a test runner's
 * transform rewrites imports) and then each file with plain node.
 *
 * @module
 */

import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { adapterTarget, programs, reproduction, runProgram, type Adapter, type Program, type RunOutcome } from '../check/index.js';
import { peers } from './index.js';

/** The different things a program does: each call (with its options, on a handle or not), abort, advance. */
function kinds(program: Program): number {
  const kind = (action: Program['ticks'][number][number]): string =>
    'call' in action ? `${action.call}${action.on === undefined ? '' : ' on'}${action.timeout === undefined ? '' : ' t'}${action.signal === undefined ? '' : ' s'}` : Object.keys(action)[0] ?? '';
  return new Set(program.ticks.flat().map(kind)).size;
}

/** A program for `adapter` that agrees with its model and does as many different things as a sample offers. */
export async function agreeingProgram(adapter: Adapter): Promise<{ program: Program; outcome: RunOutcome }> {
  const capabilities = adapterTarget(adapter).capabilities;
  let best: { program: Program; outcome: RunOutcome } | undefined;
  for (const program of fc.sample(programs(adapter.primitive, capabilities, 8), { seed: 1, numRuns: 60 })) {
    if (best !== undefined && kinds(program) <= kinds(best.program)) continue;
    const outcome = await runProgram(adapter, program);
    if (outcome.divergence === undefined) best = { program, outcome };
  }
  if (best === undefined) throw new Error(`no program of 60 agrees with the model on ${adapter.name}`);
  return best;
}

/** Every adapter of every peer, and every variant, once each. */
export const allAdapters: readonly Adapter[] = [...new Map(peers.flatMap((peer) => [...peer.adapters, ...peer.variants.map((v) => v.adapter)]).map((a) => [a.name, a])).values()];

async function main(folder: string): Promise<void> {
  for (const adapter of allAdapters) {
    const { program, outcome } = await agreeingProgram(adapter);
    const none = { rule: 'returns' as const, tick: program.ticks.length, summary: 'none: the program agrees', expected: '', actual: '' };
    const path = join(folder, `${adapter.name.replace(/[^A-Za-z0-9]+/g, '-')}.repro.mjs`);
    writeFileSync(path, reproduction(adapter, program, outcome.expected, none));
    console.log(JSON.stringify({ name: adapter.name, path, calls: kinds(program) }));
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (folder === undefined) throw new Error('usage: tsx peers/standalone.ts <folder>');
  await main(folder);
}
