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
    exclude: [
      ...configDefaults.exclude,
      // They spawn a child process per documentation example, and those never load the sandbox's src/.
      'test/docs-*.test.ts',
      // They pack, install and run the built package, or the built toro-check: never the sandbox's src/.
      'test/package.test.ts',
      'test/cli.test.ts',
      // They explore the models only.
      'properties/*.exhaustive.test.ts',
      // It times a million puts and gets: instrumented, that takes minutes and proves nothing.
      'properties/queue.cost.test.ts',
    ],
    setupFiles: ['properties/stryker.setup.ts'],
    // Stryker reads the results itself; no JSON report in the sandbox.
    reporters: ['default'],
  },
});
