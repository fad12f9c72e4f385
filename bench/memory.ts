/**
 * Bytes per pending waiter, for every contender and every option it supports: one child
 * process per measurement (`memory-child.ts`), each with a fresh heap and a forced GC.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { contenders, type Variant } from './memory-child.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

const variants: readonly { readonly key: Variant; readonly label: string }[] = [
  { key: 'none', label: 'no options' },
  { key: 'timeout', label: 'timeout' },
  { key: 'signal', label: 'signal' },
  { key: 'both', label: 'timeout + signal' },
];

/** The target on a toro-ts waiter with no timeout or signal. */
const MAX_BYTES = 250;

export interface MemoryResult {
  readonly n: number;
  /** bytes[contender][variant], undefined where the contender has no such option. */
  readonly bytes: Record<string, Partial<Record<Variant, number>>>;
  /** When the waiters with a timeout or a signal were measured at fewer, how many. */
  readonly cancellableAt: number | undefined;
}

async function measure(contender: string, variant: Variant, n: number): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', child, contender, variant, String(n)],
    { maxBuffer: 1 << 20 },
  );
  return (JSON.parse(stdout) as { bytes: number }).bytes;
}

/**
 * Waiters with a timeout or a signal are measured at this many at most: a million of them take
 * from ten seconds (a million AbortControllers on Node 20) to half a minute (async-mutex's
 * withTimeout) to make, and bytes per waiter do not depend on n (toro-ts's agree within 0.3%
 * at 100k and 1M: 306/304, 521/520, 1244/1240, 1457/1456).
 */
const CANCELLABLE_WAITERS = 100_000;

/** Runs every measurement, two children at a time (memory figures do not suffer from it). */
export async function runMemory(n: number, cancellable = CANCELLABLE_WAITERS): Promise<MemoryResult> {
  const jobs: { contender: string; variant: Variant; n: number }[] = [];
  for (const [contender, made] of Object.entries(contenders)) {
    for (const { key } of variants) {
      if (made[key] === undefined) continue;
      jobs.push({ contender, variant: key, n: key === 'none' ? n : Math.min(n, cancellable) });
    }
  }
  const bytes: Record<string, Partial<Record<Variant, number>>> = {};
  for (const contender of Object.keys(contenders)) bytes[contender] = {};
  let next = 0;
  let cancellableAt: number | undefined;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as { contender: string; variant: Variant; n: number };
      (bytes[job.contender] as Partial<Record<Variant, number>>)[job.variant] = await measure(job.contender, job.variant, job.n);
      if (job.n !== n) cancellableAt = job.n;
    }
  };
  await Promise.all([worker(), worker()]);
  return { n, bytes, cancellableAt };
}

export function formatMemory(result: MemoryResult): string {
  const lines = [
    `### Memory: bytes per pending waiter, ${result.n.toLocaleString('en-US')} waiters`,
    '',
    'Heap used after a forced GC with n waiters pending, minus before, over n. Counted: the',
    'promise the caller holds, everything the library keeps for the waiter, the timer. Not',
    "counted: the caller's AbortController (each waiter has its own, made before the baseline).",
    ...(result.cancellableAt === undefined
      ? []
      : [
          `Waiters with a timeout or a signal: ${result.cancellableAt.toLocaleString('en-US')} of them (bytes per waiter do not depend on n; see memory.ts).`,
        ]),
    '',
    `| contender | ${variants.map((v) => v.label).join(' | ')} |`,
    `| --- | ${variants.map(() => '---:').join(' | ')} |`,
  ];
  for (const [contender, row] of Object.entries(result.bytes)) {
    const name = contender.startsWith('toro-ts') ? `**${contender}**` : contender;
    lines.push(`| ${name} | ${variants.map((v) => row[v.key]?.toFixed(0) ?? '-').join(' | ')} |`);
  }
  const toro = result.bytes['toro-ts Semaphore']?.none;
  const floor = result.bytes['floor semaphore']?.none;
  if (toro !== undefined) {
    lines.push(
      '',
      `A toro-ts waiter with no timeout or signal: ${toro.toFixed(0)} bytes (target <= ${MAX_BYTES}: ${
        toro <= MAX_BYTES ? 'met' : 'MISSED'
      })${floor === undefined ? '' : `; the floor's: ${floor.toFixed(0)} bytes (${(toro / floor).toFixed(2)}x)`}.`,
    );
  }
  return lines.join('\n');
}
