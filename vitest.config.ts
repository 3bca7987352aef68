import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only tests/unit: tests/e2e is Playwright's, and fixture projects hold their own *.test.*
    // files, which are scanner input.
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['tests/setup/build-cli.ts'],
  },
});
