/**
 * The vitest configuration of the mutation run (`npm run mutate`): the usual one, with every
 * fast-check property on a pinned seed, and without the tests that never run `src/`.
 *
 * Stryker runs the suite once to learn which test covers which mutant, then runs only those
 * tests against each mutant. With a random seed per run, a property would check other programs
 * against a mutant than the ones whose coverage Stryker recorded.
 */

import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Only tests that never run the sandbox's src/ under a mutant, each with its reason. (Stryker
    // runs only the test files that import src/ anyway: peers, schema and the checker's own tests
    // never do.)
    exclude: [
      ...configDefaults.exclude,
      // They run each documentation example in a child process, where no mutant is ever active;
      // in this process they only check the names src/index.ts exports.
      'test/docs-*.test.ts',
      // They pack, install and run the built package, or run the built toro-check, in child
      // processes: never the instrumented src/ with a mutant active.
      'test/package.test.ts',
      'test/cli.test.ts',
      // They explore the models only.
      'properties/*.exhaustive.test.ts',
      // The cost test: comparisons counted over 100,000 items and a million items pushed through
      // the queues. Instrumented, minutes per mutant; the orders and the growing ring buffer it
      // exercises are checked in milliseconds by queue.mutants.test.ts and queue.input.test.ts.
      'properties/queue.cost.test.ts',
      // The checker's own tests: toro-ts is one target among many there, run through hundreds of
      // programs per test (each mutant they cover would take minutes). The properties check src/
      // against the models directly, and the zoo shows each of them catching a real bug.
      'test/check-*.test.ts',
      'test/cli-*.test.ts',
      'test/peers.test.ts',
    ],
    setupFiles: ['properties/stryker.setup.ts'],
    // Stryker reads the results itself; no JSON report in the sandbox.
    reporters: ['default'],
  },
});
