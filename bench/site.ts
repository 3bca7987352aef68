/**
 * Site benchmark (npm run bench:site). In one run, on this machine:
 *  1. builds the site for the bundled catalog and for a generated 10,000-model catalog, and a bare
 *     Astro project with the same number of trivial pages (the framework floor), measuring wall
 *     time and peak RSS (GNU time's "Maximum resident set size": the largest single process);
 *  2. times search in Chromium over the 10,000-model build, typing each query key by key;
 *  3. reports the serialized index size (raw/gzip) and page weights (HTML+CSS+JS, gzip).
 * Figures go to stdout and bench/out/site.json. Nothing here touches the network beyond 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { loadContentDir } from '../src/core/content/load.ts';
import { serializeEntry } from '../src/core/content/write.ts';
import { ModelSchema } from '../src/core/schema/model.ts';

const root = path.resolve(import.meta.dirname, '..');
/** BENCH_TMP: work in (and keep) this folder instead of a fresh temporary one. */
const keep = Boolean(process.env.BENCH_TMP);
const tmp = process.env.BENCH_TMP ? (mkdirSync(process.env.BENCH_TMP, { recursive: true }), process.env.BENCH_TMP) : mkdtempSync(path.join(tmpdir(), 'modelgate-bench-'));
const N_BIG = Number(process.env.BENCH_MODELS ?? 10_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Synthetic but schema-valid models: real entries cloned under new ids, names and tags varied. */
async function generateContent(n: number): Promise<string> {
  const dir = path.join(tmp, `content-${n}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(root, 'content/licenses'), path.join(dir, 'licenses'), { recursive: true });
  const { models, problems } = await loadContentDir(path.join(root, 'content'));
  if (problems.length) throw new Error('content has problems');
  for (let i = 0; i < n; i++) {
    const t = models[i % models.length]!.data;
    const [owner, ...rest] = t.id.split('/');
    const id = `${owner}-b${Math.floor(i / models.length)}/${rest.join('/')}`;
    const data = { ...t, id, name: i < models.length ? t.name : `${t.name} v${Math.floor(i / models.length)}`, aliases: [] };
    const file = path.join(dir, 'models', `${id}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, serializeEntry(ModelSchema, data, ''));
  }
  return dir;
}

