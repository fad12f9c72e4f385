/**
 * `toro-check` against hostile drivers, as a user runs it (the built bin on plain Node): each
 * behaviour of issue 18 is a small Node driver in test/fixtures/drivers/, with the verdict the
 * checker must give, a bound on the time it may take, and no process it started left running
 * once it exits (every fixture carries a marker on its command line, and /proc is searched for
 * it). `npm test` builds first; run alone, this file builds when dist/ is older than the sources.
 */

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../check/program/errors.js';
import type { Program } from '../check/program/program.js';
import { driverTargets } from '../check/run/driver.js';
import type { RunOutcome } from '../check/run/run.js';
import type { Target } from '../check/run/target.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/check/bin.js');
const FIXTURES = join(ROOT, 'test/fixtures/drivers');

function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

beforeAll(() => {
  const sources = Math.max(newest(join(ROOT, 'check')), newest(join(ROOT, 'model')));
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < sources) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** The processes whose command line holds `marker` (but `except`), as `pid command`. */
function running(marker: string, except?: number): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (command.includes(marker) && Number(pid) !== process.pid && Number(pid) !== except) found.push(`${pid} ${command}`);
    } catch {
      // It ended while we looked.
    }
  }
  return found;
}

/**
 * The processes with `marker` still running a moment after the checker is done with them: a
 * process killed with SIGKILL ends a few milliseconds later, one left behind never does.
 */
