/**
 * Running the `toro-check` bin as a user does: the built bin on plain Node. `npm test` builds
 * first; a test file run alone builds when dist/ is older than the sources.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const BIN = join(ROOT, 'dist/check/bin.js');

function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

/** Builds dist/ when it is older than the sources. */
export function ensureBuilt(): void {
  const sources = Math.max(newest(join(ROOT, 'check')), newest(join(ROOT, 'src')), newest(join(ROOT, 'model')));
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < sources) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** Runs the bin in `cwd` (the repository by default): its status and output. */
export function run(args: readonly string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 180_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