/** A bare Astro project rendering `pages` trivial pages, using this repo's astro. */
function floorProject(pages: number): string {
  const dir = path.join(tmp, `floor-${pages}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src/pages/p'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"floor","type":"module","private":true}\n');
  writeFileSync(path.join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ devToolbar: { enabled: false } });\n");
  writeFileSync(path.join(dir, 'src/pages/index.astro'), '<html lang="en"><head><title>floor</title></head><body><h1>floor</h1></body></html>\n');
  writeFileSync(
    path.join(dir, 'src/pages/p/[n].astro'),
    `---\nexport function getStaticPaths() { return Array.from({ length: ${pages - 1} }, (_, n) => ({ params: { n: String(n) } })); }\nconst { n } = Astro.params;\n---\n<html lang="en"><head><title>Page {n}</title></head><body><h1>Page {n}</h1><p>Trivial page {n}.</p></body></html>\n`,
  );
  return dir;
}

interface BuildResult { label: string; pages: number; seconds: number; peakRssMb: number }

function timedBuild(label: string, cwd: string, env: Record<string, string>): BuildResult {
  const astroBin = path.join(root, 'node_modules/.bin/astro');
  const nodeBin = path.join(root, 'node_modules/.bin/node');
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', nodeBin, astroBin, 'build'], { cwd, env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${label} build failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const pages = Number(/(\d+) page\(s\) built/.exec(r.stdout + r.stderr)?.[1] ?? NaN);
  log(`${label}: ${pages} pages, ${seconds.toFixed(1)} s, ${rss.toFixed(0)} MB`);
  return { label, pages, seconds, peakRssMb: rss };
}

function siteBuild(label: string, contentDir: string, out: string): BuildResult {
  return timedBuild(label, root, { MODELGATE_CONTENT_DIR: contentDir, MODELGATE_SITE_OUT: out, MODELGATE_CACHE_DIR: path.join(tmp, `cache-${path.basename(out)}`) });
}

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** HTML + its stylesheets + its module scripts (and what those import), gzip each. */
function pageWeight(out: string, page: string, extraJs: string[] = []): { html: number; css: number; js: number; total: number } {
  const html = readFileSync(path.join(out, page));
  const css = [...html.toString().matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => gz(readFileSync(path.join(out, m[1]!))));
  const js = [...html.toString().matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!).concat(extraJs).map((f) => gz(readFileSync(path.join(out, f))));
  const r = { html: gz(html), css: css.reduce((a, b) => a + b, 0), js: js.reduce((a, b) => a + b, 0), total: 0 };
  r.total = r.html + r.css + r.js;
  return r;
}

async function searchTimings(out: string): Promise<{ queries: string[]; keystrokes: number; jsMedian: number; jsP95: number; frameMedian: number; frameP95: number }> {
  const port = 4399;
  const server = spawn(path.join(root, 'node_modules/.bin/node'), [path.join(root, 'node_modules/.bin/astro'), 'preview', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: root, env: { ...process.env, MODELGATE_SITE_OUT: out }, stdio: 'ignore',
  });
  // Closed on failure too: an open browser would keep the process alive.
  let browser: Browser | undefined;
  try {
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const box = page.getByRole('searchbox', { name: 'Search models' });
    // Listen before focusing: the focus starts the fetch, and a fast response would be missed.
    const indexLoaded = page.waitForResponse((r) => r.url().endsWith('/search-index.json'));
    await box.focus();
    await indexLoaded;
    await page.waitForTimeout(500);
    // Keystroke-to-frame: from the input event to the first task after the next animation frame.
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[] };
      w.__frames = [];
      document.addEventListener('input', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => w.__frames.push(performance.now() - t0)));
      }, true);
    });
    const queries = ['flux', 'flux dev', 'kling video', 'stable diffusion', 'wan 2.2', 'apache', 'research', 'llama', 'image-to-video', 'black-forest-labs', 'minimax', 'ltx', 'upscale', 'qwen image edit', 'bytedance seedream'];
    // Warm-up query, not counted.
    await box.pressSequentially('warm');
    await box.fill('');
    await page.evaluate(() => { performance.clearMeasures('mg-query'); (window as unknown as { __frames: number[] }).__frames = []; });
    let keystrokes = 0;
    for (const q of queries) {
      for (const ch of q) {
        const before = await page.evaluate(() => performance.getEntriesByName('mg-query').length);
        await page.keyboard.type(ch);
        keystrokes++;
        await page.waitForFunction((n) => performance.getEntriesByName('mg-query').length > n && (window as unknown as { __frames: number[] }).__frames.length >= performance.getEntriesByName('mg-query').length, before);
      }
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(50);
      // The clearing keystroke is not a typed query.
      await page.evaluate((k) => {
        const w = window as unknown as { __frames: number[] };
        const m = performance.getEntriesByName('mg-query');
        (w as unknown as { __keep: number[] }).__keep = [...((w as unknown as { __keep?: number[] }).__keep ?? []), ...m.slice(0, k).map((e) => e.duration)];
        (w as unknown as { __keepF: number[] }).__keepF = [...((w as unknown as { __keepF?: number[] }).__keepF ?? []), ...w.__frames.slice(0, k)];
        performance.clearMeasures('mg-query');
        w.__frames = [];
      }, q.length);
    }
    const { js, frames } = await page.evaluate(() => ({ js: (window as unknown as { __keep: number[] }).__keep, frames: (window as unknown as { __keepF: number[] }).__keepF }));
    const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };
    return { queries, keystrokes, jsMedian: pct(js, 50), jsP95: pct(js, 95), frameMedian: pct(frames, 50), frameP95: pct(frames, 95) };
  } finally {
    await browser?.close();
    server.kill();
  }
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time: apt-get install -y time');
  log(`bench: temp folder ${tmp}`);
  const spawnCatalog = spawnSync(path.join(root, 'node_modules/.bin/node'), ['scripts/compile-catalog.ts'], { cwd: root, encoding: 'utf8' });
  if (spawnCatalog.status !== 0) throw new Error(spawnCatalog.stderr);
  const bigContent = await generateContent(N_BIG);
  const bundledCount = readdirSync(path.join(root, 'content/models'), { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
  const outSmall = path.join(tmp, 'out-bundled');
  const outBig = path.join(tmp, 'out-big');
  const builds: { site: BuildResult; floor: BuildResult }[] = [];
  for (const [label, content, out] of [[`site, bundled (${bundledCount} models)`, path.join(root, 'content'), outSmall], [`site, generated (${N_BIG} models)`, bigContent, outBig]] as const) {
    const site = siteBuild(label, content, out);
    const floor = timedBuild(`bare Astro, ${site.pages} trivial pages`, floorProject(site.pages), {});
    builds.push({ site, floor });
  }
  const idxSmall = readFileSync(path.join(outSmall, 'search-index.json'));
  const idxBig = readFileSync(path.join(outBig, 'search-index.json'));
  const islandJs = (out: string) => readdirSync(path.join(out, '_astro')).filter((f) => f.endsWith('.js')).map((f) => `/_astro/${f}`);
  const weights = {
    indexBundled: pageWeight(outSmall, 'index.html'),
    indexBundledWithSearch: pageWeight(outSmall, 'index.html', islandJs(outSmall).filter((f) => f.includes('fuse'))),
    indexBig: pageWeight(outBig, 'index.html'),
    modelPage: pageWeight(outSmall, 'models/fal-ai/flux/dev/index.html'),
  };
  const search = await searchTimings(outBig);

  const lines: string[] = [];
  lines.push('| build | pages | wall time | peak RSS | floor wall time | floor peak RSS | time ratio | RSS ratio |', '|---|---|---|---|---|---|---|---|');
  for (const { site, floor } of builds) {
    lines.push(`| ${site.label} | ${site.pages} | ${site.seconds.toFixed(1)} s | ${site.peakRssMb.toFixed(0)} MB | ${floor.seconds.toFixed(1)} s | ${floor.peakRssMb.toFixed(0)} MB | ${(site.seconds / floor.seconds).toFixed(2)}× | ${(site.peakRssMb / floor.peakRssMb).toFixed(2)}× |`);
  }
  lines.push('', '| search (Chromium, 10,000 models) | value |', '|---|---|');
  lines.push(`| typed queries / keystrokes | ${search.queries.length} / ${search.keystrokes} |`);
  lines.push(`| per keystroke, search+filter+DOM update (JS): median / p95 | ${search.jsMedian.toFixed(1)} ms / ${search.jsP95.toFixed(1)} ms |`);
  lines.push(`| per keystroke, input event to next frame: median / p95 | ${search.frameMedian.toFixed(1)} ms / ${search.frameP95.toFixed(1)} ms |`);
  lines.push(`| serialized index, ${bundledCount} models: raw / gzip | ${kb(idxSmall.length)} / ${kb(gz(idxSmall))} |`);
  lines.push(`| serialized index, ${N_BIG} models: raw / gzip | ${kb(idxBig.length)} / ${kb(gz(idxBig))} |`);
  lines.push('', '| page weight (gzip) | HTML | CSS | JS | total |', '|---|---|---|---|---|');
  for (const [name, w] of [
    [`index, ${bundledCount} models (before search is used)`, weights.indexBundled],
    [`index, ${bundledCount} models, with fuse.js loaded on first search (+ index above)`, weights.indexBundledWithSearch],
    [`index, ${N_BIG} models (before search is used)`, weights.indexBig],
    ['model page (fal-ai/flux/dev)', weights.modelPage],
  ] as const) lines.push(`| ${name} | ${kb(w.html)} | ${kb(w.css)} | ${kb(w.js)} | ${kb(w.total)} |`);
  const table = lines.join('\n');
  console.log(table);
  mkdirSync(path.join(root, 'bench/out'), { recursive: true });
  writeFileSync(path.join(root, 'bench/out/site.json'), `${JSON.stringify({ date: new Date().toISOString(), builds, search, index: { bundled: { raw: idxSmall.length, gzip: gz(idxSmall) }, big: { raw: idxBig.length, gzip: gz(idxBig) } }, weights }, null, 2)}\n`);
  writeFileSync(path.join(root, 'bench/out/site.md'), `${table}\n`);
}

const cleanup = () => { if (!keep) rmSync(tmp, { recursive: true, force: true }); };
const searchOnly = process.env.BENCH_SEARCH_ONLY;
(searchOnly ? searchTimings(searchOnly).then((r) => console.log(r)) : main()).then(cleanup, (e: Error) => {
  console.error(e.message);
  cleanup();
  process.exitCode = 1;
});
