/**
 * A driver's reproduction, written where a report puts it: each file inside the reproduction's
 * own folder, never outside it (the paths are checked again here, and no folder on the way may
 * lead elsewhere), and the command that runs it, printed so that a shell reads the folder as
 * one word.
 *
 * @module
 */

import { lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { reproductionProblem } from '../run/answers.js';
import { ReproductionError, type Reproduction } from '../run/target.js';

/** `word` as one word for a POSIX shell: as it is when that is safe, in single quotes otherwise. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Writes `reproduction`'s files into `folder` (made if need be) and returns the line that runs
 * it: `cd <folder> && <run>`.
 *
 * @throws {@link ReproductionError} when a path would leave the folder (nothing is written then)
 */
export function writeReproduction(folder: string, reproduction: Reproduction): string {
  const problem = reproductionProblem(reproduction);
  if (problem !== undefined) throw new ReproductionError(`the reproduction was refused: ${problem}`);
  mkdirSync(folder, { recursive: true });
  const root = realpathSync(folder);
  const targets = Object.keys(reproduction.files).map((path) => [path, join(root, path)] as const);
  const outside = targets.find(([, target]) => !inside(root, target));
  if (outside !== undefined) throw new ReproductionError(`the reproduction was refused: its file ${JSON.stringify(outside[0])} is outside its folder`);
  for (const [path, target] of targets) {
    mkdirSync(dirname(target), { recursive: true });
    // A folder or file already there that links elsewhere would carry the write outside.
    const linked = !inside(root, realpathSync(dirname(target))) || lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink() === true;
    if (linked) throw new ReproductionError(`the reproduction was refused: ${JSON.stringify(path)} leads outside its folder through a link`);
    writeFileSync(target, reproduction.files[path] as string);
  }
  return `cd ${shellQuote(root)} && ${reproduction.run}`;
}
