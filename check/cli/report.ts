/**
 * What a failure leaves behind: its files in the report folder (the program as JSON, the
 * standalone reproduction, the HTML report), named after what was checked, sanitized, unique
 * within the run and always inside the folder, and the report printed for the terminal, with
 * commands that replay it, every word quoted for the shell and every name escaped.
 *
 * @module
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Failure } from '../check.js';
import { fileBase, shellCommand, terminalSafe } from '../report/escape.js';
import { failureText, lineOptionsFor } from '../report/failure.js';
import { writeReproduction } from '../report/files.js';
import { failureHtml } from '../report/html.js';
import { ReproductionError } from '../run/target.js';
import { isTypeScript } from './loader.js';
import type { Source } from './targets.js';

/** Where a run's reports go and how their commands read. */
export interface ReportPlace {
  /** The report folder (`--repro`). */
  readonly dir: string;
  /** File names already used in this run (lower case), so that no report overwrites another. */
  readonly taken: Set<string>;
  /** What was checked, for the replay commands. */
  readonly source: Source;
  /** Options every replay needs besides the program (`--max-ticks 40`). */
  readonly replayOptions: readonly string[];
  /** The documentation site's explorer page, for the HTML report's link. */
  readonly explorer: string | undefined;
  /** The documentation site's rules page. */
  readonly rules: string | undefined;
}

/** The words that start `toro-check` on `source`: `npx toro-check ./port.js`, `npx toro-check --driver "..."`. */
export function invocation(source: Source): string[] {
  if ('module' in source) return ['npx', 'toro-check', source.module];
  return ['npx', 'toro-check', '--driver', source.driver, ...(source.timeoutMs === undefined || source.timeoutMs === 5000 ? [] : ['--driver-timeout', String(source.timeoutMs)])];
}

/**
 * The rules page of the documentation site built beside this checker, when it is there (a
 * checkout of toro-ts after `npm run docs`), as a `file:` address. The explorer is not linked
 * this way: a browser runs no module script from a `file:` page, so it needs the site served
 * (`--explorer URL`).
 */
export function localRules(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name !== 'toro-ts') return undefined;
      const rules = join(dir, 'site', 'documents', 'The_rules.html');
      return existsSync(rules) ? pathToFileURL(rules).href : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** One target's failure, with what names and prints it. */
export interface FailedTarget {
  readonly name: string;
  readonly observers: readonly string[];
  readonly failure: Failure;
}

/** Writes a failure's files and returns its report, as printed: see the module comment. */
export function writeReport(failed: FailedTarget, place: ReportPlace): string {
  const { failure, name } = failed;
  const view = { ...failure, lines: failure.lines ?? lineOptionsFor(failure.program, failed.observers, {}, failure.divergence) };
  mkdirSync(place.dir, { recursive: true });
  const base = resolve(place.dir, fileBase(name, place.taken));
  const programFile = `${base}.program.json`;
  writeFileSync(programFile, `${JSON.stringify(failure.program, null, 2)}\n`);
  // A JavaScript reproduction is one script; a driver's, in its port's language, a folder of files.
  const reproFile = `${base}.repro.mjs`;
  let standalone: { readonly label: string; readonly command: string } | undefined;
  let noReproduction = failure.reproductionRefused;
  if (typeof failure.reproduction === 'string') {
    writeFileSync(reproFile, failure.reproduction);
    const typescript = 'module' in place.source && isTypeScript(place.source.module);
    standalone = { label: 'standalone reproduction (the library alone)', command: shellCommand([...(typescript ? ['npx', 'tsx'] : ['node']), reproFile]) };
  } else if (failure.reproduction !== undefined) {
    try {
      standalone = { label: `standalone reproduction in ${failure.reproduction.language} (the port alone)`, command: writeReproduction(`${base}.repro`, failure.reproduction) };
    } catch (error) {
      if (!(error instanceof ReproductionError)) throw error;
      noReproduction = error.message;
    }
  }
  const command = invocation(place.source);
  const replay = shellCommand([...command, '--primitive', name, '--program', programFile]);
  const unshrunk = failure.path === undefined ? undefined : shellCommand([...command, '--primitive', name, '--seed', String(failure.seed), '--path', failure.path, ...place.replayOptions]);
  const htmlFile = `${base}.html`;
  const facts: [string, string][] = [
    ['primitive', failure.program.primitive],
    ['seed', String(failure.seed)],
    ...(failure.index === undefined ? [] : ([['program', `${failure.index} of the seed's run`]] as [string, string][])),
    ['replay', replay],
    ...(unshrunk === undefined ? [] : ([['replay the unshrunk program', unshrunk]] as [string, string][])),
    ...(standalone === undefined ? [] : ([[standalone.label, standalone.command]] as [string, string][])),
    ...(noReproduction === undefined ? [] : ([['no standalone reproduction', noReproduction]] as [string, string][])),
  ];
  writeFileSync(htmlFile, failureHtml(view, { name, facts, ...(place.explorer === undefined ? {} : { explorer: place.explorer }), ...(place.rules === undefined ? {} : { rules: place.rules }) }));
  const lines = [
    '',
    `${name} disagrees with its model.`,
    failureText(view),
    '',
    `report: ${htmlFile}`,
    `program as JSON: ${programFile}`,
    ...(standalone === undefined ? [] : [`${standalone.label}: ${standalone.command}`]),
    ...(noReproduction === undefined ? [] : [`no standalone reproduction: ${noReproduction}`]),
    `replay: ${replay}`,
    ...(unshrunk === undefined ? [] : [`replay the unshrunk program: ${unshrunk}`]),
  ];
  return terminalSafe(lines.join('\n'));
}
