/**
 * The site, tested in a real browser: serves `site/` (built by `npm run docs`) on localhost and,
 * with Debian's Chromium driven by playwright-core, opens the home page, goes from it to every
 * primitive's API page, from there to its specification page and back, uses the search box,
 * opens every guide, and fails on any console error, page error, failed request or broken
 * internal link. Saves a screenshot of one specification page under `artifacts/`.
 *
 * Run with `npm run docs:browser` after `npm run docs`. Never downloads a browser: it uses
 * `CHROMIUM` or `/usr/bin/chromium` (`apt-get install -y chromium`).
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import sirv from 'sirv';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = join(ROOT, 'site');
const SCREENSHOT = join(ROOT, 'artifacts', 'docs', 'semaphore-specification.png');
const EXECUTABLE = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

/** The primitives the site must show, each with an API page and a specification page. */
const REQUIRED = ['Semaphore', 'BoundedSemaphore', 'Lock', 'Event', 'Condition', 'Queue', 'PriorityQueue', 'LifoQueue', 'Barrier'];
/** Primitives shown as soon as they are exported (none pending now). */
const OPTIONAL: readonly string[] = [];

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
      const [path = '', anchor] = url.split('#');
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
  page.on('requestfailed', (request) => fail(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`));
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

async function main(): Promise<void> {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error(`No site in ${SITE}: run npm run docs first`);
  if (!existsSync(EXECUTABLE)) throw new Error(`No Chromium at ${EXECUTABLE}: apt-get install -y chromium (or set CHROMIUM)`);
  checkInternalLinks();

  const { server, base } = await serve();
  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
    const guides = await page.locator('a[href*="documents/"]').evaluateAll((anchors) => [...new Set(anchors.map((a) => (a as HTMLAnchorElement).href))]);
    check(guides.length >= 1, `home page links to ${guides.length} guides`);
    for (const guide of guides) {
      await page.goto(guide);
      check((await page.locator('.col-content h1, .col-content h2').count()) > 0, `guide ${guide.slice(base.length)} opens`);
    }

    for (const name of REQUIRED) await visitPrimitive(page, base, name, true);
    for (const name of OPTIONAL) await visitPrimitive(page, base, name, false);

    await search(page, base, 'semaphoreStep', 'semaphoreStep');
    await search(page, base, 'BoundedSem', 'BoundedSemaphore');

    await page.goto(`${base}functions/model.semaphoreStep.html`);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
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
