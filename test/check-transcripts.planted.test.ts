/**
 * The transcript property can fail: with a planted bug in the validator, one that lets a
 * `ticked` carry calls the tick did not make (as the checker once did, issue 18), it finds a
 * transcript that passes although it invents a call.
 */

import * as fc from 'fast-check';
import { expect, test, vi } from 'vitest';
import { neverPassesAChangedTranscript } from './transcripts.js';

vi.mock('../check/run/answers.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../check/run/answers.js')>();
  return {
    ...real,
    // The planted bug: calls whose ids the tick did not make are left out before the check.
    tickedProblem: (...[actions, ticked, declared, made]: Parameters<typeof real.tickedProblem>) => {
      const ids = new Set(actions.flatMap((action) => ('call' in action ? [action.id] : [])));
      return real.tickedProblem(actions, { ...ticked, calls: ticked.calls.filter((call) => ids.has(call.id)) }, declared, made);
    },
  };
});

test('with extra call ids ignored, the property finds a transcript that invents a call and passes', async () => {
  const details = await fc.check(neverPassesAChangedTranscript, { numRuns: 1500, seed: 18 });
  expect(details.failed).toBe(true);
  expect(String(details.errorInstance)).toMatch(/a transcript changed by \{"message":\d+,"kind":"extra","path":\["calls"\]\} passed/);
});
