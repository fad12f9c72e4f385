/**
 * The differences the foreign ports' pages report (*Tornado and asyncio*, *Rust's async locks*,
 * *Go's semaphore, Cond and channels*, *java.util.concurrent*, *trio and anyio* against the
 * specification), one catalogue a page, each difference with what its raw driver did: its trace
 * up to where it parts from the model (`actual`). The site draws each one's timeline from it,
 * so the docs build needs no Python, cargo, Go or JDK; the drivers' CI tests (`test/*.ci.ts`)
 * hold the recorded traces to what the drivers do now.
 *
 * `npx tsx conformance/differences.ts` builds the drivers that need it, runs every program on
 * its raw driver and writes the traces into the catalogues; `npx tsx conformance/differences.ts
 * tokio go` records only those drivers' differences. Where threads or a scheduler decide an
 * order, a driver's trace may change from run to run (and a difference may show on some runs
 * only: `everyRun: false`), so each program is run several times and the diverging trace its
 * driver made most often is recorded, unless the one recorded before is among them; the tests
 * then run it until it makes that trace again, {@link SOME_RUNS} times at most.
 *
 * @module
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { RuleId } from '../check/compare/rules.js';
import type { Program, TickTrace } from '../check/program/program.js';

const ROOT = join(import.meta.dirname, '..');
const DRIVERS = join(ROOT, 'conformance', 'drivers');
const PYTHON = '/usr/bin/python3';

/** One difference between a port and the model, as its page and its drivers' test list it. */
export interface Difference {
  /** The driver that shows it: a key of its catalogue's `drivers`. */
  readonly driver: string;
  /** The heading of its section on the page, in lower case. */
  readonly difference: string;
  readonly rule: RuleId;
  /** Under the profile: its choices make the model agree, or it never makes this program. */
  readonly profile: 'agrees' | 'leftOut';
  /** A deliberate choice of the model, of the port, a version difference, or an upstream bug (where the catalogue says). */
  readonly classification?: 'model' | 'port' | 'version' | 'upstream';
  /** `false` when the raw run shows it on some runs only (a scheduler's order); absent or `true`: every run. */
  readonly everyRun?: boolean;
  readonly program: Program;
  /** What the raw driver did, tick by tick, up to the tick where it parts from the model. */
  readonly actual?: readonly TickTrace[];
}

/** A driver a catalogue's differences run on. */
export interface CatalogueDriver {
  /** The command that starts it raw (no contract choice declared); ` --profile` after it starts it under its profile. */
  readonly command: string;
  /** How a picture's caption names the port. */
  readonly title: string;
}

/** The differences one page reports, and the drivers that show them. */
export interface Catalogue {
  /** The catalogue's file, from the repository's root. */
  readonly file: string;
  /** The page that lists them, from the repository's root. */
  readonly page: string;
  /** The scripts that build its drivers, from the repository's root, run before recording. */
  readonly build: readonly string[];
  readonly drivers: Readonly<Record<string, CatalogueDriver>>;
}

const python = (file: string, ...options: string[]): string => [PYTHON, join(DRIVERS, file), ...options].join(' ');
const rust = (port: string): string => `${join(DRIVERS, 'rust', 'target', 'release', 'toro-driver')} ${port}`;

/** Every page's catalogue: Tornado and asyncio, Rust, Go, Java, trio and anyio. */
export const CATALOGUES: readonly Catalogue[] = [
  {
    file: 'conformance/drivers/differences.json',
    page: 'docs/guides/tornado-and-asyncio.md',
    build: [],
    drivers: { tornado: { command: python('tornado_driver.py'), title: 'Tornado' }, asyncio: { command: python('asyncio_driver.py'), title: 'asyncio' } },
  },
  {
    file: 'conformance/drivers/rust/differences.json',
    page: 'docs/guides/rust.md',
    build: ['conformance/drivers/rust/build.sh'],
    drivers: { tokio: { command: rust('tokio'), title: 'tokio' }, 'async-lock': { command: rust('async-lock'), title: 'async-lock' }, 'async-std': { command: rust('async-std'), title: 'async-std' } },
  },
  {
    file: 'conformance/drivers/go/differences.json',
    page: 'docs/guides/go.md',
    build: ['conformance/drivers/go/build.sh'],
    drivers: { go: { command: join(DRIVERS, 'go', 'toro-driver'), title: 'Go' } },
  },
  {
    file: 'conformance/drivers/java/differences.json',
    page: 'docs/guides/java.md',
    build: ['conformance/drivers/java/build.sh'],
    drivers: { java: { command: join(DRIVERS, 'java', 'driver'), title: 'java.util.concurrent' } },
  },
  {
    file: 'conformance/drivers/trio_anyio_differences.json',
    page: 'docs/guides/trio-and-anyio.md',
    build: [],
    drivers: {
      trio: { command: python('trio_driver.py'), title: 'trio' },
      'trio-limiter': { command: python('trio_driver.py', '--lock', 'StrictFIFOLock', '--semaphore', 'CapacityLimiter'), title: "trio's StrictFIFOLock and CapacityLimiter" },
      anyio: { command: python('anyio_driver.py'), title: 'anyio' },
      'anyio-limiter': { command: python('anyio_driver.py', '--semaphore', 'CapacityLimiter'), title: "anyio's CapacityLimiter" },
    },
  },
];

