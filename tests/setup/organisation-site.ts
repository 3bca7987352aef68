/**
 * Builds the e2e suite's second site: the catalog built with MODELGATE_INVENTORY. The inventory
 * is made by the real CLI (dist/cli.js, rebuilt first so it is the code under test) from real
 * check reports of the scratch repositories in tests/e2e/organisation-fixture.ts, the way the
 * inventory unit tests make theirs (tests/unit/inventory/org-fixture.ts). Run by the second
 * webServer in playwright.config.ts before it serves the result; runs on its own too:
 * `npx node tests/setup/organisation-site.ts` in the checkout.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ORG_SITE_DIR, REPOSITORIES } from '../e2e/organisation-fixture.ts';
import { checkedOrg, inventoryFile } from '../unit/inventory/org-fixture.ts';
import buildCli from './build-cli.ts';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, ORG_SITE_DIR);
const started = performance.now();

// The same build of the catalog and dist/cli.js as the unit tests' setup (its cwd is the checkout).
buildCli();
// Scratch repositories in a temporary folder, outside the checkout: no git remote, commit or .gitignore of ours applies.
const org = await checkedOrg(REPOSITORIES);
const inventory = path.join(out, 'inventory.json');
try {
  mkdirSync(out, { recursive: true });
  copyFileSync(await inventoryFile(org), inventory);
  // The reports stay too: the acceptance walk (organisation-flow.spec.ts) merges them again in every format.
  rmSync(path.join(out, 'reports'), { recursive: true, force: true });
  cpSync(org.reports, path.join(out, 'reports'), { recursive: true });
} finally {
  await org.cleanup();
}

// The outDir lies inside the checkout: Astro stages a build whose outDir does not in ./.astro/, shared with other builds.
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
  cwd: root,
  env: { ...process.env, MODELGATE_INVENTORY: inventory, MODELGATE_SITE_OUT: path.join(out, 'site'), MODELGATE_CACHE_DIR: path.join(out, 'cache') },
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(`site build with MODELGATE_INVENTORY failed:\n${build.stdout}\n${build.stderr}`);
process.stderr.write(`organisation site: ${Object.keys(REPOSITORIES).length} reports → ${ORG_SITE_DIR}/inventory.json → ${ORG_SITE_DIR}/site (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
