/**
 * The site, tested in a real browser: serves `site/` (built by `npm run docs`) on localhost and,
 * with Debian's Chromium driven by playwright-core, opens the home page, goes from it to every
 * primitive's API page, from there to its specification page and back, uses the search box
 * (for names, for a word only in a guide's text, for words only in TSDoc comments), opens every
 * guide and checks its "On This Page" against its headings, checks the sidebar groups by
 * primitive, that every state diagram fits its column and is legible or zooms and that no two of
 * its labels run together, that every rule cited links to its anchor on "The rules", and that
 * the favicon loads; it fails on any console error, page error, failed request or broken
 * internal link. It visits every page at 1280 and at 390 px wide and fails when one is wider
 * than its window or its content runs under the site menu or "On This Page". It drives the
 * explorer for every primitive the checker knows (clicks a short program, composites included,
 * checks every tick's state, in words and as JSON, calls, settlements, observers and diagram
 * highlight against `ModelSession` run here in Node, reopens the shared link, runs toro-ts live
 * beside the model), compares a pasted trace under a contract choice, replays every bug zoo
 * counterexample from the fairness guide's links, and checks the timeline pictures (the
 * explorer's, the zoo's, every finding's) at 390 px. Saves screenshots under `artifacts/docs/`.
 *
 * Run with `npm run docs:browser` after `npm run docs`. Never downloads a browser: it uses
 * `CHROMIUM` or `/usr/bin/chromium` (`apt-get install -y chromium`).
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import sirv from 'sirv';
import { CONTRACT_CHOICES } from '../check/compare/choices.js';
import { NATIVE_COMPOSITES } from '../check/program/families/index.js';
import { ModelSession } from '../check/program/model-session.js';
import { parseProgram, PRIMITIVES, showAction, showProgram, showResult, showSettlement, type Action, type CallAction, type PrimitiveName, type Program, type TickTrace } from '../check/program/program.js';
import { CATALOGUES, readDifferences } from '../conformance/differences.js';
import { zoo } from '../properties/zoo/catalog.js';
import { diagramMatches, firstDivergence, readState, runModel, type ReadLine } from './explorer/core.js';
import { guideAddress } from './guide-address.js';
import { LEAST_SCALE } from './timeline-figure.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = join(ROOT, 'site');
const ARTIFACTS = join(ROOT, 'artifacts', 'docs');
const SCREENSHOT = join(ARTIFACTS, 'semaphore-specification.png');
const EXECUTABLE = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

/** The primitives the site must show, each with an API page and a specification page. */
const REQUIRED = ['Semaphore', 'BoundedSemaphore', 'Lock', 'Event', 'Condition', 'Queue', 'PriorityQueue', 'LifoQueue', 'RWLock', 'WeightedSemaphore', 'Barrier'];
/** Primitives shown as soon as they are exported (none pending now). */
const OPTIONAL: readonly string[] = [];

/**
 * The sidebar's groups under each entry point, in order, and members each must hold. A group
 * not named here (a new primitive's) may sit between the primitives and the shared groups.
 */
const SIDEBAR: Readonly<Record<string, { readonly groups: readonly string[]; readonly members: Readonly<Record<string, readonly string[]>> }>> = {
  'toro-ts': {
    groups: ['Semaphore family', 'Event', 'Condition', 'Queues', 'Shared vocabulary', 'Errors'],
    members: {
      'Semaphore family': ['Semaphore', 'BoundedSemaphore', 'Lock'],
      Event: ['Event'],
      Condition: ['Condition'],
      Queues: ['Queue', 'PriorityQueue', 'LifoQueue'],
      'Shared vocabulary': ['WaitOptions'],
      Errors: ['TimeoutError', 'QueueEmpty', 'QueueFull', 'InvalidStateError'],
    },
  },
  model: {
    groups: ['Semaphore family', 'Event', 'Condition', 'Queues', 'Shared vocabulary'],
    members: {
      'Semaphore family': ['semaphoreStep', 'SemaphoreState', 'lockInit'],
      Event: ['eventStep'],
      Condition: ['conditionStep'],
      Queues: ['queueStep', 'QueueState'],
      'Shared vocabulary': ['Step', 'WaiterId'],
    },
  },
};

/**
 * The page that states the rules, and how many numbered rules it states. Rule N's anchor is its
 * heading's, `rule-N-<title>` (`rule-1-fifo-direct-handoff`); toro-check's reports link to these
 * anchors, and to the others `check/compare/rules.ts` names, which must exist too.
 */
const RULES_PAGE = 'documents/The_rules.html';
const RULES = 8;
const CHECKER_RULES = join(ROOT, 'check', 'compare', 'rules.ts');

/** A word found only in a guide's body (no name contains it), and the guide it is in. */
const GUIDE_WORD = { word: 'Jiryu', guide: "The seed's programs" };
/**
 * Words found only in TSDoc comments, each with the result that lists it and the page it opens:
 * a member's comment (src/queue.ts, PriorityQueueOptions.compare), and a model file's module
 * comment, which only its specification page shows (model/barrier.ts).
 */
const COMMENT_WORDS = [
  { word: 'misordered', result: 'compare', page: 'interfaces/toro-ts.PriorityQueueOptions.html' },
  { word: 'impatience', result: 'barrierStep', page: 'functions/model.barrierStep.html' },
] as const;

/** The explorer page, and the guide whose bug zoo section links each counterexample to it. */
const EXPLORER_PAGE = 'documents/Explorer.html';
const ZOO_PAGE = 'documents/Fairness_and_cancellation.html';
const EXPLORER_SCREENSHOT = join(ARTIFACTS, 'explorer.png');

/** The pages that report findings, each with a timeline picture of every finding. */
const PEERS_PAGE = 'documents/What_the_checker_finds.html';
/** The foreign ports against the specification (Tornado and asyncio, Rust, Go, Java, trio and anyio), each with its catalogue's differences. */
const PORT_PAGES = CATALOGUES.map((catalogue) => ({ path: guideAddress(catalogue.page), figures: readDifferences(catalogue).length, name: Object.keys(catalogue.drivers)[0] as string }));

/** Diagram text smaller than this many CSS pixels is not legible: the diagram must zoom. */
const LEGIBLE_PX = 10;

const failures: string[] = [];
function fail(message: string): void {
  failures.push(message);
  console.error(`FAIL ${message}`);
}
function check(condition: boolean, message: string): void {
  if (condition) console.log(`ok   ${message}`);
  else fail(message);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return path.endsWith('.html') ? [path] : [];
  });
}

/** Every relative `href`/`src` in every page points at a file that exists, and every `#anchor` at an id. */
function checkInternalLinks(): void {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let found = ids.get(file);
    if (found === undefined) {
      found = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] as string));
      ids.set(file, found);
    }
    return found;
  };
  let links = 0;
  const broken: string[] = [];
  for (const file of htmlFiles(SITE)) {
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const url = (match[1] as string).replaceAll('&amp;', '&');
      // A file name that markdown turned into a web address (.md is a top-level domain).
      if (/^https?:\/\/[\w-]+\.(?:md|ts)\/?$/i.test(url)) broken.push(`${relative(SITE, file)} -> ${url} (a file name linkified)`);
      if (/^[a-z]+:/i.test(url) || url.startsWith('//')) continue;
      links++;
      const [path = '', hash] = url.split('#');
      // A fragment with `=` carries the explorer's state (`#program=...`), not an anchor.
      const anchor = hash?.includes('=') === true ? undefined : hash;
      const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path.split('?')[0] as string));
      if (!existsSync(target)) broken.push(`${relative(SITE, file)} -> ${url}`);
      // Anchors TypeDoc's script adds at runtime (the search, the theme) are not in the HTML.
      else if (anchor !== undefined && anchor !== '' && target.endsWith('.html') && !idsOf(target).has(anchor)) {
        broken.push(`${relative(SITE, file)} -> ${url} (no id "${anchor}")`);
      }
    }
  }
  check(broken.length === 0, `${links} internal links resolve${broken.length > 0 ? `; broken:\n  ${broken.join('\n  ')}` : ''}`);
}

/** The README links to the site by absolute address (it is read on npm): each names a page, and an anchor, of the site built here. */
function checkReadmeLinks(): void {
  const homepage = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string }).homepage;
  const links = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string).filter((link) => link.startsWith(homepage));
  const broken = links.filter((link) => {
    const [path = '', anchor] = link.slice(homepage.length).split('#');
    const file = join(SITE, path === '' ? 'index.html' : decodeURIComponent(path));
    return !existsSync(file) || (anchor !== undefined && !readFileSync(file, 'utf8').includes(` id="${anchor}"`));
  });
  check(links.length >= 5 && broken.length === 0, `the README's ${links.length} links to the site (${homepage}) name pages of the site built here${broken.length > 0 ? `; not so:\n  ${broken.join('\n  ')}` : ''}`);
}

