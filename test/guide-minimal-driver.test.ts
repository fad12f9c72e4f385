/**
 * The guide "Checking a port in another language" walks through conformance/drivers/minimal_driver.py:
 * every Python block it shows is the file's own text, and the file is as short as the guide says.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const guide = readFileSync(join(ROOT, 'docs/guides/checking-another-language.md'), 'utf8');
const driver = readFileSync(join(ROOT, 'conformance/drivers/minimal_driver.py'), 'utf8');
const blocks = [...guide.matchAll(/```python\n([\s\S]*?)```/g)].map((match) => match[1] as string);

test('every Python block of the guide is the minimal driver, verbatim', () => {
  expect(blocks.length).toBeGreaterThan(4);
  expect(blocks.filter((block) => !driver.includes(block))).toEqual([]);
});

test('the minimal driver is under 150 lines, as many as the guide says', () => {
  const lines = driver.split('\n').length - 1;
  expect(lines).toBeLessThan(150);
  expect(guide).toContain(`in ${lines} lines`);
});
