/**
 * Finding what the command checks: a module given by path or by package name, resolved from
 * the current directory as `import` would from a file there.
 *
 * @module
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../program/errors.js';

interface PackageJson {
  readonly name?: string;
  readonly exports?: unknown;
  readonly module?: string;
  readonly main?: string;
}

/** The file an `exports` entry maps `.` to, for `import`. */
function exported(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  const root = '.' in map ? map['.'] : map;
  if (typeof root === 'string') return root;
  if (typeof root !== 'object' || root === null) return undefined;
  const conditions = root as Record<string, unknown>;
  for (const condition of ['node', 'import', 'default']) {
    const target = conditions[condition];
    const found = typeof target === 'string' ? target : exported(target);
    if (found !== undefined) return found;
  }
  return undefined;
}

function entryOf(directory: string): string {
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as PackageJson;
  const entry = exported(manifest.exports) ?? manifest.module ?? manifest.main ?? 'index.js';
  return join(directory, entry);
}

/**
 * The URL to import for `specifier`: a path (relative to `from`), or a package name looked up in
 * `node_modules` from `from` upwards (the package `from` is in, by its own name, included).
 */
export function resolveTarget(specifier: string, from = process.cwd()): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const path = resolve(from, specifier);
    if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
    return pathToFileURL(path).href;
  }
  for (let directory = resolve(from); ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as PackageJson).name === specifier) return pathToFileURL(entryOf(directory)).href;
    const installed = join(directory, 'node_modules', specifier);
    if (existsSync(join(installed, 'package.json'))) return pathToFileURL(entryOf(installed)).href;
    if (dirname(directory) === directory) break;
  }
  throw new UsageError(`cannot find ${specifier}: neither a path (start it with ./) nor a package installed here`);
}
