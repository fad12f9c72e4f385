/**
 * What a command line names, as targets: every checkable class a module exports (or the
 * adapters it exports), or every primitive a driver declares.
 *
 * @module
 */

import { fileURLToPath } from 'node:url';
import { moduleAdapters, type Adapter } from '../run/adapter.js';
import { adapterTarget, type Target } from '../check.js';
import { driverTargets } from '../run/driver.js';
import { PRIMITIVES } from '../program/program.js';
import { UsageError } from '../program/errors.js';
import { importModule } from './loader.js';
import { resolveTarget } from './resolve.js';

/** Where targets come from: a module (path or package name), or a driver command. */
export type Source = { readonly module: string } | { readonly driver: string; readonly timeoutMs?: number };

/** Whether a value looks like an adapter. */
function isAdapter(value: unknown): value is Adapter {
  return typeof value === 'object' && value !== null && 'primitive' in value && 'create' in value && 'calls' in value;
}

/** The adapters a module offers: its `adapters` export, or adapters for the classes it exports by a primitive's name. */
export async function adaptersOf(specifier: string): Promise<Adapter[]> {
  const url = resolveTarget(specifier);
  let module: Record<string, unknown>;
  try {
    module = await importModule(url, specifier);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot import ${specifier}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const declared = module['adapters'];
  if (declared !== undefined) {
    if (!Array.isArray(declared) || !declared.every(isAdapter)) throw new UsageError(`${specifier} exports \`adapters\`, but it is not an array of adapters`);
    return declared;
  }
  // A reproduction imports the module the way the user named it: a package by name, a file by its path.
  const from = specifier.startsWith('.') || specifier.startsWith('/') ? fileURLToPath(url) : specifier;
  let adapters: Adapter[];
  try {
    adapters = moduleAdapters(module, from);
  } catch (error) {
    throw new UsageError(`a class ${specifier} exports could not be constructed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (adapters.length === 0) {
    throw new UsageError(`${specifier} exports nothing checkable: no class named ${PRIMITIVES.join(', ')}, and no \`adapters\` array`);
  }
  return adapters;
}

/** The targets a source offers. */
export async function targetsOf(source: Source): Promise<{ targets: Target[]; close(): Promise<void> }> {
  if ('module' in source) return { targets: (await adaptersOf(source.module)).map(adapterTarget), close: async () => undefined };
  return driverTargets(source.driver, source.timeoutMs);
}
