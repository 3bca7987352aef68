/**
 * Builds the e2e suite's second site: the catalog built with MODELGATE_INVENTORY. The inventory
 * is made by the real CLI (dist/cli.js, rebuilt first so it is the code under test) from real
 * check reports of the scratch repositories in tests/e2e/organisation-fixture.ts. Run by the
 * second webServer in playwright.config.ts, before it serves the result; runs on its own too:
 * `npx node tests/setup/organisation-site.ts` in the checkout.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORG_NOW, ORG_SITE_DIR, REPOSITORIES } from '../e2e/organisation-fixture.ts';
import buildCli from './build-cli.ts';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, ORG_SITE_DIR);
const started = performance.now();

// The same build of the catalog and dist/cli.js as the unit tests' setup (its cwd is the checkout).
buildCli();

// Scratch repositories outside the checkout: no git remote, commit or .gitignore of ours applies.
const work = mkdtempSync(path.join(tmpdir(), 'modelgate-org-'));
try {
  // Only what the CLI needs: a CI's variables (GITHUB_REPOSITORY, GITHUB_SHA…) would leak into the reports.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, MODELGATE_NOW: ORG_NOW };
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd: work, env, encoding: 'utf8' });
  for (const repo of REPOSITORIES) {
    const dir = path.join(work, repo.name);
    for (const [rel, text] of Object.entries(repo.files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const r = cli(['check', dir, '--repository', repo.name, '--format', 'json', '--output', path.join(work, 'reports', `${repo.name.replace('/', '-')}.json`), '--quiet']);
    if (r.status !== repo.exitCode) throw new Error(`modelgate check ${repo.name}: exit ${r.status}, expected ${repo.exitCode}\n${r.stderr}`);
  }
  mkdirSync(out, { recursive: true });
  const inventory = path.join(out, 'inventory.json');
  const inv = cli(['inventory', path.join(work, 'reports'), '--format', 'json', '--output', inventory]);
  if (inv.status !== 0) throw new Error(`modelgate inventory: exit ${inv.status}\n${inv.stderr}`);

  // The outDir lies inside the checkout: Astro stages a build whose outDir does not in ./.astro/, shared with other builds.
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: root,
    env: { ...process.env, MODELGATE_INVENTORY: inventory, MODELGATE_SITE_OUT: path.join(out, 'site'), MODELGATE_CACHE_DIR: path.join(out, 'cache') },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`site build with MODELGATE_INVENTORY failed:\n${build.stdout}\n${build.stderr}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stderr.write(`organisation site: ${REPOSITORIES.length} reports → ${path.relative(root, out)}/inventory.json → ${path.relative(root, out)}/site (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
