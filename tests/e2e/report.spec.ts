import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';

/** The legal packet as a reviewer gets it: the HTML report opened and printed in Chromium. */
const PROJECT: Record<string, string> = {
  'src/image.ts': 'import { fal } from "@fal-ai/client";\nexport const a = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\nexport const b = () => fal.subscribe("fal-ai/veo3", { input: {} });\n',
  'src/sticker.py': 'import fal_client\nfal_client.subscribe("fal-ai/stable-cascade", arguments={})\nfal_client.run("fal-ai/totally-unknown-model", arguments={})\n',
  'src/dyn.ts': 'import { fal } from "@fal-ai/client";\nexport const any = (id: string) => fal.run(id, { input: {} });\n',
  'research/proto.ts': 'import { fal } from "@fal-ai/client";\nexport const p = () => fal.subscribe("fal-ai/ltx-video", { input: {} });\n',
  'src/evil.ts': 'import { fal } from "@fal-ai/client";\n// <script>alert(1)</script>\nexport const e = () => fal.run("fal-ai/flux/schnell", { input: { prompt: "<img src=x onerror=alert(1)>" } });\n',
  'modelgate.config.yaml': 'waivers:\n  - model: fal-ai/ltx-video\n    paths: ["research/**"]\n    reason: internal research\n    approvedBy: jane@legal.example\n    approvedOn: "2026-05-01"\n    expires: "2026-12-31"\n',
};
const MODELS = ['fal-ai/flux/dev', 'fal-ai/veo3', 'fal-ai/stable-cascade', 'fal-ai/totally-unknown-model', 'fal-ai/ltx-video', 'fal-ai/flux/schnell'];

test('the HTML report opens without console errors and prints every model to PDF', async ({ page }) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-report-'));
  for (const [rel, text] of Object.entries(PROJECT)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  const html = path.join(dir, 'review.html');
  const node = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
  execFileSync(node, [path.resolve('dist/cli.js'), 'report', dir, '--format', 'html', '--output', html], { env: { ...process.env, MODELGATE_NOW: '2026-06-15T12:00:00Z' } });

  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(pathToFileURL(html).href);
  await expect(page.locator('h1')).toContainText('Model licence review');
  for (const id of MODELS) await expect(page.locator('article', { hasText: id }).first()).toBeVisible();
  // Hostile code lines are shown as text, never run.
  await expect(page.locator('code', { hasText: '<img src=x onerror=alert(1)>' }).first()).toBeVisible();
  expect(await page.locator('script, img').count()).toBe(0);

  await page.emulateMedia({ media: 'print' });
  for (const id of MODELS) await expect(page.locator('article', { hasText: id }).first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(2);
  await writeFile(path.join(dir, 'review.pdf'), pdf);
  expect((await readFile(path.join(dir, 'review.pdf'))).length).toBeGreaterThan(10_000);
  expect(problems).toEqual([]);
});
