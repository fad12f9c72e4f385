/**
 * The error the checker's own input can have, wherever it is found: the command line, a
 * module or a driver names something that cannot be checked. Exit status 2.
 *
 * @module
 */

/** A usage error: the command line names something that cannot be checked. Exit status 2. */
export class UsageError extends Error {
  override get name(): string {
    return 'UsageError';
  }
}
