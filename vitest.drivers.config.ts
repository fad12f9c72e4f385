import { defineConfig } from 'vitest/config';

/**
 * `npm run check:drivers`: the foreign-port drivers (Python's Tornado, asyncio, trio and anyio;
 * Java's java.util.concurrent), which need the machine's toolchains and Debian's packages (CI
 * installs them). `.ci/` runs one language's files at a time: `... --config vitest.drivers.config.ts test/java-driver.ci.ts`.
 */
export default defineConfig({
  test: {
    include: ['test/*.ci.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
