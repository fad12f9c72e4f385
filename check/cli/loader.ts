/**
 * Importing the module a command line names, TypeScript included: a `.ts`, `.mts` or `.cts`
 * port is loaded through the project's own loader where it has one (tsx, found from the
 * module's folder upwards, as the project itself would find it), or by Node where Node strips
 * types itself (Node 22.6 and later, with `--experimental-strip-types` or by default from 23.6).
 * Node 20 cannot: without tsx, the command says in one line what to install.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError } from '../program/errors.js';

/** Whether a file is TypeScript, by its extension. */
export const isTypeScript = (path: string): boolean => /\.(c|m)?ts$/i.test(path);

/** tsx's API, as much of it as this uses. */
interface TsxApi {
  /** Imports one module through tsx without registering it for the whole process (tsx 4.8 and later). */
  readonly tsImport?: (specifier: string, parent: string) => Promise<unknown>;
  /** Registers tsx for every later import (older tsx). */
  readonly register?: () => unknown;
}

/** The file of an `exports` entry for `import`: a string, or the `import`/`default` condition, nested. */
function importTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const condition of ['import', 'default']) {
    const found = importTarget(conditions[condition]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** tsx's ESM API as the project of the module at `file` would import it, or `undefined` when that project has no tsx. */
async function projectTsx(file: string): Promise<TsxApi | undefined> {
  let manifest: string;
  try {
    manifest = createRequire(file).resolve('tsx/package.json');
  } catch {
    return undefined;
  }
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> }).exports;
  const entry = importTarget(exports?.['./esm/api']);
  if (entry === undefined) return undefined;
  return (await import(pathToFileURL(join(dirname(manifest), entry)).href)) as TsxApi;
}

/** Whether this Node strips TypeScript's types itself, as it runs now. */
const nodeStripsTypes = (): boolean => Boolean((process.features as { typescript?: unknown }).typescript);

/** Node's version, as [major, minor]. */
const nodeVersion = (): [number, number] => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return [major, minor];
};

/** What to do, in one line, where nothing here can load TypeScript. */
export function noLoaderMessage(specifier: string): string {
  const [major, minor] = nodeVersion();
  const node = major > 22 || (major === 22 && minor >= 6) ? `, or run toro-check with node --experimental-strip-types` : ` (Node ${major} cannot strip types itself)`;
  return `install tsx to check a .ts module: npm install --save-dev tsx${node}; ${specifier} was not loaded`;
}

/**
 * Imports the module at `url` (a `file:` URL, or a package's entry), through the project's tsx
 * where it is TypeScript and Node does not strip types itself. Throws a {@link UsageError}
 * when it cannot be loaded, naming what to install.
 */
export async function importModule(url: string, specifier: string): Promise<Record<string, unknown>> {
  const file = url.startsWith('file:') ? fileURLToPath(url) : undefined;
  if (file !== undefined && isTypeScript(file) && !nodeStripsTypes()) {
    const tsx = await projectTsx(file);
    if (tsx?.tsImport !== undefined) return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
    tsx?.register?.();
    try {
      return (await import(url)) as Record<string, unknown>;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_UNKNOWN_FILE_EXTENSION') throw new UsageError(noLoaderMessage(specifier));
      throw error;
    }
  }
  return (await import(url)) as Record<string, unknown>;
}
