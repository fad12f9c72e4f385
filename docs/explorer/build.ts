/**
 * Bundles the explorer for the browser with esbuild: `app.ts` with the real `check/`, `model/`
 * and `src/` code it imports, minified, as `explorer.js`, and its styles as `explorer.css`.
 * Called by the docs plugin once the site is written (`npm run docs`).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** The bundle's size in bytes, as written and gzipped. */
export interface BundleSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipped: number;
}

/** Writes `explorer.js` and `explorer.css` into `assets`; returns their sizes. */
export async function buildExplorer(assets: string): Promise<BundleSize[]> {
  await build({
    entryPoints: { explorer: join(HERE, 'app.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outdir: assets,
    logLevel: 'warning',
  });
  await build({ entryPoints: { explorer: join(HERE, 'explorer.css') }, bundle: true, minify: true, outdir: assets, logLevel: 'warning' });
  return ['explorer.js', 'explorer.css'].map((file) => {
    const bytes = readFileSync(join(assets, file));
    return { file, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
}
