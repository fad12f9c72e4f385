/**
 * A driver's reproduction, written where a report puts it: each file inside the reproduction's
 * own folder, never outside it (the paths are checked again here, and no folder on the way may
 * lead elsewhere), and the command that runs it, printed so that a shell reads the folder as
 * one word.
 *
 * @module
 */

import { lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { reproductionProblem } from '../run/answers.js';
import { ReproductionError, type Reproduction } from '../run/target.js';
import { shellQuote } from './escape.js';

export { shellQuote } from './escape.js';

/** The first link on the way from `root` down `path` (a folder or the file itself), if any. */
function linkOnTheWay(root: string, path: string): string | undefined {
  let at = root;
  for (const part of path.split('/')) {
    at = join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    if (stat.isSymbolicLink()) return at;
  }
  return undefined;
}

/**
 * Writes `reproduction`'s files into `folder` (made if need be) and returns the line that runs
 * it: `cd <folder> && <run>`. Every path is checked before anything is written.
 *
 * @throws {@link ReproductionError} when a path would leave the folder, by its name or through a
 *   link already there; nothing is written then
 */
export function writeReproduction(folder: string, reproduction: Reproduction): string {
  const problem = reproductionProblem(reproduction);
  if (problem !== undefined) throw new ReproductionError(`the reproduction was refused: ${problem}`);
  mkdirSync(folder, { recursive: true });
  const root = realpathSync(folder);
  const paths = Object.keys(reproduction.files);
  for (const path of paths) {
    const link = linkOnTheWay(root, path);
    if (link !== undefined) throw new ReproductionError(`the reproduction was refused: ${JSON.stringify(path)} would be written through the link ${link}`);
  }
  for (const path of paths) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, reproduction.files[path] as string);
  }
  return `cd ${shellQuote(root)} && ${reproduction.run}`;
}
