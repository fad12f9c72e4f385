/**
 * `toro-check --search guided` and `--exhaustive N` as a user runs them: the built bin on plain
 * Node. Their verdicts, a report's replay commands that carry them, and the options refused.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { ensureBuilt, ROOT, run } from './cli-run.js';

beforeAll(ensureBuilt);

const LIFO = join(ROOT, 'test/fixtures/lifo-lock.mjs');

test('--exhaustive 2 runs every program of up to 2 actions on toro-ts and says none diverged', () => {
  const { status, stdout } = run(['toro-ts', '--primitive', 'Event,Barrier', '--exhaustive', '2']);
  expect(status).toBe(0);
  expect(stdout).toMatch(/^Event\s+505\s.*no divergence within 2 actions$/m);
  expect(stdout).toMatch(/^Barrier\s+\d+\s.*no divergence within 2 actions$/m);
  expect(stdout.trim().split('\n').at(-1)).toBe('PASS');
});

test('--exhaustive catches a bug at the length of its shortest program, not below, and the report replays it with --exhaustive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-'));
  // asyncio's barging semaphore shows with an acquire that waits, then a release: two actions.
  const port = join(ROOT, 'test/fixtures/barging-semaphore.ts');
  const one = run([port, '--exhaustive', '1', '--repro', dir]);
  expect(one.status).toBe(0);
  expect(one.stdout).toMatch(/^Semaphore\s+\d+\s.*no divergence within 1 action$/m);
  const two = run([port, '--exhaustive', '2', '--repro', dir]);
  expect(two.status).toBe(1);
  expect(two.stdout).toMatch(/^Semaphore\s+\d+\s.*DIVERGES: observers$/m);
  const replay = /replay the unshrunk program: (.*)$/m.exec(two.stdout)?.[1] ?? '';
  expect(replay).toMatch(/--path \d+ --exhaustive 2$/);
  const path = /--path (\d+)/.exec(replay)?.[1] as string;
  const again = run([port, '--primitive', 'Semaphore', '--exhaustive', '2', '--path', path, '--repro', dir]);
  expect(again.status).toBe(1);
  expect(again.stdout).toMatch(/^Semaphore\s+1\s.*DIVERGES: observers$/m);
});

test('--search guided finds the bug, and the report replays the program it found with --search guided', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-'));
  const { status, stdout } = run([LIFO, '--search', 'guided', '--seed', '5', '--repro', dir]);
  expect(status).toBe(1);
  const replay = /replay the unshrunk program: (.*)$/m.exec(stdout)?.[1] ?? '';
  expect(replay).toMatch(/--seed 5 --path \d+ --search guided$/);
  const path = /--path (\d+)/.exec(replay)?.[1] as string;
  const again = run([LIFO, '--primitive', 'Lock', '--seed', '5', '--path', path, '--search', 'guided', '--repro', dir]);
  expect(again.status).toBe(1);
  expect(again.stdout).toMatch(/DIVERGES: fifo/);
  // The shrunk program is written as JSON, and replays with --program whatever made it.
  const program = JSON.parse(readFileSync(join(dir, 'Lock.program.json'), 'utf8')) as { primitive: string };
  expect(program.primitive).toBe('Lock');
  expect(run([LIFO, '--program', join(dir, 'Lock.program.json'), '--repro', dir]).status).toBe(1);
});

test('--search and --exhaustive refuse what makes no sense, in one line, exit 2', () => {
  for (const args of [
    ['--search', 'clever'],
    ['--exhaustive', '0'],
    ['--exhaustive', '2', '--runs', '10'],
    ['--exhaustive', '2', '--search', 'guided'],
  ]) {
    const { status, stderr } = run(['toro-ts', ...args]);
    expect(status, args.join(' ')).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }
});
