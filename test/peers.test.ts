/**
 * The peers page (docs/guides/peers.md, written by `npm run check:peers`) cannot drift into false
 * alarms or silent regressions:
 *
 * - every bug it lists is confirmed by its committed standalone reproduction, run with plain
 *   `node`: it exits 1 and prints where the model says otherwise;
 * - every library passes, in a short run with a fixed seed, with its declared choices and its
 *   bugs' features left out, so that a new difference (a new library version, a changed model)
 *   is reported here instead of slipping by;
 * - every adapter's functions run standalone: each writes a reproduction of a program that
 *   agrees with the model, and node runs it to the same end.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { check } from '../check/index.js';
import { peers } from '../peers/index.js';
import { SECTIONS } from '../peers/peer.js';
import { FINDINGS, PAGE, ROOT, runReproduction, type FindingRecord } from '../peers/run.js';
import { allAdapters } from '../peers/standalone.js';

const records = JSON.parse(readFileSync(join(FINDINGS, 'findings.json'), 'utf8')) as FindingRecord[];
const page = readFileSync(PAGE, 'utf8');

describe('every bug on the peers page', () => {
  test('is on the page, with its reproduction and program committed, and nothing else is', () => {
    expect(records.length).toBeGreaterThan(0);
    const files = readdirSync(FINDINGS).sort();
    const listed = ['findings.json', ...records.flatMap((r) => [r.reproduction, r.program].map((path) => path.replace('peers/findings/', '')))].sort();
    expect(files).toEqual(listed);
    for (const record of records) expect(page).toContain(`##### ${record.id}: `);
    expect(page.match(/^##### /gm)?.length).toBe(records.length);
  });

  test.each(records.map((r) => [r.id, r] as const))('%s reproduces without the checker', async (_id, record) => {
    const { code, stdout } = await runReproduction(join(ROOT, record.reproduction));
    expect(stdout).toContain('The toro-ts model says instead:');
    expect(code).toBe(1);
  });
});

describe('the peers page', () => {
  test('lists each library under its own section, in the order of the sections', () => {
    const headings = [...page.matchAll(/^(##|###) (.+)$/gm)].map((m) => [m[1], m[2]] as const);
    for (const peer of peers) {
      const at = headings.findIndex(([level, text]) => level === '###' && text === `${peer.library} ${peer.version}`);
      expect(at).toBeGreaterThan(-1);
      const section = headings.slice(0, at).reverse().find(([level]) => level === '##');
      expect(section?.[1]).toBe(peer.section);
    }
    expect(headings.filter(([level]) => level === '##').map(([, text]) => text)).toEqual(SECTIONS.filter((s) => peers.some((p) => p.section === s)));
  });
});

/** The variants the page says agree with their model. */
const passing = peers.flatMap((peer) => peer.variants.filter((v) => v.finds === undefined).map((v) => [v.adapter.name, v.adapter] as const));

describe('every library passes with its declared choices and its bugs left out', () => {
  test.each(passing)('%s', async (_name, adapter) => {
    const result = await check(adapter, { runs: 150, seed: 1 });
    expect(result.failure === undefined ? 'agrees' : result.failure.divergence).toBe('agrees');
  });
});

// Reproductions import the libraries by name: they run from a folder inside node_modules.
const scratch = mkdtempSync(join(ROOT, 'node_modules', '.peers-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("every adapter's functions run standalone", () => {
  // Written under tsx, as `npm run check:peers` writes them: vitest's transform rewrites imports.
  const written = promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'peers', 'standalone.ts'), scratch], { cwd: ROOT }).then(
    ({ stdout }) => new Map(stdout.trim().split('\n').map((line) => JSON.parse(line) as { name: string; path: string }).map((r) => [r.name, r.path])),
  );

  test.each(allAdapters.map((a) => [a.name] as const))('%s', async (name) => {
    const path = (await written).get(name);
    expect(path).toBeDefined();
    const { code, stdout } = await runReproduction(path as string);
    expect(stdout).toContain('This agrees with the toro-ts model.');
    expect(code).toBe(0);
  });
});