/** The anchors toro-check's reports link to, where the checker is in this tree. */
async function checkerAnchors(): Promise<string[]> {
  if (!existsSync(CHECKER_RULES)) return [];
  const module: unknown = await import(pathToFileURL(CHECKER_RULES).href);
  const rules = (module as { RULES?: Record<string, { anchor?: unknown }> }).RULES ?? {};
  return Object.values(rules).flatMap((rule) => (typeof rule.anchor === 'string' ? [rule.anchor] : []));
}

/**
 * The rules live on one page, one anchor each (`#rule-3-atomic-cancellation`), and every
 * citation links there: no page names a DESIGN.md, no "rule N" or "rules N" in prose stands
 * outside a link to rule N's anchor (code blocks, such as a checker report, are quoted output),
 * and each rule is linked from some other page.
 */
async function checkRuleCitations(): Promise<void> {
  const rulesFile = join(SITE, RULES_PAGE);
  const rulesHtml = existsSync(rulesFile) ? readFileSync(rulesFile, 'utf8') : '';
  check(rulesHtml !== '', `the rules have a page of their own, ${RULES_PAGE}`);
  const ids = new Set([...rulesHtml.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] as string));
  const numbered = Array.from({ length: RULES }, (_, index) => [...ids].find((id) => id.startsWith(`rule-${index + 1}-`)));
  check(numbered.every((id) => id !== undefined), `${RULES_PAGE} has an anchor for each of the ${RULES} rules (found ${numbered.filter((id) => id !== undefined).join(', ') || 'none'})`);
  const fromChecker = await checkerAnchors();
  const missing = fromChecker.filter((anchor) => !ids.has(anchor));
  check(missing.length === 0, `${RULES_PAGE} has every anchor toro-check links to (${fromChecker.length} in check/compare/rules.ts)${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}`);

  const linkedFromElsewhere = new Set<number>();
  const wrong: string[] = [];
  for (const file of htmlFiles(SITE)) {
    const name = relative(SITE, file);
    const html = readFileSync(file, 'utf8');
    if (html.includes('DESIGN.md')) wrong.push(`${name} cites DESIGN.md`);
    // A link to a rule: to the rules page's anchor, or to the anchor on the rules page itself.
    const ruleLink = /<a\s[^>]*href="([^"]*)#rule-(\d+)-[^"]*"[^>]*>([\s\S]*?)<\/a>/g;
    for (const match of html.matchAll(ruleLink)) {
      const [, path = '', rule = '', text = ''] = match;
      const target = path === '' ? file : resolve(dirname(file), path);
      if (target !== rulesFile) continue;
      if (file !== rulesFile) linkedFromElsewhere.add(Number(rule));
      const cited = /\d+/.exec(text.replace(/<[^>]+>/g, ''))?.[0];
      if (cited !== undefined && cited !== rule) wrong.push(`${name}: a link reading "${text.replace(/<[^>]+>/g, '')}" goes to rule ${rule}`);
    }
    const text = html
      .replace(ruleLink, ' ')
      // A rule's own heading names it; a code block quotes output (a checker's report).
      .replace(/<(script|style|pre|h[1-6])[\s>][\s\S]*?<\/\1>/g, ' ')
      // A tag ends a citation: "The rules" heading then "1. FIFO" is no citation of rule 1.
      .replace(/<[^>]+>/g, '|')
      .replace(/\s+/g, ' ');
    for (const match of text.matchAll(/.{0,40}\brules? \d.{0,40}/gi)) wrong.push(`${name}: "${match[0].replaceAll('|', ' ').replace(/\s+/g, ' ').trim()}"`);
  }
  check(wrong.length === 0, `every rule cited links to its anchor${wrong.length > 0 ? `; not so:\n  ${wrong.join('\n  ')}` : ''}`);
  const orphans = Array.from({ length: RULES }, (_, index) => index + 1).filter((rule) => !linkedFromElsewhere.has(rule));
  check(orphans.length === 0, `every rule is linked from another page${orphans.length > 0 ? `; not linked: rule ${orphans.join(', ')}` : ''}`);
}

async function serve(): Promise<{ server: Server; base: string }> {
  const handler = sirv(SITE, { dev: true });
  const server = createServer((request, response) =>
    handler(request, response, () => {
      response.statusCode = 404;
      response.end('not found');
    }),
  );
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}/` };
}

/** Watches a page for anything that would show a reader a broken site. */
function watch(page: Page): void {
  page.on('console', (message) => {
    if (message.type() === 'error') fail(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => fail(`page error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'unknown';
    // Chromium asks for the favicon after the page loaded; going on to the next page at once
    // cancels that request. Whether the favicon loads is checked by checkFavicon.
    if (error === 'net::ERR_ABORTED' && request.url().endsWith('/favicon.svg')) return;
    fail(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) fail(`HTTP ${response.status()} for ${response.url()}`);
  });
}

