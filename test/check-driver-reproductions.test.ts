/**
 * Reproductions in the port's own language: a driver whose hello says `"reproduce": true` is
 * sent the shrunk program, the model's trace and the divergence, and answers with files and a
 * command. The checker refuses files that would land outside their folder, and the report
 * writes the rest into a folder beside its other files and prints how to run them.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { reproductionOf } from '../check/check.js';
import type { Program } from '../check/program/program.js';
import { REPRODUCTION_LIMITS, reproductionProblem } from '../check/run/answers.js';
import { channelTargets, type DriverChannel, type Received } from '../check/run/driver.js';
import type { RunOutcome } from '../check/run/run.js';
import { ReproductionError, type Reproduction, type Target } from '../check/run/target.js';
import { shellQuote, writeReproduction } from '../check/report/files.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist/check/bin.js');
const FIXTURE = join(ROOT, 'test/fixtures/drivers/reproducer.mjs');

function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

beforeAll(() => {
  const sources = Math.max(newest(join(ROOT, 'check')), newest(join(ROOT, 'model')));
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < sources) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});

/** Runs toro-check on the reproducer fixture (`kind`: none, `escape` or `error`), its reports in a folder of their own inside a fresh one. */
function checkReproducer(kind: string): { status: number | null; stdout: string; stderr: string; outer: string; repro: string } {
  const outer = mkdtempSync(join(tmpdir(), 'toro-repro-'));
  const repro = join(outer, 'report');
  const result = spawnSync(process.execPath, [BIN, '--driver', `node ${FIXTURE} ${kind}`, '--runs', '200', '--seed', '1', '--repro', repro], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outer, repro };
}

describe('from the command line', () => {
  test("a driver's reproduction is written into a folder beside the report's other files, and the line that runs it is printed", () => {
    const run = checkReproducer('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/DIVERGES: ownership$/m);
    const folder = join(run.repro, 'reproducer-Lock.repro');
    expect(readdirSync(run.repro).sort()).toEqual(['reproducer-Lock.html', 'reproducer-Lock.program.json', 'reproducer-Lock.repro']);
    expect(readdirSync(folder, { recursive: true }).sort()).toEqual(['data', 'data/expected.json', 'repro.mjs']);
    const line = /^standalone reproduction in JavaScript \(the port alone\): (.*)$/m.exec(run.stdout)?.[1];
    expect(line).toBe(`cd ${folder} && node repro.mjs`);
    // What the driver was sent: the shrunk program, the model's trace up to the divergent tick, the divergence.
    const program = JSON.parse(readFileSync(join(run.repro, 'reproducer-Lock.program.json'), 'utf8')) as Program;
    const shown = execFileSync('sh', ['-c', line as string], { encoding: 'utf8' }).split('\n');
    expect(JSON.parse(shown[0] as string)).toEqual(program);
    expect(shown[1]).toBe('ownership');
    const expected = JSON.parse(readFileSync(join(folder, 'data/expected.json'), 'utf8')) as { ticks: unknown[] };
    expect(expected.ticks).toHaveLength(program.ticks.length);
  });

  test("a reproduction with a file outside its folder (`../escape.txt`) is refused, said so, and nothing of it is written", () => {
    const run = checkReproducer('escape');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no standalone reproduction: the driver\'s reproduction was refused: its file "../escape.txt" must be a relative path without empty, `.` or `..` parts');
    expect(run.stdout).not.toMatch(/^standalone reproduction/m);
    expect(readdirSync(run.outer)).toEqual(['report']);
    expect(readdirSync(run.repro).sort()).toEqual(['reproducer-Lock.html', 'reproducer-Lock.program.json']);
  });

  test('a driver that answers reproduce with an error: the report says so, and the verdict stands', () => {
    const run = checkReproducer('error');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no standalone reproduction: the driver wrote no reproduction: it answered an error: no reproduction today');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('FAIL');
  });
});

