/**
 * The site built with MODELGATE_INVENTORY (project `organisation` in playwright.config.ts): an
 * inventory the real CLI made from the check reports of the repositories in
 * organisation-fixture.ts. acme/web calls FLUX.1 [dev]; acme/lab calls it and the research-only
 * fal-ai/stable-cascade (its gate fails); acme/prototype calls stable-cascade twice under a
 * waiver that expires in 10 days.
 */
import { expect, test, type Page } from '@playwright/test';
import { axe, noScripts, sideways, watchConsole } from './helpers.ts';
import { WAIVER } from './organisation-fixture.ts';

const ORG = '/organisation/';
const CASCADE = '/models/fal-ai/stable-cascade/';

/** A table's body rows as the text a reader sees in their cells (line breaks as spaces). */
const cells = (page: Page, table: string) =>
  page.getByRole('region', { name: table }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));

test('the Organisation page: each repository with its gate result and call sites by verdict', async ({ page }) => {
  const c = watchConsole(page);
  await page.goto(ORG);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisation: models in use');
  await expect(page.locator('main')).toContainText('Merged from 3 check reports, the newest of each repository, on 2026-06-15.');
  // Repository, gate, failing, allowed, review, denied, dynamic, waivers, endpoints.
  expect(await cells(page, 'Repositories table')).toEqual([
    ['acme/lab', '✕ fails', '1', '1', '0', '1', '0', '0', '2'],
    ['acme/prototype', '✓ passes', '0', '0', '0', '2', '0', '1', '1'],
    ['acme/web', '✓ passes', '0', '1', '0', '0', '0', '0', '1'],
  ]);
  await noScripts(page);
  c.check();
});

test('the Organisation page: the expiring waiver, research-only use and the models by use, linked to their pages', async ({ page }) => {
  await page.goto(ORG);
  expect(await cells(page, 'Expired and expiring waivers table')).toEqual([
    ['acme/prototype', 'fal-ai/stable-cascade (2 call sites)', WAIVER.approvedBy, WAIVER.expires, WAIVER.state, 'internal prototype, outputs never published'],
  ]);
  const attention = page.locator('section', { has: page.getByRole('heading', { name: 'Research-only, private and unknown use' }) });
  await expect(attention.getByRole('listitem')).toHaveText(['fal-ai/stable-cascade: acme/lab (1 call site, denied, 1 failing); acme/prototype (2 call sites, denied, 2 waived)']);
  await expect(attention.getByRole('heading', { level: 3 })).toHaveText(['Research only', 'Private', 'Unknown label or not in the catalog']);
  // Model, fal label, Partner, repositories, call sites, failing; the most repositories first.
  const models = await cells(page, 'Models by use table');
  expect(models).toEqual([
    ['Stable Cascade fal-ai/stable-cascade', '✕ Research only', 'fal-hosted', '2: acme/lab, acme/prototype', '3', '1'],
    ['FLUX.1 [dev] fal-ai/flux/dev', '✓ Commercial use', 'fal-hosted', '2: acme/lab, acme/web', '2', '0'],
  ]);
  await page.getByRole('region', { name: 'Models by use table' }).getByRole('link', { name: 'Stable Cascade' }).click();
  await expect(page).toHaveURL(new RegExp(`${CASCADE}$`));
});

test('a model page says which repositories use it: call sites, verdict and status, first call site, waivers', async ({ page }) => {
  const c = watchConsole(page);
  await page.goto(CASCADE);
  await expect(page.getByRole('heading', { level: 2, name: 'Used in 2 repositories' })).toBeVisible();
  expect(await cells(page, 'Repositories using this model')).toEqual([
    ['acme/lab', '1', 'denied, 1 failing', 'src/sticker.ts:4', 'none'],
    ['acme/prototype', '2', 'denied, 2 waived', 'src/again.ts:4', `approved by ${WAIVER.approvedBy}, expires ${WAIVER.expires} (${WAIVER.state})`],
  ]);
  await noScripts(page);
  await page.getByRole('link', { name: 'organisation’s inventory' }).click();
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
  c.check();
});

test('a model no repository uses says so; the nav links the Organisation page', async ({ page }) => {
  await page.goto('/models/fal-ai/flux/schnell/');
  await expect(page.getByRole('heading', { level: 2, name: 'Not used in any repository of the inventory' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Repositories using this model' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Organisation' }).click();
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
});

for (const [name, url] of [['the Organisation page', ORG], ['a model page with its use', CASCADE]] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: no violations on ${name}${scheme === 'dark' ? ' (dark theme)' : ''}`, async ({ page }) => {
      const c = watchConsole(page);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      await expect(page.locator('main table').first()).toBeVisible();
      // The dark theme changes colours only: the other rules ran on the light page.
      await axe(page, scheme === 'dark');
      c.check();
    });
  }

  test(`phone width (390 × 844): nothing on ${name} scrolls sideways`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    await expect(page.locator('main table').first()).toBeVisible();
    const r = await sideways(page);
    expect(r.outside).toEqual([]);
    expect(r.scrollWidth).toBeLessThanOrEqual(r.innerWidth);
  });
}
