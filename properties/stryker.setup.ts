/**
 * Setup of the mutation run only (see vitest.stryker.config.ts): every property without a seed
 * of its own uses this one, so the dry run and each mutant's run check the same programs.
 */

import * as fc from 'fast-check';

/** Tornado 4.2, where Toro's locks and queues landed: 2015-05-26. */
export const MUTATION_SEED = 20150526;

// numRuns is fast-check's default; a property that sets its own keeps it.
fc.configureGlobal({ seed: MUTATION_SEED, numRuns: 100 });
