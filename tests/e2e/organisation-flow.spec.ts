/**
 * Issue #12's acceptance walk, end to end: the three scratch repositories of
 * organisation-fixture.ts (one clean, one calling the research-only fal-ai/stable-cascade, one
 * under a waiver that expires in 10 days) → their three check reports (kept by
 * tests/setup/organisation-site.ts) → the inventory in every format → the site built with it →
 * a stand-in catalog change that names the repositories it hits; and a bad report that stops
 * everything.
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { InventorySchema } from '../../src/core/schema/inventory.ts';
import { cli } from '../unit/gate/helpers.ts';
import { newerCatalog } from '../unit/inventory/org-fixture.ts';
import { ORG_SITE_DIR, WAIVER } from './organisation-fixture.ts';

const REPORTS = path.join(ORG_SITE_DIR, 'reports');
const REPOSITORIES = ['acme/lab', 'acme/prototype', 'acme/web'];

test('three reports → the inventory in every format → the site page; a newer catalog names the repositories it hits', async ({ page }) => {
  expect((await readdir(REPORTS)).sort()).toEqual(['acme__lab.json', 'acme__prototype.json', 'acme__web.json']);
  const out = await mkdtemp(path.join(os.tmpdir(), 'mg-org-walk-'));
  const file = (f: string) => path.join(out, f);
  const run = await cli(['inventory', REPORTS, '--format', 'json', '--output', file('i.json'), '--format', 'html', '--output', file('i.html'), '--format', 'csv', '--output', file('i.csv'), '--format', 'markdown', '--output', file('i.md')]);
  expect([run.code, run.stderr]).toEqual([0, '']);

  // json: the same inventory the site was built with (only the time it was made differs).
  const inv = InventorySchema.parse(JSON.parse(await readFile(file('i.json'), 'utf8')));
  const built = InventorySchema.parse(JSON.parse(await readFile(path.join(ORG_SITE_DIR, 'inventory.json'), 'utf8')));
  expect(inv.repositories.map((r) => r.repository)).toEqual(REPOSITORIES);
  for (const part of ['summary', 'models', 'waivers', 'dynamic'] as const) expect(inv[part], part).toEqual(built[part]);
  expect(inv.summary).toMatchObject({ research: ['fal-ai/stable-cascade'], failingRepositories: 1, waiversExpiring: 1 });

  // csv: one row per repository × endpoint.
  const csv = (await readFile(file('i.csv'), 'utf8')).trimEnd().split('\r\n').slice(1).map((l) => l.split(','));
  expect(csv.map((c) => `${c[0]} ${c[2]} ${c[11]}`)).toEqual([
    'acme/lab fal-ai/flux/dev allowed', 'acme/lab fal-ai/stable-cascade denied', 'acme/prototype fal-ai/stable-cascade denied', 'acme/web fal-ai/flux/dev allowed',
  ]);
  // markdown: what needs a look first.
  const md = await readFile(file('i.md'), 'utf8');
  expect(md).toContain('- **Research only:** `fal-ai/stable-cascade`');
  expect(md).toContain(`| acme/prototype | \`fal-ai/stable-cascade\` | ${WAIVER.approvedBy} | ${WAIVER.expires} | ${WAIVER.state} |`);
  // html: opened as a reviewer opens the file.
  await page.goto(pathToFileURL(file('i.html')).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Model inventory');
  for (const r of REPOSITORIES) await expect(page.locator('table').getByText(r, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(WAIVER.state).first()).toBeVisible();

  // The site built with the inventory.
  await page.goto('/organisation/');
  for (const r of REPOSITORIES) await expect(page.locator('main').getByText(r, { exact: true }).first()).toBeVisible();
  await page.goto('/models/fal-ai/stable-cascade/');
  await expect(page.getByRole('heading', { name: 'Used in 2 repositories' })).toBeVisible();

  // The nightly organisation job: research-only use outside a waiver fails it, naming acme/lab only.
  const nightly = await cli(['inventory', REPORTS, '--fail-on', 'research,unknown,expired-waiver', '--format', 'json', '--output', file('nightly.json')]);
  expect(nightly.code).toBe(1);
  expect(nightly.stderr).toBe('modelgate: --fail-on research: 1 research-only endpoint called by 1 repository: fal-ai/stable-cascade (acme/lab)\n');

  // A stand-in newer catalog in which FLUX.1 [dev] became research-only: who it hits, offline.
  const catalog = await newerCatalog(file('newer-catalog.json'), { 'fal-ai/flux/dev': { label: 'research' } });
  const change = await cli(['inventory', REPORTS, '--catalog', catalog, '--format', 'json', '--output', file('change.json')]);
  expect(change.code).toBe(1);
  expect(change.stderr).toBe(`modelgate: stricter in ${catalog}: fal-ai/flux/dev: commercial → research-only — called by 2 repositories: acme/lab (src/app.ts:3), acme/web (src/app.ts:3)\n`);
  expect(change.stderr).not.toContain('acme/prototype');
});

test('a bad report among good ones: exit 2 naming it, and nothing is written', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-org-bad-'));
  await cp(REPORTS, path.join(dir, 'reports'), { recursive: true });
  const good = JSON.parse(await readFile(path.join(REPORTS, 'acme__web.json'), 'utf8'));
  await writeFile(path.join(dir, 'reports', 'broken.json'), JSON.stringify({ ...good, exitCode: 7 }, null, 2));
  const run = await cli(['inventory', path.join(dir, 'reports'), '--format', 'json', '--output', path.join(dir, 'out', 'i.json'), '--format', 'html', '--output', path.join(dir, 'out', 'i.html')]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(new RegExp(`^modelgate: ${path.join(dir, 'reports', 'broken.json')}:\\d+: exitCode: not a modelgate check report: `));
  expect(run.stdout).toBe('');
  expect(await readdir(dir)).toEqual(['reports']);
});
