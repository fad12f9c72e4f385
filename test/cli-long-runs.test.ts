/**
 * Long runs a person can follow: progress lines where the output is not a terminal (every ten
 * seconds; a test asks for them sooner), with workers too; and Ctrl-C prints the rows finished,
 * the seed and the command that resumes, stops the drivers it started, and exits 130.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { BIN, ensureBuilt, ROOT, run } from './cli-run.js';

beforeAll(ensureBuilt);

/** The environment with progress lines every `ms`, so that a test sees several in a short run. */
const every = (ms: number): NodeJS.ProcessEnv => ({ ...process.env, TORO_CHECK_PROGRESS_MS: String(ms) });

const progressLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('toro-check: '));

test('a run whose output is not a terminal prints a plain progress line at each interval', () => {
  const { status, stderr } = run(['toro-ts', '--primitive', 'Queue', '--runs', '3000', '--seed', '4'], ROOT, every(300));
  expect(status).toBe(0);
  const lines = progressLines(stderr);
  expect(lines.length).toBeGreaterThanOrEqual(2);
  for (const line of lines) expect(line).toMatch(/^toro-check: Queue: [\d,]+ of 3,000 programs, \d+ s,( about .* left,)? [\d,]+ programs\/s$/);
  // No live-line control characters where the output is not a terminal.
  expect(stderr).not.toContain('\r');
});

test('with workers, their counts are added up in the progress lines', () => {
  const { status, stderr } = run(['toro-ts', '--primitive', 'Queue', '--runs', '3000', '--seed', '4', '--workers', '2'], ROOT, every(300));
  expect(status).toBe(0);
  const counts = progressLines(stderr).map((line) => Number(/Queue: ([\d,]+) of/.exec(line)?.[1]?.replaceAll(',', '')));
  expect(counts.length).toBeGreaterThanOrEqual(2);
  expect(counts.some((n) => n > 0)).toBe(true);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
});

test('a short run prints no progress line, and the default interval is ten seconds', () => {
  const { stderr } = run(['toro-ts', '--primitive', 'Event', '--runs', '50', '--seed', '4']);
  expect(progressLines(stderr)).toEqual([]);
});

test('Ctrl-C prints the rows finished, the seed and the command that resumes, and exits 130', async () => {
  const child = spawn(process.execPath, [BIN, 'toro-ts', '--primitive', 'Event,Queue', '--runs', '5000', '--seed', '9'], { cwd: ROOT, env: every(100) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Interrupt once the second primitive is under way, so that one row has finished.
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/toro-check: Queue: [1-9]/.test(stderr)) resolve();
    });
  });
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stdout).toMatch(/^Event\s+5000\s.*agrees$/m);
  expect(stdout).toMatch(/^interrupted: Queue after [\d,]+ of 5,000 programs$/m);
  expect(stdout).toContain('seed 9');
  expect(stdout).toContain('resume (the primitives not finished, the same programs): npx toro-check toro-ts --primitive Queue --runs 5000 --seed 9');
  expect(stdout.trim().split('\n').at(-1)).toBe('INTERRUPTED');
}, 180_000);

test('Ctrl-C stops the driver it started: no driver process outlives the checker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-sigint-'));
  const driver = join(dir, 'driver.mjs');
  const pids = join(dir, 'pids');
  // A correct, slow driver of Event's set and clear that never exits on its own: it writes its
  // pid, then answers each tick after 20 ms.
  writeFileSync(
    driver,
    `import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n');
// It outlives its input and its output: only a kill ends it.
setInterval(() => undefined, 1 << 30);
process.stdout.on('error', () => undefined);
const say = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
let set = false;
const observed = () => ({ isSet: set });
say({ type: 'hello', protocol: 1, name: 'slow', primitives: { Event: { calls: ['set', 'clear'], observers: ['isSet'], options: { timeout: false, signal: false } } } });
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.type === 'start') { set = false; say({ type: 'started', observed: observed() }); }
  else if (m.type === 'tick') setTimeout(() => {
    const calls = m.actions.filter((a) => 'call' in a).map((a) => { set = a.call === 'set'; return { id: a.id, result: { kind: 'returned' }, observed: observed() }; });
    say({ type: 'ticked', calls, settled: [], observed: observed() });
  }, 20);
  else if (m.type === 'quit') process.exit(0);
});
`,
  );
  // `exec`: the driver is the process the checker started, whatever starts the command.
  const child = spawn(process.execPath, [BIN, '--driver', `exec node ${driver}`, '--runs', '100000', '--seed', '3'], { cwd: dir, env: every(100) });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/toro-check: slow Event: [1-9]/.test(stderr)) resolve();
    });
  });
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stdout).toMatch(/^interrupted: slow Event after [\d,]+ of 100,000 programs$/m);
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
  expect(started.length).toBeGreaterThan(0);
  // A killed process may take a moment to be reaped.
  for (let i = 0; i < 50 && started.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const left = started.filter(alive);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  expect(left).toEqual([]);
}, 120_000);
