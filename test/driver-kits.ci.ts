/**
 * The driver kits of conformance/PROTOCOL.md, the smallest working driver for a Lock in Java and
 * in trio: each agrees with the model through `toro-check --driver` for a few hundred programs,
 * and PROTOCOL.md names the file and the command that checks it.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './foreign-drivers.js';

const protocol = readFileSync(join(ROOT, 'conformance/PROTOCOL.md'), 'utf8');

test.each([
  ['Java', 'java conformance/drivers/java/kit/LockDriver.java', 'minimal ReentrantLock'],
  ['trio', '/usr/bin/python3 conformance/drivers/trio_minimal_driver.py', 'minimal trio.Lock'],
])('the %s kit agrees with the Lock model for 300 programs, as PROTOCOL.md says', (_language, driver, name) => {
  expect(protocol).toContain(`npx toro-check --driver "${driver}"`);
  const run = spawnSync('npx', ['tsx', 'check/bin.ts', '--driver', driver, '--runs', '300', '--seed', '7'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`${name.replace('.', '\\.')} .* Lock +300 .* agrees`));
  expect(run.stdout.trim().endsWith('PASS')).toBe(true);
});
