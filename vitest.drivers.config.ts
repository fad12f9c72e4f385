import { defineConfig } from 'vitest/config';

/**
 * `npm run check:drivers`: the foreign drivers. The Python drivers need /usr/bin/python3 with
 * python3-tornado; the Rust and Go drivers need cargo with Debian's librust-*-dev crates and
 * golang-go with golang-golang-x-sync-dev (CI installs them all).
 */
export default defineConfig({
  test: {
    include: ['test/python-drivers.ci.ts', 'test/rust-go-drivers.ci.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
