/**
 * The main job: `npm run fuzz`. Runs every primitive's model-against-implementation property
 * with many programs and prints a summary table. A disagreement prints the shrunk program and
 * the exact command that replays it, and the job exits non-zero.
 *
 *   npm run fuzz -- [--runs N] [--seed S] [--primitive NAME[,NAME...]] [--path P] [--size small|medium|large]
 */

import { parseArgs } from 'node:util';
import * as fc from 'fast-check';
import { counters, explain, programs, runProgram } from './harness.js';
import { targets } from './targets.js';

const usage = 'usage: npm run fuzz -- [--runs N] [--seed S] [--primitive NAME[,NAME...]] [--path P] [--size small|medium|large]';

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    primitive: { type: 'string' },
    path: { type: 'string' },
    size: { type: 'string', default: 'medium' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help === true) {
  console.log(usage);
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1) fail(`--runs must be a positive integer, got ${values.runs}`);
const seed = values.seed === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(values.seed);
if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
const size = values.size as fc.Size;
if (!['xsmall', 'small', 'medium', 'large', 'xlarge'].includes(size)) fail(`--size must be small, medium or large, got ${values.size}`);
const wanted = values.primitive?.split(',').map((name) => name.trim().toLowerCase());
const chosen = targets.filter((target) => wanted === undefined || wanted.includes(target.name.toLowerCase()));
if (chosen.length === 0) fail(`no primitive named ${values.primitive}; known: ${targets.map((t) => t.name).join(', ')}`);

fc.configureGlobal({ baseSize: size });
const tty = process.stderr.isTTY;
interface Row {
  primitive: string;
  programs: number;
  operations: number;
  disagreements: number;
  seed: number;
  seconds: string;
}
const rows: Row[] = [];
let failed = false;

for (const target of chosen) {
  const spec = target.spec();
  const started = performance.now();
  const operationsBefore = counters.operations;
  let executed = 0;
  let lastDraw = 0;
  const property = fc.asyncProperty(programs(spec), async (program) => {
    executed++;
    if (tty && performance.now() - lastDraw > 100) {
      lastDraw = performance.now();
      const done = Math.min(executed, runs);
      const width = 30;
      const filled = Math.round((done / runs) * width);
      process.stderr.write(`\r${target.name.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${runs}`);
    }
    await runProgram(spec, program);
  });
  const details = await fc.check(property, { numRuns: runs, seed, ...(values.path === undefined ? {} : { path: values.path }) });
  if (tty) process.stderr.write('\r\x1b[K');
  rows.push({
    primitive: target.name,
    programs: details.numRuns,
    operations: counters.operations - operationsBefore,
    disagreements: details.failed ? 1 : 0,
    seed,
    seconds: ((performance.now() - started) / 1000).toFixed(1),
  });
  if (details.failed) {
    failed = true;
    const found = details.counterexample?.[0];
    const shrunk = found === undefined ? undefined : await explain(spec, found);
    console.log(`\n${target.name} disagrees with its model.`);
    console.log(`shrunk program:\n${shrunk?.program ?? '(none)'}`);
    console.log(shrunk?.error ?? String(details.errorInstance));
    console.log(`replay: npm run fuzz -- --primitive ${target.name} --seed ${seed} --path ${details.counterexamplePath ?? ''} --runs 1 --size ${size}\n`);
  }
}

console.table(rows);
process.exit(failed ? 1 : 0);
