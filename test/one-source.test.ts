/**
 * One source for the lists a reader meets: the primitives the models specify (`PRIMITIVES`),
 * each one's calls and observers (its family), and the contract choices (`CONTRACT_CHOICES`,
 * `ADAPTER_CHOICES`). `toro-check --help`, the guides, the driver protocol and its JSON Schema
 * list what these say, no more and no less; the guides' tables are made from them
 * (`docs/vocabulary.ts`, kept in sync by `npm run docs:sync`), and this file fails when any list
 * drifts.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHOICE_NAMES, CONTRACT_CHOICES } from '../check/compare/choices.js';
import { callsOf } from '../check/program/families/index.js';
import { PRIMITIVES } from '../check/program/program.js';
import { guidePages, ROOT } from '../docs/guide-blocks.js';
import { syncVocabulary } from '../docs/vocabulary.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

describe('toro-check --help', () => {
  const help = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'check/bin.ts'), '--help'], { cwd: ROOT, encoding: 'utf8' });
  const words = new Set(help.match(/[A-Za-z]+/g) ?? []);

  test('names all eleven primitives the models specify', () => {
    expect(PRIMITIVES).toHaveLength(11);
    expect(PRIMITIVES.filter((primitive) => !words.has(primitive))).toEqual([]);
  });

  test('names every contract choice', () => {
    expect(CHOICE_NAMES.filter((choice) => !words.has(choice))).toEqual([]);
  });
});

describe('the protocol schema', () => {
  const schema = JSON.parse(read('conformance/schema/protocol.schema.json')) as {
    $defs: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[]; type?: string; oneOf?: { $ref?: string }[] }> }>;
  };
  const declared = schema.$defs['Choices']?.properties ?? {};

  test('lets a driver declare exactly the contract choices the checker knows', () => {
    expect(Object.keys(declared)).toEqual([...CHOICE_NAMES]);
  });

  test("gives each choice exactly the checker's values", () => {
    for (const [name, info] of Object.entries(CONTRACT_CHOICES)) {
      const property = declared[name];
      // A choice also given by call name is a value or a map of them: the value's own definition lists them.
      const byCall = property?.oneOf?.[0]?.$ref?.replace('#/$defs/', '');
      const values = property?.enum ?? (byCall === undefined ? undefined : schema.$defs[byCall]?.enum);
      // A choice with no values is a map (`composites`) or a list of names (`abortsBodies`), as its form shows.
      const form = 'form' in info ? info.form : undefined;
      if (info.values.length === 0) expect(property?.type, name).toBe(form?.startsWith('[') === true ? 'array' : 'object');
      else expect(values, name).toEqual([...info.values]);
    }
  });

  test('names every primitive', () => {
    expect(schema.$defs['PrimitiveName']?.enum).toEqual([...PRIMITIVES]);
  });
});

describe('the guides', () => {
  const pages = guidePages().map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

  test('list the calls and the choices in tables made from the checker, in Checking a port and in the protocol', () => {
    const port = pages.find((page) => page.name === 'docs/guides/checking-a-port.md')?.text ?? '';
    const protocol = pages.find((page) => page.name === 'conformance/PROTOCOL.md')?.text ?? '';
    for (const marker of ['<!-- vocabulary: primitives -->', '<!-- vocabulary: calls -->', '<!-- vocabulary: choices -->']) expect(port).toContain(marker);
    for (const marker of ['<!-- vocabulary: calls -->', '<!-- vocabulary: driver-choices -->']) expect(protocol).toContain(marker);
    // What a reader of Checking a port sees: every primitive, every call, every choice.
    for (const primitive of PRIMITIVES) expect(port).toContain(`\`${primitive}\``);
    for (const call of new Set(PRIMITIVES.flatMap((primitive) => callsOf(primitive).map((word) => word.call)))) expect(port).toContain(`\`${call}\``);
    for (const choice of CHOICE_NAMES) expect(port).toContain(`\`${choice}\``);
  });

  test('a table that drifted from the checker is made again (what docs-guides.test.ts then fails on)', () => {
    const port = pages.find((page) => page.name === 'docs/guides/checking-a-port.md')?.text ?? '';
    const stale = port.replace(/^\| Barrier \|.*\n/m, '').replace(/^\| `handoff` \|.*\n/m, '');
    expect(stale).not.toBe(port);
    expect(syncVocabulary(stale)).toBe(port);
  });

  test('name all the primitives wherever they list them, unless a list says it is a subset', () => {
    // A list: four or more primitives' names in code, one after another, separated by commas,
    // "and", "or" and line breaks, within a paragraph.
    const names = PRIMITIVES.join('|');
    const list = new RegExp(`\`(?:${names})\`(?:(?:,|,? and|,? or)?\\s+\`(?:${names})\`){3,}`, 'g');
    const short: string[] = [];
    for (const page of pages) {
      for (const match of page.text.matchAll(list)) {
        const listed = new Set(match[0].match(new RegExp(names, 'g')));
        const before = page.text.slice(0, match.index).split('\n\n').at(-1) ?? '';
        if (listed.size < PRIMITIVES.length && !before.includes('<!-- a subset:')) short.push(`${page.name}: ${match[0].replace(/\s+/g, ' ')}`);
      }
    }
    expect(short).toEqual([]);
  });
});
