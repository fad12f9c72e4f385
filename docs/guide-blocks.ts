/**
 * The guides show code, output and traces that must never drift from what runs. Each such block
 * in a `docs/**` markdown page follows a marker comment that says where it comes from:
 *
 * - `<!-- example: examples/x.ts -->` then a ```ts block: the file, with its import of
 *   `../src/index.js` written as a reader writes it, `toro-ts`.
 * - `<!-- output: examples/x.ts -->` then a ```text block: what the file prints when run.
 * - `<!-- trace: javascript -->` then a table: the seed's queue program replayed through the model
 *   (see `seed-trace.ts`).
 * - `<!-- vocabulary: calls -->` (or `primitives`, `choices`, `driver-choices`) then the lines up
 *   to a blank line: the checker's own lists of primitives, calls and contract choices (see
 *   `vocabulary.ts`).
 *
 * {@link syncGuide} rewrites every block from its source; `npm run docs:sync` writes the result,
 * and `test/docs-guides.test.ts` fails when a page is not in sync.
 */

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JAVASCRIPT, PYTHON, traceTable } from './seed-trace.js';
import { syncVocabulary } from './vocabulary.js';

export const DOCS = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(DOCS, '..');

const TRACES: Record<string, () => string> = {
  javascript: () => traceTable(JAVASCRIPT),
  python: () => traceTable(PYTHON),
};

/**
 * The markdown pages that show code or the checker's lists: the README, `docs/index.md`,
 * everything under `docs/guides`, and the driver protocol (`conformance/PROTOCOL.md`).
 */
export function guidePages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.md') ? [path] : [];
    });
  return [join(ROOT, 'README.md'), join(DOCS, 'index.md'), ...walk(join(DOCS, 'guides')), join(ROOT, 'conformance', 'PROTOCOL.md')];
}

/** An example file as a reader sees it: imports from the package, not from the sources. */
export function asPublished(code: string): string {
  return code.replaceAll(/from '\.\.\/src\/index\.js'/g, "from 'toro-ts'").replaceAll(/from '\.\.\/model\/index\.js'/g, "from 'toro-ts/model'");
}

/** The example files a page shows or runs, relative to the repository root. */
export function referencedExamples(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/<!-- (?:example|output): (\S+) -->/g)].map((match) => match[1] as string))];
}

/**
 * `markdown` with every marked block rewritten from its source. `output(path)` gives what the
 * example at `path` prints (the caller runs it).
 */
export function syncGuide(markdown: string, output: (path: string) => string): string {
  return syncVocabulary(markdown)
    .replaceAll(/(<!-- example: (\S+) -->\n)```ts\n[\s\S]*?```\n/g, (_all, marker: string, path: string) =>
      `${marker}\`\`\`ts\n${asPublished(readFileSync(join(ROOT, path), 'utf8'))}\`\`\`\n`)
    .replaceAll(/(<!-- output: (\S+) -->\n)```text\n[\s\S]*?```\n/g, (_all, marker: string, path: string) =>
      `${marker}\`\`\`text\n${output(path)}\`\`\`\n`)
    .replaceAll(/(<!-- trace: (\w+) -->\n)(?:\|.*\n)*/g, (_all, marker: string, name: string) => {
      const table = TRACES[name];
      if (table === undefined) throw new Error(`unknown trace ${name}`);
      return `${marker}${table()}\n`;
    });
}

async function main(): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const run = (path: string): string => execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, path)], { cwd: ROOT, encoding: 'utf8' });
  for (const page of guidePages()) {
    const before = readFileSync(page, 'utf8');
    const after = syncGuide(before, run);
    if (after !== before) {
      writeFileSync(page, after);
      console.log(`updated ${relative(ROOT, page)}`);
    }
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
