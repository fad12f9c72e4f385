/**
 * java.util.concurrent checked as a foreign port, through its driver (conformance/drivers/java/):
 * it builds with the JDK alone, under its profile it agrees with the models, its hello is what
 * the schema says, each difference docs/guides/java.md lists still shows in the raw run (as its
 * timeline draws it) and is declared or left out by the profile, and a divergence comes back from the driver as a Java
 * program that shows it with java.util.concurrent alone.
 *
 * It needs a JDK 17 (javac, java) on the PATH, which the machine image has: without it it fails,
 * never skips.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { check } from '../check/check.js';
import { modelTrace } from '../check/program/model-session.js';
import { showProgram, type Program } from '../check/program/program.js';
import { driverCommand, readDifferences } from '../conformance/differences.js';
import { catalogueWith, closeAll, DriverProcess, expectSchemaValidHello, expectShowsAsRecorded, leftOut, reproduceMessage, ROOT, runReproduction, targetOf, targetsOf } from './foreign-drivers.js';

const command = (profile: boolean): string => driverCommand('java', profile);
const catalogue = catalogueWith('java');
const differences = readDifferences(catalogue);
const page = readFileSync(join(ROOT, catalogue.page), 'utf8');

beforeAll(() => {
  // Fails, not skips, where the JDK is missing; builds the driver as CI does.
  execFileSync(join(ROOT, 'conformance/drivers/java/build.sh'), { stdio: 'inherit' });
});

afterAll(closeAll);

test('agrees with every model it declares, under its profile', async () => {
  const found = await targetsOf(command(true));
  expect(found.map((t) => t.primitive)).toEqual(['Lock', 'Semaphore', 'WeightedSemaphore', 'RWLock', 'Barrier', 'Condition', 'Queue', 'PriorityQueue', 'LifoQueue']);
  for (const t of found) {
    const result = await check(t, { runs: 150, seed: 1 });
    expect(result.failure?.divergence, `${t.name}:\n${result.failure === undefined ? '' : showProgram(result.failure.program)}`).toBeUndefined();
    expect(result.programs).toBe(150);
  }
});

test('says hello as the protocol schema says, raw and with its profile, and offers reproductions', () => {
  for (const profile of [false, true]) expect(expectSchemaValidHello(command(profile))['reproduce']).toBe(true);
});

describe.each(differences.map((d) => [`${d.difference} (${d.program.primitive})`, d] as const))('%s', (_name, d) => {
  test('is on the page, with its program', () => {
    expect(page.toLowerCase()).toContain(`### ${d.difference.toLowerCase()}`);
    expect(page).toContain(showProgram(d.program));
  });

  test(`shows in the raw run, against rule ${d.rule}, as the page's timeline draws it`, async () => {
    await expectShowsAsRecorded(await targetOf(command(false), d.program.primitive), d);
  });

  test(d.profile === 'agrees' ? 'agrees under the profile' : 'is left out by the profile', async () => {
    const t = await targetOf(command(true), d.program.primitive);
    if (d.profile === 'agrees') {
      for (let i = 0; i < (d.everyRun === false ? 50 : 1); i++) expect((await t.run(d.program)).divergence).toBeUndefined();
    } else {
      expect(leftOut(t, d)).toBe(true);
    }
  });

  // A Java reproduction compiles for a few seconds: three primitives' differences stand for the rest.
  if (d.everyRun !== false && ['Lock', 'RWLock', 'LifoQueue'].includes(d.program.primitive)) {
    test('comes back from the driver as a Java program that shows it with the port alone', async () => {
      const outcome = await (await targetOf(command(false), d.program.primitive)).run(d.program);
      const process = new DriverProcess(command(false));
      await process.read(); // hello
      const reply = await process.ask(reproduceMessage(d.program, outcome.expected, outcome.divergence!));
      expect(await process.quit()).toBe(0);
      expect(reply['language']).toBe('Java');
      const run = runReproduction(reply);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain('The toro-ts model says instead:');
      expect(readFileSync(join(run.folder, 'Repro.java'), 'utf8')).not.toMatch(/Json\.parse|Driver\b/);
    });
  }
});

test('a reproduction of a program the port agrees on exits 0 and says so', async () => {
  const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 0 }]] };
  const process = new DriverProcess(command(true));
  await process.read();
  const reply = await process.ask(reproduceMessage(program, modelTrace(program), { rule: 'returns', tick: 2, summary: 'a test', expected: '', actual: '' }));
  await process.quit();
  const run = runReproduction(reply);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('This agrees with the toro-ts model.');
  expect(run.stdout).toContain('tick 2: settled #1 resolved "handle"');
});

test('the driver kit of PROTOCOL.md, LockDriver.java, agrees with the Lock model for 300 programs, as PROTOCOL.md says', () => {
  const driver = 'java conformance/drivers/java/kit/LockDriver.java';
  expect(readFileSync(join(ROOT, 'conformance/PROTOCOL.md'), 'utf8')).toContain(`npx toro-check --driver "${driver}"`);
  const run = spawnSync('npx', ['tsx', 'check/bin.ts', '--driver', driver, '--runs', '300', '--seed', '7'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/minimal ReentrantLock .* Lock +300 .* agrees/);
});