async function leftRunning(marker: string): Promise<string[]> {
  for (let waited = 0; waited < 1000 && running(marker).length > 0; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return running(marker);
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  /** Processes of the driver still running once the checker exited. */
  readonly left: readonly string[];
}

let markers = 0;

interface Options {
  /** Shell syntax after the driver's command (`; exit 0`), so that a shell runs it. */
  readonly shell?: string;
  /** What node runs instead of the bin (with its options). */
  readonly node?: readonly string[];
}

/**
 * Runs `toro-check --driver` on a fixture (`driver`: its file and arguments) with `args`; kills
 * it past twice `within` seconds.
 */
function checkDriver(driver: string, args: readonly string[], within: number, options: Options = {}): Promise<Run> {
  const marker = `toro-hostile-${process.pid}-${++markers}`;
  const [file, ...rest] = driver.split(' ');
  const command = `node ${quote(join(FIXTURES, file as string))} ${rest.join(' ')} --marker=${marker}${options.shell ?? ''}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(options.node ?? [BIN]), '--driver', command, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), within * 2000);
    child.on('close', (status) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      void leftRunning(marker).then((left) => {
        for (const line of left) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
        resolve({ status, stdout, stderr, seconds, left });
      });
    });
  });
}

/** A program of one tick, in a file of its own: the floods come at the first tick. */
function oneTick(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'toro-hostile-')), 'program.json');
  writeFileSync(file, JSON.stringify({ primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }]] }));
  return file;
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const TIMEOUT = '400';

/** The summary line of the first divergence a report prints. */
const summary = (stdout: string): string => /^ {2}tick (\d+): (.*)$/m.exec(stdout)?.slice(1).join(': ') ?? '';

/** A fixture's command line, as words, with `marker` on it. */
const words = (driver: string, marker: string): string[] => ['node', join(FIXTURES, driver.split(' ')[0] as string), ...driver.split(' ').slice(1), `--marker=${marker}`];

/** Runs `program` on a fixture's first target through the API, closes the driver, and says what was left running. */
async function runDriver(driver: string, argument: string, program: Program): Promise<{ outcome: RunOutcome; left: string[] }> {
  const marker = `toro-hostile-${process.pid}-${++markers}`;
  const { targets, close } = await driverTargets(['node', join(FIXTURES, driver), argument, `--marker=${marker}`], Number(TIMEOUT));
  let outcome: RunOutcome;
  try {
    outcome = await (targets[0] as Target).run(program);
  } finally {
    await close();
  }
  return { outcome, left: await leftRunning(marker) };
}

describe('a driver whose hello the checker cannot use is a one-line usage error (exit 2), and the driver is stopped', () => {
  test.concurrent.each([
    ['unknown primitive', /primitives\.Mutex is not a name it may have/],
    ['primitives null', /hello\.primitives must be object, got null/],
    ['params of the wrong type', /hello\.primitives\.Semaphore\.params\.value must be array/],
  ])('%s, from the command line', async (behaviour, message) => {
    const run = await checkDriver(`bad-hello.mjs ${quote(behaviour)}`, ['--runs', '5'], 10);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^toro-check: the driver `.*` (said a hello this checker cannot use|did not start): /);
    expect(run.stdout).toBe('');
    expect(run.seconds).toBeLessThan(10);
    expect(run.left).toEqual([]);
  });

  test.concurrent.each([
    ['params the model refuses', /primitives\.Semaphore\.params\.value: -1 is refused by Semaphore's model/],
    ['a parameter the model lacks', /"size" is not a parameter of Lock's model/],
    ['calls as a string', /hello\.primitives\.Lock\.calls must be array, got "acquire"/],
    ['a call the model lacks', /"lock" is not a call of Lock's model/],
    ['no call', /primitives\.Lock\.calls: it declares no call/],
    ['an observer the model lacks', /"Locked" is not an observer of Lock's model \(statistics, locked\)/],
    ['a zero timeout for a call that does not wait', /"release" is not a call of Lock's model that waits/],
    ['a priority for a call served in arrival order', /primitives\.Lock\.priority\.calls: "tryAcquire" takes no priority: Lock's model serves it in arrival order only/],
    ['another protocol version', /hello\.protocol must be 1, got 2/],
    ['a name with control characters', /its name must be one line .*"bad\\u001b\[2J"/],
    ['not JSON', /printed a line that is not JSON/],
  ])('%s', async (behaviour, message) => {
    const marker = `toro-hostile-${process.pid}-${++markers}`;
    const error = await driverTargets(['node', join(FIXTURES, 'bad-hello.mjs'), behaviour, `--marker=${marker}`], 2000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).message).not.toContain('\n');
    expect(await leftRunning(marker)).toEqual([]);
  });

  test.concurrent('a driver that never says hello is stopped once its start time is up', async () => {
    // The hello may take 10 s (a JVM starting on a busy machine): the API can shorten it.
    const marker = `toro-hostile-${process.pid}-silent`;
    const started = performance.now();
    const error = await driverTargets(words('silent.mjs', marker), 300, { startTimeoutMs: 500 }).catch((e: unknown) => e);
    expect((error as UsageError).message).toMatch(/did not start: it did not answer within 500 ms before it said hello$/);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await leftRunning(marker)).toEqual([]);
  });
});

describe('a driver whose answers break the protocol or its hello FAILS with rule driver, at the tick, with the program', () => {
  // The fixture bends its answer to the first tick with two calls or more: tick 2 here.
  const program: Program = {
    primitive: 'Lock',
    params: {},
    ticks: [[{ call: 'acquire', id: 0 }], [{ call: 'tryAcquire', id: 1 }, { call: 'release', id: 2 }, { call: 'acquire', id: 3, timeout: 5 }], [{ advance: 5 }]],
  };

  test.concurrent.each([
    ['wrong call ids', /^the driver's ticked has calls #2, #3, #4 for a tick whose calls are #1, #2, #3: #4, which the tick did not make$/, 2],
    ['an extra call', /^the driver's ticked has calls #1, #2, #3, #999 for a tick whose calls are #1, #2, #3: #999, which the tick did not make$/, 2],
    ['a missing call', /^the driver's ticked has calls #1, #2 for a tick whose calls are #1, #2, #3: no result for #3$/, 2],
    ['calls in another order', /^the driver's ticked has calls #3, #2, #1 for a tick whose calls are #1, #2, #3: them out of order, or twice$/, 2],
    ['calls as a string', /^the driver said a ticked the protocol does not allow: ticked\.calls must be array, got "acquire"$/, 2],
    ['a settlement of a call never made', /^the driver's ticked settled #999, which no call of the program made$/, 2],
    ['an observer of the wrong type', /^the driver's ticked reports observed\.locked as "true", where the model's is a boolean$/, 2],
    ['an error', /^the driver answered an error where ticked was due: cannot do that$/, 2],
    ['a line that is not JSON', /^the driver printed a line that is not JSON: "ticked!"$/, 2],
    ['two answers to one tick', /^the driver said more than one line in answer: /, 2],
    ['calls nested 100 000 deep', /^the driver printed a line that nests deeper than 64 levels: /, 2],
  ])('%s', async (behaviour, message, tick) => {
    const { outcome, left } = await runDriver('bent-answers.mjs', behaviour, program);
    expect(outcome.divergence?.rule).toBe('driver');
    expect(outcome.divergence?.summary).toMatch(message);
    expect(outcome.divergence?.tick).toBe(tick);
    // The report's traces go as far as the driver's last good answer, the model's to that tick.
    expect(outcome.actual.ticks).toHaveLength(tick - 1);
    expect(outcome.expected.ticks).toHaveLength(tick);
    expect(left).toEqual([]);
  });

  test.concurrent('from the command line: wrong call ids in random programs FAIL, shrunk to a tick with two calls', async () => {
    const run = await checkDriver(`bent-answers.mjs ${quote('wrong call ids')}`, ['--runs', '50', '--seed', '1', '--max-ticks', '4', '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 30);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/DIVERGES: driver$/m);
    const [tick, said] = summary(run.stdout).split(/: (.*)/);
    expect(said).toMatch(/^the driver's ticked has calls .* which the tick did not make$/);
    expect(run.stdout).toMatch(new RegExp(`^  tick ${tick}: #\\d+ .*; #\\d+ `, 'm'));
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK);
    expect(run.left).toEqual([]);
  });

  test.concurrent('an observer declared and reported under another name (`Locked`) is never passed', async () => {
    const run = await checkDriver('misnamed-observer.mjs', ['--runs', '50', '--seed', '1', '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 20);
    expect(run.status).toBe(1);
    expect(summary(run.stdout)).toBe(`0: the driver's started reports "Locked" in observed, which its hello does not declare (it declares "locked")`);
    expect(run.left).toEqual([]);
  });
});

