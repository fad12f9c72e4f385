/**
 * The guides cannot drift: every example they show is the file in `examples/`, every output
 * they show is what that file prints now, and every trace is what the model decides now. Fix a
 * failure with `npm run docs:sync` (then read the diff: it is a change in behaviour).
 */

import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guidePages, referencedExamples, ROOT, syncGuide } from '../docs/guide-blocks.js';
import { JAVASCRIPT, settlementOrder } from '../docs/seed-trace.js';
import { lines, runTs } from './docs-run.js';

const pages = guidePages().map((path) => ({ path, name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const examples = [...new Set(pages.flatMap((page) => referencedExamples(page.text)))].sort();

describe('the guides', () => {
  const outputs = new Map<string, Promise<string>>();
  const outputOf = (path: string): Promise<string> => {
    let run = outputs.get(path);
    if (run === undefined) {
      run = runTs(`${ROOT}/${path}`).then((result) => {
        if (result.code !== 0 || result.stderr !== '') throw new Error(`${path} failed (${result.code}):\n${result.stderr}`);
        return result.stdout;
      });
      outputs.set(path, run);
    }
    return run;
  };

  test('show the seed\'s two programs, which run from examples/', () => {
    expect(examples).toEqual(expect.arrayContaining(['examples/seed-condition.ts', 'examples/seed-queue.ts']));
  });

  test.each(pages.map((page) => [page.name, page] as const))('%s shows the examples, outputs and traces as they are now', async (_name, page) => {
    const printed = new Map<string, string>();
    for (const path of referencedExamples(page.text)) printed.set(path, await outputOf(path));
    expect(syncGuide(page.text, (path) => printed.get(path) ?? '')).toBe(page.text);
  });

  test('name only bug zoo entries that exist', () => {
    const named = pages.flatMap((page) => [...page.text.matchAll(/`((?:semaphore|lock|event|condition|queue)-[a-z0-9-]+)`/g)].map((match) => match[1] as string));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((entry) => !existsSync(`${ROOT}/properties/zoo/${entry}.ts`))).toEqual([]);
  });

  test('the seed\'s Condition program prints what the 2015 post printed', async () => {
    expect(lines(await outputOf('examples/seed-condition.ts'))).toEqual([
      "I'll wait right here",
      'About to notify',
      'Done notifying',
      "I'm done waiting",
    ]);
  });

  test('the seed\'s queue program prints its lines in the order the model settles its waiters', async () => {
    // Settlement order is handoff order (rule 4, docs/guides/rules.md): replaying the program's calls
    // through queueStep predicts its output line for line.
    expect(lines(await outputOf('examples/seed-queue.ts'))).toEqual(settlementOrder(JAVASCRIPT));
  });
});