/** Clicks the first link whose text is exactly `text` inside `scope` and waits for the page it opens. */
async function follow(page: Page, scope: string, text: string): Promise<boolean> {
  const target = page.locator(`${scope} a`, { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first();
  if ((await target.count()) === 0) return false;
  await Promise.all([page.waitForLoadState('load'), target.click()]);
  await page.waitForLoadState('load');
  return true;
}

async function title(page: Page): Promise<string> {
  return ((await page.locator('.tsd-page-title h1').first().textContent()) ?? '').trim();
}

async function visitPrimitive(page: Page, base: string, name: string, required: boolean): Promise<void> {
  await page.goto(`${base}modules/toro-ts.html`);
  if (!(await follow(page, '.col-content', name))) {
    if (required) fail(`the toro-ts module page links to ${name}`);
    return;
  }
  check((await title(page)).includes(name), `${name}: API page opens (${page.url().slice(base.length)})`);
  check((await page.locator('.tsd-tag-example, [id^="example"]').count()) > 0, `${name}: API page shows an example`);
  const specLink = page.locator('.toro-spec a').first();
  if ((await specLink.count()) === 0) {
    fail(`${name}: API page links to its specification`);
    return;
  }
  const stepName = ((await specLink.textContent()) ?? '').trim();
  await Promise.all([page.waitForLoadState('load'), specLink.click()]);
  await page.waitForLoadState('load');
  check((await title(page)).includes(stepName), `${name}: specification page ${stepName} opens`);
  const figure = page.locator(`figure.toro-diagram[data-primitives~="${name}"]`).first();
  check((await figure.count()) === 1, `${name}: specification page shows its state diagram`);
  if ((await figure.count()) === 1) {
    const nodes = await figure.locator('svg g.node').count();
    const edges = await figure.locator('svg g.edge').count();
    const box = await figure.locator('svg').boundingBox();
    check(nodes > 1 && edges > 0 && box !== null && box.width > 50 && box.height > 20, `${name}: the diagram has ${nodes} states and ${edges} transitions, drawn ${Math.round(box?.width ?? 0)} px wide`);
  }
  check(await follow(page, '.toro-spec', name), `${name}: specification page links back to the API page`);
  check((await title(page)).includes(name), `${name}: back on the API page`);
}

async function search(page: Page, base: string, query: string, expected: string): Promise<void> {
  await page.goto(base);
  await page.locator('#tsd-search-trigger').click();
  const input = page.locator('#tsd-search-input');
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  const result = page.locator('#tsd-search-results li a', { hasText: expected }).first();
  await result.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
  if ((await result.count()) === 0) {
    fail(`search for "${query}" lists ${expected}`);
    return;
  }
  await Promise.all([page.waitForLoadState('load'), result.click()]);
  await page.waitForLoadState('load');
  check((await title(page)).includes(expected), `search for "${query}" leads to ${expected}`);
}

/** A word of a guide's body finds that guide: the search indexes the guides' text, not only names. */
async function searchGuideText(page: Page, base: string, word: string, guide: string): Promise<void> {
  await page.goto(base);
  await page.locator('#tsd-search-trigger').click();
  const input = page.locator('#tsd-search-input');
  await input.waitFor({ state: 'visible' });
  await input.fill(word);
  const result = page.locator('#tsd-search-results li a', { hasText: guide }).first();
  await result.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
  if ((await result.count()) === 0) {
    fail(`search for "${word}", a word of a guide's body only, lists the guide ${guide}`);
    return;
  }
  await Promise.all([page.waitForLoadState('load'), result.click()]);
  await page.waitForLoadState('load');
  const heading = ((await page.locator('.col-content h1').first().textContent()) ?? '').trim();
  check(heading === guide, `search for "${word}" leads to the guide ${guide}`);
}

/** A word of a TSDoc comment finds the page that shows the comment: the search indexes comments, not only names. */
async function searchCommentText(page: Page, base: string, word: string, result: string, target: string): Promise<void> {
  await page.goto(base);
  await page.locator('#tsd-search-trigger').click();
  const input = page.locator('#tsd-search-input');
  await input.waitFor({ state: 'visible' });
  await input.fill(word);
  const found = page.locator('#tsd-search-results li a', { hasText: result }).first();
  await found.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
  if ((await found.count()) === 0) {
    fail(`search for "${word}", a word of a TSDoc comment only, lists ${result}`);
    return;
  }
  await Promise.all([page.waitForLoadState('load'), found.click()]);
  await page.waitForLoadState('load');
  const path = new URL(page.url()).pathname;
  check(path.endsWith(`/${target}`) && (await page.content()).includes(word), `search for "${word}", a word of a TSDoc comment only, leads to ${target}, which shows it`);
}

/** "On This Page" shows each heading's whole text, inline code included. */
async function checkOnThisPage(page: Page, label: string): Promise<void> {
  const mismatches = await page.evaluate(() => {
    const normal = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();
    return [...document.querySelectorAll<HTMLAnchorElement>('.page-menu .tsd-page-navigation a[href^="#"]')].flatMap((entry) => {
      const heading = document.getElementById(decodeURIComponent(entry.getAttribute('href')?.slice(1) ?? ''));
      if (heading === null) return [`"${normal(entry.textContent)}" points at no heading`];
      return normal(heading.textContent) === normal(entry.textContent) ? [] : [`"${normal(entry.textContent)}" for the heading "${normal(heading.textContent)}"`];
    });
  });
  check(mismatches.length === 0, `${label}: "On This Page" shows every heading's text${mismatches.length > 0 ? `; wrong: ${mismatches.join('; ')}` : ''}`);
}

/** The sidebar lists each entry point by primitive, in the order of {@link SIDEBAR}, and the module pages too. */
async function checkSidebar(page: Page, base: string): Promise<void> {
  await page.goto(`${base}modules/toro-ts.html`);
  await page.locator('#tsd-nav-container li').first().waitFor({ state: 'attached' });
  const tree = await page.evaluate(() => {
    const text = (element: Element | null): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const modules: Record<string, { group: string; members: string[] }[]> = {};
    for (const item of document.querySelectorAll('#tsd-nav-container > li')) {
      const summary = item.querySelector(':scope > details > summary');
      const list = item.querySelector(':scope > details > .tsd-accordion-details > ul');
      if (summary === null || list === null) continue;
      modules[text(summary)] = [...list.querySelectorAll(':scope > li')].map((child) => {
        const groupSummary = child.querySelector(':scope > details > summary');
        const isGroup = groupSummary !== null && groupSummary.querySelector(':scope > a') === null;
        return {
          group: isGroup ? text(groupSummary) : '',
          members: isGroup ? [...child.querySelectorAll(':scope > details > .tsd-accordion-details > ul > li')].map((leaf) => text(leaf)) : [text(child)],
        };
      });
    }
    return modules;
  });
  for (const [module, expected] of Object.entries(SIDEBAR)) {
    const entries = tree[module] ?? [];
    const loose = entries.filter((entry) => entry.group === '').flatMap((entry) => entry.members);
    check(entries.length > 0 && loose.length === 0, `sidebar: every entry of ${module} sits in a group${loose.length > 0 ? `; loose: ${loose.join(', ')}` : ''}`);
    const found = entries.map((entry) => entry.group);
    const listed = found.filter((group) => expected.groups.includes(group));
    const shared = found.indexOf('Shared vocabulary');
    const late = found.filter((group, index) => !expected.groups.includes(group) && shared !== -1 && index > shared);
    check(
      listed.join(' | ') === expected.groups.join(' | ') && late.length === 0,
      `sidebar: ${module} lists ${expected.groups.join(', ')} in that order, new primitives before the shared groups (found ${found.join(', ') || 'no groups'})`,
    );
    for (const [group, members] of Object.entries(expected.members)) {
      const found = entries.find((entry) => entry.group === group)?.members ?? [];
      const missing = members.filter((member) => !found.includes(member));
      check(missing.length === 0, `sidebar: ${module} / ${group} holds ${members.join(', ')}${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}`);
    }
    await page.goto(`${base}modules/${module}.html`);
    await page.screenshot({ path: join(ARTIFACTS, `module-${module}.png`) });
    console.log(`ok   screenshot saved to ${relative(ROOT, join(ARTIFACTS, `module-${module}.png`))}`);
    const sections = (await page.locator('.col-content summary h2').allTextContents()).map((title) => title.trim());
    check(
      sections.filter((title) => expected.groups.includes(title)).join(' | ') === expected.groups.join(' | '),
      `module page ${module}: sections ${expected.groups.join(', ')} in order (found ${sections.join(', ')})`,
    );
  }
}

interface DiagramMeasure {
  readonly box: { x: number; y: number; width: number; height: number };
  readonly column: { left: number; right: number };
  /** The smallest label, in CSS pixels as drawn now. */
  readonly smallestText: number;
}

/** Where an inline Graphviz SVG is drawn, and how large its smallest label is there. */
function measure(svg: SVGSVGElement): DiagramMeasure {
  const box = svg.getBoundingClientRect();
  const column = (svg.closest('.col-content') ?? svg.closest('dialog') ?? document.body).getBoundingClientRect();
  const perUnit = box.width / (svg.viewBox.baseVal.width || box.width);
  const sizes = [...svg.querySelectorAll('text')].map((text) => Number.parseFloat(text.getAttribute('font-size') ?? '14'));
  return { box: { x: box.x, y: box.y, width: box.width, height: box.height }, column: { left: column.left, right: column.right }, smallestText: Math.min(...sizes) * perUnit };
}

/** The least room, in the diagram's own units (points), between two edge labels, or a label and a state. */
const LABEL_GAP = 4;

/**
 * Where a state diagram's labels collide: two edges' labels, or an edge's label and a state,
 * closer than `gap` (so that they run together and read as one), measured on the drawing.
 */
function labelCollisions(svg: SVGSVGElement, gap: number): string[] {
  const boxOf = (elements: readonly SVGGraphicsElement[]): { x: number; y: number; right: number; bottom: number } => {
    const boxes = elements.map((element) => element.getBBox());
    return { x: Math.min(...boxes.map((b) => b.x)), y: Math.min(...boxes.map((b) => b.y)), right: Math.max(...boxes.map((b) => b.x + b.width)), bottom: Math.max(...boxes.map((b) => b.y + b.height)) };
  };
  const labels = [...svg.querySelectorAll('g.edge')].flatMap((edge) => {
    const texts = [...edge.querySelectorAll<SVGGraphicsElement>('text')];
    return texts.length === 0 ? [] : [{ text: texts.map((t) => t.textContent ?? '').join(' / '), box: boxOf(texts) }];
  });
  const states = [...svg.querySelectorAll('g.node')].map((node) => ({ text: node.querySelector('title')?.textContent ?? '', box: boxOf([...node.querySelectorAll<SVGGraphicsElement>('path, polygon, ellipse')]) }));
  const near = (a: { x: number; y: number; right: number; bottom: number }, b: typeof a): boolean => a.x < b.right + gap && b.x < a.right + gap && a.y < b.bottom + gap && b.y < a.bottom + gap;
  const found: string[] = [];
  labels.forEach((label, i) => {
    for (const other of labels.slice(i + 1)) if (near(label.box, other.box)) found.push(`"${label.text}" and "${other.text}"`);
    for (const state of states) if (near(label.box, state.box)) found.push(`"${label.text}" and the state "${state.text.replaceAll('\\n', ', ')}"`);
  });
  return found;
}

/**
 * Every state diagram fits its content column, never cut off nor scrolled sideways; one whose
 * labels are too small to read there opens full size on a click, and pans when larger than the
 * window.
 */
async function checkDiagrams(page: Page, base: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  const specPages = htmlFiles(join(SITE, 'functions')).filter((file) => readFileSync(file, 'utf8').includes('toro-diagram'));
  check(specPages.length >= 4, `${specPages.length} specification pages draw state diagrams`);
  let zoomed = false;
  for (const file of specPages) {
    const url = `${base}${relative(SITE, file).split('\\').join('/')}`;
    await page.goto(url);
    const figures = page.locator('figure.toro-diagram');
    for (let index = 0; index < (await figures.count()); index++) {
      const figure = figures.nth(index);
      const label = `${width}px: ${relative(SITE, file)} diagram ${index + 1}`;
      await figure.scrollIntoViewIfNeeded();
      const drawn = await figure.locator('.toro-diagram-svg > svg').evaluate(measure);
      if (width === 1280) {
        const collisions = await figure.locator('.toro-diagram-svg > svg').evaluate(labelCollisions, LABEL_GAP);
        check(collisions.length === 0, `${label}: no two labels run together (at least ${LABEL_GAP} pt apart)${collisions.length > 0 ? `; too close:\n  ${collisions.join('\n  ')}` : ''}`);
      }
      check(
        drawn.box.x >= drawn.column.left - 1 && drawn.box.x + drawn.box.width <= drawn.column.right + 1,
        `${label} fits its column (${Math.round(drawn.box.width)} px in ${Math.round(drawn.column.right - drawn.column.left)} px)`,
      );
      if (drawn.smallestText >= LEGIBLE_PX) {
        check(true, `${label} is legible as drawn (smallest label ${drawn.smallestText.toFixed(1)} px)`);
        continue;
      }
      const zoom = figure.locator('.toro-diagram-zoom');
      if (!(await zoom.isVisible())) {
        fail(`${label}: labels of ${drawn.smallestText.toFixed(1)} px and no zoom control`);
        continue;
      }
      await zoom.click();
      const dialog = page.locator('dialog.toro-diagram-dialog[open]');
      await dialog.waitFor({ state: 'visible' });
      const full = await dialog.locator('svg').first().evaluate(measure);
      const frame = await dialog.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const pane = element.querySelector('.toro-diagram-pane') as HTMLElement;
        return { left: box.left, top: box.top, right: box.right, bottom: box.bottom, scrollWidth: pane.scrollWidth, clientWidth: pane.clientWidth, scrollHeight: pane.scrollHeight, clientHeight: pane.clientHeight };
      });
      const inWindow = frame.left >= 0 && frame.top >= 0 && frame.right <= width + 1 && frame.bottom <= 900 + 1;
      check(full.smallestText >= 11.5 && inWindow, `${label}: a click shows it full size (smallest label ${drawn.smallestText.toFixed(1)} px -> ${full.smallestText.toFixed(1)} px) inside the window`);
      if (!zoomed) {
        await page.screenshot({ path: join(ARTIFACTS, `diagram-zoomed-${width}px.png`) });
        console.log(`ok   screenshot saved to ${relative(ROOT, join(ARTIFACTS, `diagram-zoomed-${width}px.png`))}`);
        zoomed = true;
      }
      if (frame.scrollWidth > frame.clientWidth + 1 || frame.scrollHeight > frame.clientHeight + 1) {
        const pane = dialog.locator('.toro-diagram-pane');
        const before = await pane.evaluate((element) => [element.scrollLeft, element.scrollTop]);
        const box = await pane.boundingBox();
        if (box !== null) {
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.mouse.down();
          await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 120, { steps: 5 });
          await page.mouse.up();
        }
        const after = await pane.evaluate((element) => [element.scrollLeft, element.scrollTop]);
        check((after[0] ?? 0) > (before[0] ?? 0) || (after[1] ?? 0) > (before[1] ?? 0), `${label}: larger than the window, it pans by dragging`);
      }
      await page.keyboard.press('Escape');
      check((await page.locator('dialog.toro-diagram-dialog[open]').count()) === 0, `${label}: Escape closes the full-size view`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The window widths every page must fit: a laptop's, and a phone's. */
const WIDTHS = [1280, 390] as const;
/** Pages photographed at every width in {@link WIDTHS} (with the element scrolled into view, if any). */
const FIT_SCREENSHOTS: readonly { readonly name: string; readonly path: string; readonly show?: string }[] = [
  { name: 'home', path: 'index.html' },
  { name: 'porting-guide-names', path: 'documents/Porting_guide.html', show: '.toro-table' },
  { name: 'what-the-checker-finds', path: 'documents/What_the_checker_finds.html', show: '.toro-table' },
  { name: 'long-name', path: 'variables/model.conditionCancellationTouchesOnlyItsWaiter.html' },
];

/** How one page lays out at one width. */
interface Fit {
  /** The page's width: wider than the window means a reader scrolls the whole page sideways. */
  readonly page: number;
  /** The content column's width, and how far its content reaches from the column's left edge where nothing clips it. */
  readonly column: number;
  readonly content: number;
  /** The widest table, scrolled inside its box (0: none is wider than its box). */
  readonly scrolledTable: number;
  /** What overflows the column or the window, or overlaps the menus, in words. */
  readonly wrong: readonly string[];
}

/**
 * Where a page overflows at the window's width: the page wider than the window, and content that
 * no box of its own clips reaching past the space between the menus (under the site menu on the
 * left, or under the page menu, "On This Page", on the right; the window's edges where the menus
 * are hidden). Made in the page.
 */
function measureFit(): Fit {
  const width = document.documentElement.clientWidth;
  const content = document.querySelector<HTMLElement>('.col-content');
  const wrong: string[] = [];
  const px = (value: string): number => Number.parseFloat(value) || 0;
  const page = document.documentElement.scrollWidth;
  if (content === null) return { page, column: 0, content: 0, scrolledTable: 0, wrong: ['no .col-content'] };
  const box = content.getBoundingClientRect();
  if (box.width === 0) return { page, column: 0, content: 0, scrolledTable: 0, wrong: ['the content column is not shown'] };
  if (page > width) wrong.push(`the page is ${page} px wide in a ${width} px window`);
  // The space between the menus shown beside the column: from the left menu's content to the
  // page menu's content (a menu's padding is empty space).
  let left = 0;
  let right = width;
  for (const selector of ['.page-menu', '.site-menu', '.col-sidebar']) {
    const menu = document.querySelector(selector);
    if (menu === null) continue;
    const style = getComputedStyle(menu);
    if (['fixed', 'absolute'].includes(style.position) || style.display === 'contents' || style.visibility === 'hidden') continue;
    const rect = menu.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.right <= 0 || rect.left >= width) continue;
    if (rect.right <= box.left + box.width / 2) left = Math.max(left, rect.right - px(style.paddingRight));
    else right = Math.min(right, rect.left + px(style.paddingLeft));
  }
  // What paints, where no box inside the column clips it: an element's border box when it draws
  // a background or a border, else its content box (TypeDoc's member headings reach into the
  // gutter with empty padding); and every piece of text.
  const clippedWithin = (node: Node): boolean => {
    for (let up = node.parentElement; up !== null && up !== content; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const painted = (element: Element): DOMRect => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const draws = style.backgroundColor !== 'rgba(0, 0, 0, 0)' || style.backgroundImage !== 'none' || style.boxShadow !== 'none' || px(style.borderLeftWidth) + px(style.borderRightWidth) > 0 || element instanceof SVGElement || element instanceof HTMLImageElement;
    if (draws) return rect;
    const inset = { left: px(style.paddingLeft) + px(style.borderLeftWidth), right: px(style.paddingRight) + px(style.borderRightWidth) };
    return new DOMRect(rect.left + inset.left, rect.top, Math.max(0, rect.width - inset.left - inset.right), rect.height);
  };
  const beyond = (rect: DOMRect): boolean => rect.width > 0 && rect.height > 0 && (rect.right > right + 0.5 || rect.left < left - 0.5);
  const outside: { readonly what: string; readonly rect: DOMRect }[] = [];
  for (const element of content.querySelectorAll('*')) {
    const rect = painted(element);
    if (beyond(rect) && !clippedWithin(element)) outside.push({ what: `<${element.tagName.toLowerCase()}${element.id === '' ? '' : ` id="${element.id}"`}${typeof element.className === 'string' && element.className !== '' ? ` class="${element.className}"` : ''}>`, rect });
  }
  const texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = texts.nextNode(); node !== null; node = texts.nextNode()) {
    if ((node.textContent ?? '').trim() === '') continue;
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (beyond(rect) && !clippedWithin(node)) outside.push({ what: `the text "${(node.textContent ?? '').trim().slice(0, 40)}"`, rect });
  }
  for (const { what, rect } of outside.slice(0, 3)) {
    wrong.push(`${what} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px, past the space between the menus (${Math.round(left)}–${Math.round(right)} px)`);
  }
  const reach = Math.max(box.right, ...outside.map(({ rect }) => rect.right)) - box.left;
  const tables = [...content.querySelectorAll<HTMLElement>('.toro-table')].filter((table) => table.scrollWidth > table.clientWidth + 1);
  return { page, column: Math.round(box.width), content: Math.round(reach), scrolledTable: Math.max(0, ...tables.map((table) => table.scrollWidth)), wrong };
}

/**
 * Every page of the site, at every width of {@link WIDTHS}: no page wider than its window, no
 * content past the space between the menus (tables scroll in their own box). Each width has a
 * page of its own, the widths measured side by side. One line per page gives what was measured
 * at each width; a few pages are photographed.
 */
async function checkEveryPageFits(context: BrowserContext, base: string): Promise<void> {
  const pages = htmlFiles(SITE).map((file) => relative(SITE, file).split('\\').join('/')).sort();
  const measured = await Promise.all(
    WIDTHS.map(async (width) => {
      const page = await context.newPage();
      watch(page);
      await page.setViewportSize({ width, height: 900 });
      const fits = new Map<string, Fit>();
      for (const path of pages) {
        await page.goto(`${base}${path}`);
        // TypeDoc shows the page once its script has laid out the menus.
        await page.waitForFunction(() => document.body.style.display !== 'none');
        fits.set(path, await page.evaluate(measureFit));
      }
      for (const shot of FIT_SCREENSHOTS) {
        await page.goto(`${base}${shot.path}`);
        if (shot.show !== undefined) await page.locator(shot.show).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
        const file = join(ARTIFACTS, `fit-${shot.name}-${width}px.png`);
        await page.screenshot({ path: file });
        console.log(`ok   screenshot saved to ${relative(ROOT, file)}`);
      }
      await page.close();
      return [width, fits] as const;
    }),
  );
  for (const path of pages) {
    const byWidth = measured.flatMap(([width, fits]) => {
      const fit = fits.get(path);
      return fit === undefined ? [] : [[width, fit] as const];
    });
    const wrong = byWidth.flatMap(([width, fit]) => fit.wrong.map((line) => `${width} px: ${line}`));
    const widths = byWidth
      .map(([width, fit]) => `${width} px: page ${fit.page}, column ${fit.column}, content ${fit.content}${fit.scrolledTable > 0 ? `, a ${fit.scrolledTable} px table scrolled in its box` : ''}`)
      .join('; ');
    check(wrong.length === 0 && byWidth.length === WIDTHS.length, `${path} fits every width (${widths})${wrong.length > 0 ? `; not so:\n  ${wrong.join('\n  ')}` : ''}`);
  }
}

/** The rules page has every rule's anchor, and a rule cited on a specification page leads there. */
async function checkRules(page: Page, base: string): Promise<void> {
  await page.goto(`${base}${RULES_PAGE}`);
  for (let rule = 1; rule <= RULES; rule++) {
    const heading = page.locator(`.col-content h2[id^="rule-${rule}-"]`);
    check((await heading.count()) === 1, `The rules: rule ${rule} is a heading with the anchor #${(await heading.first().getAttribute('id').catch(() => null)) ?? `rule-${rule}-...`}`);
  }
  await page.goto(`${base}functions/model.queueStep.html`);
  const citation = page.locator('.col-content a[href*="#rule-7-"]').first();
  if ((await citation.count()) === 0) {
    fail('queueStep cites rule 7 with a link to its anchor');
    return;
  }
  await Promise.all([page.waitForLoadState('load'), citation.click()]);
  await page.waitForLoadState('load');
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const toolbar = await page.locator('.tsd-page-toolbar').boundingBox();
  const box = anchor === '' ? null : await page.locator(`[id="${anchor}"]`).boundingBox();
  check(
    page.url().includes(`${RULES_PAGE}#rule-7-`) && box !== null && box.y >= (toolbar?.height ?? 0) - 1 && box.y < 900,
    `a citation of rule 7 opens The rules at rule 7, in view below the toolbar (${page.url().slice(base.length)})`,
  );
}

/** The favicon is declared on every page and loads. */
async function checkFavicon(page: Page, base: string): Promise<void> {
  for (const path of ['', 'classes/toro-ts.Semaphore.html', 'documents/Getting_started.html']) {
    await page.goto(`${base}${path}`);
    const href = await page.locator('link[rel~="icon"]').first().getAttribute('href').catch(() => null);
    if (href === null) {
      fail(`/${path} declares a favicon`);
      continue;
    }
    const response = await page.request.get(new URL(href, page.url()).href);
    const type = response.headers()['content-type'] ?? '';
    const body = await response.text();
    check(response.ok() && type.includes('svg') && body.includes('<svg'), `/${path} loads its favicon ${href} (${response.status()}, ${type})`);
  }
}

/** What the explorer shows of the model after the tick chosen. */
interface Shown {
  readonly state: unknown;
  readonly observed: unknown;
  readonly calls: readonly string[];
  readonly settled: readonly string[];
  /** The diagram node highlighted (its title), or none. */
  readonly highlighted: string | undefined;
  /** The node the explorer's caption says it highlights. */
  readonly captioned: string | undefined;
  /** The model's state as the reader's view shows it: `label: value` a line. */
  readonly read: readonly string[];
}

/**
 * What the explorer shows after each tick in `ticks`, each chosen by a click on its entry in the
 * tick list (made in the page: one round trip for them all).
 */
async function shownAt(page: Page, ticks: readonly number[]): Promise<Shown[]> {
  return page.evaluate((ticks) => {
    const read = () => {
      const model = document.querySelector('.toro-column[data-side="model"]');
      const items = (part: string): string[] => [...(model?.querySelectorAll(`[data-part="${part}"] > li`) ?? [])].map((li) => (li.firstChild?.textContent ?? '') + (li.childNodes[1]?.textContent ?? ''));
      const state = document.querySelector('#toro-state')?.textContent ?? '';
      return {
        state: state === '' ? undefined : JSON.parse(state),
        observed: JSON.parse(model?.querySelector('[data-part="observed"]')?.textContent ?? 'null'),
        calls: items('calls'),
        settled: items('settled'),
        highlighted: document.querySelector('.toro-figures g.node.toro-current title')?.textContent ?? undefined,
        captioned: document.querySelector<HTMLElement>('.toro-figures .toro-diagram-status[data-node]')?.dataset['node'] ?? undefined,
        read: [...document.querySelectorAll('#toro-state-view [data-read="state"] dt')].map((dt) => `${dt.textContent ?? ''}: ${(dt.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim()}`),
      };
    };
    return ticks.map((tick) => {
      document.querySelector<HTMLButtonElement>(`.toro-tick[data-tick="${tick}"]`)?.click();
      return read();
    });
  }, ticks);
}

async function shown(page: Page): Promise<Shown> {
  const at = Number(await page.locator('.toro-tick[aria-current="step"]').getAttribute('data-tick'));
  return (await shownAt(page, [at]))[0] as Shown;
}

/** A line of the reader's view as the page's text reads it. */
function readText(line: ReadLine): string {
  const value = line.list === undefined ? (line.text ?? '') : line.list.length === 0 ? (line.none ?? 'none') : line.list.map((item) => `${item.text}${item.note === undefined ? '' : ` ${item.note}`}${item.next === true ? ' (next out)' : ''}`).join('');
  return `${line.label}: ${value.replace(/\s+/g, ' ').trim()}`;
}

/** What the explorer must show after tick `at` of `program`, from `ModelSession` run here. */
function expected(program: Program, at: number): Omit<Shown, 'highlighted'> {
  // toro-ts's composites (runExclusive, ...), which the explorer offers as calls, as the checker runs them.
  const session = new ModelSession(program, { composites: NATIVE_COMPOSITES });
  let tick: TickTrace | undefined;
  for (const actions of program.ticks.slice(0, at)) tick = session.tick(actions);
  const calls = new Map(program.ticks.flat().filter((a): a is CallAction => 'call' in a).map((a) => [a.id, a]));
  const node = diagramMatches(program, session.state).find((match) => match.node !== undefined)?.node;
  return {
    state: JSON.parse(JSON.stringify(session.state)),
    observed: at === 0 ? session.observe() : tick?.observed,
    calls: (tick?.calls ?? []).map((call) => `${showAction(calls.get(call.id) as CallAction)} → ${showResult(call.result)}${call.ignored === true ? ' (ignored: its grant was already given back)' : ''}`),
    settled: (tick?.settled ?? []).map(showSettlement),
    captioned: node,
    read: readState(session.state).map(readText),
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Drives the explorer for `primitive` as a reader does: picks it, clicks every call it offers
 * once, one tick each (the first waiting call with a timeout of 5 ms), then `advance(5)`; checks
 * the program printed, then every tick's view against `ModelSession`; reopens the shared link;
 * runs toro-ts live beside the model. Returns the program clicked.
 */
async function driveExplorer(page: Page, base: string, primitive: PrimitiveName): Promise<Program | undefined> {
  await page.goto(`${base}${EXPLORER_PAGE}`);
  const offered = await page.locator('#toro-primitive option').allTextContents();
  if (!offered.includes(primitive)) {
    fail(`explorer: the primitive picker offers ${primitive} (it offers ${offered.join(', ')})`);
    return undefined;
  }
  await page.selectOption('#toro-primitive', primitive);
  // The parameters the explorer starts with: none, unless the constructor needs some.
  const params = Object.fromEntries(
    (await page.locator('#toro-explorer input[data-param]').evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).dataset['param'] ?? '', (input as HTMLInputElement).value])))
      .filter(([, value]) => value !== '')
      .map(([name, value]) => [name, Number(value)]),
  );
  const actions: Action[] = [];
  let timed = false;
  const rows = page.locator('.toro-call-row');
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    // What the row offers now, in one round trip: its call, and the values its inputs hold.
    const offer = await row.evaluate((element) => ({
      call: element.querySelector('button.toro-call')?.getAttribute('data-call') ?? '',
      disabled: element.querySelector<HTMLButtonElement>('button.toro-call')?.disabled === true,
      on: element.querySelector<HTMLSelectElement>('select[id^="toro-on-"]')?.value,
      key: element.querySelector<HTMLInputElement>('input[id^="toro-key-"]')?.value,
      count: element.querySelector<HTMLInputElement>('input[id^="toro-count-"]')?.value,
      countName: element.querySelector('label[for^="toro-count-"]')?.textContent?.trim(),
      timeout: element.querySelector('input[id^="toro-timeout-"]') !== null,
    }));
    if (offer.disabled) continue;
    const action: { -readonly [K in keyof CallAction]: CallAction[K] } = { call: offer.call, id: actions.filter((a) => 'call' in a).length };
    if (offer.on !== undefined) action.on = Number(offer.on);
    if (offer.key !== undefined) action.key = Number(offer.key);
    // A count the row starts with (a weight starts at 1) is part of the call.
    if (offer.count !== undefined && offer.count !== '') {
      if (offer.countName === 'weight') action.weight = Number(offer.count);
      else action.n = Number(offer.count);
    }
    if (offer.timeout && !timed) {
      await row.locator('input[id^="toro-timeout-"]').fill('5');
      action.timeout = 5;
      timed = true;
    }
    await row.locator('button.toro-call').click();
    actions.push(action);
  }
  await page.fill('#toro-advance-ms', '5');
  await page.click('#toro-advance');
  actions.push({ advance: 5 });
  const program: Program = { primitive, params, ticks: actions.map((action) => [action]) };
  const printed = ((await page.locator('#toro-program').textContent()) ?? '').trim();
  check(printed === showProgram(program), `explorer ${primitive}: ${actions.length} clicks make the program ${JSON.stringify(showProgram(program))}${printed === showProgram(program) ? '' : `, shown ${JSON.stringify(printed)}`}`);

  const wrong: string[] = [];
  const ticks = Array.from({ length: program.ticks.length + 1 }, (_, at) => at);
  const views = await shownAt(page, ticks);
  for (const [at, got] of views.entries()) {
    const want = expected(program, at);
    for (const part of ['state', 'read', 'observed', 'calls', 'settled', 'captioned'] as const) {
      if (!same(got[part], want[part])) wrong.push(`tick ${at} ${part}: shown ${JSON.stringify(got[part])}, the model says ${JSON.stringify(want[part])}`);
    }
    if (got.highlighted !== want.captioned?.replaceAll('\n', '\\n')) wrong.push(`tick ${at}: the diagram highlights ${JSON.stringify(got.highlighted)}, the model's state is ${JSON.stringify(want.captioned)}`);
  }
  const highlighted = views.filter((view) => view.highlighted !== undefined).length;
  check(wrong.length === 0, `explorer ${primitive}: every tick's state (as JSON and in words), calls, settlements, observers and diagram highlight (${highlighted} of ${views.length} drawn) agree with ModelSession${wrong.length > 0 ? `; not so:\n  ${wrong.join('\n  ')}` : ''}`);

  // The shared link, opened afresh, reproduces the program at the tick shown.
  await page.click('.toro-tick[data-tick="2"]');
  const link = new URL((await page.locator('#toro-share').getAttribute('href')) ?? '', page.url()).href;
  await page.goto('about:blank');
  await page.goto(link);
  const reopened = ((await page.locator('#toro-program').textContent()) ?? '').trim();
  const reopenedAt = await page.locator('.toro-tick[aria-current="step"]').getAttribute('data-tick');
  check(reopened === printed && reopenedAt === '2' && same((await shown(page)).state, expected(program, 2).state), `explorer ${primitive}: the shared link reopens the program at tick 2 (${link.length} characters)`);

  // Live: toro-ts's real implementation beside the model, every tick.
  await page.check('#toro-live');
  const note = page.locator('.toro-note[data-side="live"]');
  await note.waitFor({ state: 'attached' });
  const agrees = (await note.getAttribute('class'))?.includes('toro-agree') === true;
  check(agrees && (await page.locator('.toro-column[data-side="live"]').count()) === 1, `explorer ${primitive}: live, toro-ts agrees with the model at every tick (${((await note.textContent()) ?? '').trim()})`);
  return program;
}

