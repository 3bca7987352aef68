import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fixture projects contain their own *.test.* / *.spec.* files: they are scanner input, not tests.
    exclude: [...configDefaults.exclude, 'tests/fixtures/**'],
  },
});
