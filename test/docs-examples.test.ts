/**
 * Every `@example` in the TSDoc of `src/` runs, and prints exactly what its `// prints:` lines
 * say: an example that drifts from the code fails `npm test`, not a reader.
 */

import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { againstSources, docExamples, lines, ROOT, runSnippet } from './docs-run.js';
import { join } from 'node:path';

import * as api from '../src/index.js';

/** Names an example imports from the package that the package does not export. */
function notExported(code: string): string[] {
  const imported = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]toro-ts['"]/g)].flatMap((match) =>
    (match[1] as string).split(',').map((name) => name.replace(/^\s*type\s+/, '').trim()).filter((name) => name !== ''),
  );
  return imported.filter((name) => !(name in api));
}

const examples = docExamples();

describe('the examples in the API documentation', () => {
  test('there is one for every public class at least', () => {
    // The TypeDoc plugin checks class by class; this guards the extraction itself.
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.map((example) => example.name)).toEqual(expect.arrayContaining([expect.stringMatching(/ Semaphore$/), expect.stringMatching(/ Lock$/)]));
  });

  test('import only what the package exports', () => {
    expect(examples.flatMap((example) => notExported(example.code).map((name) => `${example.name}: ${name}`))).toEqual([]);
  });

  test('have names of their own, so a failure points at one', () => {
    const names = examples.map((example) => example.name);
    expect(names.length - new Set(names).size).toBe(0);
  });

  test('type-check against the sources as they are', () => {
    const options = ts.parseJsonConfigFileContent(ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, ROOT).options;
    // Examples are snippets a reader pastes: their unused names are not the library's business.
    const compilerOptions = { ...options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false, allowImportingTsExtensions: true };
    const files = new Map(examples.map((example, index) => [join(ROOT, 'test', `__example_${index}.mts`), againstSources(example.code).replaceAll(/file:\/\/[^'"]*\/(src|model)\/index\.ts/g, `../$1/index.ts`)]));
    const host = ts.createCompilerHost(compilerOptions);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (file) => files.get(file) ?? readFile(file);
    host.fileExists = (file) => files.has(file) || fileExists(file);
    const program = ts.createProgram([...files.keys()], compilerOptions, host);
    const names = new Map([...files.keys()].map((file, index) => [file, examples[index]?.name ?? file]));
    const problems = ts.getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file !== undefined && files.has(diagnostic.file.fileName))
      .map((diagnostic) => `${names.get(diagnostic.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  test.concurrent.each(examples.map((example) => [example.name, example] as const))('%s prints what it says', async (_name, example) => {
    const run = await runSnippet(example.name, againstSources(example.code));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual(example.prints);
  });
});
