/**
 * The checker's layout shows its flow: `check/` has one room per stage a program travels
 * through, and an import may only reach a room that comes before its own in that order, so no
 * import runs back up. `check/` itself sees only `model/` (DESIGN.md), never `src/`.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const CHECK = resolve(new URL('..', import.meta.url).pathname, 'check');

/**
 * The rooms in import order. The comparison is pure and the lockstep run uses it, so it comes
 * before `run` here although a program meets it after.
 */
const ROOMS = ['program', 'generate', 'compare', 'run', 'report', '.', 'cli'] as const;
type Room = (typeof ROOMS)[number];

const files = readdirSync(CHECK, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => join(e.parentPath, e.name));

function roomOf(file: string): Room | 'model' | 'outside' {
  const rel = relative(CHECK, file);
  if (rel.startsWith('..')) return relative(join(CHECK, '..', 'model'), file).startsWith('..') ? 'outside' : 'model';
  const first = rel.split('/')[0] as string;
  return (ROOMS as readonly string[]).includes(first) ? (first as Room) : '.';
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1] as string));
}

/** What breaks the rule among `imports` (each file with the files it imports). */
function violations(imports: readonly (readonly [string, readonly string[]])[]): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of imports) {
    const from = roomOf(file);
    // The executable starts the command line, which comes last.
    if (relative(CHECK, file) === 'bin.ts') continue;
    for (const target of targets) {
      const to = roomOf(target);
      if (to === 'model') continue;
      if (to === 'outside') wrong.push(`${relative(CHECK, file)} imports ${target} outside check/ and model/`);
      else if (from !== 'model' && from !== 'outside' && ROOMS.indexOf(to) > ROOMS.indexOf(from)) wrong.push(`${relative(CHECK, file)} (${from}) imports ${relative(CHECK, target)} (${to})`);
    }
  }
  return wrong;
}

describe('the checker reads in the order a program travels', () => {
  test('every file of check/ is in a room or is one of the entry points', () => {
    const top = files.filter((f) => roomOf(f) === '.').map((f) => relative(CHECK, f)).sort();
    expect(top).toEqual(['bin.ts', 'check.ts', 'index.ts', 'vectors.ts']);
  });

  test('each room has one opening comment, its README', () => {
    for (const room of ROOMS.filter((r) => r !== '.')) {
      const readme = readFileSync(join(CHECK, room, 'README.md'), 'utf8');
      expect(readme.split('\n')[0], room).toMatch(/^# check\//);
    }
  });

  test('no import runs back up, and check/ sees only model/', () => {
    expect(violations(files.map((file) => [file, importsOf(file)]))).toEqual([]);
  });

  test('the rule refuses an import that runs back up, or one that leaves check/ for src/', () => {
    const planted: [string, string[]][] = [
      [join(CHECK, 'run', 'driver.ts'), [join(CHECK, 'cli', 'resolve.ts')]],
      [join(CHECK, 'program', 'program.ts'), [join(CHECK, '..', 'src', 'lock.ts')]],
      [join(CHECK, 'report', 'repro.ts'), [join(CHECK, 'run', 'clock.ts'), join(CHECK, '..', 'model', 'lock.ts')]],
    ];
    expect(violations(planted)).toEqual(['run/driver.ts (run) imports cli/resolve.ts (cli)', `program/program.ts imports ${join(CHECK, '..', 'src', 'lock.ts')} outside check/ and model/`]);
  });
});
