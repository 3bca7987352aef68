import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the built site (dist/site), served by `astro preview`. Build first:
 * `npm run catalog && npm exec astro build` (or `npm run build`). Browsers come from Debian's
 * chromium package, never from Playwright's downloads.
 */
/**
 * The port `npm run preview` serves on; MODELGATE_E2E_PORT picks another (several checkouts on one
 * machine can then run their browser tests at the same time).
 */
const PORT = Number(process.env.MODELGATE_E2E_PORT ?? 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: process.env.MODELGATE_E2E_PORT ? `npm exec -- astro preview --host 127.0.0.1 --port ${PORT}` : 'npm run preview',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
