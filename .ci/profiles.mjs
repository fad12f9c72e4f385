// Every foreign driver under its profile: 3,000 programs per primitive on seed 10, with the built
// checker (`npm run build` first: `npm test` does). Runs a few at a time: a driver and the checker
// wait on each other for every tick, so one run leaves much of a core idle. Each run's output is
// printed whole when it ends, with its wall time and the CPU it used (on a shared machine the wall
// time is the load's as much as the run's); the exit status is 1 when any run failed.
//
//   node .ci/profiles.mjs [python|java|rust|go ...] [--jobs N]   (default: every language, 2 at a time)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const D = 'conformance/drivers';
const PY = '/usr/bin/python3';
const RUST = `${D}/rust/target/release/toro-driver`;

/** The runs, by language: a label, the driver command, and the checker's other options. */
const RUNS = {
  python: [
    ['tornado, profile', `${PY} ${D}/tornado_driver.py --profile`],
    ['asyncio, profile', `${PY} ${D}/asyncio_driver.py --profile`],
    ['trio, profile', `${PY} ${D}/trio_driver.py --profile`],
    ['trio StrictFIFOLock and CapacityLimiter, profile', `${PY} ${D}/trio_driver.py --profile --lock StrictFIFOLock --semaphore CapacityLimiter`, ['--primitive', 'Lock,Semaphore']],
    ['anyio, profile', `${PY} ${D}/anyio_driver.py --profile`],
    ['anyio CapacityLimiter, profile', `${PY} ${D}/anyio_driver.py --profile --semaphore CapacityLimiter`, ['--primitive', 'Semaphore']],
  ],
  java: [['java.util.concurrent, profile', `${D}/java/driver --profile`]],
  rust: [
    ['tokio, profile', `${RUST} tokio --profile`],
    ['async-lock, profile', `${RUST} async-lock --profile`],
    ['async-std, profile', `${RUST} async-std --profile`],
  ],
  go: [['Go x/sync, profile', `${D}/go/toro-driver --profile`]],
};

const args = process.argv.slice(2);
const at = args.indexOf('--jobs');
const jobs = at < 0 ? 2 : Number(args[at + 1]);
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error(`profiles: --jobs must be an integer of at least 1, got ${JSON.stringify(args[at + 1])}`);
  process.exit(2);
}
const languages = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
for (const language of languages) {
  if (!(language in RUNS)) {
    console.error(`profiles: no language ${JSON.stringify(language)}; known: ${Object.keys(RUNS).join(', ')}`);
    process.exit(2);
  }
}
const queue = (languages.length === 0 ? Object.keys(RUNS) : languages).flatMap((language) => RUNS[language]);

/** Single quotes for bash. */
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/** Runs one profile; resolves with whether it passed, once its output is printed. */
function run([label, driver, extra = []]) {
  const checker = ['node', 'dist/check/bin.js', '--driver', driver, '--runs', '3000', '--seed', '10', ...extra].map(quote).join(' ');
  const script = `TIMEFORMAT=${quote(`time: ${label}: %0R s (CPU: %0U s user, %0S s system)`)}; time ${checker}`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('close', (code, signal) => {
      process.stdout.write(`--- ${label}\n${Buffer.concat(out).toString()}`);
      if (code !== 0) console.log(`FAILED: ${label} (exit ${code ?? signal})`);
      resolve(code === 0);
    });
  });
}

const start = Date.now();
const failed = [];
async function worker() {
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) if (!(await run(next))) failed.push(next[0]);
}
await Promise.all(Array.from({ length: jobs }, worker));
console.log(`time: driver profiles, ${jobs} at a time: ${Math.round((Date.now() - start) / 1000)} s${failed.length === 0 ? '' : `; failed: ${failed.join('; ')}`}`);
process.exit(failed.length === 0 ? 0 : 1);
