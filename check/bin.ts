#!/usr/bin/env node
/**
 * The `toro-check` executable: runs the command and exits with its status. fast-check is an
 * optional peer dependency of toro-ts (the locks and queues need nothing), so its absence gets
 * a message that says what to install, not a stack trace.
 *
 * @module
 */

const missing = (error: unknown): string | undefined => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' ? /Cannot find package '([^']+)'/.exec(message)?.[1] : undefined;
};

try {
  const { main, killAllDrivers } = await import('./cli/cli.js');
  // Drivers run in process groups of their own, out of reach of the terminal's Ctrl-C: an
  // interrupted checker kills them itself, then dies of the signal as it would have.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllDrivers();
      process.kill(process.pid, signal);
    });
  }
  process.exitCode = await main(process.argv.slice(2));
  // The verdict is out: no driver may keep the checker from exiting.
  killAllDrivers();
} catch (error) {
  const name = missing(error);
  if (name !== undefined) console.error(`toro-check needs ${name}, an optional peer dependency of toro-ts: npm install --save-dev ${name}`);
  else console.error(`toro-check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
