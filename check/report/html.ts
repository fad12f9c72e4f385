/**
 * A divergence as one self-contained HTML page, written beside a failure's other report files:
 * the rule and the sentence that says what went wrong, a summary (what was checked, the seed,
 * the commands that replay it), the minimal program, its timeline as SVG, both traces side by
 * side with the lines where they part marked, and a link that opens the program and the
 * implementation's trace in the documentation site's explorer. No script and nothing fetched:
 * it opens from a CI artifact as it is.
 *
 * @module
 */

import { RULES } from '../compare/rules.js';
import { showProgram, type Program, type Trace } from '../program/program.js';
import { htmlEscape } from './escape.js';
import { alignLines, type FailureView } from './failure.js';
import { traceLines } from './lines.js';
import { timeline, timelineSvg } from './timeline.js';

/** What the page says besides the failure itself. */
export interface HtmlReportOptions {
  /** What was checked, as the report names it (`Lock`, `asyncio Semaphore`). */
  readonly name: string;
  /** Facts for the summary, in order: `seed` and `20150410`, `replay` and a command. */
  readonly facts?: readonly (readonly [string, string])[];
  /**
   * The address of the documentation site's explorer page (`.../documents/Explorer.html`): the
   * page links to it with the program and the implementation's trace. Without it, the page
   * shows the fragment to add to the explorer's address.
   */
  readonly explorer?: string;
  /** The address of the rules page, for a link to the rule broken. */
  readonly rules?: string;
}

/** Text as base64url, as the explorer reads its links. */
function base64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The fragment of an explorer link that opens `program` beside the model with `trace` as
 * another implementation's, named `name`: `#json=...&name=...&trace=...` (the explorer's own
 * format; the program as JSON, which carries every program exactly).
 */
export function explorerFragment(program: Program, trace: Trace, name: string): string {
  return `#json=${base64Url(JSON.stringify(program))}&name=${encodeURIComponent(name)}&trace=${base64Url(JSON.stringify(trace))}`;
}

const STYLE = `
:root{color-scheme:light dark;--ink:#24292f;--paper:#fff;--muted:#57606a;--line:#d0d7de;--bad:#cf222e;--bad-bg:#ffebe9;--model:#0969da;--impl:#bc4c00}
@media (prefers-color-scheme:dark){:root{--ink:#e6edf3;--paper:#0d1117;--muted:#8d96a0;--line:#30363d;--bad:#ff7b72;--bad-bg:#3d1a1a;--model:#58a6ff;--impl:#f0883e}}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--paper);margin:0 auto;max-width:72rem;padding:1.5rem}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.rule{color:var(--bad);font-weight:600}.summary{font-size:1.05rem}
pre,code,td.line{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:color-mix(in srgb,var(--line) 25%,transparent);padding:.75rem;overflow:auto;border-radius:6px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
table.traces{border-collapse:collapse;width:100%;table-layout:fixed}
table.traces th{text-align:left;font-weight:600;padding:.25rem .5rem;border-bottom:2px solid var(--line)}
table.traces th.model{color:var(--model)}table.traces th.impl{color:var(--impl)}
td.line{padding:.1rem .5rem;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere;border-bottom:1px solid color-mix(in srgb,var(--line) 40%,transparent)}
tr.differs td.line{background:var(--bad-bg)}tr.first td.line{outline:2px solid var(--bad);outline-offset:-2px}
.toro-timeline{--toro-ink:var(--ink);--toro-paper:var(--paper);--toro-model:var(--model);--toro-impl:var(--impl);--toro-diverge:var(--bad);--toro-grid:var(--line)}
a{color:var(--model)}.muted{color:var(--muted)}
`;

/** The page; see the module comment. */
export function failureHtml(view: FailureView, options: HtmlReportOptions): string {
  const rule = RULES[view.divergence.rule];
  const number = 'number' in rule ? `Rule ${rule.number}: ` : '';
  const ruleName = `${number}${rule.title}`;
  const ruleLink = options.rules === undefined ? htmlEscape(ruleName) : `<a href="${htmlEscape(`${options.rules}#${rule.anchor}`)}">${htmlEscape(ruleName)}</a>`;
  const want = traceLines(view.expected, view.lines);
  const got = traceLines(view.actual, view.lines);
  const rows = alignLines(want, got);
  const firstDiffering = rows.findIndex((row) => row.model !== row.implementation);
  const traceRows = rows
    .map((row, i) => {
      const differs = row.model !== row.implementation;
      const classes = [differs ? 'differs' : '', i === firstDiffering ? 'first' : ''].filter((c) => c !== '').join(' ');
      return `<tr${classes === '' ? '' : ` class="${classes}"`}><td class="line">${htmlEscape(row.model ?? '')}</td><td class="line">${htmlEscape(row.implementation ?? '')}</td></tr>`;
    })
    .join('\n');
  const fragment = explorerFragment(view.program, view.actual, options.name);
  const explorer =
    options.explorer === undefined
      ? `<p>Open the explorer page of toro-ts's documentation site, served (<code>npm run docs</code> builds it; <code>toro-check --explorer URL</code> links to it), with this fragment after its address:</p><pre>${htmlEscape(fragment)}</pre>`
      : `<p><a href="${htmlEscape(`${options.explorer}${fragment}`)}">Open the program and both traces in the explorer</a>: step through it tick by tick, with the model's state after each.</p>`;
  const facts = (options.facts ?? []).map(([term, value]) => `<dt>${htmlEscape(term)}</dt><dd><code>${htmlEscape(value)}</code></dd>`).join('\n');
  const svg = timelineSvg(timeline(view.program, view.expected, view.actual, view.divergence), { id: 'failure' });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(`${options.name} disagrees with its model: ${rule.title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${htmlEscape(options.name)} disagrees with its model</h1>
<p class="rule">${ruleLink}</p>
<p class="muted">${htmlEscape(rule.text)}</p>
<p class="summary">Tick ${view.divergence.tick}: ${htmlEscape(view.divergence.summary)}.</p>
<dl>
<dt>model</dt><dd><code>${htmlEscape(view.divergence.expected)}</code></dd>
<dt>implementation</dt><dd><code>${htmlEscape(view.divergence.actual)}</code></dd>
${facts}
</dl>
<h2>Minimal program</h2>
<pre>${htmlEscape(showProgram(view.program))}</pre>
<h2>Timeline</h2>
${svg}
<h2>Traces</h2>
<table class="traces">
<thead><tr><th class="model">the model says</th><th class="impl">the implementation did</th></tr></thead>
<tbody>
${traceRows}
</tbody>
</table>
<p class="muted">Rows in red differ; the outlined one is the first.</p>
<h2>In the explorer</h2>
${explorer}
</body>
</html>
`;
}
