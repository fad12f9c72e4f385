/**
 * trio and anyio (on its trio backend) checked as foreign ports, through their drivers
 * (conformance/drivers/trio_driver.py, anyio_driver.py): under its profile each agrees with the
 * models, its hello is what the schema says, each difference docs/guides/trio-and-anyio.md lists
 * still shows in the raw run (as its timeline draws it) and is declared or left out by the profile, and a divergence comes
 * back from the driver as a Python program that shows it with trio or anyio alone.
 *
 * It needs /usr/bin/python3 with Debian's python3-trio and python3-anyio (CI installs them):
 * without them it fails, never skips.
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

const PYTHON = '/usr/bin/python3';
const catalogue = catalogueWith('trio');
const DRIVERS = Object.keys(catalogue.drivers);

const differences = readDifferences(catalogue);
const page = readFileSync(join(ROOT, catalogue.page), 'utf8');

beforeAll(() => {
  // Fails, not skips, where trio or anyio is missing: CI installs them before this runs.
  execFileSync(PYTHON, ['-c', 'import trio, anyio'], { stdio: 'inherit' });
});

afterAll(closeAll);

describe.each(DRIVERS)('%s', (driver) => {
  test('agrees with every model it declares, under its profile', async () => {
    const found = await targetsOf(driverCommand(driver, true));
    expect(found.length).toBeGreaterThan(0);
    for (const t of found) {
      const result = await check(t, { runs: 150, seed: 1 });
      expect(result.failure?.divergence, `${t.name}:\n${result.failure === undefined ? '' : showProgram(result.failure.program)}`).toBeUndefined();
      expect(result.programs).toBe(150);
    }
  });

  test('says hello as the protocol schema says, raw and with its profile, and offers reproductions', () => {
    for (const profile of [false, true]) expect(expectSchemaValidHello(driverCommand(driver, profile))['reproduce']).toBe(true);
  });
});

describe.each(differences.map((d) => [`${d.driver}: ${d.difference} (${d.program.primitive})`, d] as const))('%s', (_name, d) => {
  const driver = d.driver;

  test('is on the page, with its program', () => {
    expect(page.toLowerCase()).toContain(`### ${d.difference.toLowerCase()}`);
    expect(page).toContain(showProgram(d.program));
  });

  test(`shows in the raw run, against rule ${d.rule}, as the page's timeline draws it`, async () => {
    await expectShowsAsRecorded(await targetOf(driverCommand(driver, false), d.program.primitive), d);
  });

  test(d.profile === 'agrees' ? 'agrees under the profile' : 'is left out by the profile', async () => {
    const t = await targetOf(driverCommand(driver, true), d.program.primitive);
    if (d.profile === 'agrees') {
      for (let i = 0; i < (d.everyRun === false ? 20 : 1); i++) expect((await t.run(d.program)).divergence).toBeUndefined();
    } else {
      expect(leftOut(t, d)).toBe(true);
    }
  });

  if (d.everyRun !== false) {
    test('comes back from the driver as a Python program that shows it with the port alone', async () => {
      const outcome = await (await targetOf(driverCommand(driver, false), d.program.primitive)).run(d.program);
      const process = new DriverProcess(driverCommand(driver, false));
      await process.read(); // hello
      const reply = await process.ask(reproduceMessage(d.program, outcome.expected, outcome.divergence!));
      expect(await process.quit()).toBe(0);
      expect(reply['language']).toBe('Python');
      expect(Object.keys(reply['files'] as object)).toContain('repro.py');
      const run = runReproduction(reply);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain('The toro-ts model says instead:');
      // The reproduction imports no checker, no driver protocol and no JSON.
      expect(readFileSync(join(run.folder, 'repro.py'), 'utf8')).not.toMatch(/import (json|protocol)|from protocol/);
    });
  }
});

describe('a reproduction', () => {
  const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 0 }]] };

  test('of a program the port agrees on exits 0 and says so', async () => {
    const process = new DriverProcess(driverCommand('trio', false));
    await process.read();
    const expected = modelTrace(program);
    const reply = await process.ask(reproduceMessage(program, expected, { rule: 'returns', tick: 2, summary: 'a test', expected: '', actual: '' }));
    await process.quit();
    const run = runReproduction(reply);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('This agrees with the toro-ts model.');
    expect(run.stdout).toContain('tick 2: settled #1 resolved "handle"');
  });

  test('of a primitive the driver lacks is an error, and the driver carries on', async () => {
    const process = new DriverProcess(driverCommand('anyio', false));
    await process.read();
    const queue: Program = { primitive: 'Queue', params: { maxsize: 0 }, ticks: [[{ call: 'get', id: 0 }]] };
    const reply = await process.ask(reproduceMessage(queue, modelTrace(queue), { rule: 'returns', tick: 1, summary: 'a test', expected: '', actual: '' }));
    expect(reply).toEqual({ type: 'error', message: expect.stringContaining('Queue') });
    expect((await process.ask({ type: 'start', primitive: 'Lock', params: {} }))['type']).toBe('started');
    expect(await process.quit()).toBe(0);
  });
});

test('the driver kit of PROTOCOL.md, trio_minimal_driver.py, agrees with the Lock model for 300 programs, as PROTOCOL.md says', () => {
  const driver = `${PYTHON} conformance/drivers/trio_minimal_driver.py`;
  expect(readFileSync(join(ROOT, 'conformance/PROTOCOL.md'), 'utf8')).toContain(`npx toro-check --driver "${driver}"`);
  const run = spawnSync('npx', ['tsx', 'check/bin.ts', '--driver', driver, '--runs', '300', '--seed', '7'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/minimal trio\.Lock .* Lock +300 .* agrees/);
});