/** Typed actions, undo, and labels for every control. */
async function checkExplorerControls(page: Page, base: string): Promise<void> {
  await page.goto(`${base}${EXPLORER_PAGE}`);
  await page.selectOption('#toro-primitive', 'Lock');
  await page.fill('#toro-typed', 'acquire(); acquire({ timeout: 3, signal: s0 })');
  await page.press('#toro-typed', 'Enter');
  await page.fill('#toro-typed', 'abort(s0)');
  await page.press('#toro-typed', 'Enter');
  const typed = ((await page.locator('#toro-program').textContent()) ?? '').trim();
  check(typed === 'new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 3, signal: s0 })\n  tick 2: abort(s0)', `explorer: typed actions, Enter to run, make ticks (${JSON.stringify(typed)})`);
  const settled = (await shown(page)).settled;
  check(same(settled, ['#1 aborted']), `explorer: abort(s0) settles #1 aborted (${settled.join(', ')})`);
  await page.fill('#toro-typed', 'lock()');
  await page.press('#toro-typed', 'Enter');
  const refused = ((await page.locator('#toro-error').textContent()) ?? '').trim();
  check(refused === 'Lock has no call lock', `explorer: a call the model does not have is refused with its reason ("${refused}")`);
  await page.click('#toro-undo');
  const undone = ((await page.locator('#toro-program').textContent()) ?? '').trim();
  check(undone === 'new Lock()\n  tick 1: #0 acquire(); #1 acquire({ timeout: 3, signal: s0 })', 'explorer: Undo takes the last action back');
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('#toro-explorer input, #toro-explorer select, #toro-explorer textarea')]
      .filter((control) => (control.labels?.length ?? 0) === 0 && control.getAttribute('aria-label') === null)
      .map((control) => control.id || control.outerHTML.slice(0, 60)),
  );
  check(unlabelled.length === 0, `explorer: every control has a label${unlabelled.length > 0 ? `; unlabelled: ${unlabelled.join(', ')}` : ''}`);
  // The keyboard alone: Tab reaches a call button, Enter presses it.
  await page.click('#toro-reset');
  await page.focus('#toro-primitive');
  let focused = '';
  for (let step = 0; step < 40 && focused !== 'acquire'; step++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['call'] ?? '');
  }
  await page.keyboard.press('Enter');
  const byKeyboard = ((await page.locator('#toro-program').textContent()) ?? '').trim();
  check(byKeyboard === 'new Lock()\n  tick 1: #0 acquire()', `explorer: Tab reaches acquire() and Enter calls it (${JSON.stringify(byKeyboard)})`);
  await page.keyboard.press('Enter');
  await page.focus('.toro-tick[data-tick="2"]');
  await page.keyboard.press('ArrowUp');
  const stepped = await page.evaluate(() => [document.querySelector('.toro-tick[aria-current="step"]')?.getAttribute('data-tick'), (document.activeElement as HTMLElement | null)?.dataset['tick']]);
  check(same(stepped, ['1', '1']), `explorer: in the tick list, ArrowUp steps back a tick and keeps the focus (at tick ${stepped[0] ?? '-'}, focus on ${stepped[1] ?? '-'})`);
}

