import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only tests/unit: fixture projects contain their own *.test.* files, which are scanner input.
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['tests/setup/build-cli.ts'],
  },
});
