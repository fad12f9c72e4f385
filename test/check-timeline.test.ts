/**
 * The timeline: a program drawn as one lane per call, as text and as SVG, from the model's
 * trace and, for a comparison, the implementation's, with the first point where they part.
 */

import { describe, expect, test } from 'vitest';
import { modelTrace, parseProgram, type Trace } from '../check/index.js';
import { timeline, timelineSvg, timelineText } from '../check/report/timeline.js';

const program = parseProgram(`new Lock()
  tick 1: #0 acquire(); #1 acquire({ timeout: 5 }); #2 acquire()
  tick 2: #3 release() on #0
  tick 3: advance(5)
  tick 4: #4 release() on #1; #5 tryAcquire()`);
const expected = modelTrace(program);

/** The model's trace with tick 2's handoff going to #2, the newest waiter: a LIFO lock's. */
const lifo: Trace = {
  ...expected,
  ticks: expected.ticks.map((tick, i) => (i === 1 ? { ...tick, settled: [{ id: 2, outcome: 'resolved', value: 'handle' }] } : tick)),
};

/** Whether every tag of `svg` is closed in order (a well-formed tree, as far as tags go). */
function balanced(svg: string): boolean {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (open.pop() !== name) return false;
    } else open.push(name as string);
  }
  return open.length === 0;
}

describe('a timeline shows who waited, who was served and who held what', () => {
  test('one lane per call, the wait until the handoff, the hold until the release, and what is still held', () => {
    const picture = timeline(program, expected);
    expect(picture.lanes.map((lane) => lane.id)).toEqual([0, 1, 2, 3, 4, 5]);
    const first = picture.lanes[0];
    expect(first?.model.spans).toEqual([
      { kind: 'waiting', from: { tick: 1, slot: 0 }, to: { tick: 1, slot: 'end' } },
      { kind: 'holding', from: { tick: 1, slot: 'end' }, to: { tick: 2, slot: 0 } },
    ]);
    expect(first?.model.marks.map((m) => m.kind)).toEqual(['handoff', 'released']);
    const text = timelineText(picture);
    expect(text.find((line) => line.startsWith('#1 acquire({ timeout: 5 })'))).toContain('handed handle in tick 2, released by #4 in tick 4');
    expect(text.find((line) => line.startsWith('#2 acquire()'))).toContain('handed handle in tick 4, still held');
    expect(text[1]?.trim()).toBe('+5ms');
    expect(text.some((line) => line.includes('implementation'))).toBe(false);
  });

  test('release() on the primitive ends the oldest hold, as rule 8 gives it back', () => {
    const p = parseProgram('new Semaphore({ value: 2 })\n  tick 1: #0 tryAcquire(); #1 tryAcquire()\n  tick 2: #2 release()');
    const picture = timeline(p, modelTrace(p));
    expect(picture.lanes[0]?.model.marks.at(-1)).toEqual({ kind: 'released', at: { tick: 2, slot: 0 }, detail: '#2' });
    expect(picture.lanes[1]?.model.spans).toEqual([{ kind: 'holding', from: { tick: 1, slot: 1 } }]);
  });

  test("a composite's hold ends when its body does, with no release call, and the lane says how it finished", () => {
    const p = parseProgram('new Lock()\n  tick 1: #0 runExclusive(fn returns); #1 acquire()\n  tick 2: #2 runExclusive(fn throws)');
    const trace = modelTrace(p, { composites: { runExclusive: 'acquire' } });
    const picture = timeline(p, trace);
    const first = picture.lanes[0];
    expect(first?.model.spans.find((span) => span.kind === 'holding')?.to).toEqual({ tick: 1, slot: 'end' });
    expect(first?.model.marks.at(-1)).toMatchObject({ kind: 'finished', detail: 'value of #0' });
    const text = timelineText(picture);
    expect(text.find((line) => line.startsWith('#0 runExclusive'))).toContain('finished with value of #0 in tick 1');
    expect(text.find((line) => line.startsWith('#0 runExclusive'))).not.toContain('still held');
  });

  test('a comparison gives a second row only to the lanes that part, and marks the tick once', () => {
    const picture = timeline(program, expected, lifo, { tick: 2, rule: 'fifo', summary: '#2 was served where the model serves #1' });
    expect(picture.lanes.filter((lane) => lane.implementation !== undefined).map((lane) => lane.id)).toEqual([1, 2]);
    const text = timelineText(picture);
    expect(text.filter((line) => line.includes('▲'))).toHaveLength(1);
    expect(text.find((line) => line.includes('▲'))).toContain('tick 2: the sides part here: FIFO, direct handoff');
    const row = text.findIndex((line) => line.startsWith('#2 acquire()'));
    expect(text[row + 1]).toMatch(/^ {2}implementation +.*handed handle in tick 2/);
    expect(timelineText(picture, { ascii: true }).join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test('the SVG is one well-formed picture that scales to its column and says in words what it shows', () => {
    const svg = timelineSvg(timeline(program, expected, lifo, { tick: 2, rule: 'fifo', summary: '' }), { id: 'fifo' });
    expect(balanced(svg)).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*width="100%" viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<title id="fifo-title">new Lock(): one lane per call, parting at tick 2</title>');
    expect(svg).toContain('#2 acquire(): handed handle in tick 4, still held; the implementation: handed handle in tick 2');
    expect(svg.match(/class="diverge"/g)).toHaveLength(1);
  });

  test('names and errors from an implementation cannot break out of the picture', () => {
    const hostile: Trace = { ...expected, ticks: expected.ticks.map((tick, i) => (i === 0 ? { ...tick, settled: [{ id: 1, outcome: 'rejected', error: '</title><script>alert(1)</script>' }] } : tick)) };
    const svg = timelineSvg(timeline(program, expected, hostile, { tick: 1, rule: 'returns', summary: '' }));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
    expect(balanced(svg)).toBe(true);
  });
});
