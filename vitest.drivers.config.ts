import { defineConfig } from 'vitest/config';

/** `npm run check:drivers`: the Python drivers, which need /usr/bin/python3 with python3-tornado (CI installs it). */
export default defineConfig({
  test: {
    include: ['test/python-drivers.ci.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
