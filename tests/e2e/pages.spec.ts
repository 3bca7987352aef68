import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Model } from '../../src/core/schema/model.ts';
import { hostedFacts } from '../../src/core/facts/hosted.ts';
import { labelEvidence } from '../../src/core/facts/label-evidence.ts';
import { axe, noScripts, watchConsole } from './helpers.ts';

type CompiledModel = Model;
let models: CompiledModel[] = [];
test.beforeAll(async ({ request }) => {
  models = ((await (await request.get('/catalog.json')).json()) as { models: CompiledModel[] }).models;
});

test('a research-only model shows the research badge, its verdict and when the label was observed', async ({ page }) => {
  const c = watchConsole(page);
  const m = models.find((x) => hostedFacts(x).license.value === 'research')!;
  await page.goto(`/models/${m.id}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.name);
  await expect(page.locator('.b-r', { hasText: 'Research only' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /Gate verdict/ })).toContainText('Denied');
  await expect(page.locator('ul.reasons')).toContainText('research-only');
  await expect(page.locator('main')).toContainText(`Hosted label observed ${labelEvidence(hostedFacts(m)).observed}`);
  await expect(page.locator('pre')).toContainText('"waivers"');
  await noScripts(page);
  c.check();
});

test('FLUX.1 [dev]: hosted terms and weights licence side by side, in plain language', async ({ page }) => {
  await page.goto('/models/fal-ai/flux/dev/');
  await expect(page.locator('.meaning')).toContainText('fal holds the rights to serve this commercially; the weights themselves are non-commercial');
  await expect(page.getByRole('heading', { name: 'Hosted terms (calls through fal)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Weights licence (self-hosting)' })).toBeVisible();
  await page.getByRole('link', { name: /FLUX.1 \[dev\] Non-Commercial/ }).first().click();
  await expect(page).toHaveURL(/\/licenses\/LicenseRef-FLUX-1-dev-Non-Commercial\/$/);
  await expect(page.locator('main a[href="/models/fal-ai/flux/dev/"]')).toHaveText('FLUX.1 [dev]');
});

for (const [name, url, scheme] of [
  ['index', '/', 'light'],
  ['index (dark theme)', '/', 'dark'],
  ['the grouped index, searching (families open)', '/?q=image-to-video', 'light'],
  ['the grouped index, searching (families open, dark theme)', '/?q=image-to-video', 'dark'],
  ['a model page', '/models/fal-ai/flux/dev/', 'light'],
  ['a model page whose sources disagree', '/models/fal-ai/xtts/', 'light'],
  ['a model page whose sources disagree (dark theme)', '/models/fal-ai/xtts/', 'dark'],
  ['a model page with family evidence', '/models/fal-ai/qwen-image-edit-2509-lora-gallery/face-to-full-portrait/', 'light'],
  ['a model page with family evidence (dark theme)', '/models/fal-ai/qwen-image-edit-2509-lora-gallery/face-to-full-portrait/', 'dark'],
  ['a licence page', '/licenses/LicenseRef-FLUX-1-dev-Non-Commercial/', 'light'],
  ['the legal page', '/legal/', 'light'],
] as const) {
  test(`axe: no violations on ${name}`, async ({ page }) => {
    test.setTimeout(120_000);
    const c = watchConsole(page);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    if (url === '/') {
      await page.locator('.facets summary').first().click();
      // A family open, with its summary badges and endpoint rows.
      await page.locator('#models > li.fam summary').first().click();
      await expect(page.locator('#models details[open] ul.eps > li').first()).toBeVisible();
    } else if (url.startsWith('/?')) {
      await expect(page.locator('#result-count')).toContainText(' of ');
      await expect(page.locator('#models details[open] ul.eps > li').first()).toBeVisible();
      await expect(page.locator('#models > li.fam.part').first()).toBeVisible();
    } else {
      await noScripts(page);
    }
    // What these pages are here for must be on them (else the check would prove nothing).
    if (url.includes('xtts')) {
      await expect(page.locator('.b-conflict')).toHaveText('Sources disagree');
      await expect(page.locator('.conflict')).toBeVisible();
    }
    if (url.includes('qwen')) {
      await expect(page.locator('.family-evidence')).toBeVisible();
      await expect(page.locator('.table-wrap table.history tbody tr').first()).toBeVisible();
    }
    // The dark theme changes colours only: the other rules ran on the light page.
    await axe(page, scheme === 'dark');
    c.check();
  });
}

test('the legal CSV download holds every model', async ({ page }) => {
  await page.goto('/legal/');
  await expect(page.locator('tbody tr')).toHaveCount(models.length);
  await expect(page.locator('main')).toContainText('npx modelgate report [dir] --format html|markdown|csv|json|cyclonedx');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('modelgate-legal.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const ids = new Set(csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]));
  for (const m of models) expect(ids.has(m.id), m.id).toBe(true);
  expect(ids.size).toBe(models.length);
  const json = await (await page.request.get('/legal.json')).json() as { count: number };
  expect(json.count).toBe(models.length);
});

test('CSP forbids inline scripts; external links are noopener noreferrer; footer links the catalog and its schema', async ({ page, request }) => {
  await page.goto('/models/fal-ai/flux/dev/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  const external = page.locator('a[href^="http"]');
  expect(await external.count()).toBeGreaterThan(0);
  for (const rel of await external.evaluateAll((as) => as.map((a) => a.getAttribute('rel')))) expect(rel).toBe('noopener noreferrer');
  for (const name of ['catalog.json', 'Catalog JSON Schema']) {
    const href = await page.getByRole('contentinfo').getByRole('link', { name }).getAttribute('href');
    const res = await request.get(href!);
    expect(res.ok()).toBe(true);
    expect(await res.json()).toBeTruthy();
  }
  // An inline script injected into the page is refused by the policy.
  const blocked = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    return (window as unknown as { __ran?: boolean }).__ran === true;
  });
  expect(blocked).toBe(false);
});

test('stats page draws SVG charts at build time', async ({ page }) => {
  await page.goto('/stats/');
  await expect(page.locator('svg.chart')).toHaveCount(4);
  await expect(page.locator('svg.chart').first().locator('rect').first()).toBeVisible();
  await noScripts(page);
});
