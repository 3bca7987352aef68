/**
 * Hostile content renders inert: builds the site once against tests/fixtures/xss-content (a model
 * whose every text field and Markdown body carries <script>, on*= handlers and javascript: URLs)
 * into a temporary folder, then checks the HTML and loads the pages in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'modelgate-xss-'));
const out = path.join(tmp, 'site');

beforeAll(() => {
  const r = spawnSync('npm', ['exec', '--', 'astro', 'build', '--silent'], {
    cwd: root,
    env: { ...process.env, MODELGATE_CONTENT_DIR: path.join(root, 'tests/fixtures/xss-content'), MODELGATE_SITE_OUT: out, MODELGATE_CACHE_DIR: path.join(tmp, 'cache') },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`fixture build failed:\n${r.stdout}\n${r.stderr}`);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const page = (p: string) => readFileSync(path.join(out, p), 'utf8');
/**
 * Start tags in the HTML (what the browser turns into elements), with quoted attribute values
 * blanked: a `<` inside a quoted value is text, not markup.
 */
const tags = (html: string) =>
  (html.match(/<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>/g) ?? []).map((t) => t.replace(/"[^"]*"|'[^']*'/g, '""'));

describe('hostile content in content/', () => {
  it('builds the fixture model page', () => {
    expect(existsSync(path.join(out, 'models/evil/xss-model/index.html'))).toBe(true);
  });

  for (const p of ['models/evil/xss-model/index.html', 'index.html', 'legal/index.html', 'licenses/MIT/index.html']) {
    it(`${p}: no content-made script, handler, frame or javascript: URL`, () => {
      const html = page(p);
      const t = tags(html);
      const scripts = (html.match(/<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>/g) ?? []).filter((x) => /^<script\b/i.test(x));
      expect(scripts.filter((x) => !/^<script type="module" src="\/_astro\/[\w.-]+\.js">$/.test(x))).toEqual([]);
      expect(t.filter((x) => /\son[a-z]+\s*=/i.test(x))).toEqual([]);
      expect(t.filter((x) => /^<(iframe|svg|img|object|embed)\b/i.test(x))).toEqual([]);
      expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    });
  }

  it('the index groups the hostile family into one row, its name and key escaped', () => {
    const html = page('index.html');
    // In a quoted attribute `<` is text; only the quote and & need escaping there.
    expect(html).toContain('<li class="fam" data-family="group:<img src=x onerror=alert(1)>"><details><summary><span class="fn">&lt;img src=x onerror=alert(1)&gt;</span><code>group:&lt;img src=x onerror=alert(1)&gt;</code><span class="fc">2 endpoints</span>');
    expect(html).toContain('&lt;script&gt;window.__pwned=&#39;family&#39;&lt;/script&gt; Sub');
  });

  it('shows the hostile text escaped, as text', () => {
    const html = page('models/evil/xss-model/index.html');
    expect(html).toContain('&lt;script&gt;window.__pwned=');
    expect(html).toContain('&lt;img src=x onerror=');
    // The Markdown notes' raw HTML is kept as visible text, not markup.
    expect(html).toMatch(/&lt;div onclick=(&quot;|")alert\(1\)(&quot;|")&gt;block html/);
    expect(html).toContain('href="https://example.com/" rel="noopener noreferrer"');
  });

  it('runs nothing in Chromium', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    try {
      const ctx = await browser.newContext();
      const dialogs: string[] = [];
      const pw = await ctx.newPage();
      pw.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      for (const p of ['models/evil/xss-model/index.html', 'index.html']) {
        await pw.goto(pathToFileURL(path.join(out, p)).href);
        await pw.waitForTimeout(200);
        expect(await pw.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
        expect(await pw.locator('main img, main iframe, main [onerror], main [onclick]').count()).toBe(0);
      }
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