/**
 * The fairness guide links every zoo entry's counterexample; one click opens it in the explorer
 * beside the broken implementation's trace, the first difference marked with the rule the
 * checker names. Every link is followed.
 */
async function checkZooReplays(page: Page, base: string): Promise<void> {
  await page.goto(`${base}${ZOO_PAGE}`);
  const links = page.locator('ul.toro-zoo-replays a');
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  check(hrefs.length === zoo.length, `${ZOO_PAGE} links ${hrefs.length} zoo counterexamples (the catalog has ${zoo.length})`);
  const wrong: string[] = [];
  for (const [index, entry] of zoo.entries()) {
    const href = hrefs[index];
    if (href === undefined) break;
    if (index === 0) await Promise.all([page.waitForLoadState('load'), links.first().click()]);
    else await page.goto(href);
    await page.locator('#toro-program').waitFor();
    const program = parseProgram(entry.caught.program);
    const printed = ((await page.locator('#toro-program').textContent()) ?? '').trim();
    const note = page.locator('.toro-note.toro-differs[data-side="other"]');
    const rule = (await note.count()) === 1 ? await note.getAttribute('data-rule') : null;
    const tick = (await note.count()) === 1 ? await note.getAttribute('data-tick') : null;
    const badge = await page.locator('.toro-ticks .toro-badge-differs').count();
    if (printed !== showProgram(program)) wrong.push(`${entry.bug}: shows ${JSON.stringify(printed)}`);
    if (rule !== entry.caught.rule || badge !== 1) wrong.push(`${entry.bug}: marks ${rule ?? 'no'} difference at tick ${tick ?? '-'} (${badge} marked in the timeline), the checker names ${entry.caught.rule}`);
    if (index === 0) check(page.url().includes(EXPLORER_PAGE) && rule === entry.caught.rule, `${entry.bug}: one click from the zoo's section opens its counterexample, marked ${rule ?? 'nowhere'} at tick ${tick ?? '-'}`);
  }
  check(wrong.length === 0, `every zoo counterexample replays with its difference marked by the rule the checker names${wrong.length > 0 ? `; not so:\n  ${wrong.join('\n  ')}` : ''}`);
}