describe('the reproduce exchange', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'conformance/schema/protocol.schema.json'), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allowUnionTypes: true });
  ajv.addSchema(schema);
  const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ call: 'release', id: 0 }]] };
  const hello = { type: 'hello', protocol: 1, name: 'r', primitives: { Lock: { calls: ['acquire', 'release'], observers: ['locked'] } }, reproduce: true };

  /** A driver that releases an unlocked Lock quietly, says what `answer` gives to reproduce, and records what it was sent. */
  function driver(answer: (message: Record<string, unknown>) => unknown): { channel: DriverChannel; sent: Record<string, unknown>[] } {
    const sent: Record<string, unknown>[] = [];
    const answers: string[] = [JSON.stringify(hello)];
    const channel: DriverChannel = {
      send: (line) => {
        const message = JSON.parse(line) as Record<string, unknown>;
        sent.push(message);
        const reply =
          message['type'] === 'start'
            ? { type: 'started', observed: { locked: false } }
            : message['type'] === 'tick'
              ? { type: 'ticked', calls: [{ id: 0, result: { kind: 'returned' } }], settled: [], observed: { locked: false } }
              : answer(message);
        answers.push(JSON.stringify(reply));
      },
      next: async (): Promise<Received> => {
        const line = answers.shift();
        return line === undefined ? { ended: 'closed its output' } : { line };
      },
      unread: undefined,
      ended: undefined,
      lastWords: () => '',
      kill: () => undefined,
      exited: Promise.resolve(),
      quit: async () => undefined,
    };
    return { channel, sent };
  }

  async function reproduce(answer: (message: Record<string, unknown>) => unknown): Promise<{ result: Awaited<ReturnType<typeof reproductionOf>>; sent: Record<string, unknown>[]; outcome: RunOutcome }> {
    const { channel, sent } = driver(answer);
    const { targets } = await channelTargets('a test driver', () => channel, 1000);
    const target = targets[0] as Target;
    const outcome = await target.run(program);
    if (outcome.divergence === undefined) throw new Error('the test driver was meant to diverge');
    return { result: await reproductionOf(target, program, { ...outcome, divergence: outcome.divergence }), sent, outcome };
  }

  const files = { 'Cargo.toml': '[package]\n', 'src/main.rs': 'fn main() {}\n' };

  test('the checker sends the program, the model trace to the divergent tick and the divergence, as the schema says; the files come back', async () => {
    const { result, sent, outcome } = await reproduce(() => ({ type: 'reproduction', language: 'Rust', files, run: 'cargo run --offline' }));
    const message = sent.find((m) => m['type'] === 'reproduce') as Record<string, unknown>;
    expect(ajv.validate(`${schema.$id}#/$defs/Reproduce`, message), JSON.stringify(ajv.errors)).toBe(true);
    expect(message).toEqual({ type: 'reproduce', primitive: 'Lock', program, expected: JSON.parse(JSON.stringify(outcome.expected)), divergence: outcome.divergence });
    expect(result).toEqual({ reproduction: { language: 'Rust', files, run: 'cargo run --offline' } });
  });

  test.each([
    ['an absolute path', { '/etc/passwd': 'x' }, /its file "\/etc\/passwd" is absolute/],
    ['a path that climbs out', { 'src/../../x': 'x' }, /must be a relative path without empty, `.` or `..` parts/],
    ['a NUL in a path', { 'a\u0000b': 'x' }, /holds a control character or a backslash/],
    ['a backslash', { '..\\x': 'x' }, /holds a control character or a backslash/],
  ])('a reproduction with %s is refused, with the reason', async (_what, bad, reason) => {
    const { result } = await reproduce(() => ({ type: 'reproduction', language: 'Rust', files: bad, run: 'cargo run' }));
    expect(result.reproduction).toBeUndefined();
    expect(result.reproductionRefused).toMatch(/^the driver's reproduction was refused: /);
    expect(result.reproductionRefused).toMatch(reason);
  });

  test('a reproduction the schema refuses is refused, and the driver is not believed', async () => {
    const { result } = await reproduce(() => ({ type: 'reproduction', language: 'Rust', files: { a: 1 }, run: 'x' }));
    expect(result.reproductionRefused).toBe('the driver wrote no reproduction: it said a reproduction the protocol does not allow: reproduction.files.a must be string, got 1');
  });

  test("a driver's own failure (rule driver) gets no reproduce message", async () => {
    const { channel, sent } = driver(() => ({ type: 'error', message: 'never asked' }));
    const { targets } = await channelTargets('a test driver', () => channel, 1000);
    const target = targets[0] as Target;
    const outcome: RunOutcome & { divergence: NonNullable<RunOutcome['divergence']> } = {
      expected: { initial: {}, ticks: [] },
      actual: { initial: {}, ticks: [] },
      divergence: { rule: 'driver', tick: 1, summary: 's', expected: 'e', actual: 'a' },
      violations: [],
      operations: 0,
    };
    expect(await reproductionOf(target, program, outcome)).toEqual({ reproduction: undefined });
    expect(sent.filter((m) => m['type'] === 'reproduce')).toEqual([]);
  });
});

