/**
 * Helpers for the tests that keep the documentation honest: find the runnable examples in the
 * TSDoc of `src/`, run a TypeScript program as a reader would, and read what it says it prints.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** One ```ts block found after an `@example` tag. */
export interface DocExample {
  /** Where it is: `src/semaphore.ts` and the declaration it documents, e.g. `Semaphore`. */
  readonly name: string;
  readonly code: string;
  /** The `// prints: ...` lines, in order: what the example must print. */
  readonly prints: readonly string[];
}

/** The `// prints:` lines of a program, in order (`// prints:` alone stands for an empty line). */
export function printsOf(code: string): string[] {
  return [...code.matchAll(/^[ \t]*\/\/ prints:(?: (.*))?$/gm)].map((match) => match[1] ?? '');
}

/** Every `@example` code block in the TSDoc of the `.ts` files of `dir`, in file order. */
export function docExamples(dir = join(ROOT, 'src')): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of readdirSync(dir).filter((entry) => entry.endsWith('.ts')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
      const body = (comment[1] as string).replace(/^[ \t]*\* ?/gm, '');
      const after = text.slice((comment.index ?? 0) + comment[0].length);
      const declared = /^\s*(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface|function|const|type|enum)\s+([A-Za-z_$][\w$]*)/.exec(after)?.[1]
        ?? /^\s*(?:(?:public|static|readonly|override|async|get|set)\s+)*([A-Za-z_$][\w$]*)\s*[(<:=]/.exec(after)?.[1]
        ?? '(anonymous)';
      const tagged = body.split(/^@example\b/m).slice(1);
      tagged.forEach((section, index) => {
        const block = /```(?:ts|typescript)\n([\s\S]*?)```/.exec(section.split(/^@\w+/m)[0] ?? '');
        if (block === null) return;
        const code = block[1] as string;
        const suffix = tagged.length > 1 ? ` #${index + 1}` : '';
        // The line keeps two examples on unnamed declarations (an option, say) apart.
        const line = text.slice(0, comment.index ?? 0).split('\n').length;
        examples.push({ name: `${relative(ROOT, join(dir, file))}:${line} ${declared}${suffix}`, code, prints: printsOf(code) });
      });
    }
  }
  return examples;
}

/** `code` with its imports of the package pointed at the sources, as if it were installed. */
export function againstSources(code: string): string {
  const api = pathToFileURL(join(ROOT, 'src', 'index.ts')).href;
  const model = pathToFileURL(join(ROOT, 'model', 'index.ts')).href;
  return code.replaceAll(/from\s+(['"])toro-ts\/model\1/g, `from '${model}'`).replaceAll(/from\s+(['"])toro-ts\1/g, `from '${api}'`);
}

let scratch: string | undefined;
/** A directory for programs written during a test run. */
export function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'toro-ts-docs-'));
  return scratch;
}

/** What a program printed, and how it ended. */
export interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

/** Runs a TypeScript ES module (`file`, top-level await allowed) with tsx, in a child process. */
export function runTs(file: string, timeout = 30_000): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, timeout, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ stdout, stderr, code: error === null ? 0 : typeof error.code === 'number' ? error.code : null });
    });
  });
}

/** Writes `code` (already pointed at the sources) to a scratch `.mts` file and runs it. */
export function runSnippet(name: string, code: string): Promise<Run> {
  const file = join(scratchDir(), `${name.replaceAll(/[^\w]+/g, '_')}.mts`);
  writeFileSync(file, code);
  return runTs(file);
}

/** The lines a program printed, without the final newline. */
export function lines(stdout: string): string[] {
  const all = stdout.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}
