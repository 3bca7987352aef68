import Fuse from 'fuse.js';
import { expect, test, type Page } from '@playwright/test';
import type { Model } from '../../src/core/schema/model.ts';
import { familyOf } from '../../src/core/facts/family.ts';
import { hostedFacts } from '../../src/core/facts/hosted.ts';
import { FUSE_OPTIONS, type SearchData } from '../../src/core/site/search.ts';
import { familyRow, familyRows, openFacet, renderAll, rows, shownCount, shownHrefs, sideways, visibleRows, watchConsole } from './helpers.ts';

/** The index groups endpoints into families (src/core/facts/family.ts): one row each, opening to its endpoints. */
let models: Model[] = [];
let families = new Map<string, Model[]>();
test.beforeAll(async ({ request }) => {
  models = ((await (await request.get('/catalog.json')).json()) as { models: Model[] }).models;
  families = new Map();
  for (const m of models) {
    const k = familyOf(m).key;
    families.set(k, [...(families.get(k) ?? []), m]);
  }
});

const href = (m: Model) => `/models/${m.id}/`;
const sameSet = (a: readonly string[], b: readonly string[]) => expect([...a].sort()).toEqual([...b].sort());

/** The endpoints the search box finds for `q`, as the island decides it (Fuse over the served index). */
async function searchIds(page: Page, q: string): Promise<string[]> {
  const data = (await (await page.request.get('/search-index.json')).json()) as SearchData;
  const fuse = new Fuse(Array.from({ length: data.n }, (_, i) => i), FUSE_OPTIONS as never, Fuse.parseIndex(data.index as never));
  const idKey = String(data.index.keys.findIndex((k) => (typeof k === 'string' ? k : (k as { id?: string }).id) === 'id'));
  const records = data.index.records as { i: number; $: Record<string, { v: string }> }[];
  const idOf = new Map(records.map((r) => [r.i, r.$[idKey]!.v]));
  return fuse.search(q).map((r) => idOf.get(r.refIndex)!);
}

