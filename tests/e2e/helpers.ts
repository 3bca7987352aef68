import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Collects console errors and page errors; call `check()` at the end of a test. */
export function watchConsole(page: Page): { errors: string[]; check: () => void } {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { errors, check: () => expect(errors, 'console errors').toEqual([]) };
}

/** The index's top-level rows: one per family (a family of one endpoint is a plain row). */
export const familyRows = (page: Page) => page.locator('#models > li');
/** One family's row, by family key. */
export const familyRow = (page: Page, key: string) => page.locator(`#models > li[data-family="${key}"]`);
/** Every endpoint row in the list: plain rows and the rows inside family rows (open or not). */
export const rows = (page: Page) => page.locator('#models > li:not(.fam), #models ul.eps > li');
/** Endpoint rows a user sees: rendered, and not inside a closed family. */
export const visibleRows = (page: Page) => page.locator('#models > li:not(.fam), #models details[open] > ul.eps > li');

/** The endpoint count the status line reports (it also reports families). */
export async function shownCount(page: Page): Promise<number> {
  const text = (await page.locator('#result-count').textContent()) ?? '';
  const m = /Showing (?:all )?([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

export async function openFacet(page: Page, title: string): Promise<void> {
  const d = page.locator('.facets details', { has: page.locator('summary', { hasText: title }) });
  if (!(await d.evaluate((el) => (el as HTMLDetailsElement).open))) await d.locator('summary').click();
}

/**
 * Once search is used the list is windowed (the first families, more appended as you scroll):
 * scrolls to the end until all `n` shown endpoint rows are rendered.
 */
export async function renderAll(page: Page, n: number): Promise<void> {
  await expect.poll(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    return visibleRows(page).count();
  }, { intervals: [50] }).toBe(n);
}

/** Model-page hrefs of the endpoint rows a user sees, in order. */
export const shownHrefs = (page: Page) => visibleRows(page).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));

/**
 * What sticks out of the viewport sideways: the page's scroll width, and every rendered element
 * whose right edge is past the viewport, unless an ancestor clips or scrolls it (a scroll
 * container such as `.table-wrap`, which scrolls on its own while the page does not).
 */
export function sideways(page: Page): Promise<{ scrollWidth: number; innerWidth: number; outside: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const contained = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const outside: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > width + 0.5 && !contained(el)) outside.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} (right edge ${Math.round(r.right)} px): ${(el.textContent ?? '').trim().slice(0, 50)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, outside };
  });
}

/**
 * Every axe rule on the whole page; colour contrast, which costs seconds per thousand nodes, on
 * everything but the 1,500-odd repeated list/table rows past the first 60 (same markup, same
 * classes, already covered by the first 60; every badge kind appears among those checked).
 */
export async function axe(page: Page, contrastOnly = false): Promise<void> {
  const repeated = '#models > li:nth-child(n+61), tbody > tr:nth-child(n+61)';
  const all = contrastOnly ? { violations: [] } : await new AxeBuilder({ page }).disableRules(['color-contrast']).analyze();
  const contrast = await new AxeBuilder({ page }).withRules(['color-contrast']).exclude(repeated).analyze();
  const violations = [...all.violations, ...contrast.violations];
  expect(violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Model, licence, legal, stats and Organisation pages ship no JavaScript at all. */
export async function noScripts(page: Page): Promise<void> {
  expect(await page.locator('script').count()).toBe(0);
}
