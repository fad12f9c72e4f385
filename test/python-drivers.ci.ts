/**
 * Tornado and asyncio checked as foreign ports, through their drivers (conformance/drivers/):
 * under its profile each driver agrees with the models, its hello is what the schema says, and
 * each difference docs/guides/tornado-and-asyncio.md lists still shows in the raw run, as the
 * page says and as its timeline draws it, and is declared or left out by the profile.
 *
 * It needs /usr/bin/python3 with Debian's python3-tornado, so it is not part of `npm test`:
 * `npm run check:drivers` runs it, in CI after .ci/run installs the package. Without them it
 * fails: a driver that cannot run is a failure here, never a skip.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { check, type Target } from '../check/check.js';
import { driverTargets } from '../check/run/driver.js';
import { showProgram } from '../check/program/program.js';
import { driverCommand, readDifferences } from '../conformance/differences.js';
import { catalogueWith, expectShowsAsRecorded } from './foreign-drivers.js';

const ROOT = join(import.meta.dirname, '..');
const PYTHON = '/usr/bin/python3';
const driver = (file: string, profile: boolean): string => `${PYTHON} ${join(ROOT, 'conformance/drivers', file)}${profile ? ' --profile' : ''}`;

const catalogue = catalogueWith('tornado');
const differences = readDifferences(catalogue);
const page = readFileSync(join(ROOT, catalogue.page), 'utf8');

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
async function target(command: string, primitive: string): Promise<Target> {
  const t = (await targets(command)).find((candidate) => candidate.primitive === primitive);
  if (t === undefined) throw new Error(`${command} has no ${primitive}`);
  return t;
}

beforeAll(() => {
  // Fails, not skips, where Python or Tornado is missing: CI installs them before this runs.
  execFileSync(PYTHON, ['-c', 'import tornado'], { stdio: 'inherit' });
});

afterAll(async () => {
  await Promise.all([...started.values()].map((s) => s.close()));
});

describe.each([
  ['tornado_driver.py', true],
  ['asyncio_driver.py', true],
  ['minimal_driver.py', false],
] as const)('%s', (file, hasProfile) => {
  test(`agrees with every model it declares${hasProfile ? ', under its profile' : ''}`, async () => {
    const found = await targets(driver(file, hasProfile));
    expect(found.length).toBeGreaterThan(0);
    for (const t of found) {
      const result = await check(t, { runs: 150, seed: 1 });
      expect(result.failure?.divergence, `${t.name}:\n${result.failure === undefined ? '' : showProgram(result.failure.program)}`).toBeUndefined();
      expect(result.programs).toBe(150);
    }
  });

  test('says hello as the protocol schema says, raw and with its profile', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'conformance/schema/protocol.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
    for (const profile of [false, true]) {
      const [command, ...args] = driver(file, profile).split(' ');
      const hello = JSON.parse(execFileSync(command as string, args, { input: '{"type":"quit"}\n', encoding: 'utf8' }).split('\n')[0] as string) as unknown;
      expect(validate(hello), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe.each(differences.map((d) => [`${d.driver}: ${d.difference} (${d.program.primitive})`, d] as const))('%s', (_name, d) => {

  test('is on the page, with its program', () => {
    expect(page.toLowerCase()).toContain(`### ${d.difference.toLowerCase()}`);
    expect(page).toContain(showProgram(d.program));
  });

  test(`shows in the raw run, against rule ${d.rule}, as the page's timeline draws it`, async () => {
    await expectShowsAsRecorded(await target(driverCommand(d.driver), d.program.primitive), d);
  });

  test(d.profile === 'agrees' ? 'agrees under the profile' : 'is left out by the profile', async () => {
    const t = await target(driverCommand(d.driver, true), d.program.primitive);
    if (d.profile === 'agrees') {
      expect((await t.run(d.program)).divergence).toBeUndefined();
    } else {
      // The program diverges still, but the profile never makes it: one action per tick, no
      // signal, no bad input, or unbounded queues only.
      expect((await t.run(d.program)).divergence).toBeDefined();
      const leftOut =
        (t.capabilities.actionsPerTick === 1 && d.program.ticks.some((tick) => tick.length > 1)) ||
        (!t.capabilities.signal && d.program.ticks.some((tick) => tick.some((a) => 'abort' in a || ('call' in a && a.signal !== undefined)))) ||
        (!t.capabilities.badInput && d.rule === 'badInput') ||
        (t.capabilities.params?.['maxsize']?.includes(d.program.params['maxsize'] as number) === false);
      expect(leftOut).toBe(true);
    }
  });
});