describe('what a reproduction may hold', () => {
  const good: Reproduction = { language: 'Python', files: { 'repro.py': 'print(1)', 'pkg/__init__.py': '' }, run: 'python3 repro.py' };

  test('relative paths in a folder of their own, within the limits, are accepted', () => {
    expect(reproductionProblem(good)).toBeUndefined();
  });

  test.each([
    ['no file', { ...good, files: {} }, /it must hold 1 to 100 files, got 0/],
    ['too many files', { ...good, files: Object.fromEntries(Array.from({ length: REPRODUCTION_LIMITS.files + 1 }, (_, i) => [`f${i}`, ''])) }, /got 101/],
    ['too many bytes', { ...good, files: { big: 'x'.repeat(REPRODUCTION_LIMITS.bytes + 1) } }, /more than 1048576/],
    ['a Windows drive', { ...good, files: { 'C:x': '' } }, /is absolute/],
    ['an empty part', { ...good, files: { 'a//b': '' } }, /without empty/],
    ['a `.` part', { ...good, files: { './a': '' } }, /without empty, `.`/],
    ['two names one file system may hold as one', { ...good, files: { 'Repro.py': '', 'repro.py': '' } }, /cannot both be written/],
    ['a file that is another\'s folder', { ...good, files: { src: '', 'src/main.rs': '' } }, /cannot both be written/],
    ['a command of two lines', { ...good, run: 'true\nrm -rf ~' }, /its command must be one line/],
    ['a command with a terminal escape', { ...good, run: 'echo \u001b[2J' }, /its command must be one line/],
    ['a language with a newline', { ...good, language: 'Py\nthon' }, /its language must be one line/],
  ])('%s is refused', (_what, reproduction, reason) => {
    expect(reproductionProblem(reproduction)).toMatch(reason);
  });
});

describe('writing a reproduction', () => {
  test('writes every file inside its folder, and prints the folder as one shell word', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'toro-repro-')), "it's here $(touch x)");
    const line = writeReproduction(folder, { language: 'Rust', files: { 'src/main.rs': 'fn main() {}' }, run: 'cargo run' });
    expect(readFileSync(join(folder, 'src/main.rs'), 'utf8')).toBe('fn main() {}');
    expect(line).toBe(`cd ${shellQuote(folder)} && cargo run`);
    expect(execFileSync('sh', ['-c', `cd ${shellQuote(folder)} && pwd`], { encoding: 'utf8' }).trim()).toBe(folder);
  });

  test('refuses to write through a link that leads out of the folder, and writes nothing', () => {
    const outer = mkdtempSync(join(tmpdir(), 'toro-repro-'));
    const folder = join(outer, 'repro');
    mkdirSync(folder);
    mkdirSync(join(outer, 'elsewhere'));
    symlinkSync(join(outer, 'elsewhere'), join(folder, 'src'));
    expect(() => writeReproduction(folder, { language: 'Rust', files: { 'Cargo.toml': '', 'src/sub/main.rs': 'x' }, run: 'cargo run' })).toThrow(ReproductionError);
    expect(readdirSync(join(outer, 'elsewhere'))).toEqual([]);
    expect(readdirSync(folder)).toEqual(['src']);
  });

  test('refuses a path that leaves the folder before writing anything', () => {
    const folder = mkdtempSync(join(tmpdir(), 'toro-repro-'));
    expect(() => writeReproduction(join(folder, 'r'), { language: 'Rust', files: { ok: '', '../out': '' }, run: 'x' })).toThrow(/must be a relative path/);
    expect(readdirSync(folder)).toEqual([]);
  });
});
