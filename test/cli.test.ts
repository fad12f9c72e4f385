/**
 * The `toro-check` command as a user runs it: the built bin on plain Node (see cli-run.ts).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { PRIMITIVES } from '../check/index.js';
import { BIN, ensureBuilt, ROOT, run } from './cli-run.js';

beforeAll(ensureBuilt);

test('npx toro-check toro-ts checks toro-ts itself, every primitive, and passes', () => {
  const { status, stdout } = run(['toro-ts', '--runs', '300', '--seed', '7']);
  expect(status).toBe(0);
  for (const name of ['Semaphore', 'BoundedSemaphore', 'Lock', 'WeightedSemaphore', 'RWLock', 'Event', 'Condition', 'Barrier', 'Queue', 'PriorityQueue', 'LifoQueue']) {
    expect(stdout).toMatch(new RegExp(`^${name}\\s+300\\s.*agrees$`, 'm'));
  }
  expect(stdout.trim().split('\n').at(-1)).toBe('PASS');
});

test('a same-API port is checked with no adapter code; its divergence is reported and reproduced standalone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-'));
  const { status, stdout } = run([join(ROOT, 'test/fixtures/lifo-lock.mjs'), '--runs', '500', '--seed', '1', '--repro', dir]);
  expect(status).toBe(1);
  expect(stdout).toContain('Lock disagrees with its model.');
  expect(stdout).toContain('FIFO, direct handoff (rule 1');
  expect(stdout.trim().split('\n').at(-1)).toBe('FAIL');
  const repro = join(dir, 'Lock.repro.mjs');
  expect(existsSync(repro)).toBe(true);
  const standalone = spawnSync(process.execPath, [repro], { encoding: 'utf8' });
  expect(standalone.status).toBe(1);
  expect(standalone.stdout).toContain('The toro-ts model says instead:');
  // The failing program replays from its JSON.
  const replay = run([join(ROOT, 'test/fixtures/lifo-lock.mjs'), '--program', join(dir, 'Lock.program.json'), '--repro', dir]);
  expect(replay.status).toBe(1);
  expect(replay.stdout).toContain('FIFO, direct handoff');
});

test("a body's error that a library leaves unhandled is reported in its tick, not left to crash the run", () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-'));
  const { status, stdout, stderr } = run([join(ROOT, 'test/fixtures/leaky-run-exclusive.mjs'), '--runs', '300', '--seed', '1', '--repro', dir]);
  expect(stderr).toBe('');
  expect(status).toBe(1);
  expect(stdout).toContain('A composite ends as its body does');
  expect(stdout).toMatch(/error of #\d+ escaped as an unhandled rejection/);
  const standalone = spawnSync(process.execPath, [join(dir, 'leaky-Lock.repro.mjs')], { encoding: 'utf8' });
  expect(standalone.stderr).toBe('');
  expect(standalone.status).toBe(1);
  expect(standalone.stdout).toMatch(/unhandled rejection: error of #\d+/);
});

test("an error a library throws from its own callback is reported in its tick, not left to crash the run", () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-'));
  const { status, stdout, stderr } = run([join(ROOT, 'test/fixtures/throwing-tick-lock.mjs'), '--runs', '300', '--seed', '1', '--repro', dir]);
  expect(stderr).toBe('');
  expect(status).toBe(1);
  expect(stdout).toContain('Nothing escapes a call');
  expect(stdout).toMatch(/tick \d+: uncaught exception: TypeError/);
  const standalone = spawnSync(process.execPath, [join(dir, 'throwing-Lock.repro.mjs')], { encoding: 'utf8' });
  expect(standalone.stderr).toBe('');
  expect(standalone.status).toBe(1);
  expect(standalone.stdout).toMatch(/escaped: uncaught exception: TypeError/);
});

test('two workers run the programs and agree as one does', () => {
  const { status, stdout } = run(['toro-ts', '--runs', '400', '--seed', '3', '--workers', '2', '--primitive', 'Lock,Queue']);
  expect(status).toBe(0);
  expect(stdout).toMatch(/^Lock\s+400\s/m);
  expect(stdout).toMatch(/^Queue\s+400\s/m);
});

test('--json - prints the results as data, and only them', () => {
  const { status, stdout } = run(['toro-ts', '--runs', '20', '--seed', '3', '--primitive', 'Event', '--json', '-']);
  expect(status).toBe(0);
  const record = JSON.parse(stdout) as { seed: number; runs: number; results: { primitive: string; programs: number }[] };
  expect(record).toEqual(expect.objectContaining({ seed: 3, runs: 20, results: [expect.objectContaining({ primitive: 'Event', programs: 20 })] }));
});

describe('usage errors exit with status 2 and one line that says what is wrong', () => {
  const cases: [string, readonly string[], RegExp][] = [
    ['an unknown flag', ['toro-ts', '--speed', '3'], /Unknown option '--speed'/],
    ['a negative run count', ['toro-ts', '--runs', '-3'], /--runs must be an integer of at least 1, got "-3"/],
    ['a missing value', ['toro-ts', '--runs'], /Option '--runs <value>' argument missing/],
    ['a bad path', ['toro-ts', '--seed', '1', '--path', 'nope'], /--path must look like 12:0:3/],
    ['a path without its seed', ['toro-ts', '--path', '1:2'], /give --seed too/],
    ['a path that leads to no program', ['toro-ts', '--primitive', 'Lock', '--seed', '1', '--path', '3:99999'], /--path 3:99999 leads to no program of seed 1: program 3 has no shrink 99999/],
    ['an unknown primitive among known ones', ['toro-ts', '--primitive', 'Lock,nope'], /no nope to check; this offers Semaphore, .*LifoQueue/],
    ['no module', [], /name a module, a package, or --driver/],
    ['a file that does not exist', ['./no-such-port.js'], /no such file: .*no-such-port\.js/],
    ['a package that is not installed', ['no-such-package'], /cannot find no-such-package/],
    ['a module that exports nothing checkable', [join(ROOT, 'test/fixtures/nothing.mjs')], /exports nothing checkable: no class named Semaphore, .* and no `adapters` array/],
    ['an adapter that throws', [join(ROOT, 'test/fixtures/throwing-adapter.mjs'), '--runs', '5'], /broken adapter: create\(\{\}\) threw Error: no lock today/],
    ['a shard past the last', ['toro-ts', '--shard', '5/4'], /--shard must be K\/N with K from 1 to N \(the first of four is 1\/4\), got "5\/4"/],
    ['a shard counted from 0', ['toro-ts', '--shard', '0/4'], /--shard must be K\/N/],
    ['a shard of a replay', ['toro-ts', '--seed', '1', '--path', '3', '--shard', '1/2'], /--shard splits a run: a replay \(--path, --program\) runs one program/],
    ['a report folder that is a file', ['toro-ts', '--repro', join(ROOT, 'package.json')], /--repro ".*package\.json" cannot hold reports: .*package\.json is a file; name a folder/],
    ['a report folder inside a file', ['toro-ts', '--repro', join(ROOT, 'package.json', 'reports')], /cannot hold reports: .*package\.json is a file/],
    ['a JSON file that is a folder', ['toro-ts', '--json', ROOT], /--json ".*" is a folder; name the file to write/],
    ['an explorer that is no address', ['toro-ts', '--explorer', 'nowhere'], /--explorer must be the address of the explorer page, got "nowhere"/],
    ['a merge of nothing', ['merge'], /merge needs the --json result of every shard/],
    ['a merge of a file that does not exist', ['merge', 'no-such-shard.json'], /no such file: no-such-shard\.json/],
  ];
  for (const [what, args, message] of cases) {
    test(what, () => {
      const { status, stderr, stdout } = run(args);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    });
  }
});

describe('a program or path that cannot be run is a usage error, never a PASS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-program-'));
  const text = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const file = (name: string, value: unknown): string => text(name, JSON.stringify(value));
  const lifo = join(ROOT, 'test/fixtures/lifo-lock.mjs');
  // Three acquires, then the first holder releases: a LIFO lock hands the lock to #2, not #1.
  const spelled = { primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }, { call: 'acquire', id: 2 }], [{ call: 'release', id: 3, on: 0 }]] };
  const misspelled = { ...spelled, ticks: [[{ Call: 'acquire', id: 0 }, ...spelled.ticks[0]!.slice(1)], spelled.ticks[1]] };

  test('the correctly spelled program fails the LIFO lock (the checker must FAIL)', () => {
    const { status, stdout } = run([lifo, '--program', file('spelled.json', spelled), '--repro', dir]);
    expect(status).toBe(1);
    expect(stdout).toContain('FIFO, direct handoff');
  });

  const cases: [string, () => readonly string[], RegExp][] = [
    ['a misspelled action, which once ran as advance(undefined) and passed', () => [lifo, '--program', file('misspelled.json', misspelled)], /^toro-check: the program in .*misspelled\.json: tick 1, action 1: unknown field "Call" \(did you mean "call"\?\)$/],
    ['a program of null', () => [lifo, '--program', file('null.json', null)], /^toro-check: the program in .*null\.json: a program is an object with "primitive", "params" and "ticks", got null$/],
    ['a duplicate id', () => [lifo, '--program', file('twice.json', { ...spelled, ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 0 }]] })], /ids increase through the program, each used once/],
    ['a negative advance', () => ['toro-ts', '--program', file('back.json', { primitive: 'Lock', params: {}, ticks: [[{ advance: -5 }]] })], /advance takes a whole number of milliseconds from 0, got -5$/],
    [
      'a call the module lacks',
      () => [text('plain-lock.mjs', 'export class Lock { acquire() { return Promise.resolve({ release() {} }); } release() {} }'), '--program', file('try.json', { primitive: 'Lock', params: {}, ticks: [[{ call: 'tryAcquire', id: 0 }]] })],
      /: Lock offers no tryAcquire$/,
    ],
    ['a program of a primitive the module does not export', () => [lifo, '--program', file('queue.json', { primitive: 'Queue', params: {}, ticks: [] })], /nothing here is a Queue, the primitive of the program in /],
    ['a file that is not JSON', () => [lifo, '--program', text('text.json', 'new Lock()')], /cannot read the program in .*text\.json: Unexpected token/],
    ['a path that leads to no program', () => ['toro-ts', '--primitive', 'Lock', '--path', '99999:99999', '--seed', '1'], /^toro-check: --path 99999:99999 leads to no program of seed 1/],
    ['a path whose shrink leads nowhere', () => ['toro-ts', '--primitive', 'Lock', '--path', '3:99999', '--seed', '1'], /--path 3:99999 leads to no program of seed 1/],
  ];
  for (const [what, args, message] of cases) {
    test(what, () => {
      const { status, stderr, stdout } = run(args());
      expect(status).toBe(2);
      expect(stderr.trim()).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stdout).not.toContain('PASS');
    });
  }
});

test('--help prints the usage, every primitive and every option included, and exits 0', () => {
  const { status, stdout } = run(['--help']);
  expect(status).toBe(0);
  for (const option of ['--primitive', '--runs', '--search', '--exhaustive', '--seed', '--path', '--program', '--workers', '--shard', '--json', '--max-ticks', '--repro', '--explorer', '--driver', '--driver-timeout', '--help', 'merge']) expect(stdout).toContain(option);
  // The checker's own list: all eleven, each named once in the list of what a module may export.
  expect(PRIMITIVES).toHaveLength(11);
  const listed = stdout.slice(stdout.indexOf("toro-ts's names:"), stdout.indexOf('(or the adapters'));
  expect(listed.match(/[A-Za-z]+/g)?.filter((word) => (PRIMITIVES as readonly string[]).includes(word))).toEqual([...PRIMITIVES]);
});

test('merge --help prints the same usage', () => {
  const { status, stdout } = run(['merge', '--help']);
  expect(status).toBe(0);
  expect(stdout).toContain('toro-check merge');
});

test('a missing fast-check gets a message that says what to install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-peer-'));
  // A copy of the bin whose import of the checker fails as it does without fast-check installed.
  writeFileSync(join(dir, 'cli.js'), "import 'fast-check-that-is-not-installed';\nexport const main = () => 0;\n");
  writeFileSync(join(dir, 'bin.mjs'), execFileSync('cat', [BIN], { encoding: 'utf8' }).replace("'./cli/cli.js'", JSON.stringify(join(dir, 'cli.js'))));
  const result = spawnSync(process.execPath, [join(dir, 'bin.mjs')], { encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr.trim()).toBe('toro-check needs fast-check-that-is-not-installed, an optional peer dependency of toro-ts: npm install --save-dev fast-check-that-is-not-installed');
});
