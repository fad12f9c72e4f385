import { defineConfig } from 'vitest/config';

/**
 * `npm run check:drivers`: the foreign drivers, every `test/*.ci.ts`. The Python drivers need
 * /usr/bin/python3 with python3-tornado, python3-trio and python3-anyio; the Java driver a JDK 17;
 * the Rust and Go drivers cargo with Debian's librust-*-dev crates and golang-go with
 * golang-golang-x-sync-dev (CI installs them all). `.ci/` runs one language's files at a time:
 * `npx vitest run --config vitest.drivers.config.ts test/java-driver.ci.ts`.
 */
export default defineConfig({
  test: {
    include: ['test/*.ci.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