test('a family is one row that opens to its endpoints, each linking to its model page', async ({ page }) => {
  const c = watchConsole(page);
  const members = families.get('fal-ai/ace-step')!;
  expect(members.length).toBeGreaterThan(1);
  await page.goto('/');
  const row = familyRow(page, 'fal-ai/ace-step');
  await expect(row).toHaveCount(1);
  // One row, not one per endpoint: no other top-level row carries the family.
  await expect(familyRows(page).filter({ hasText: 'ACE-Step' })).toHaveCount(1);
  const summary = row.locator('summary');
  await expect(summary).toContainText('ACE-Step');
  await expect(summary).toContainText(`${members.length} endpoints`);
  const commercial = members.filter((m) => hostedFacts(m).license.value === 'commercial').length;
  await expect(summary.locator('.b-c')).toHaveText(`✓ ${commercial} Commercial use`);
  // Closed until asked: the endpoints are in the page, not shown.
  const links = row.locator('ul.eps > li > a');
  await expect(links).toHaveCount(members.length);
  await expect(links.first()).toBeHidden();
  await summary.click();
  for (const m of members) await expect(row.locator(`ul.eps > li > a[href="${href(m)}"]`)).toBeVisible();
  // Endpoints by name, then id.
  const inOrder = [...members].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  await expect(row.locator('ul.eps > li code')).toHaveText(inOrder.map((m) => m.id));
  const target = members.find((m) => m.id !== 'fal-ai/ace-step')!;
  await row.locator(`a[href="${href(target)}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${href(target)}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.name);
  c.check();
});

test('a search that matches some endpoints of a family shows that family with only those, and says how many', async ({ page }) => {
  const c = watchConsole(page);
  const q = 'v2.1/master';
  const found = await searchIds(page, q);
  const byFamily = new Map<string, string[]>();
  for (const id of found) {
    const k = familyOf(models.find((m) => m.id === id)!).key;
    byFamily.set(k, [...(byFamily.get(k) ?? []), id]);
  }
  // The query finds a few endpoints of one big family (Kling), not all of them.
  const [key, ids] = [...byFamily].find(([k, v]) => v.length < families.get(k)!.length && families.get(k)!.length > 1)!;
  expect(key).toBe('fal-ai/kling-video');
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search models' }).fill(q);
  await expect(page.locator('#result-count')).toHaveText(
    `Showing ${found.length} of ${models.length.toLocaleString('en-US')} endpoints, in ${byFamily.size} of ${families.size} families.`,
  );
  const row = familyRow(page, key);
  await expect(row.locator('summary .fc')).toHaveText(`${ids.length} of ${families.get(key)!.length} endpoints match`);
  await expect(row.locator('details')).toHaveAttribute('open', '');
  sameSet(await row.locator('ul.eps > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)), ids.map((id) => `/models/${id}/`));
  await renderAll(page, found.length);
  sameSet(await shownHrefs(page), found.map((id) => `/models/${id}/`));
  // Clearing the search closes the families again, each with all its endpoints.
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.locator('#result-count')).toContainText('Showing all');
  await expect(familyRows(page).first()).toBeVisible();
  await expect(page.locator('#models details[open]')).toHaveCount(0);
  const first = page.locator('#models > li.fam').first();
  const size = families.get((await first.getAttribute('data-family'))!)!.length;
  await expect(first.locator('summary .fc')).toHaveText(`${size} endpoints`);
  await expect(first.locator('ul.eps > li')).toHaveCount(size);
  c.check();
});

test('facets filter the endpoints inside families', async ({ page }) => {
  const c = watchConsole(page);
  const kling = families.get('fal-ai/kling-video')!;
  const unknown = kling.filter((m) => hostedFacts(m).license.value === 'unknown');
  expect(unknown.length).toBeGreaterThan(0);
  expect(unknown.length).toBeLessThan(kling.length);
  const allUnknown = models.filter((m) => hostedFacts(m).license.value === 'unknown');
  const unknownFamilies = new Set(allUnknown.map((m) => familyOf(m).key));
  await page.goto('/');
  await openFacet(page, 'Hosted label');
  await page.getByRole('checkbox', { name: /Unknown/ }).check();
  await expect(page.locator('#result-count')).toHaveText(
    `Showing ${allUnknown.length.toLocaleString('en-US')} of ${models.length.toLocaleString('en-US')} endpoints, in ${unknownFamilies.size} of ${families.size} families.`,
  );
  await renderAll(page, allUnknown.length);
  // Families without an unknown endpoint (ACE-Step is all Commercial use) are gone; Kling shows only its unknown ones.
  await expect(familyRow(page, 'fal-ai/ace-step')).toHaveCount(0);
  const row = familyRow(page, 'fal-ai/kling-video');
  await expect(row.locator('summary .fc')).toHaveText(`${unknown.length} of ${kling.length} endpoints match`);
  sameSet(await row.locator('ul.eps > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)), unknown.map(href));
  await expect(row.locator('ul.eps > li .b-u')).toHaveCount(unknown.length);
  await expect(visibleRows(page).locator('.b-c, .b-r, .b-p')).toHaveCount(0);
  sameSet(await shownHrefs(page), allUnknown.map(href));
  expect(new Set(await familyRows(page).evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.family!)))).toEqual(unknownFamilies);
  c.check();
});

test('URL state restores the same grouped view on reload and in a new tab', async ({ page, context }) => {
  const c = watchConsole(page);
  const url = '/?q=kling&label=unknown&sort=observed';
  await page.goto(url);
  await expect(page.locator('#result-count')).toContainText(' of ');
  const n = await shownCount(page);
  expect(n).toBeGreaterThan(0);
  await renderAll(page, n);
  const before = await shownHrefs(page);
  const status = await page.locator('#result-count').textContent();
  const counts = await page.locator('#models > li.fam summary .fc').allTextContents();
  expect(counts.length).toBeGreaterThan(0);
  for (const t of counts) expect(t).toMatch(/^\d+ of \d+ endpoints match$/);

  await page.reload();
  await expect(page.getByLabel('Sort by')).toHaveValue('observed');
  await expect.poll(() => shownCount(page)).toBe(n);
  await renderAll(page, n);
  expect(await shownHrefs(page)).toEqual(before);

  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.locator('#result-count')).toHaveText(status!);
  await renderAll(other, n);
  expect(await shownHrefs(other)).toEqual(before);
  expect(await other.locator('#models > li.fam summary .fc').allTextContents()).toEqual(counts);
  await other.close();
  c.check();
});

test('without JavaScript every family and every endpoint link is in the page, and families open', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/?q=kling');
  await expect(page.locator('#catalog-search')).toBeHidden();
  const keys = await familyRows(page).evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.family!));
  expect(keys.length).toBe(families.size);
  expect(new Set(keys)).toEqual(new Set(families.keys()));
  await expect(page.locator('#models > li:visible')).toHaveCount(families.size);
  const links = await rows(page).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(links.length).toBe(models.length);
  sameSet(links, models.map(href));
  // A family of several endpoints is a <details>: it opens without any script.
  const row = familyRow(page, 'fal-ai/kling-video');
  await expect(row.locator('summary')).toContainText(`${families.get('fal-ai/kling-video')!.length} endpoints`);
  await row.locator('summary').click();
  await expect(row.locator('ul.eps > li > a')).toHaveCount(families.get('fal-ai/kling-video')!.length);
  for (const a of await row.locator('ul.eps > li > a').all()) await expect(a).toBeVisible();
  await ctx.close();
});

test('keyboard: Tab reaches a family, Enter and Space open and close it, its links are reachable', async ({ page }) => {
  // The search data arrives only once the keyboard is in the list: the list it then rearranges keeps the focus.
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route('**/search-index.json', async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await page.getByRole('button', { name: 'Clear all' }).focus();
  const firstFamily = page.locator('#models > li.fam').first();
  const summary = firstFamily.locator('summary');
  // Past the facets and the plain rows before it, by Tab alone.
  for (let i = 0; i < 60 && !(await summary.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(summary).toBeFocused();
  release();
  // The list is windowed now (a spacer follows it).
  await expect(page.locator('#models + div[aria-hidden="true"]')).toHaveCount(1);
  await expect(summary).toBeFocused();
  expect(await summary.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  const details = firstFamily.locator('details');
  await expect(details).not.toHaveAttribute('open');
  await page.keyboard.press('Enter');
  await expect(details).toHaveAttribute('open', '');
  await page.keyboard.press('Tab');
  const first = firstFamily.locator('ul.eps > li > a').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(summary).toBeFocused();
  await page.keyboard.press('Space');
  await expect(details).not.toHaveAttribute('open');
  await page.keyboard.press('Space');
  await expect(details).toHaveAttribute('open', '');
  await page.keyboard.press('Tab');
  const target = await first.getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${target}$`));
});

