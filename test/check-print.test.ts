/**
 * Programs and traces print as a reader needs them: constructors in the API's own form, read
 * back by `parseProgram` (with the options-object form it printed before), and traces with what
 * the observers showed right after each call, so that a divergence there shows on both sides.
 */

import { describe, expect, test } from 'vitest';
import { modelTrace, parseProgram, ProgramSyntaxError, showProgram, traceLines, type Program } from '../check/index.js';

describe('constructors print as the API writes them, and read back', () => {
  const cases: [string, Program['params'], string][] = [
    ['Barrier', { parties: 3 }, 'new Barrier(3)'],
    ['Semaphore', { value: 2 }, 'new Semaphore(2)'],
    ['BoundedSemaphore', { value: 0 }, 'new BoundedSemaphore(0)'],
    ['WeightedSemaphore', { capacity: 4 }, 'new WeightedSemaphore(4)'],
    ['Queue', { maxsize: 1 }, 'new Queue({ maxsize: 1 })'],
    ['PriorityQueue', { maxsize: 0 }, 'new PriorityQueue({ maxsize: 0 })'],
    ['RWLock', { maxReaders: 2 }, 'new RWLock({ maxReaders: 2 })'],
    ['RWLock', { maxReaders: 'Infinity' }, 'new RWLock({ maxReaders: Infinity })'],
    ['Lock', {}, 'new Lock()'],
    ['Semaphore', {}, 'new Semaphore()'],
  ];
  for (const [primitive, params, printed] of cases) {
    test(`${printed}`, () => {
      const program = { primitive, params, ticks: [[{ call: 'wait', id: 0 }]] } as Program;
      const shown = showProgram(program);
      expect(shown.split('\n')[0]).toBe(printed);
      expect(parseProgram(shown)).toEqual(program);
    });
  }

  test('the options-object form every primitive printed before still reads', () => {
    expect(parseProgram('new Barrier({ parties: 3 })').params).toEqual({ parties: 3 });
    expect(parseProgram('new Semaphore({ value: 0 })').params).toEqual({ value: 0 });
  });

  test('parameters the API form cannot say print as an options object, and read back', () => {
    const program: Program = { primitive: 'Semaphore', params: { value: 1, bound: 2 }, ticks: [] };
    expect(showProgram(program)).toBe('new Semaphore({ value: 1, bound: 2 })');
    expect(parseProgram(showProgram(program))).toEqual(program);
  });

  test('a bare argument where the API takes options is refused, naming the form', () => {
    expect(() => parseProgram('new Queue(1)')).toThrow(ProgramSyntaxError);
    expect(() => parseProgram('new Queue(1)')).toThrow(/new Queue takes an options object/);
    expect(() => parseProgram('new Semaphore(two)')).toThrow(/"two" is not a number/);
  });
});

test('a trace prints the observers right after each call, as well as after each tick', () => {
  const program = parseProgram('new Semaphore(1)\n  tick 1: #0 acquire(); #1 acquire()');
  expect(traceLines(modelTrace(program), { observers: ['value'] })).toEqual(['start: value 1', 'tick 1: #0 pending (then value 0)', 'tick 1: #1 pending (then value 0)', 'tick 1: settled #0 resolved "handle"', 'tick 1: value 0']);
  expect(traceLines(modelTrace(program), { observers: ['value'], atCall: false })).toEqual(['start: value 1', 'tick 1: #0 pending', 'tick 1: #1 pending', 'tick 1: settled #0 resolved "handle"', 'tick 1: value 0']);
});
