/**
 * What conformance/PROTOCOL.md answers a port author ("Questions a port author asks") is what
 * the models and the checker do: its examples are run on the model here, and its driver kits'
 * code excerpts are the kits' own code.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { modelTrace, ProgramError } from '../check/program/model-session.js';
import { parseProgram, type Program } from '../check/program/program.js';
import { lockstep } from '../check/run/run.js';

const ROOT = join(import.meta.dirname, '..');
const protocol = readFileSync(join(ROOT, 'conformance/PROTOCOL.md'), 'utf8');

/** The text of PROTOCOL.md's section under `heading`, up to the next heading of its level or above. */
function section(heading: string): string {
  const start = protocol.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.split(' ')[0] as string;
  const rest = protocol.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

/** The code blocks of a section, by language. */
const blocks = (text: string, language: string): string[] => [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);

describe('PROTOCOL.md, questions a port author asks', () => {
  test("a call made with a signal already aborted settles aborted at its place among the tick's settlements", () => {
    const [text] = blocks(section('### A call made with a signal already aborted'), 'text');
    const program = parseProgram(text as string);
    const tick = modelTrace(program).ticks[1];
    expect(tick?.calls.find((c) => c.id === 2)?.result).toEqual({ kind: 'pending' });
    // Settled by the call itself, before what the later release() decided.
    expect(tick?.settled).toEqual([
      { id: 2, outcome: 'aborted' },
      { id: 1, outcome: 'resolved', value: 'handle' },
    ]);
    // And it took nothing: the permit #0 gave back went to #1.
    expect(tick?.observed['value']).toBe(0);
  });

  test("a timeout that is bad input: the call's future rejects at once with RangeError, before anything else, as the section says", () => {
    const text = section('### A timeout that is bad input');
    expect(text).toContain('{"id": ..., "outcome": "rejected", "error": "RangeError"}');
    for (const timeout of [-1, 1.5, 'NaN', 'Infinity', 2 ** 31] as const) {
      const program: Program = { primitive: 'Lock', params: {}, ticks: [[{ abort: 0 }, { call: 'acquire', id: 0, timeout, signal: 0 }]] };
      const [tick] = modelTrace(program).ticks;
      expect(tick?.calls[0]?.result).toEqual({ kind: 'pending' });
      expect(tick?.settled).toEqual([{ id: 0, outcome: 'rejected', error: 'RangeError' }]);
      expect(tick?.observed).toEqual(modelTrace(program).initial);
    }
  });

  test('a program whose constructor the model refuses is refused before any driver is asked to start it', async () => {
    const program: Program = { primitive: 'Semaphore', params: { value: -1 }, ticks: [[{ call: 'acquire', id: 0 }]] };
    const started: unknown[] = [];
    const side = {
      start: (params: Program['params']) => {
        started.push(params);
        return {};
      },
      tick: () => Promise.reject(new Error('no tick is made')),
    };
    await expect(lockstep(program, {}, side)).rejects.toThrow(ProgramError);
    expect(started).toEqual([]);
  });

  test('advance ends the job: a handle resolved earlier in the tick is in hand after it', () => {
    const withAdvance = modelTrace({
      primitive: 'Lock',
      params: {},
      ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 0 }, { advance: 0 }, { call: 'release', id: 3, on: 1 }]],
    });
    expect(withAdvance.ticks[1]?.observed['locked']).toBe(false);
    const without = modelTrace({
      primitive: 'Lock',
      params: {},
      ticks: [[{ call: 'acquire', id: 0 }, { call: 'acquire', id: 1 }], [{ call: 'release', id: 2, on: 0 }, { call: 'release', id: 3, on: 1 }]],
    });
    // Without the advance, #1's handle is not in hand yet: #3 does nothing, the lock stays #1's.
    expect(without.ticks[1]?.observed['locked']).toBe(true);
    expect(section('### `advance` ends the job')).toContain('"advance": 0');
  });
});

describe('PROTOCOL.md, driver kits', () => {
  test.each([
    ['### Rust', 'rust', 'conformance/drivers/rust/src/bin/minimal.rs'],
    ['### Go', 'go', 'conformance/drivers/go/kit/main.go'],
  ])('the %s kit excerpt is the kit’s own code', (heading, language, file) => {
    const source = readFileSync(join(ROOT, file), 'utf8').replace(/^[ \t]+/gm, '');
    const excerpts = blocks(section(heading), language);
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) expect(source).toContain(excerpt.replace(/^[ \t]+/gm, '').trim());
  });
});
