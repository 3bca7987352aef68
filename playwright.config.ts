import { defineConfig } from '@playwright/test';
import { ORG_SITE_DIR } from './tests/e2e/organisation-fixture.ts';

/**
 * End-to-end tests of the built site, in two variants, each served by `astro preview`:
 *
 * - `public`: the public catalog, dist/site. Build it first: `npm run build` (what `npm test`
 *   does before this), or `npm run catalog && npm exec astro build`.
 * - `organisation` (tests/e2e/organisation*.spec.ts): the site built with MODELGATE_INVENTORY, and the
 *   acceptance walk from reports to inventory to site (organisation-flow.spec.ts).
 *   Its webServer builds it on every run, so `npm run test:e2e` needs nothing more for it:
 *   tests/setup/organisation-site.ts rebuilds the catalog and dist/cli.js, runs `modelgate
 *   check` on three scratch repositories and `modelgate inventory` on their reports, and builds
 *   the site with that inventory into dist/e2e-organisation/site (one full build, ~5–10 s);
 *   then `astro preview` serves it.
 *
 * Browsers come from Debian's chromium package, never from Playwright's downloads.
 */
/**
 * The ports the variants are served on; MODELGATE_E2E_PORT (public) and MODELGATE_E2E_ORG_PORT
 * (organisation, default: the public port + 10) pick others, so several checkouts on one machine
 * can run their browser tests at the same time.
 */
const PORT = Number(process.env.MODELGATE_E2E_PORT ?? 4321);
const ORG_PORT = Number(process.env.MODELGATE_E2E_ORG_PORT ?? PORT + 10);
const url = (port: number) => `http://127.0.0.1:${port}`;
const preview = (port: number) => `npm exec -- astro preview --host 127.0.0.1 --port ${port}`;

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
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  projects: [
    { name: 'public', testIgnore: '**/organisation*.spec.ts', use: { baseURL: url(PORT) } },
    { name: 'organisation', testMatch: '**/organisation*.spec.ts', use: { baseURL: url(ORG_PORT) } },
  ],
  webServer: [
    {
      command: process.env.MODELGATE_E2E_PORT ? preview(PORT) : 'npm run preview',
      url: `${url(PORT)}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The Node running Playwright (the project's pinned Node 24 under npm) runs the TypeScript setup.
      // Astro allows one tracked preview server per project: this second one runs untracked (--ignore-lock).
      command: `"${process.execPath}" tests/setup/organisation-site.ts && ${preview(ORG_PORT)} --ignore-lock`,
      url: `${url(ORG_PORT)}/`,
      env: { MODELGATE_SITE_OUT: `${ORG_SITE_DIR}/site` },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
