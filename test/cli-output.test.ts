/**
 * toro-check's output is safe and faithful whatever a port names its classes, its errors or its
 * driver: report files named after the export, sanitized, unique and inside the report folder;
 * reproductions that import by export name and keep every name inside its comment; replay lines
 * quoted for the shell; no control character reaching the terminal. And TypeScript ports are
 * checked as they are, through the project's own tsx.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT, run } from './cli-run.js';

beforeAll(ensureBuilt);

const scratch = (): string => mkdtempSync(join(tmpdir(), 'toro-check-out-'));

describe('hostile names', () => {
  const parent = scratch();
  const dir = join(parent, 'reports');
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    result = run([join(ROOT, 'test/fixtures/hostile-adapters.mjs'), '--runs', '20', '--seed', '1', '--repro', dir]);
  });

  test('every adapter diverges, and the run says so', () => {
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('FAIL');
  });

  test('report files are sanitized, unique, and all inside the report folder', () => {
    expect(readdirSync(parent)).toEqual(['reports']);
    const bases = [...new Set(readdirSync(dir).map((f) => f.replace(/\.(program\.json|repro\.mjs|html)$/, '')))].sort();
    expect(bases).toEqual(['2Jred-0m', 'Twin-3', 'a-..-..-escape', 'ends-console.log-pwned-by-a-name-console.log-pwned-by-a-name-on-a-new-line', 'touch-x', 'twin', 'twin-2', 'unnamed', 'unnamed-2', 'unnamed-CON'].sort());
    expect(readdirSync(dir)).toHaveLength(30);
  });

  test('no control character reaches the terminal; each is shown escaped', () => {
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/);
    expect(result.stdout).toContain('\\x1b[2Jred\\x1b[0m disagrees with its model.');
    expect(result.stdout).toContain('\\u{2028}');
  });

  test('replay lines are quoted for the shell: a name that is a command is printed, not run', () => {
    const line = result.stdout.split('\n').find((l) => l.startsWith('replay: ') && l.includes('touch x'));
    expect(line).toContain("--primitive '$(touch x)'");
    // The printed line, its command swapped for printf, run by a shell: the words arrive as printed, and nothing runs.
    const cwd = scratch();
    const shown = spawnSync('sh', ['-c', (line as string).replace('replay: npx toro-check', "printf '%s\\n'")], { cwd, encoding: 'utf8' });
    expect(shown.status).toBe(0);
    expect(shown.stdout.split('\n')).toContain('$(touch x)');
    expect(existsSync(join(cwd, 'x'))).toBe(false);
  });

  test('reproductions parse, keep every name and message inside their comments and strings, and still show the bug', () => {
    const repros = readdirSync(dir).filter((f) => f.endsWith('.repro.mjs'));
    expect(repros).toHaveLength(10);
    for (const file of repros) {
      const path = join(dir, file);
      expect(spawnSync(process.execPath, ['--check', path]).status, file).toBe(0);
      const ran = spawnSync(process.execPath, [path], { encoding: 'utf8' });
      // The strings show as data in the traces; none ran (a console.log of its own would print a line of its own).
      expect((ran.stdout + ran.stderr).split('\n').filter((l) => l.startsWith('pwned')), file).toEqual([]);
      expect(ran.stdout, file).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u2028]/);
      expect(ran.stdout, file).toContain('The toro-ts model says instead:');
      expect(ran.status, file).toBe(1);
    }
  });

  test('HTML reports carry names as text, never as markup', () => {
    const html = readFileSync(join(dir, 'ends-console.log-pwned-by-a-name-console.log-pwned-by-a-name-on-a-new-line.html'), 'utf8');
    expect(html).toContain('<h1>ends */ console.log(&quot;pwned by a name&quot;) /*');
    expect(html).not.toMatch(/<script/i);
  });
});

test('a driver named like a command gets a replay line that prints its name instead of running it', () => {
  const dir = scratch();
  const driver = join(dir, 'driver.mjs');
  // A driver whose acquire() returns at once where the model waits: it diverges in the first tick.
  writeFileSync(
    driver,
    `import { createInterface } from 'node:readline';
const say = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
say({ type: 'hello', protocol: 1, name: '$(touch x)', primitives: { Lock: { calls: ['acquire'], observers: ['locked'], options: { timeout: false, signal: false } } } });
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.type === 'start') say({ type: 'started', observed: { locked: false } });
  else if (m.type === 'tick') say({ type: 'ticked', calls: m.actions.filter((a) => 'call' in a).map((a) => ({ id: a.id, result: { kind: 'returned' }, observed: { locked: true } })), settled: [], observed: { locked: true } });
  else if (m.type === 'quit') process.exit(0);
});
`,
  );
  const { status, stdout } = run(['--driver', `node ${driver}`, '--runs', '5', '--seed', '1', '--repro', join(dir, 'reports')], dir);
  expect(status).toBe(1);
  const line = stdout.split('\n').find((l) => l.startsWith('replay: ')) ?? '';
  expect(line).toContain(`--driver 'node ${driver}' --primitive '$(touch x) Lock'`);
  expect(existsSync(join(dir, 'x'))).toBe(false);
});

test('a reproduction imports the class by the name the module exports it under, not by its own', () => {
  const dir = scratch();
  const port = join(dir, 'port.mjs');
  writeFileSync(port, `${readFileSync(join(ROOT, 'test/fixtures/lifo-lock.mjs'), 'utf8').replace('export class Lock', 'class LifoLock')}\nexport { LifoLock as Lock };\n`);
  const { status, stdout } = run([port, '--runs', '500', '--seed', '1', '--repro', join(dir, 'reports')], dir);
  expect(status).toBe(1);
  expect(stdout).toContain('Lock disagrees with its model.');
  const repro = readFileSync(join(dir, 'reports', 'Lock.repro.mjs'), 'utf8');
  expect(repro).toContain(`import { Lock } from ${JSON.stringify(port)};`);
  expect(repro).not.toContain('LifoLock');
  const ran = spawnSync(process.execPath, [join(dir, 'reports', 'Lock.repro.mjs')], { encoding: 'utf8' });
  expect(ran.status).toBe(1);
});

test('parameters reach a reproduction unchanged: maxReaders Infinity is the number, not the string', () => {
  const dir = scratch();
  const program = join(dir, 'program.json');
  writeFileSync(program, JSON.stringify({ primitive: 'RWLock', params: { maxReaders: 'Infinity' }, ticks: [[{ call: 'tryAcquireRead', id: 0 }, { call: 'acquireWrite', id: 1 }], [{ call: 'tryAcquireRead', id: 2 }]] }));
  const { status, stdout } = run([join(ROOT, 'test/fixtures/barging-rwlock.mjs'), '--program', program, '--repro', dir]);
  expect(status).toBe(1);
  expect(stdout).toContain('No barging (rule 2');
  expect(stdout).toContain('new RWLock({ maxReaders: Infinity })');
  // toro-ts's constructor refuses a maxReaders that is not a number: the repro gets this far only with the number.
  const ran = spawnSync(process.execPath, [join(dir, 'RWLock.repro.mjs')], { encoding: 'utf8' });
  expect(ran.stderr).toBe('');
  expect(ran.stdout).toContain('tick 2: #2 returned "handle"');
  expect(ran.stdout).toContain('The toro-ts model says instead:\ntick 2: #2 returned');
  expect(ran.status).toBe(1);
});

test('a passing run writes no report, and a report folder that does not exist yet is made', () => {
  const dir = join(scratch(), 'new', 'reports');
  const pass = run(['toro-ts', '--primitive', 'Lock', '--runs', '20', '--seed', '1', '--repro', dir]);
  expect(pass.status).toBe(0);
  expect(existsSync(dir)).toBe(false);
});

test('--program replays one program and prints no rate', () => {
  const dir = scratch();
  const program = join(dir, 'program.json');
  writeFileSync(program, JSON.stringify({ primitive: 'Lock', params: {}, ticks: [[{ call: 'acquire', id: 0 }]] }));
  const { status, stdout } = run(['toro-ts', '--program', program]);
  expect(status).toBe(0);
  expect(stdout).toMatch(/^primitive\s+programs\s+operations\s+result$/m);
  expect(stdout).not.toContain('programs/s');
});

describe('TypeScript ports are checked as they are', () => {
  for (const file of ['event.ts', 'event.mts']) {
    test(`${file}, through the project's tsx`, () => {
      const { status, stdout } = run([`./test/fixtures/ts/${file}`, '--runs', '50', '--seed', '2']);
      expect(status).toBe(0);
      expect(stdout).toMatch(/^Event\s+50\s.*agrees$/m);
    });
  }

  test('event.cts (CommonJS), whose planted bug is found, with a reproduction run through tsx', () => {
    const dir = scratch();
    const { status, stdout } = run(['./test/fixtures/ts/event.cts', '--runs', '50', '--seed', '2', '--repro', dir]);
    expect(status).toBe(1);
    expect(stdout).toContain(`standalone reproduction (the library alone): npx tsx ${join(dir, 'Event.repro.mjs')}`);
  });

  test('on worker threads too', () => {
    const { status, stdout } = run(['./test/fixtures/ts/event.ts', '--runs', '60', '--seed', '2', '--workers', '2']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Event\s+60\s.*agrees$/m);
  });

  test('without tsx, one line says what to install', () => {
    const dir = scratch();
    for (const file of ['event.ts', 'flag.ts']) copyFileSync(join(ROOT, 'test/fixtures/ts', file), join(dir, file));
    mkdirSync(join(dir, 'reports'));
    const { status, stdout, stderr } = run(['./event.ts'], dir);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^toro-check: install tsx to check a \.ts module: npm install --save-dev tsx \(Node 20 cannot strip types itself\); \.\/event\.ts was not loaded$/m);
  });
});
