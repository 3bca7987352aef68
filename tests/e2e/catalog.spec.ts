import { expect, test } from '@playwright/test';
import { familyRows, openFacet, renderAll, rows, shownCount, visibleRows, watchConsole } from './helpers.ts';

test.describe('catalog index', () => {
  test('lists every endpoint server-rendered', async ({ page }) => {
    const c = watchConsole(page);
    const catalog = await (await page.request.get('/catalog.json')).json() as { models: { id: string }[] };
    await page.goto('/');
    await expect(rows(page)).toHaveCount(catalog.models.length);
    await expect(page.locator('#result-count')).toHaveText(`Showing all ${catalog.models.length.toLocaleString('en-US')} endpoints in ${(await familyRows(page).count()).toLocaleString('en-US')} families.`);
    await expect(page.locator('#catalog-search')).toBeVisible();
    c.check();
  });

  test('search narrows results as you type', async ({ page }) => {
    const c = watchConsole(page);
    await page.goto('/');
    const total = await rows(page).count();
    await page.getByRole('searchbox', { name: 'Search models' }).pressSequentially('flux dev');
    await expect(page.locator('#result-count')).toContainText(`of ${total.toLocaleString('en-US')} endpoints`);
    const n = await shownCount(page);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(total);
    await renderAll(page, n);
    await expect(visibleRows(page).locator('code', { hasText: /^fal-ai\/flux\/dev$/ })).toBeVisible();
    // best match first while searching
    await expect(visibleRows(page).first()).toContainText(/flux/i);
    await expect(page.locator('#models > li[data-family="fal-ai/ace-step"]')).toHaveCount(0);
    expect(page.url()).toContain('q=flux+dev');
    c.check();
  });

  test('filters combine (AND across facets, OR within one) with counts', async ({ page }) => {
    const c = watchConsole(page);
    await page.goto('/');
    await openFacet(page, 'Hosted label');
    await page.getByRole('checkbox', { name: /Research only/ }).check();
    await expect(page.locator('#result-count')).toContainText('Showing');
    const research = await shownCount(page);
    expect(research).toBeGreaterThan(0);
    await renderAll(page, research);
    await expect(visibleRows(page).locator('.b-r')).toHaveCount(research);
    await page.getByRole('checkbox', { name: /Commercial use/ }).check();
    await expect.poll(() => shownCount(page)).toBeGreaterThan(research);
    const either = await shownCount(page);
    await openFacet(page, 'Partner API');
    await page.getByRole('checkbox', { name: /^ ?Partner API \(/ }).check();
    await expect.poll(() => shownCount(page)).toBeLessThan(either);
    const combined = await shownCount(page);
    await renderAll(page, combined);
    await expect(visibleRows(page).locator('.b-pa')).toHaveCount(combined);
    expect(await visibleRows(page).locator('.b-u').count()).toBe(0);
    expect(new URL(page.url()).searchParams.getAll('label').sort()).toEqual(['commercial', 'research']);
    expect(new URL(page.url()).searchParams.get('partner')).toBe('yes');
    c.check();
  });

  test('URL state round-trips through reload and back/forward', async ({ page }) => {
    const c = watchConsole(page);
    await page.goto('/?q=kling&sort=name');
    await expect(page.getByRole('searchbox', { name: 'Search models' })).toHaveValue('kling');
    await expect(page.getByLabel('Sort by')).toHaveValue('name');
    await expect(page.locator('#result-count')).toContainText(' of ');
    const kling = await shownCount(page);
    await openFacet(page, 'Hosted label');
    await page.getByRole('checkbox', { name: /Unknown/ }).check();
    await expect.poll(() => page.url()).toContain('label=unknown');
    const filtered = await shownCount(page);
    expect(filtered).toBeLessThanOrEqual(kling);

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search models' })).toHaveValue('kling');
    await expect(page.getByRole('checkbox', { name: /Unknown/ })).toBeChecked();
    await expect.poll(() => shownCount(page)).toBe(filtered);

    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('label=unknown');
    await expect(page.getByRole('checkbox', { name: /Unknown/ })).not.toBeChecked();
    await expect.poll(() => shownCount(page)).toBe(kling);
    await page.goForward();
    await expect(page.getByRole('checkbox', { name: /Unknown/ })).toBeChecked();
    await expect.poll(() => shownCount(page)).toBe(filtered);
    c.check();
  });

  test('sorts by lab and by date observed, families by their first endpoint', async ({ page }) => {
    await page.goto('/');
    /** Per family row shown, the given part of each endpoint's meta line, in order. */
    const perFamily = async (part: (meta: string) => string) => (await page.locator('#models > li').evaluateAll(
      (lis) => lis.map((li) => [...li.querySelectorAll('.m')].map((m) => m.textContent!)),
    )).map((metas) => metas.map(part));
    const ascending = (xs: string[], last: string) => {
      const known = xs.filter((x) => x !== last);
      expect(known).toEqual([...known].sort());
      expect(xs.slice(known.length).every((x) => x === last)).toBe(true);
    };

    await page.getByLabel('Sort by').selectOption('lab');
    await expect.poll(() => page.url()).toContain('sort=lab');
    await expect(page.locator('#models')).toHaveAttribute('data-sort', 'lab');
    const labs = await perFamily((m) => m.split(' · ')[1]!);
    // Some families of several endpoints are among those shown, and some labs are known.
    expect(labs.filter((l) => l.length > 1).length).toBeGreaterThan(0);
    expect(labs.map((l) => l[0]!).filter((x) => x !== 'lab unknown').length).toBeGreaterThan(0);
    // The families stand in the order of their first endpoint; models without a lab come last.
    ascending(labs.map((l) => l[0]!), 'lab unknown');
    for (const l of labs) ascending(l, 'lab unknown');

    await page.getByLabel('Sort by').selectOption('observed');
    await expect(page.locator('#models')).toHaveAttribute('data-sort', 'observed');
    // The day each label was seen (an undated copy's bound); none seen sorts last.
    const dates = await perFamily((m) => /label seen (\d{4}-\d{2}-\d{2})/.exec(m)?.[1] ?? /label seen undated copy \(seen before (\d{4}-\d{2}-\d{2})/.exec(m)?.[1] ?? '');
    const firsts = dates.map((d) => d[0]!);
    expect(firsts).toEqual([...firsts].sort().reverse());
    for (const d of dates) expect(d).toEqual([...d].sort().reverse());
  });

  test('full keyboard use: search, filters, results', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    const box = page.getByRole('searchbox', { name: 'Search models' });
    for (let i = 0; i < 12 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(box).toBeFocused();
    const outline = await box.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('wan');
    await expect(page.locator('#result-count')).toContainText(' of ');
    // to the first facet: sort select, clear button, then the first summary
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Sort by')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.locator('.facets summary').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).toContain('label=');
    const n = await shownCount(page);
    expect(n).toBeGreaterThan(0);
    // into the results: the first shown endpoint's link is reachable by Tab (matching families are open)
    const firstLink = visibleRows(page).first().locator('a');
    await expect(firstLink).toBeVisible();
    await firstLink.focus();
    await expect(firstLink).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/models\//);
  });

  test('without JavaScript the full list is there and readable', async ({ browser }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const catalog = await (await page.request.get('/catalog.json')).json() as { models: unknown[] };
    await page.goto('/?q=flux&label=research');
    await expect(rows(page)).toHaveCount(catalog.models.length);
    await expect(page.locator('#catalog-search')).toBeHidden();
    await expect(familyRows(page).first()).toBeVisible();
    await expect(page.locator('#models > li:visible')).toHaveCount(await familyRows(page).count());
    await ctx.close();
  });
});