describe('a driver that hangs, exits or floods is killed with everything it started, and reported at its tick', () => {
  /** Replays the report's minimal program: the same driver fails it the same way. */
  async function replays(driver: string, run: Run, within: number, options: Options = {}): Promise<void> {
    const program = /^program as JSON: (.*)$/m.exec(run.stdout)?.[1] as string;
    const again = await checkDriver(driver, ['--program', program, '--driver-timeout', TIMEOUT, '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], within, options);
    expect(again.status).toBe(1);
    expect(summary(again.stdout)).toBe(summary(run.stdout));
    expect(again.left).toEqual([]);
  }

  test.concurrent('a slow tick, under a shell that stays its parent: the timeout is that tick, and the driver does not outlive the check', async () => {
    const shell = { shell: '; exit 0' };
    const run = await checkDriver('slow-tick.mjs', ['--runs', '50', '--seed', '1', '--max-ticks', '4', '--driver-timeout', TIMEOUT, '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 30, shell);
    expect(run.status).toBe(1);
    const [tick, said] = summary(run.stdout).split(': ');
    expect(said).toBe(`the driver did not answer within ${TIMEOUT} ms`);
    // The tick named is the minimal program's first with a tryAcquire, which is what hangs.
    const first = /^ {2}tick (\d+): .*tryAcquire/m.exec(run.stdout.slice(run.stdout.indexOf('minimal program:')))?.[1];
    expect(tick).toBe(first);
    expect(run.left).toEqual([]);
    expect(run.seconds).toBeLessThan(30);
    await replays('slow-tick.mjs', run, 15, shell);
  });

  test.concurrent('late lines from a process that escaped the group reach no later driver', async () => {
    const driver = 'late-lines.mjs';
    const run = await checkDriver(driver, ['--runs', '50', '--seed', '2', '--max-ticks', '4', '--driver-timeout', TIMEOUT, '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 30);
    expect(run.status).toBe(1);
    expect(summary(run.stdout)).toMatch(new RegExp(`^\\d+: the driver did not answer within ${TIMEOUT} ms$`));
    expect(run.left).toEqual([]);
    await replays(driver, run, 15);
  });

  test.concurrent('a driver that exits mid-run', async () => {
    const run = await checkDriver('exits-mid-run.mjs', ['--runs', '50', '--seed', '1', '--max-ticks', '4', '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 20);
    expect(run.status).toBe(1);
    expect(summary(run.stdout)).toMatch(/^\d+: the driver exited with status 3$/);
    expect(run.left).toEqual([]);
  });

  test.concurrent.each(['stdout', 'stderr'])('a driver that floods %s without a newline', async (stream) => {
    const run = await checkDriver(`floods.mjs ${stream}`, ['--program', oneTick(), '--driver-timeout', TIMEOUT, '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 20);
    expect(run.status).toBe(1);
    expect(summary(run.stdout)).toMatch(stream === 'stdout' ? /^1: the driver printed a line longer than 4 MiB$/ : new RegExp(`^1: the driver did not answer within ${TIMEOUT} ms$`));
    // What a report keeps of standard error is bounded: one line cut at 1000 characters.
    if (stream === 'stderr') expect(run.stdout).toMatch(/its last words:\nx{1000}…$/m);
    expect(run.stdout.length).toBeLessThan(20_000);
    expect(run.left).toEqual([]);
  });
});

describe('after its verdict the checker exits, and leaves nothing running', () => {
  test.concurrent('a correct driver PASSES', async () => {
    const run = await checkDriver('correct.mjs', ['--runs', '30', '--seed', '1'], 20);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('PASS');
    expect(run.status).toBe(0);
    expect(run.left).toEqual([]);
  });

  test.concurrent('a correct driver run through the shell PASSES, and the shell and the driver both end', async () => {
    const run = await checkDriver('correct.mjs', ['--runs', '30', '--seed', '1'], 20, { shell: ' 2>/dev/null' });
    expect(run.status).toBe(0);
    expect(run.left).toEqual([]);
  });

  test.concurrent('a usage error once the driver runs (a --primitive it lacks) ends the check and the driver', async () => {
    const run = await checkDriver('ignores-quit.mjs', ['--primitive', 'Queue', '--driver-timeout', TIMEOUT], 10);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('toro-check: no Queue to check; this offers Lock (model Lock)\n');
    expect(run.seconds).toBeLessThan(10);
    expect(run.left).toEqual([]);
  });

  test.concurrent('a correct driver that ignores quit PASSES, and is killed after the grace period', async () => {
    const run = await checkDriver('ignores-quit.mjs', ['--runs', '10', '--seed', '1', '--driver-timeout', TIMEOUT], 15);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('PASS');
    expect(run.left).toEqual([]);
  });

  test.concurrent.each([
    ['', 1],
    [' on worker threads', 3],
  ])('Ctrl-C kills the drivers with the checker%s', async (_on, drivers) => {
    const marker = `toro-hostile-${process.pid}-interrupted-${drivers}`;
    const child = spawn(process.execPath, [BIN, '--driver', `node ${quote(join(FIXTURES, 'ignores-quit.mjs'))} --marker=${marker}`, '--runs', '100000', '--workers', String(Math.max(drivers - 1, 1))], { cwd: ROOT, stdio: 'ignore' });
    // Once every driver runs (the main thread's, and each worker's), interrupt the checker as a terminal would.
    for (let i = 0; i < 300 && running(marker, child.pid).length < drivers; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running(marker, child.pid)).toHaveLength(drivers);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    const status = await new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const left = await leftRunning(marker);
    for (const line of left) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    // Interrupted mid-run, it prints what finished and exits 130, as a shell reports a Ctrl-C.
    expect(status).toBe(130);
    expect(left).toEqual([]);
  });
});

describe('the checker keeps its memory bounded whatever a driver writes', () => {
  // The checker runs with a 64 MB heap: a checker that buffers a line, or standard error, whole
  // dies of it long before the driver's 256 MiB are out.
  test.each(['stdout', 'stderr'])('flooding %s, the peak resident memory stays under 150 MB', async (stream) => {
    const run = await checkDriver(`floods.mjs ${stream}`, ['--program', oneTick(), '--driver-timeout', '1000', '--repro', mkdtempSync(join(tmpdir(), 'toro-hostile-'))], 30, {
      node: ['--max-old-space-size=64', join(FIXTURES, 'peak-memory.mjs')],
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/DIVERGES: driver$/m);
    const peak = Number(/^peak resident memory: (\d+) kB$/m.exec(run.stderr)?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(150 * 1024);
    expect(run.left).toEqual([]);
  });
});
