/**
 * The checker checks itself on driver transcripts: a correct driver's answers (the model's own
 * trace) pass; the same answers changed in one place (a wrong value, key, id or type, calls or
 * settlements reordered, dropped or invented, the transcript or a line cut short) never pass,
 * and nothing a driver says makes the checker throw. The property can fail: with a planted bug
 * in the validator it does (test/check-transcripts.planted.test.ts).
 */

import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cases, mutated, neverPassesAChangedTranscript, runTranscript, transcript } from './transcripts.js';

describe('driver transcripts', () => {
  test("a correct driver's transcript (the model's trace) passes, for programs of every primitive", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ program }) => {
        const outcome = await runTranscript(program, transcript(program).map((m) => JSON.stringify(m)));
        expect(outcome.divergence).toBeUndefined();
      }),
      { numRuns: 150, seed: 18 },
    );
  });

  test('a transcript changed in one place never passes, and never makes the checker throw', async () => {
    await fc.assert(neverPassesAChangedTranscript, { numRuns: 1500, seed: 18 });
  });

  test('the changes reach every kind of mutation, in started and ticked alike', () => {
    const kinds = new Set<string>();
    for (const { program, pick } of fc.sample(cases, { numRuns: 1500, seed: 18 })) {
      const changed = mutated(transcript(program), pick);
      if (changed !== undefined) kinds.add(`${changed.mutation.kind}${changed.mutation.message === 1 ? ' (started)' : ''}`);
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['cut', 'cut (started)', 'drop', 'drop (started)', 'dropElement', 'extra', 'leak', 'rename', 'rename (started)', 'replace', 'replace (started)', 'swap', 'truncate', 'truncate (started)']),
    );
  });
});