test('a family the user closed while searching stays closed as they type on', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox', { name: 'Search models' });
  await box.fill('kling');
  const row = familyRow(page, 'fal-ai/kling-video');
  await expect(row.locator('details')).toHaveAttribute('open', '');
  await row.locator('summary').click();
  await expect(row.locator('details')).not.toHaveAttribute('open');
  await box.press('End');
  await box.pressSequentially(' v');
  await expect(page).toHaveURL(/q=kling\+v/);
  await expect(row.locator('summary .fc')).toHaveText(/^\d+ of \d+ endpoints match$/);
  await expect(row.locator('details')).not.toHaveAttribute('open');
});

for (const [name, url] of [
  ['the index', '/'],
  ['a model page with a long id and the label history', '/models/fal-ai/kling-video/v2.1/master/image-to-video/'],
  ['a model page with a longer id and family evidence', '/models/fal-ai/qwen-image-edit-2509-lora-gallery/face-to-full-portrait/'],
] as const) {
  test(`phone width (390 × 844): nothing on ${name} scrolls sideways`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    const check = async () => {
      const r = await sideways(page);
      expect(r.outside).toEqual([]);
      expect(r.scrollWidth).toBeLessThanOrEqual(r.innerWidth);
    };
    if (url === '/') {
      await expect(page.locator('#catalog-search')).toBeVisible();
      await check();
      // A family with long ids, open (before the form is used, every row is in the page).
      const kling = familyRow(page, 'fal-ai/kling-video');
      await kling.locator('summary').click();
      await expect(kling.locator('ul.eps > li').first()).toBeVisible();
      await check();
      // The widest facet open.
      await openFacet(page, 'Category');
      await expect(page.getByRole('group', { name: 'Category' })).toBeVisible();
      await check();
      // Searching opens the matching families.
      await page.getByRole('searchbox', { name: 'Search models' }).fill('kling image-to-video');
      await expect(page.locator('#result-count')).toContainText(' of ');
      await expect(page.locator('#models details[open] ul.eps > li').first()).toBeVisible();
      await check();
    } else {
      // The label history is wider than a phone: it scrolls inside its own focusable region.
      const wrap = page.locator('.table-wrap', { has: page.locator('table.history') });
      await expect(wrap).toHaveAttribute('tabindex', '0');
      await expect(wrap).toHaveAttribute('role', 'region');
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await check();
    }
  });
}
