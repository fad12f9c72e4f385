/**
 * The HTML report: one self-contained page (no script, nothing fetched) with the rule, the
 * program, the timeline's SVG and both traces side by side, whose explorer link opens the very
 * program and the implementation's trace in the site's explorer.
 */

import * as toro from 'toro-ts';
import { describe, expect, test } from 'vitest';
import { nativeAdapter, parseProgram, runProgram, type Divergence } from '../check/index.js';
import { alignLines, lineOptionsFor } from '../check/report/failure.js';
import { explorerFragment, failureHtml } from '../check/report/html.js';
import { fromHash } from '../docs/explorer/core.js';
import { lifoSemaphore } from '../properties/zoo/semaphore-lifo-wakeup.js';

const program = parseProgram('new Semaphore(0)\n  tick 1: #0 acquire()\n  tick 2: #1 acquire()\n  tick 3: #2 release()');

async function failing(): Promise<{ html: string; fragment: string; outcome: Awaited<ReturnType<typeof runProgram>> }> {
  const outcome = await runProgram(nativeAdapter('Semaphore', (p) => lifoSemaphore('semaphore', p['value'] ?? 1), { name: 'lifo' }), program);
  const divergence = outcome.divergence as Divergence;
  const view = { divergence, program, expected: outcome.expected, actual: outcome.actual, lines: lineOptionsFor(program, ['value', 'statistics'], {}, divergence) };
  const html = failureHtml(view, { name: 'lifo <Semaphore>', explorer: 'https://example.org/documents/Explorer.html', facts: [['seed', '7']] });
  return { html, fragment: explorerFragment(program, outcome.actual, 'lifo <Semaphore>'), outcome };
}

describe('the HTML report', () => {
  test('names the rule, prints the program, draws the timeline, and needs nothing from outside', async () => {
    const { html, outcome } = await failing();
    expect(outcome.divergence?.rule).toBe('fifo');
    expect(html).toContain('<h1>lifo &lt;Semaphore&gt; disagrees with its model</h1>');
    expect(html).toContain('Rule 1: FIFO, direct handoff');
    expect(html).toContain('new Semaphore(0)\n  tick 1: #0 acquire()');
    expect(html).toMatch(/<svg[^>]*class="toro-timeline"/);
    expect(html).not.toMatch(/<script|<link|src="http/i);
  });

  test('sets both traces side by side, the rows that differ marked and the first outlined', async () => {
    const { html } = await failing();
    expect(html).toMatch(/<tr class="differs first"><td class="line">tick 3: settled #0 resolved &quot;handle&quot;<\/td><td class="line">tick 3: settled #1 resolved &quot;handle&quot;<\/td><\/tr>/);
    expect(html.match(/<tr class="differs/g)?.length).toBeGreaterThanOrEqual(1);
  });

  test("links to the explorer with the program and the implementation's trace, as the explorer reads its links", async () => {
    const { html, fragment, outcome } = await failing();
    expect(html).toContain(`href="https://example.org/documents/Explorer.html${fragment.replaceAll('&', '&amp;')}"`);
    const shared = fromHash(fragment);
    expect(shared?.program).toEqual(program);
    expect(shared?.other?.name).toBe('lifo <Semaphore>');
    expect(shared?.other?.trace.ticks).toEqual(outcome.actual.ticks);
  });

  test('without an explorer address, it shows the fragment to add to one', async () => {
    const outcome = await runProgram(nativeAdapter('Semaphore', toro.Semaphore), program);
    expect(outcome.divergence).toBeUndefined();
    const view = { divergence: { rule: 'returns' as const, tick: 1, summary: 's', expected: 'e', actual: 'a' }, program, expected: outcome.expected, actual: outcome.actual, lines: { observers: [] } };
    const html = failureHtml(view, { name: 'x' });
    expect(html).toContain(`<pre>${explorerFragment(program, outcome.actual, 'x').replaceAll('&', '&amp;')}</pre>`);
  });
});

test('traces are aligned line by line: equal lines side by side, differing ones beside each other', () => {
  expect(alignLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
    { model: 'a', implementation: 'a' },
    { model: 'b', implementation: 'x' },
    { model: 'c', implementation: 'c' },
    { model: 'd', implementation: 'd' },
    { implementation: 'e' },
  ]);
  expect(alignLines(['a', 'b'], ['b'])).toEqual([{ model: 'a' }, { model: 'b', implementation: 'b' }]);
});