/**
 * A pasted trace compared under the contract choices the reader picks, by the checker's names:
 * the same trace differs under the model's rules and agrees under the choice that allows it,
 * and the link carries the choice.
 */
async function checkChoices(page: Page, base: string): Promise<void> {
  await page.goto(`${base}${EXPLORER_PAGE}`);
  const offered = await page.locator('#toro-choices select').evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).dataset['choice'] ?? ''));
  const named = Object.entries(CONTRACT_CHOICES).filter(([, info]) => info.values.length > 0).map(([name]) => name);
  check(same(offered, named), `explorer: a pasted trace can be compared under every contract choice that has values (${offered.join(', ')})`);
  const program = parseProgram('new Event()\n  tick 1: #0 wait(); #1 wait()\n  tick 2: #2 set()');
  const model = runModel(program);
  const reversed = model.ticks.map((tick, i) => (i === 1 ? { ...tick, settled: [...tick.settled].reverse() } : tick));
  await page.fill('#toro-paste-program', showProgram(program));
  await page.fill('#toro-paste-trace', JSON.stringify(reversed));
  await page.click('#toro-replay');
  const note = page.locator('.toro-note[data-side="other"]');
  const before = await note.getAttribute('data-rule');
  await page.selectOption('#toro-choice-settlementOrder', 'perTick');
  await page.locator('.toro-note.toro-agree[data-side="other"]').waitFor({ state: 'attached' });
  const link = new URL((await page.locator('#toro-share').getAttribute('href')) ?? '', page.url()).href;
  await page.goto('about:blank');
  await page.goto(link);
  const reopened = await page.locator('#toro-choice-settlementOrder').inputValue();
  const agrees = (await page.locator('.toro-note.toro-agree[data-side="other"]').count()) === 1;
  check(
    before === 'settlementOrder' && reopened === 'perTick' && agrees,
    `explorer: a trace that settles newest first differs under the model's rules (${before ?? 'no difference'}) and agrees under settlementOrder perTick, which its link keeps (${reopened || 'lost'})`,
  );
}

