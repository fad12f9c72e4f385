#!/usr/bin/env node
/**
 * The `toro-check` executable: runs the command and exits with its status.
 *
 * @module
 */

import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(`toro-check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
