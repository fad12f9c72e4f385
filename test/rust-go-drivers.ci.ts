/**
 * tokio, async-lock, async-std and Go checked as foreign ports, through their drivers
 * (conformance/drivers/rust, conformance/drivers/go): under its profile each driver agrees with
 * the models, its hello is what the schema says, each difference docs/guides/rust.md and
 * docs/guides/go.md list still shows in the raw run (as its timeline draws it) and is declared or
 * left out by the profile,
 * the driver kits agree, and the drivers answer the `reproduce` exchange with a program that
 * runs on the port alone and fails while the port differs.
 *
 * It needs cargo with Debian's librust-*-dev crates, and Go with golang-golang-x-sync-dev, so it
 * is not part of `npm test`: `npm run check:drivers` runs it, in CI after .ci/run installs them.
 * Without them it fails: a driver that cannot be built is a failure here, never a skip.
 */

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { check, type Target } from '../check/check.js';
import { driverTargets } from '../check/run/driver.js';
import { showProgram, type Program } from '../check/program/program.js';
import { driverCommand, readDifferences, type Difference } from '../conformance/differences.js';
import { catalogueWith, expectShowsAsRecorded } from './foreign-drivers.js';

const ROOT = join(import.meta.dirname, '..');
const RUST = join(ROOT, 'conformance/drivers/rust');
const GO = join(ROOT, 'conformance/drivers/go');
const KITS = { rust: join(RUST, 'target/release/minimal'), go: join(GO, 'toro-minimal') };