/** Where a page's timeline pictures are drawn, for each: lanes, its width against its natural width, and its box against the column. */
function measureTimelines(): { lanes: number; labels: number; drawn: number; natural: number; boxRight: number; columnRight: number; diverges: string | null }[] {
  const column = document.querySelector('.col-content')?.getBoundingClientRect();
  return [...document.querySelectorAll<HTMLElement>('figure.toro-timeline-figure')].map((figure) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.toro-timeline');
    const box = figure.querySelector('.toro-timeline-box')?.getBoundingClientRect();
    return {
      lanes: Number(figure.dataset['lanes'] ?? '0'),
      labels: svg === null ? 0 : [...svg.querySelectorAll('text.label')].filter((text) => !text.classList.contains('impl-label')).length,
      drawn: svg?.getBoundingClientRect().width ?? 0,
      natural: svg?.viewBox.baseVal.width ?? 0,
      boxRight: box?.right ?? Number.POSITIVE_INFINITY,
      columnRight: column?.right ?? 0,
      diverges: figure.dataset['diverges'] ?? null,
    };
  });
}

/**
 * The timeline pictures, on a phone: beside the explorer's trace (the model alone, a pasted
 * trace, toro-ts live), beside each bug zoo counterexample, and beside every finding of What the
 * checker finds and of the foreign ports' pages (Tornado and asyncio, Rust, Go, Java, trio and
 * anyio against the specification); each draws a lane per call, fits
 * its column (its box scrolls) and keeps its text legible ({@link LEAST_SCALE} of its size at
 * least). Photographed.
 */
async function checkTimelines(context: BrowserContext, base: string): Promise<void> {
  const page = await context.newPage();
  watch(page);
  await page.setViewportSize({ width: 390, height: 900 });
  const queue = encodeURIComponent('new Queue({ maxsize: 2 })\n  tick 1: #0 putNowait(key 0); #1 putNowait(key 1); #2 put(key 2, { timeout: 5 })\n  tick 2: #3 get(); #4 getNowait()\n  tick 3: advance(5)');
  const zooLink = (await zooHrefs(page, base))[0] ?? '';
  const places: { readonly name: string; readonly url: string; readonly figures: number; readonly wait?: string }[] = [
    { name: 'the explorer, the model alone', url: `${base}${EXPLORER_PAGE}#program=${queue}`, figures: 1 },
    { name: 'the explorer, toro-ts live', url: `${base}${EXPLORER_PAGE}#program=${queue}&live=1`, figures: 1, wait: '.toro-note[data-side="live"]' },
    { name: 'the explorer, a zoo counterexample', url: zooLink, figures: 1 },
    { name: ZOO_PAGE, url: `${base}${ZOO_PAGE}`, figures: zoo.length },
    // Every finding: the peers' (peers/findings/findings.json) and every foreign port's (conformance/differences.ts).
    { name: PEERS_PAGE, url: `${base}${PEERS_PAGE}`, figures: (JSON.parse(readFileSync(join(ROOT, 'peers', 'findings', 'findings.json'), 'utf8')) as unknown[]).length },
    ...PORT_PAGES.map((port) => ({ name: port.path, url: `${base}${port.path}`, figures: port.figures })),
  ];
  for (const place of places) {
    await page.goto('about:blank');
    await page.goto(place.url);
    if (place.wait !== undefined) await page.locator(place.wait).waitFor({ state: 'attached' });
    await page.locator('figure.toro-timeline-figure').first().waitFor({ state: 'attached' });
    const pictures = await page.evaluate(measureTimelines);
    const wrong = pictures.flatMap((picture, i) => [
      ...(picture.lanes > 0 && picture.labels === picture.lanes ? [] : [`picture ${i + 1} draws ${picture.labels} of ${picture.lanes} lanes`]),
      ...(picture.drawn >= LEAST_SCALE * picture.natural - 1 ? [] : [`picture ${i + 1} is drawn ${Math.round(picture.drawn)} px wide, under ${LEAST_SCALE} of its ${Math.round(picture.natural)}`]),
      ...(picture.boxRight <= picture.columnRight + 1 ? [] : [`picture ${i + 1} reaches ${Math.round(picture.boxRight)} px, past the column (${Math.round(picture.columnRight)} px)`]),
    ]);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    check(
      pictures.length === place.figures && wrong.length === 0 && pageWidth <= 390,
      `timelines at 390 px, ${place.name}: ${pictures.length} drawn (${place.figures} expected), ${pictures.map((p) => `${p.lanes} lanes${p.diverges === null ? '' : `, parting at tick ${p.diverges}`}`).join('; ')}; the page is ${pageWidth} px wide${wrong.length > 0 ? `; not so:\n  ${wrong.join('\n  ')}` : ''}`,
    );
  }
  await page.goto(`${base}${EXPLORER_PAGE}#program=${queue}&live=1`);
  await page.locator('.toro-note[data-side="live"]').waitFor({ state: 'attached' });
  await page.locator('#toro-timelines').screenshot({ path: join(ARTIFACTS, 'explorer-timeline-390px.png') });
  console.log(`ok   screenshot saved to ${relative(ROOT, join(ARTIFACTS, 'explorer-timeline-390px.png'))}`);
  for (const [name, path] of [['zoo', ZOO_PAGE], ['peers', PEERS_PAGE], ...PORT_PAGES.map((port) => [port.name, port.path] as const)] as const) {
    await page.goto(`${base}${path}`);
    const file = join(ARTIFACTS, `${name}-timeline-390px.png`);
    await page.locator('figure.toro-timeline-figure').first().screenshot({ path: file });
    console.log(`ok   screenshot saved to ${relative(ROOT, file)}`);
  }
  await page.close();
}

/** The links of the fairness guide's zoo section, each opening a counterexample in the explorer. */
async function zooHrefs(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}${ZOO_PAGE}`);
  return page.locator('ul.toro-zoo-replays a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
}

/** The explorer's state diagrams beside a program with its timeline: no label runs into another (nothing on the page restyles them). */
async function checkExplorerDiagrams(page: Page, base: string): Promise<void> {
  await page.goto(`${base}${EXPLORER_PAGE}#program=${encodeURIComponent('new Lock()\n  tick 1: #0 acquire(); #1 acquire()')}`);
  await page.locator('figure.toro-timeline-figure').first().waitFor({ state: 'attached' });
  const figures = page.locator('.toro-figures figure.toro-diagram .toro-diagram-svg > svg');
  const collisions: string[] = [];
  for (let index = 0; index < (await figures.count()); index++) collisions.push(...(await figures.nth(index).evaluate(labelCollisions, LABEL_GAP)));
  check((await figures.count()) > 0 && collisions.length === 0, `explorer: ${await figures.count()} state diagrams beside a timeline, no two labels run together${collisions.length > 0 ? `; too close:\n  ${collisions.join('\n  ')}` : ''}`);
}

