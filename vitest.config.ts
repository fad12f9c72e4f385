import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // The project's own tests import the package by its public names, as its users do.
    alias: [
      { find: /^toro-ts\/check$/, replacement: here('./check/index.ts') },
      { find: /^toro-ts\/model$/, replacement: here('./model/index.ts') },
      { find: /^toro-ts$/, replacement: here('./src/index.ts') },
    ],
  },
  test: {
    include: ['properties/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts', 'docs/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report lets CI print one plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
