/**
 * What the CI tests of the foreign-port drivers share: a catalogue of differences (each program
 * must show in the raw run, making the trace recorded for its page's timeline, and agree, or be
 * left out, under the profile), the schema check of a hello, and a client that asks a driver for
 * a reproduction, writes it out and runs it.
 *
 * The drivers need the machine's own toolchains (CI installs them first), so these tests are not
 * part of `npm test`: `npm run check:drivers` runs them.
 */

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import type { Target } from '../check/run/target.js';
import type { Divergence } from '../check/compare/compare.js';
import { driverTargets } from '../check/run/driver.js';
import type { Program, Trace } from '../check/program/program.js';
import type { RunOutcome } from '../check/run/run.js';
import { catalogueOf, SOME_RUNS, type Catalogue, type Difference } from '../conformance/differences.js';

export const ROOT = join(import.meta.dirname, '..');

export type { Difference } from '../conformance/differences.js';

/** The catalogue that lists `driver`'s differences (`conformance/differences.ts`). */
export function catalogueWith(driver: string): Catalogue {
  const catalogue = catalogueOf(driver);
  if (catalogue === undefined) throw new Error(`no catalogue has a driver named ${driver}`);
  return catalogue;
}

export const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;

/** The targets of each driver, started once per test file; `closeAll` ends them. */
const started = new Map<string, { targets: Target[]; close(): Promise<void> }>();
export async function targetsOf(command: string): Promise<Target[]> {
  let found = started.get(command);
  if (found === undefined) {
    found = await driverTargets(command, 20_000);
    started.set(command, found);
  }
  return found.targets;
}
export async function targetOf(command: string, primitive: string): Promise<Target> {
  const t = (await targetsOf(command)).find((candidate) => candidate.primitive === primitive);
  if (t === undefined) throw new Error(`${command} has no ${primitive}`);
  return t;
}
export async function closeAll(): Promise<void> {
  await Promise.all([...started.values()].map((s) => s.close()));
  started.clear();
}

/** The driver's hello, validated against the protocol's schema. */
export function expectSchemaValidHello(command: string): Record<string, unknown> {
  const schema = readJson<object>('conformance/schema/protocol.schema.json');
  const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
  const hello = JSON.parse(execFileSync('sh', ['-c', command], { input: '{"type":"quit"}\n', encoding: 'utf8' }).split('\n')[0] as string) as Record<string, unknown>;
  expect(validate(hello), JSON.stringify(validate.errors)).toBe(true);
  return hello;
}

/**
 * Runs `d.program` on the raw target until it makes the trace recorded for the difference's
 * timeline (`conformance/differences.ts`), {@link SOME_RUNS} times at most (where threads or a
 * scheduler decide an order, a run may make another): every outcome, in order.
 */
export async function runsUntilRecorded(target: Target, d: Difference): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  do outcomes.push(await target.run(d.program));
  while (outcomes.length < SOME_RUNS && !isDeepStrictEqual(outcomes.at(-1)?.actual.ticks, d.actual));
  return outcomes;
}

/**
 * The difference shows in the raw run, against its rule, on every run if it says so, and the
 * driver makes the trace its timeline draws.
 */
export async function expectShowsAsRecorded(target: Target, d: Difference): Promise<void> {
  expect(d.actual, `no trace recorded: npx tsx conformance/differences.ts ${d.driver}`).toBeDefined();
  const outcomes = await runsUntilRecorded(target, d);
  if (d.everyRun !== false) expect(outcomes.map((o) => o.divergence?.rule)).toEqual(outcomes.map(() => d.rule));
  const last = outcomes.at(-1) as RunOutcome;
  expect(last.divergence?.rule).toBe(d.rule);
  expect(last.actual.ticks, `the trace recorded for the page's timeline, not made in ${outcomes.length} runs`).toEqual(d.actual);
}

/** Whether the profile never makes `program`: one action per tick, no signal, no bad input, a parameter or a call it does not declare. */
export function leftOut(target: Target, d: Difference): boolean {
  const actions = d.program.ticks.flat();
  const c = target.capabilities;
  return (
    (c.actionsPerTick === 1 && d.program.ticks.some((tick) => tick.length > 1)) ||
    (!c.signal && actions.some((a) => 'abort' in a || ('call' in a && a.signal !== undefined))) ||
    (!c.timeout && actions.some((a) => 'call' in a && a.timeout !== undefined)) ||
    (!c.badInput && d.rule === 'badInput') ||
    (!c.handleRelease && actions.some((a) => 'call' in a && a.on !== undefined)) ||
    actions.some((a) => 'call' in a && a.on === undefined && !c.calls.has(a.call)) ||
    Object.entries(d.program.params).some(([name, value]) => c.params?.[name] !== undefined && !c.params[name]?.includes(value === 'Infinity' ? Number.POSITIVE_INFINITY : (value as number)))
  );
}

/** A driver process spoken to by hand, one message at a time. */
export class DriverProcess {
  readonly #child;
  readonly #lines: string[] = [];
  #waiting: ((line: string) => void) | undefined;

  constructor(command: string) {
    this.#child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting === undefined) this.#lines.push(line);
      else waiting(line);
    });
  }

  async read(): Promise<Record<string, unknown>> {
    const line = this.#lines.shift() ?? (await new Promise<string>((resolve) => (this.#waiting = resolve)));
    return JSON.parse(line) as Record<string, unknown>;
  }

  async ask(message: object): Promise<Record<string, unknown>> {
    this.#child.stdin.write(`${JSON.stringify(message)}\n`);
    return this.read();
  }

  async quit(): Promise<number | null> {
    this.#child.stdin.end(`${JSON.stringify({ type: 'quit' })}\n`);
    return new Promise((resolve) => this.#child.on('exit', (code) => resolve(code)));
  }
}

/** The `reproduce` message for a divergence the checker found. */
export function reproduceMessage(program: Program, expected: Trace, divergence: Divergence): object {
  return { type: 'reproduce', primitive: program.primitive, program, expected, divergence };
}

/** Writes a reproduction's files in a new folder and runs its command there: its exit status and output. */
export function runReproduction(reply: Record<string, unknown>): { folder: string; status: number | null; stdout: string; stderr: string } {
  expect(reply['type']).toBe('reproduction');
  const files = reply['files'] as Record<string, string>;
  const folder = mkdtempSync(join(tmpdir(), 'toro-repro-'));
  for (const [path, text] of Object.entries(files)) {
    // Relative paths only, inside the folder.
    expect(isAbsolute(path)).toBe(false);
    expect(normalize(path).startsWith('..')).toBe(false);
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const run = spawnSync('sh', ['-c', reply['run'] as string], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  return { folder, status: run.status, stdout: run.stdout, stderr: run.stderr };
}
