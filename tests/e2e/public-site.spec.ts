/**
 * Without MODELGATE_INVENTORY the site is the public catalog: no Organisation page, no link to
 * one, and no empty "Used in" section on model pages (the organisation variant is
 * organisation.spec.ts).
 */
import { expect, test } from '@playwright/test';

test('without an inventory there is no Organisation page, no nav link to it, and no "Used in" section', async ({ page }) => {
  const res = await page.goto('/organisation/');
  expect(res?.status()).toBe(404);
  for (const url of ['/', '/models/fal-ai/stable-cascade/', '/models/fal-ai/flux/dev/']) {
    await page.goto(url);
    await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link')).toHaveText(['Models', 'Licences', 'Legal review', 'Stats']);
    await expect(page.locator('main')).not.toContainText(/Used in|Not used in any repository|inventory/);
    await expect(page.locator('#use-h')).toHaveCount(0);
  }
});
