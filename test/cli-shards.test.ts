/**
 * Runs that outgrow one machine: N shards (`--shard K/N --json FILE`) and `toro-check merge`
 * give what one run gives. The shards run the same programs (as many, with as many
 * operations, primitive by primitive) and reach the same verdict; with a planted bug, the merge
 * reports the failure one run finds, in the same program, shrunk alike.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT, run } from './cli-run.js';

beforeAll(ensureBuilt);

interface Result {
  readonly name: string;
  readonly programs: number;
  readonly operations: number;
  readonly failure?: { readonly divergence: { readonly rule: string; readonly tick: number }; readonly index: number; readonly path: string; readonly printed: string };
}
const results = (file: string): Result[] => (JSON.parse(readFileSync(file, 'utf8')) as { results: Result[] }).results;
const counts = (list: readonly Result[]): unknown => list.map(({ name, programs, operations }) => ({ name, programs, operations }));

/** One run, then `shards` shards and their merge, of `args`, in a fresh folder. */
function oneAndShards(args: readonly string[], shards: number): { dir: string; whole: ReturnType<typeof run>; parts: ReturnType<typeof run>[]; merged: ReturnType<typeof run> } {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-shards-'));
  const whole = run([...args, '--json', join(dir, 'whole.json'), '--repro', join(dir, 'whole')]);
  const parts = Array.from({ length: shards }, (_, k) => run([...args, '--shard', `${k + 1}/${shards}`, '--json', join(dir, `shard-${k + 1}.json`), '--repro', join(dir, `shard-${k + 1}`)]));
  const merged = run(['merge', ...Array.from({ length: shards }, (_, k) => join(dir, `shard-${k + 1}.json`)), '--json', join(dir, 'merged.json'), '--repro', join(dir, 'merged')]);
  return { dir, whole, parts, merged };
}

test('three shards and a merge run the programs one run does, and pass as it does', () => {
  const { dir, whole, parts, merged } = oneAndShards(['toro-ts', '--primitive', 'Lock,Queue,Barrier', '--runs', '400', '--seed', '5'], 3);
  expect(whole.status).toBe(0);
  for (const part of parts) expect(part.status).toBe(0);
  expect(parts.map((p) => p.stdout.match(/^seed 5, shard (\d)\/3$/m)?.[1])).toEqual(['1', '2', '3']);
  expect(merged.status).toBe(0);
  expect(merged.stdout).toContain('seed 5, 3 shards merged');
  expect(merged.stdout.trim().split('\n').at(-1)).toBe('PASS');
  expect(counts(results(join(dir, 'merged.json')))).toEqual(counts(results(join(dir, 'whole.json'))));
  // Each shard ran its third, not the whole run.
  expect(results(join(dir, 'shard-1.json')).map((r) => r.programs)).toEqual([134, 134, 134]);
});

test('with a planted bug, the merge reports the failure one run finds', () => {
  const { dir, whole, parts, merged } = oneAndShards([join(ROOT, 'test/fixtures/lifo-lock.mjs'), '--runs', '500', '--seed', '1'], 4);
  expect(whole.status).toBe(1);
  expect(parts.some((p) => p.status === 1)).toBe(true);
  expect(merged.status).toBe(1);
  const [one] = results(join(dir, 'whole.json'));
  const [all] = results(join(dir, 'merged.json'));
  expect(one?.failure?.divergence.rule).toBe('fifo');
  expect(all?.failure).toEqual(one?.failure);
  expect(merged.stdout).toContain('Lock disagrees with its model.');
  expect(merged.stdout).toContain(one?.failure?.printed as string);
  expect(merged.stdout).toContain(`--seed 1 --path ${one?.failure?.path}`);
  for (const file of ['Lock.html', 'Lock.program.json', 'Lock.repro.mjs']) expect(existsSync(join(dir, 'merged', file)), file).toBe(true);
  expect(merged.stdout.trim().split('\n').at(-1)).toBe('FAIL');
});

describe('a merge refuses what is not every shard of one run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toro-check-merge-'));
  const shard = (k: number, n: number, seed = 2): string => {
    const file = join(dir, `s${seed}-${k}-of-${n}.json`);
    if (!existsSync(file)) expect(run(['toro-ts', '--primitive', 'Event', '--runs', '30', '--seed', String(seed), '--shard', `${k}/${n}`, '--json', file]).status).toBe(0);
    return file;
  };
  const cases: [string, () => string[], RegExp][] = [
    ['a shard missing', () => [shard(1, 3), shard(3, 3)], /shard 2\/3 is missing: a merge needs every shard of the run/],
    ['a shard given twice', () => [shard(1, 2), shard(1, 2), shard(2, 2)], /shard 1\/2 is given twice/],
    ['shards of another run', () => [shard(1, 2), shard(2, 2, 3)], /is from another run than .*: its seed is 3, not 2/],
    ['shards split otherwise', () => [shard(1, 2), shard(2, 3)], /shards of one run split it alike/],
    [
      'a file that is no result',
      () => {
        const file = join(dir, 'not-a-result.json');
        writeFileSync(file, '{"results": 3}');
        return [file];
      },
      /not-a-result\.json is not a toro-check result \(toro-check --json FILE writes one\): format undefined/,
    ],
  ];
  for (const [what, files, message] of cases) {
    test(what, () => {
      const { status, stderr, stdout } = run(['merge', ...files()]);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stdout).toBe('');
    });
  }
});
