/**
 * The committed conformance vectors are what the models produce now (they can never drift from
 * the specification), and toro-ts's own implementation replays every one of them and agrees.
 */

import { readFileSync } from 'node:fs';
import * as toro from 'toro-ts';
import { moduleAdapters, PRIMITIVES, replayVectors, runProgram, showProgram, type VectorFile } from 'toro-ts/check';
import { describe, expect, test } from 'vitest';
import { fileOf, fileText } from '../conformance/vectors.js';

describe('the committed vectors are what the models produce now (else: npm run vectors)', () => {
  for (const primitive of PRIMITIVES) {
    test(`${primitive}`, () => {
      expect(readFileSync(fileOf(primitive), 'utf8') === fileText(primitive), `conformance/vectors/${primitive}.json has drifted: run npm run vectors`).toBe(true);
    });
  }
});

describe('toro-ts replays every vector and agrees with each tick of its trace', () => {
  for (const primitive of PRIMITIVES) {
    test(`${primitive}`, async () => {
      // Made inside the test, never at import: making an adapter constructs its primitive, and
      // the mutation run (npm run mutate) can tell which tests ran a constructor only if a test did.
      const [adapter] = moduleAdapters({ [primitive]: toro[primitive] }, 'toro-ts');
      if (adapter === undefined) throw new Error(`toro-ts exports no ${primitive}`);
      const file = JSON.parse(readFileSync(fileOf(adapter.primitive), 'utf8')) as VectorFile;
      expect(file.vectors.length).toBeGreaterThan(200);
      expect(new Set(file.vectors.map((v) => v.source))).toEqual(new Set(['exhaustive', 'random', ...(file.vectors.some((v) => v.source === 'zoo') ? ['zoo'] : [])]));
      const failures = await replayVectors((program) => runProgram(adapter, program), file.vectors);
      expect(failures.map((f) => `${f.vector.name}\n${showProgram(f.vector.program)}\n${f.divergence.summary}`)).toEqual([]);
    });
  }
});

test('a vector that says otherwise than the implementation does is reported, tick and rule', async () => {
  const file = JSON.parse(readFileSync(fileOf('Lock'), 'utf8')) as VectorFile;
  const original = file.vectors.find((v) => v.trace.ticks.some((t) => t.settled.length > 0));
  expect(original).toBeDefined();
  if (original === undefined) return;
  // The same vector with a settlement the model never made.
  const ticks = original.trace.ticks.map((t) => (t.settled.length > 0 ? { ...t, settled: [] } : t));
  const tampered = { ...original, trace: { ...original.trace, ticks } };
  const [adapter] = moduleAdapters({ Lock: toro.Lock }, 'toro-ts');
  const failures = await replayVectors((program) => runProgram(adapter!, program), [tampered]);
  expect(failures).toHaveLength(1);
  expect(failures[0]?.divergence.rule).toBe('conservation');
});