/** The catalogue whose drivers include `driver`, if any. */
export const catalogueOf = (driver: string): Catalogue | undefined => CATALOGUES.find((catalogue) => Object.hasOwn(catalogue.drivers, driver));

/** The command that starts `driver` raw, or under its profile. */
export function driverCommand(driver: string, profile = false): string {
  const found = catalogueOf(driver)?.drivers[driver];
  if (found === undefined) throw new Error(`no catalogue has a driver named ${driver}`);
  return `${found.command}${profile ? ' --profile' : ''}`;
}

/** A catalogue's differences, in its file's order. */
export function readDifferences(catalogue: Catalogue): Difference[] {
  return JSON.parse(readFileSync(join(ROOT, catalogue.file), 'utf8')) as Difference[];
}

/** JSON on one line, spaced as the file is written by hand: `{ "call": "acquire", "id": 0 }`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** A catalogue's file as written by hand: one entry a block, its fields in one order, a program and a trace each on one line. */
export function showDifferences(differences: readonly Difference[]): string {
  const entry = (d: Difference): string => {
    const { driver, difference, rule, profile, classification, everyRun, program, actual } = d;
    const fields = Object.entries({ driver, difference, rule, profile, classification, everyRun, program, actual }).filter(([, value]) => value !== undefined);
    return ['  {', fields.map(([name, value]) => `    ${JSON.stringify(name)}: ${inline(value)}`).join(',\n'), '  }'].join('\n');
  };
  return `[\n${differences.map(entry).join(',\n')}\n]\n`;
}

/** How many runs a test gives a driver to make a difference's recorded trace again, and how many the recording samples where the difference shows on some runs only. */
export const SOME_RUNS = 200;

/** How many runs the recording samples where the difference shows on every run (its trace may still vary, in an order threads decide). */
const EVERY_RUN = 20;

/** Records the raw traces of `catalogue`'s differences on the drivers in `only` (all of them if empty); returns how many. */
async function record(catalogue: Catalogue, only: ReadonlySet<string>): Promise<number> {
  const { driverTargets } = await import('../check/run/driver.js');
  const differences = readDifferences(catalogue);
  const wanted = (d: Difference): boolean => only.size === 0 || only.has(d.driver);
  if (!differences.some(wanted)) return 0;
  for (const script of catalogue.build) execFileSync('bash', [join(ROOT, script)], { stdio: 'inherit' });
  const recorded = new Map<Difference, readonly TickTrace[]>();
  for (const driver of Object.keys(catalogue.drivers)) {
    const mine = differences.filter((d) => d.driver === driver && wanted(d));
    if (mine.length === 0) continue;
    const { targets, close } = await driverTargets(driverCommand(driver), 20_000);
    try {
      for (const d of mine) {
        const name = `${driver}: ${d.difference} (${d.program.primitive})`;
        const target = targets.find((t) => t.primitive === d.program.primitive);
        if (target === undefined) throw new Error(`${name}: the driver has no ${d.program.primitive}`);
        // The picture compares as the raw run does, with no choice declared.
        if (Object.keys(target.choices ?? {}).length > 0) throw new Error(`${name}: the raw driver declares choices (${JSON.stringify(target.choices)}); a raw run declares none`);
        const traces: (readonly TickTrace[])[] = [];
        for (let run = 0; run < (d.everyRun === false ? SOME_RUNS : EVERY_RUN); run++) {
          const outcome = await target.run(d.program);
          if (outcome.divergence?.rule === d.rule) traces.push(outcome.actual.ticks);
          else if (d.everyRun !== false) throw new Error(`${name} now shows ${outcome.divergence?.rule ?? 'no difference'}, not ${d.rule}`);
        }
        const commonest = mostFrequent(traces);
        if (commonest === undefined) throw new Error(`${name} did not show in ${SOME_RUNS} runs`);
        // A recording the driver still makes stays, so that recording again changes nothing that still holds.
        recorded.set(d, traces.some((trace) => isDeepStrictEqual(trace, d.actual)) ? (d.actual as readonly TickTrace[]) : commonest);
      }
    } finally {
      await close();
    }
  }
  writeFileSync(join(ROOT, catalogue.file), showDifferences(differences.map((d) => (recorded.has(d) ? { ...d, actual: recorded.get(d) as readonly TickTrace[] } : d))));
  return recorded.size;
}

/** The value found most often (the first found, among equals). */
function mostFrequent<T>(values: readonly T[]): T | undefined {
  let best: { value: T; count: number } | undefined;
  for (const value of values) {
    const count = values.filter((other) => isDeepStrictEqual(other, value)).length;
    if (best === undefined || count > best.count) best = { value, count };
  }
  return best?.value;
}

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2));
  const unknown = [...only].filter((driver) => catalogueOf(driver) === undefined);
  if (unknown.length > 0) throw new Error(`no catalogue has a driver named ${unknown.join(', ')}; the drivers: ${CATALOGUES.flatMap((c) => Object.keys(c.drivers)).join(', ')}`);
  for (const catalogue of CATALOGUES) {
    const count = await record(catalogue, only);
    if (count > 0) console.log(`recorded ${count} traces in ${catalogue.file}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
