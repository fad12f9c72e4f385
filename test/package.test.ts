/**
 * The package as its consumers get it: `npm pack` (whose `prepare` script builds, as it does for a git install), installed from the
 * tarball into a scratch project, then used from an ES module, from CommonJS, and from
 * TypeScript type-checked strictly, with `lib` es2022 + dom, without `skipLibCheck`, on the
 * project's TypeScript and on TypeScript 7; and linted by publint and
 * @arethetypeswrong/cli (the ESM-only profile: see the README).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);
let consumer = '';
let tarball = '';
let files: string[] = [];

beforeAll(() => {
  const packs = mkdtempSync(join(tmpdir(), 'toro-ts-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packs], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string; files: { path: string }[] }[];
  tarball = join(packs, packed[0]?.filename ?? '');
  files = packed[0]?.files.map((f) => f.path) ?? [];
  consumer = mkdtempSync(join(tmpdir(), 'toro-ts-consumer-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: consumer, stdio: 'ignore' });
}, 180_000);

const node = (file: string): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

test('the tarball holds the build, the license and the readme, and no sources, tests or tools', () => {
  expect(files).toContain('LICENSE');
  expect(files).toContain('README.md');
  expect(files).toContain('dist/src/index.js');
  expect(files).toContain('dist/model/index.d.ts');
  expect(files).toContain('dist/check/bin.js');
  expect(files.filter((f) => !f.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(f))).toEqual([]);
  expect(files.filter((f) => /properties|peers|conformance|bench|docs\//.test(f))).toEqual([]);
});

test('an ES module imports toro-ts and toro-ts/model, and works', () => {
  writeFileSync(
    join(consumer, 'esm.mjs'),
    `import { Lock, Queue } from 'toro-ts';
import { semaphoreInit } from 'toro-ts/model';
const lock = new Lock();
const held = await lock.acquire();
const queue = new Queue();
queue.putNowait('item');
console.log(lock.locked(), queue.getNowait(), semaphoreInit('lock').value);
held.release();
`,
  );
  expect(node('esm.mjs')).toEqual({ status: 0, stdout: 'true item 1\n', stderr: '' });
});

test('CommonJS requires toro-ts (Node 20.19 and later load ES modules with require)', () => {
  writeFileSync(
    join(consumer, 'cjs.cjs'),
    `const { Semaphore } = require('toro-ts');
const semaphore = new Semaphore(2);
semaphore.tryAcquire();
console.log(semaphore.value);
`,
  );
  const result = node('cjs.cjs');
  expect(result.stdout).toBe('1\n');
  expect(result.status).toBe(0);
});

const consumerTs = `import { BoundedSemaphore, Lock, Queue, TimeoutError, type Releaser, type WaitOptions } from 'toro-ts';
import { semaphoreStep, type SemaphoreState } from 'toro-ts/model';

const options: WaitOptions = { timeout: 10 };
export async function run(): Promise<string> {
  const lock = new Lock();
  const held: Releaser = await lock.acquire(options);
  held[Symbol.dispose]();
  const queue = new Queue<number>({ maxsize: 1 });
  queue.putNowait(1);
  const state: SemaphoreState | { readonly error: 'RangeError' } = { kind: 'semaphore', value: 1, bound: undefined, waiters: [], holders: [] } as unknown as SemaphoreState;
  void semaphoreStep;
  void state;
  try {
    await new BoundedSemaphore(0).acquire({ timeout: 0 });
  } catch (error) {
    if (error instanceof TimeoutError) return 'timed out';
  }
  return 'no';
}
`;

for (const [compiler, path] of [
  // By path: TypeScript 7 has a `tsc` bin too, and npm links either one as node_modules/.bin/tsc.
  ["the project's TypeScript", () => join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')],
  ['TypeScript 7', () => join(ROOT, 'node_modules', 'typescript-latest', 'bin', 'tsc')],
] as const) {
  test(`the declarations type-check under strict, lib es2022 + dom, without skipLibCheck, on ${compiler}`, () => {
    writeFileSync(join(consumer, 'consumer.mts'), consumerTs);
    // No @types at all (`types: []`), so nothing but the package's own declarations and the two libs.
    const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.mts'] }));
    const result = spawnSync(process.execPath, [path(), '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });
}

test('publint finds nothing to say', () => {
  const result = spawnSync(bin('publint'), ['run', join(consumer, 'node_modules', 'toro-ts')], { encoding: 'utf8' });
  expect(result.stdout).toContain('All good!');
  expect(result.status).toBe(0);
});

test('are the types wrong: none, for an ES module package (node10 and node16-from-CommonJS resolutions are the ESM-only profile, see the README)', () => {
  const result = spawnSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
  expect(result.status, result.stdout).toBe(0);
  const { analysis } = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[] } };
  // Only the two problems every ESM-only package has, in the two resolutions the profile leaves out.
  const problems = analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
  expect(problems).toEqual([]);
  expect(new Set(analysis.problems.map((p) => p.kind))).toEqual(new Set(['CJSResolvesToESM', 'NoResolution']));
});

test('the model entry exports the specification, not the helpers that build it', async () => {
  const model = (await import(join(consumer, 'node_modules', 'toro-ts', 'dist', 'model', 'index.js'))) as Record<string, unknown>;
  for (const helper of ['unchanged', 'refused', 'without', 'endsAtOnce']) expect(model[helper], helper).toBeUndefined();
  expect(typeof model['semaphoreStep']).toBe('function');
  expect(readdirSync(join(consumer, 'node_modules', 'toro-ts', 'dist', 'src')).filter((f) => f.endsWith('.map'))).not.toEqual([]);
});

test('source maps carry their sources: a map never points at a file the package does not ship', () => {
  const map = JSON.parse(execFileSync('cat', [join(consumer, 'node_modules', 'toro-ts', 'dist', 'src', 'lock.js.map')], { encoding: 'utf8' })) as { sources: string[]; sourcesContent?: string[] };
  expect(map.sourcesContent?.length).toBe(map.sources.length);
  expect(map.sourcesContent?.[0]).toContain('class Lock');
});
