import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { buildReports, EVIL_REASON, EVIL_REPO, inventoryHtml } from '../unit/inventory/fixtures.ts';

/**
 * The organisation's inventory as a reviewer gets it: the HTML file opened from disk in
 * Chromium, its tables sorted by mouse and keyboard, checked by axe in both colour schemes,
 * and printed.
 */
let file = '';
test.beforeAll(async () => {
  test.setTimeout(120_000);
  const built = await buildReports();
  file = path.join(await mkdtemp(path.join(os.tmpdir(), 'mg-inv-html-')), 'inventory.html');
  const r = await inventoryHtml(built, file);
  expect(r.code, r.stderr).toBe(1); // --fail-on tripped and the newer catalog made flux/dev stricter
});

/** Opens the file, failing the test on any console error, page error, dialog or request off the disk. */
async function open(page: Page): Promise<() => void> {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Model inventory');
  return () => expect(problems).toEqual([]);
}

const table = (page: Page, name: string) => page.getByRole('table', { name });
const firstColumn = (page: Page, name: string) => table(page, name).locator('tbody tr > th').allTextContents();
const header = (page: Page, tableName: string, column: string) => table(page, tableName).getByRole('columnheader', { name: column });

async function axe(page: Page): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  // Contrast was judged on every text node, not skipped (an empty page would pass too).
  expect(r.passes.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0).toBeGreaterThan(50);
}

test('the inventory opens from disk with its sections, and hostile report text stays text', async ({ page }) => {
  const check = await open(page);
  await expect(page.locator('h2')).toHaveText([
    'Summary', 'Failing the organisation check', 'What the newer catalog changes', 'Models', 'Repositories', 'Dynamic endpoint ids', 'Waivers', 'Superseded reports',
  ]);
  await expect(table(page, 'Repositories').locator('tbody th', { hasText: EVIL_REPO })).toBeVisible();
  await expect(table(page, 'Waivers').getByRole('cell', { name: EVIL_REASON })).toBeVisible();
  // The one script is the page's own sort script; nothing from a report became an element.
  expect(await page.locator('script').count()).toBe(1);
  expect(await page.locator('img, b, main script').count()).toBe(0);
  check();
});

test('a column sorts by click, numerically, and back; aria-sort follows', async ({ page }) => {
  const check = await open(page);
  // The script ran (the CSP let it): it shows the hint that the tables sort.
  await expect(page.locator('.hint')).toBeVisible();
  expect(await firstColumn(page, 'Repositories')).toEqual([EVIL_REPO, 'acme/api', 'acme/web']);
  const calls = header(page, 'Repositories', 'Call sites');
  await expect(calls).not.toHaveAttribute('aria-sort');
  await calls.getByRole('button').click();
  await expect(calls).toHaveAttribute('aria-sort', 'ascending');
  // 2, 3, 10: as numbers (as text, "10" would come first).
  expect(await firstColumn(page, 'Repositories')).toEqual(['acme/api', 'acme/web', EVIL_REPO]);
  await calls.getByRole('button').click();
  await expect(calls).toHaveAttribute('aria-sort', 'descending');
  expect(await firstColumn(page, 'Repositories')).toEqual([EVIL_REPO, 'acme/web', 'acme/api']);
  await expect(page.getByRole('status')).toHaveText('Repositories: sorted by Call sites, descending.');

  // Another column takes over the sort; only one header says how the table is sorted.
  const repo = header(page, 'Repositories', 'Repository');
  await repo.getByRole('button').click();
  await expect(repo).toHaveAttribute('aria-sort', 'ascending');
  await expect(calls).not.toHaveAttribute('aria-sort');
  expect(await firstColumn(page, 'Repositories')).toEqual([EVIL_REPO, 'acme/api', 'acme/web']);
  check();
});

test('a column sorts from the keyboard (Tab to the header button, Enter, then Space)', async ({ page }) => {
  const check = await open(page);
  const ids = () => table(page, 'Models').locator('tbody tr > th code').allTextContents();
  expect(await ids()).toEqual(['fal-ai/flux/dev', 'fal-ai/stable-cascade', 'fal-ai/totally-unknown-model', 'fal-ai/veo3']);
  const label = header(page, 'Models', 'fal label');
  // Reach it by tabbing, as a keyboard user does: the header buttons are in the tab order.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await label.getByRole('button').evaluate((b) => b === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(label).toHaveAttribute('aria-sort', 'ascending');
  // Commercial, then unknown, then research only: by how strict the label is; ties keep their order.
  expect(await ids()).toEqual(['fal-ai/flux/dev', 'fal-ai/veo3', 'fal-ai/totally-unknown-model', 'fal-ai/stable-cascade']);
  await page.keyboard.press('Space');
  await expect(label).toHaveAttribute('aria-sort', 'descending');
  expect(await ids()).toEqual(['fal-ai/stable-cascade', 'fal-ai/totally-unknown-model', 'fal-ai/flux/dev', 'fal-ai/veo3']);
  check();
});

test.describe('with scripts off', () => {
  test.use({ javaScriptEnabled: false });
  test('the tables read in their rendered order, and no hint promises sorting', async ({ page }) => {
    const check = await open(page);
    expect(await firstColumn(page, 'Repositories')).toEqual([EVIL_REPO, 'acme/api', 'acme/web']);
    await expect(page.locator('.hint')).toBeHidden();
    await header(page, 'Repositories', 'Call sites').getByRole('button').click();
    expect(await firstColumn(page, 'Repositories')).toEqual([EVIL_REPO, 'acme/api', 'acme/web']);
    check();
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe (WCAG 2.1 AA): no violations in the ${scheme} colour scheme, sorted or not`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const check = await open(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
    await axe(page);
    await header(page, 'Waivers', 'State').getByRole('button').click();
    await expect(header(page, 'Waivers', 'State')).toHaveAttribute('aria-sort', 'ascending');
    await axe(page);
    check();
  });
}

test('it prints: light colours whatever the scheme, no sort arrows, every row, a PDF', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const check = await open(page);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const colours = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));
  expect(colours).toEqual({ bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)' });
  await expect(page.locator('.arrow').first()).toBeHidden();
  await expect(page.locator('.hint')).toBeHidden();
  for (const name of ['Models', 'Repositories', 'Waivers']) await expect(table(page, name)).toBeVisible();
  // Full text on an A4 page's width (210 mm less Chromium's default margins, at 96 px/in):
  // no table wider than the page, no cell whose content is cut off.
  await page.setViewportSize({ width: 718, height: 1000 });
  const fit = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    clipped: [...document.querySelectorAll('td, th')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
  }));
  expect(fit).toEqual({ page: 718, clipped: [] });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(1);
  check();
});
