import { expect, type Page } from '@playwright/test';

/** Collects console errors and page errors; call `check()` at the end of a test. */
export function watchConsole(page: Page): { errors: string[]; check: () => void } {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { errors, check: () => expect(errors, 'console errors').toEqual([]) };
}

export const rows = (page: Page) => page.locator('#models > li');
export const visibleRows = (page: Page) => page.locator('#models > li:not([hidden])');

/** Waits until the island has applied the current state (the status line reflects a filter). */
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
 * Once search is used the list is windowed (the first rows, more appended as you scroll): scrolls
 * to the end until all `n` shown rows are rendered.
 */
export async function renderAll(page: Page, n: number): Promise<void> {
  await expect.poll(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    return visibleRows(page).count();
  }, { intervals: [50] }).toBe(n);
}