const catalogues = [catalogueWith('tokio'), catalogueWith('go')];
const differences = catalogues.flatMap(readDifferences);
const pages = new Map(catalogues.flatMap((catalogue) => Object.keys(catalogue.drivers).map((port) => [port, readFileSync(join(ROOT, catalogue.page), 'utf8')] as const)));
const schema = JSON.parse(readFileSync(join(ROOT, 'conformance/schema/protocol.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);

/** The targets of each driver, started once for the file and closed at its end. */
const started = new Map<string, { targets: Target[]; close(): Promise<void> }>();
async function targets(command: string): Promise<Target[]> {
  let found = started.get(command);
  if (found === undefined) {
    found = await driverTargets(command, 20_000);
    started.set(command, found);
  }
  return found.targets;
}

beforeAll(() => {
  // Fails, not skips, where cargo, Go or Debian's crates are missing: CI installs them first.
  execFileSync('bash', [join(RUST, 'build.sh')], { stdio: 'inherit' });
  execFileSync('bash', [join(GO, 'build.sh')], { stdio: 'inherit' });
}, 600_000);

afterAll(async () => {
  await Promise.all([...started.values()].map((s) => s.close()));
});

describe.each(['tokio', 'async-lock', 'async-std', 'go'] as const)('the %s driver', (port) => {
  test('agrees with every model it declares, under its profile', async () => {
    const found = await targets(driverCommand(port, true));
    expect(found.length).toBeGreaterThan(0);
    for (const t of found) {
      const result = await check(t, { runs: 150, seed: 1 });
      expect(result.failure?.divergence, `${t.name}:\n${result.failure === undefined ? '' : showProgram(result.failure.program)}`).toBeUndefined();
      expect(result.programs).toBe(150);
    }
  });

  test('says hello as the protocol schema says, raw and with its profile, offering reproductions', () => {
    for (const profile of [false, true]) {
      const [command, ...args] = driverCommand(port, profile).split(' ');
      const hello = JSON.parse(execFileSync(command as string, args, { input: '{"type":"quit"}\n', encoding: 'utf8' }).split('\n')[0] as string) as { reproduce?: boolean };
      expect(validate(hello), JSON.stringify(validate.errors)).toBe(true);
      expect(hello.reproduce).toBe(true);
    }
  });
});

describe.each([
  ['Rust', KITS.rust],
  ['Go', KITS.go],
])('the %s driver kit', (_language, command) => {
  test('agrees with the Lock model for a few hundred programs', async () => {
    const [t] = await targets(command);
    const result = await check(t as Target, { runs: 300, seed: 3 });
    expect(result.failure?.divergence).toBeUndefined();
    expect(result.programs).toBe(300);
  });
});

/** Why the profile never makes `d.program`, or undefined if it may. */
function leftOutBy(t: Target | undefined, d: Difference): string | undefined {
  if (t === undefined) return 'the profile leaves the primitive out';
  const actions = d.program.ticks.flat();
  const c = t.capabilities;
  if (c.actionsPerTick === 1 && d.program.ticks.some((tick) => tick.length > 1)) return 'one action per tick';
  if (!c.signal && actions.some((a) => 'abort' in a || ('call' in a && a.signal !== undefined))) return 'no signal';
  if (!c.timeout && actions.some((a) => 'advance' in a || ('call' in a && a.timeout !== undefined))) return 'no timeout';
  if (actions.some((a) => 'call' in a && a.on === undefined && !c.calls.has(a.call))) return 'a call it does not declare';
  if (Object.entries(d.program.params).some(([name, value]) => c.params?.[name] !== undefined && !c.params[name]?.includes(value as number))) return 'a parameter it does not declare';
  if (!c.badInput && d.rule === 'badInput') return 'no bad input';
  return undefined;
}

describe.each(differences.map((d) => [`${d.driver}: ${d.difference} (${d.program.primitive})`, d] as const))('%s', (_name, d) => {
  const page = pages.get(d.driver) ?? '';

  test('is on the page, with its program and its classification', () => {
    expect(page.toLowerCase()).toContain(`### ${d.difference.toLowerCase()}`);
    expect(page).toContain(showProgram(d.program));
    expect(d.classification).toBeDefined();
    const words = { model: 'a deliberate choice of the model', port: 'a choice of the port', version: 'a version difference', upstream: 'an upstream bug' }[d.classification ?? 'port'];
    const heading = page.toLowerCase().indexOf(`### ${d.difference.toLowerCase()}`);
    const next = page.indexOf('\n#', heading + 4);
    expect(page.slice(heading, next < 0 ? undefined : next).toLowerCase().replace(/\s+/g, ' ')).toContain(words);
  });

  test(`shows in the raw run, against rule ${d.rule}, as the page's timeline draws it`, async () => {
    const t = (await targets(driverCommand(d.driver, false))).find((candidate) => candidate.primitive === d.program.primitive);
    await expectShowsAsRecorded(t as Target, d);
  });

  test(d.profile === 'agrees' ? 'agrees under the profile' : 'is left out by the profile', async () => {
    const t = (await targets(driverCommand(d.driver, true))).find((candidate) => candidate.primitive === d.program.primitive);
    if (d.profile === 'agrees') {
      expect((await (t as Target).run(d.program)).divergence).toBeUndefined();
    } else {
      // The program diverges still, but the profile never makes it.
      if (t !== undefined) expect((await t.run(d.program)).divergence).toBeDefined();
      expect(leftOutBy(t, d)).toBeDefined();
    }
  });
});

/** Sends one `reproduce` to a fresh driver and returns its answer. */
async function reproduce(command: string, message: object): Promise<Record<string, unknown>> {
  const child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  await lines.next(); // hello
  child.stdin.write(`${JSON.stringify(message)}\n`);
  const answer = JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
  child.stdin.end(`${JSON.stringify({ type: 'quit' })}\n`);
  return answer;
}

/** Writes a reproduction's files in a new folder and runs it: its exit status and output. */
function runReproduction(answer: Record<string, unknown>, env: NodeJS.ProcessEnv): { status: number; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'toro-repro-'));
  for (const [path, text] of Object.entries(answer['files'] as Record<string, string>)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  try {
    return { status: 0, output: execFileSync('bash', ['-c', answer['run'] as string], { cwd: folder, env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe.each([
  ['Rust', driverCommand('tokio', false), 'tokio', { CARGO_TARGET_DIR: join(tmpdir(), 'toro-repro-target') }],
  ['Go', driverCommand('go', false), 'go', {}],
] as const)('a %s reproduction', (language, command, port, env) => {
  const divergent = differences.find((d) => d.driver === port && d.profile === 'leftOut') as Difference;

  test('runs the shrunk program on the port alone, prints the model, and fails while they differ', async () => {
    const t = (await targets(command)).find((candidate) => candidate.primitive === divergent.program.primitive) as Target;
    const outcome = await t.run(divergent.program);
    const answer = await reproduce(command, { type: 'reproduce', primitive: divergent.program.primitive, program: divergent.program, expected: outcome.expected, divergence: outcome.divergence });
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    expect(answer['language']).toBe(language);
    const files = Object.values(answer['files'] as Record<string, string>).join('\n');
    expect(files).not.toMatch(/serde_json|encoding\/json/); // the port alone: no protocol
    const { status, output } = runReproduction(answer, env);
    expect(status, output).toBe(1);
    expect(output).toContain('The toro-ts model says instead:');
  }, 300_000);

  test('passes, and says so, where the port agrees with the model', async () => {
    const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }], [{ call: 'release', id: 1, on: 0 }]] };
    const t = (await targets(command)).find((candidate) => candidate.primitive === 'Lock') as Target;
    const outcome = await t.run(program);
    expect(outcome.divergence).toBeUndefined();
    const divergence = { rule: 'returns', tick: 2, summary: 'none', expected: '', actual: '' };
    const answer = await reproduce(command, { type: 'reproduce', primitive: 'Lock', program, expected: outcome.expected, divergence });
    const { status, output } = runReproduction(answer, env);
    expect(status, output).toBe(0);
    expect(output).toContain('This agrees with the toro-ts model.');
  }, 300_000);

  test('answers an error for a primitive it does not have', async () => {
    const answer = await reproduce(command, { type: 'reproduce', primitive: 'PriorityQueue', program: { primitive: 'PriorityQueue', params: {}, ticks: [] }, expected: { initial: {}, ticks: [] }, divergence: { rule: 'returns', tick: 1, summary: '', expected: '', actual: '' } });
    expect(answer['type']).toBe('error');
    expect(validate(answer)).toBe(true);
  });
});

test('a constructor the port refuses, for parameters the model accepts, is a driver failure at tick 0', async () => {
  // A Go channel cannot be an unbounded queue: the driver answers start with an error.
  const t = (await targets(driverCommand('go', false))).find((candidate) => candidate.primitive === 'Queue') as Target;
  const outcome = await t.run({ primitive: 'Queue', params: { maxsize: 0 }, ticks: [[{ call: 'put', id: 0 }]] });
  expect(outcome.divergence?.rule).toBe('driver');
  expect(outcome.divergence?.tick).toBe(0);
});
