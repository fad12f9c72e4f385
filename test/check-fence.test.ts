/**
 * One virtual clock, whatever the implementation reaches for, and a fence around each program
 * (check/run/clock.ts): timers from `globalThis`, `node:timers` and `node:timers/promises` are
 * all virtual; a real timer kept from before is counted; what escapes a call (an unhandled
 * rejection, a throw from a microtask, `process.exit()`, a replaced global) is a divergence of
 * the program that did it, shrunk and reported, never a crash of the checker; and runs take
 * turns, so two checks at once give the real timers back.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as toro from 'toro-ts';
import { check, moduleAdapters, showProgram, type CheckResult } from 'toro-ts/check';
import { describe, expect, test } from 'vitest';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Checks the Lock a fixture module exports, as `npx toro-check` would. */
async function checkFixture(file: string): Promise<CheckResult> {
  const module = (await import(join(FIXTURES, file))) as Record<string, unknown>;
  const [adapter] = moduleAdapters(module, join(FIXTURES, file));
  if (adapter === undefined) throw new Error(`${file} exports no Lock`);
  return check(adapter, { runs: 300, seed: 3 });
}

const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, setImmediate: globalThis.setImmediate, dateNow: Date.now, Promise: globalThis.Promise, exit: process.exit };
const untouched = (): void => {
  expect(globalThis.setTimeout).toBe(real.setTimeout);
  expect(globalThis.clearTimeout).toBe(real.clearTimeout);
  expect(globalThis.setImmediate).toBe(real.setImmediate);
  expect(Date.now).toBe(real.dateNow);
  expect(globalThis.Promise).toBe(real.Promise);
  expect(process.exit).toBe(real.exit);
};

describe('a port is checked on the virtual clock wherever it takes its timers from (the checker must not FAIL)', () => {
  test.each([
    ['the globals', 'fifo-lock-as-lock.mjs'],
    ['named imports of node:timers', 'timers-imported.mjs'],
    ['node:timers/promises, cancelled with a signal', 'timers-promises.mjs'],
  ])('%s', async (_what, file) => {
    const result = await checkFixture(file);
    expect(result.failure === undefined ? 'agrees' : showProgram(result.failure.program) + '\n' + result.failure.divergence.summary).toBe('agrees');
    untouched();
  });
});

describe('what escapes a call is a divergence of its program (the checker must FAIL), and the checker carries on', () => {
  test.each([
    ['a real timer kept from before and left running', 'real-timer-leak.mjs', 'cleanup', /1 timers are live, but 0 waiters wait with a timeout/],
    ['a promise rejected with no handler', 'unhandled-rejection.mjs', 'escapes', /^unhandled rejection: Error: a rejection nobody handles$/],
    ['an exception thrown from a microtask', 'microtask-throw.mjs', 'escapes', /^uncaught exception: Error: thrown from a microtask$/],
    ['process.exit()', 'process-exit.mjs', 'escapes', /^process\.exit\(3\)$/],
    ['a replaced Date.now', 'replaced-global.mjs', 'escapes', /^Date\.now was replaced$/],
  ])('%s', async (_what, file, rule, summary) => {
    const result = await checkFixture(file);
    expect(result.failure?.divergence.rule).toBe(rule);
    expect(result.failure?.divergence.summary).toMatch(summary);
    // Shrunk to a few actions, with a reproduction that shows it alone.
    expect(result.failure?.program.ticks.flat().length).toBeLessThanOrEqual(3);
    expect(result.failure?.reproduction).toContain('virtualClock');
    untouched();
  });
});

test('an escape is reported by toro-check with its program and a standalone reproduction that shows it, and the command exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-fence-'));
  const bin = join(import.meta.dirname, '..', 'check', 'bin.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, join(FIXTURES, 'unhandled-rejection.mjs'), '--runs', '200', '--seed', '3', '--repro', dir], { encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('Nothing escapes a call');
  expect(result.stdout).toContain('unhandled rejection: Error: a rejection nobody handles');
  const repro = join(dir, 'Lock.repro.mjs');
  expect(existsSync(repro)).toBe(true);
  const standalone = spawnSync(process.execPath, [repro], { encoding: 'utf8', timeout: 60_000 });
  expect(standalone.status).toBe(1);
  expect(standalone.stdout).toContain('escaped: unhandled rejection: Error: a rejection nobody handles');
});

test('what escapes outside every program is reported too, and the command still ends with a verdict, not a stack trace', () => {
  const bin = join(import.meta.dirname, '..', 'check', 'bin.ts');
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-late-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, join(FIXTURES, 'throws-later.mjs'), '--runs', '50', '--seed', '3', '--repro', dir], { encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status).toBe(1);
  // The instance toro-check makes to look at the class throws when the first program's fence is
  // up or before: reported with a program, or as escaping between programs.
  expect(`${result.stdout}\n${result.stderr}`).toMatch(/uncaught exception: Error: thrown later/);
  expect(result.stdout.trim().split('\n').at(-1)).toBe('FAIL');
});

test('two checks at once take turns on the clock: both agree, and the real timers are back afterwards', async () => {
  const [lock] = moduleAdapters({ Lock: toro.Lock }, 'toro-ts');
  const [queue] = moduleAdapters({ Queue: toro.Queue }, 'toro-ts');
  const results = await Promise.all([check(lock!, { runs: 200, seed: 1 }), check(queue!, { runs: 200, seed: 2 }), check(lock!, { runs: 200, seed: 3 })]);
  expect(results.map((r) => r.failure?.divergence.summary ?? 'agrees')).toEqual(['agrees', 'agrees', 'agrees']);
  untouched();
  expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1000);
});