/** A pasted program and trace replay, the first difference marked where compareTick finds it. */
async function checkPaste(page: Page, base: string): Promise<void> {
  await page.goto(`${base}${EXPLORER_PAGE}`);
  const program = parseProgram('new Event()\n  tick 1: #0 wait(); #1 wait({ timeout: 2 })\n  tick 2: #2 set()\n  tick 3: #3 clear(); advance(2)');
  const model = runModel(program);
  // Another implementation that wakes its waiters newest first.
  const ticks = model.ticks.map((tick, i) => (i === 1 ? { ...tick, settled: [...tick.settled].reverse() } : tick));
  const divergence = firstDivergence(program, model, { ticks });
  await page.fill('#toro-paste-program', JSON.stringify(program));
  await page.fill('#toro-paste-trace', JSON.stringify(ticks));
  await page.click('#toro-replay');
  const note = page.locator('.toro-note.toro-differs[data-side="other"]');
  const shownRule = (await note.count()) === 1 ? await note.getAttribute('data-rule') : null;
  const at = await page.locator('.toro-tick[aria-current="step"]').getAttribute('data-tick');
  check(
    divergence !== undefined && shownRule === divergence.rule && at === String(divergence.tick),
    `explorer: a pasted program and trace replay, opened at the first difference (tick ${at ?? '-'}, ${shownRule ?? 'none'}; compareTick says tick ${divergence?.tick ?? '-'}, ${divergence?.rule ?? 'none'})`,
  );
  const rulesLink = await note.locator('a').first().getAttribute('href');
  check(rulesLink?.startsWith('The_rules.html#rule-4-') === true, `explorer: the difference links its rule on The rules (${rulesLink ?? 'no link'})`);
}

/**
 * The Performance page (drawn from `bench/results.json` by `docs/performance.ts`) renders its
 * charts, at a desktop width and at a 390 px phone's: every chart has something drawn, none is
 * wider than the content column or the window (so none scrolls the page sideways), and every
 * label is legible as drawn.
 */
async function checkPerformance(page: Page, base: string): Promise<void> {
  const { readResults } = await import('./performance.js');
  const results = readResults();
  check(results !== undefined, 'bench/results.json is there for the Performance page');
  if (results === undefined) return;
  const memoryCharts = results.memory === undefined ? 0 : 1;
  const least = results.paired.length + results.scaling.length + memoryCharts;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}documents/Performance.html`);
    const charts = await page.locator('.col-content figure.toro-perf > svg').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const column = (svg.closest('.col-content') as HTMLElement).getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')];
        const fonts = texts.map((text) => Number.parseFloat(getComputedStyle(text).fontSize));
        // A label drawn past the chart's edges would be cut off, or widen the page.
        const spilt = texts.filter((text) => {
          const drawn = text.getBoundingClientRect();
          return drawn.left < box.left - 1 || drawn.right > box.right + 1;
        });
        return {
          label: svg.getAttribute('aria-label') ?? '(no label)',
          width: box.width,
          height: box.height,
          left: box.left,
          right: box.right,
          column: { left: column.left, right: column.right },
          marks: svg.querySelectorAll('rect, line, circle').length,
          smallest: fonts.length === 0 ? 0 : Math.min(...fonts),
          spilt: spilt.map((text) => text.textContent ?? ''),
        };
      }),
    );
    check(charts.length >= least, `${width}px: the Performance page draws ${charts.length} charts (at least ${least}: one per scenario, per scaling family, and bytes per waiter)`);
    const drawn = charts.filter((c) => c.width > 0 && c.height > 0 && c.marks > 0);
    check(drawn.length === charts.length, `${width}px: every chart on the Performance page has something drawn${drawn.length === charts.length ? '' : `; empty: ${charts.filter((c) => !drawn.includes(c)).map((c) => c.label).join(', ')}`}`);
    const wide = charts.filter((c) => c.left < c.column.left - 1 || c.right > c.column.right + 1 || c.right > width);
    check(wide.length === 0, `${width}px: no chart is wider than the page${wide.length === 0 ? '' : `; too wide: ${wide.map((c) => `${c.label} (${Math.round(c.width)} px)`).join(', ')}`}`);
    const spilling = charts.filter((c) => c.spilt.length > 0);
    check(spilling.length === 0, `${width}px: every chart's labels stay inside the chart${spilling.length === 0 ? '' : `; outside: ${spilling.map((c) => `${c.label}: ${c.spilt.join(', ')}`).join('; ')}`}`);
    const small = charts.filter((c) => c.smallest < LEGIBLE_PX);
    check(small.length === 0, `${width}px: every chart's labels are at least ${LEGIBLE_PX} px${small.length === 0 ? '' : `; smaller: ${small.map((c) => c.label).join(', ')}`}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(sideways <= 1, `${width}px: the Performance page does not scroll sideways (${sideways} px)`);
    const shot = join(ARTIFACTS, `performance-${width}px.png`);
    await page.locator('.col-content figure.toro-perf').first().screenshot({ path: shot });
    console.log(`ok   screenshot saved to ${relative(ROOT, shot)}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function main(): Promise<void> {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error(`No site in ${SITE}: run npm run docs first`);
  if (!existsSync(EXECUTABLE)) throw new Error(`No Chromium at ${EXECUTABLE}: apt-get install -y chromium (or set CHROMIUM)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  checkInternalLinks();
  checkReadmeLinks();
  await checkRuleCitations();

  const { server, base } = await serve();
  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // tsx compiles this file keeping function names, so a function handed to the page may call
    // its `__name` helper; the page has none.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    // Only localhost: a page that reaches for the network is broken for an offline reader.
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
      fail(`request to the network: ${route.request().url()}`);
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watch(page);

    await page.goto(base);
    check((await page.title()).includes('toro-ts'), 'home page opens');
    const guides = await page.locator('a[href*="documents/"]').evaluateAll((anchors) => [...new Set(anchors.map((a) => (a as HTMLAnchorElement).href.replace(/#.*$/, '')))]);
    check(guides.length >= 1, `home page links to ${guides.length} guides`);
    for (const guide of guides) {
      await page.goto(guide);
      check((await page.locator('.col-content h1, .col-content h2').count()) > 0, `guide ${guide.slice(base.length)} opens`);
      await checkOnThisPage(page, `guide ${guide.slice(base.length)}`);
    }

    for (const name of REQUIRED) await visitPrimitive(page, base, name, true);
    for (const name of OPTIONAL) await visitPrimitive(page, base, name, false);

    await search(page, base, 'semaphoreStep', 'semaphoreStep');
    await search(page, base, 'BoundedSem', 'BoundedSemaphore');
    await searchGuideText(page, base, GUIDE_WORD.word, GUIDE_WORD.guide);
    for (const { word, result, page: target } of COMMENT_WORDS) await searchCommentText(page, base, word, result, target);

    await checkSidebar(page, base);
    await checkRules(page, base);
    await checkFavicon(page, base);
    await checkDiagrams(page, base, 1280);
    await checkDiagrams(page, base, 420);
    await checkPerformance(page, base);
    await checkEveryPageFits(context, base);

    for (const primitive of PRIMITIVES) await driveExplorer(page, base, primitive);
    await checkExplorerControls(page, base);
    await checkPaste(page, base);
    await checkZooReplays(page, base);
    await checkChoices(page, base);
    await checkExplorerDiagrams(page, base);
    await checkTimelines(context, base);
    // The explorer mid-program: a queue's puts and gets, the model beside toro-ts live.
    await page.goto(`${base}${EXPLORER_PAGE}#program=${encodeURIComponent('new Queue({ maxsize: 2 })\n  tick 1: #0 putNowait(key 0); #1 putNowait(key 1); #2 put(key 2, { timeout: 5 })\n  tick 2: #3 get(); #4 getNowait()\n  tick 3: advance(5)')}&at=2&live=1`);
    await page.locator('.toro-note[data-side="live"]').waitFor({ state: 'attached' });
    await page.addStyleTag({ content: '.tsd-page-toolbar { display: none !important; }' });
    await page.locator('#toro-explorer').screenshot({ path: EXPLORER_SCREENSHOT });
    console.log(`ok   screenshot saved to ${relative(ROOT, EXPLORER_SCREENSHOT)}`);

    await page.goto(`${base}functions/model.semaphoreStep.html`);
    // The content column alone, without the sticky toolbar, which would cover its top.
    await page.addStyleTag({ content: '.tsd-page-toolbar { display: none !important; }' });
    await page.locator('.col-content').screenshot({ path: SCREENSHOT });
    console.log(`ok   screenshot saved to ${relative(ROOT, SCREENSHOT)}`);
  } finally {
    await browser.close();
    server.close();
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} failure(s)`);
    process.exitCode = 1;
  } else {
    console.log('\nThe site passed in Chromium.');
  }
}

await main();
