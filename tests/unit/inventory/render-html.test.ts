import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, project } from '../gate/helpers.ts';
import { buildReports, COMMIT, EVIL_FILE, EVIL_REASON, EVIL_REPO, inventoryHtml, type Built } from './fixtures.ts';

/** What a reader sees of some HTML: tags gone, entities decoded, spaces collapsed. */
const text = (html: string) => html
  .replace(/<[^>]*>/g, ' ')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  .replace(/\s+/g, ' ').trim();
/** `<wbr>` is a break opportunity, not a space: it joins what it splits. */
const cellText = (html: string) => text(html.replace(/<wbr>/g, ''));
const sectionOf = (html: string, id: string) => new RegExp(`<section aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
const cellsOf = (row: string) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => cellText(m[1]!));
const headersOf = (section: string) => cellsOf(/<thead>([\s\S]*?)<\/thead>/.exec(section)?.[1] ?? '');
const rowsOf = (section: string) => [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cellsOf(m[1]!));
const headings = (html: string) => [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => text(m[1]!));
const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('modelgate inventory --format html', () => {
  let built: Built;
  let html: string;
  beforeAll(async () => {
    built = await buildReports();
    const r = await inventoryHtml(built, path.join(built.dir, 'inventory.html'));
    // --fail-on tripped, and the newer catalog made an endpoint in use stricter.
    expect(r.code).toBe(1);
    html = r.html;
  });

  it('has its sections in order, under a header saying when, by what, from how many reports, and on which day', async () => {
    expect(headings(html)).toEqual(['Summary', 'Failing the organisation check', 'What the newer catalog changes', 'Models', 'Repositories', 'Dynamic endpoint ids', 'Waivers', 'Superseded reports']);
    const { version } = JSON.parse(await readFile('package.json', 'utf8'));
    const header = text(/<header>([\s\S]*?)<\/header>/.exec(html)![1]!);
    expect(header).toContain(`Generated 2026-06-15T12:00:00.000Z by modelgate ${version}`);
    expect(header).toContain('Reports 3 reports merged (the newest per repository), 1 older report superseded');
    expect(header).toContain('Waivers judged on 2026-06-15; expiring = ending within 30 days');
  });

  it('summary: the figures, and each research-only, unknown and Partner API id with the repositories calling it', () => {
    const pairs = [...sectionOf(html, 'summary').matchAll(/<dt>([\s\S]*?)<\/dt><dd>([\s\S]*?)<\/dd>/g)].map((m) => [text(m[1]!), cellText(m[2]!)]);
    expect(pairs).toEqual([
      ['Repositories', '3'],
      ['Failing their own gate', '2'],
      ['Endpoints called', '4'],
      ['Call sites', '15'],
      ['Dynamic call sites (id known only at run time)', '1'],
      ['Research only', 'fal-ai/stable-cascade : acme/api'],
      ['Private', 'none'],
      ['Unknown label or not in the catalog', `fal-ai/totally-unknown-model : ${EVIL_REPO}`],
      ['Partner API', 'fal-ai/veo3 : acme/web'],
      ['Waivers expired', '1'],
      ['Waivers expiring within 30 days', '1'],
    ]);
  });

  it('the organisation check and the newer catalog: what tripped, and which repositories a stricter label hits, a call site each', () => {
    const failing = text(sectionOf(html, 'fail-on'));
    expect(failing).toContain('Checked with --fail-on unknown,expired-waiver');
    expect(failing).toContain(`unknown: 1 unknown endpoint (unknown label, or not in the catalog) called by 1 repository: fal-ai/totally-unknown-model (${EVIL_REPO})`);
    expect(failing).toContain('expired-waiver: 1 waiver expired: acme/api fal-ai/flux/dev (2026-06-01, approved by bob <bob@example.com>)');
    const change = sectionOf(html, 'catalog-change');
    expect(cellText(change)).toContain(`Against ${built.newerCatalog} (generated `);
    expect(rowsOf(change)).toEqual([['fal-ai/flux/dev', 'commercial → research-only', 'yes, in use', 'acme/api ( src/sticker.ts:3 ), 1 call site acme/web ( src/app.ts:2 ), 2 call sites']]);
  });

  it('models: facts, and per repository its call sites with verdict and status words', () => {
    const models = sectionOf(html, 'models');
    expect(headersOf(models)).toEqual(['Model', 'fal label', 'Partner API', 'Status', 'Weights licence', 'Repositories', 'Call sites', 'Failing']);
    expect(rowsOf(models)).toEqual([
      ['fal-ai/flux/dev FLUX.1 [dev]', 'Commercial use', 'no', 'active', 'LicenseRef-FLUX-1-dev-Non-Commercial', 'acme/api: 1 call site ( src/sticker.ts:3 ), allowed acme/web: 2 call sites ( src/app.ts:2 , …), allowed', '3', '0'],
      ['fal-ai/stable-cascade Stable Cascade', 'Research only', 'no', 'active', '—', 'acme/api: 1 call site ( src/sticker.ts:2 ), denied, 1 waived', '1', '0'],
      ['fal-ai/totally-unknown-model', 'Unknown (not in the catalog)', 'unknown', 'unknown', '—', `${EVIL_REPO}: 10 call sites ( src/legacy.ts:2 , …), denied, 10 failing`, '10', '10'],
      ['fal-ai/veo3 Veo 3', 'Commercial use', 'yes', 'active', '—', 'acme/web: 1 call site ( src/app.ts:4 ), allowed', '1', '0'],
    ]);
  });

  it('repositories: own gate, failing, models, counts; commits shortened', () => {
    const repos = sectionOf(html, 'repositories');
    expect(headersOf(repos)).toEqual(['Repository', 'Commit', 'Own gate', 'Failing', 'Models', 'Call sites', 'Dynamic', 'Waivers']);
    expect(rowsOf(repos)).toEqual([
      [EVIL_REPO, '—', 'fails', '10', 'fal-ai/totally-unknown-model', '10', '0', '0'],
      ['acme/api', '—', 'fails', '0', 'fal-ai/flux/dev fal-ai/stable-cascade', '2', '1', '2'],
      ['acme/web', COMMIT.slice(0, 12), 'passes', '0', 'fal-ai/flux/dev fal-ai/veo3', '3', '0', '0'],
    ]);
  });

  it('dynamic ids, waivers (who, when, state on the inventory day, reason, ticket, where) and superseded reports', () => {
    expect(rowsOf(sectionOf(html, 'dynamic'))).toEqual([['acme/api', `${EVIL_FILE}:2:34`, 'fal.run(id, { input: {} })', 'source', 'allowed', 'warn']]);
    const waivers = sectionOf(html, 'waivers');
    expect(headersOf(waivers)).toEqual(['Repository (file:line)', 'Models', 'Approved by', 'Approved on', 'Expires', 'State', 'Reason and ticket']);
    expect(rowsOf(waivers)).toEqual([
      ['acme/api modelgate.config.yaml:9', 'fal-ai/flux/dev', 'bob <bob@example.com>', '2026-01-01', '2026-06-01', 'expired 14 day(s) ago', 'launch week'],
      ['acme/api modelgate.config.yaml:3', 'fal-ai/stable-cascade', 'jane@legal.example', '2026-05-01', '2026-07-01', 'expires in 16 day(s)', `${EVIL_REASON} ticket: https://tickets.example/L-7?q=<script>`],
    ]);
    expect(rowsOf(sectionOf(html, 'superseded'))).toEqual([[path.join(built.reports, 'web-old.json'), 'acme/web', '2026-06-01T08:00:00.000Z', path.join(built.reports, 'web.json')]]);
  });

  it('every table is sortable by a button in each column header; counts carry their number as the sort key', () => {
    const tables = [...html.matchAll(/<table[^>]*>[\s\S]*?<\/table>/g)].map((m) => m[0]);
    expect(tables).toHaveLength(6);
    for (const t of tables) {
      expect(t).toMatch(/^<table class="sortable" aria-labelledby="[a-z-]+">/);
      const ths = [...(/<thead>([\s\S]*?)<\/thead>/.exec(t)![1]!).matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]!);
      expect(ths.every((th) => /^<button type="button">[^<]+<span class="arrow" aria-hidden="true"><\/span><\/button>$/.test(th))).toBe(true);
    }
    const repos = sectionOf(html, 'repositories');
    const callSites = [...repos.matchAll(/<tr>(?:<t[hd][^>]*>[\s\S]*?<\/t[hd]>){5}<td class="n" data-sort="([^"]*)">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(callSites).toEqual([['10', '10'], ['2', '2'], ['3', '3']]);
    // The waiver state sorts by the days left, not by its words.
    expect([...sectionOf(html, 'waivers').matchAll(/<td data-sort="(-?\d+)"><span class="(?:bad|warn)">/g)].map((m) => m[1])).toEqual(['-14', '16']);
  });

  it('escapes every string from the reports: hostile names, reasons and file names are text, never markup', () => {
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['a', 'body', 'br', 'button', 'code', 'dd', 'dl', 'dt', 'h1', 'h2', 'head', 'header', 'html', 'li', 'main', 'meta', 'p', 'script', 'section', 'span', 'strong', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul', 'wbr']);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<[^>]*\s(?:on\w+|src|srcset)=/i);
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]).filter((h) => !h!.startsWith('#m-'))).toEqual(['https://tickets.example/L-7?q=&lt;script&gt;']);
    const seen = cellText(html);
    for (const s of [EVIL_REPO, EVIL_FILE, EVIL_REASON, 'bob <bob@example.com>']) expect(seen).toContain(s);
  });

  it('a strict CSP: nothing from elsewhere, and only the page\'s own style and script, by their hashes', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(script)}; base-uri 'none'; form-action 'none'`);
    expect(csp).not.toContain('unsafe');
    // The script sorts; nothing from a report is in it.
    expect(script).toContain("querySelectorAll('table.sortable')");
    expect(script).not.toMatch(/acme|fal-ai/);
  });

  it('leaves out the sections with nothing in them, and says "none" for models and repositories', async () => {
    const clean = await inventoryHtml(built, path.join(built.dir, 'clean.html'), []);
    expect(clean.code).toBe(0);
    expect(headings(clean.html)).toEqual(['Summary', 'Models', 'Repositories', 'Dynamic endpoint ids', 'Waivers', 'Superseded reports']);
    const one = await cli(['inventory', path.join(built.reports, 'web.json'), '--format', 'html']);
    expect(one.code).toBe(0);
    expect(headings(one.stdout)).toEqual(['Summary', 'Models', 'Repositories']);
    expect(rowsOf(sectionOf(one.stdout, 'repositories')).map((r) => r[0])).toEqual(['acme/web']);

    const dir = await project({ 'src/index.ts': 'export const answer = 42;\n' });
    const report = path.join(dir, 'empty.json');
    expect((await cli(['check', dir, '--repository', 'acme/empty', '--format', 'json', '--output', report])).code).toBe(0);
    const empty = await cli(['inventory', report, '--format', 'html']);
    expect(headings(empty.stdout)).toEqual(['Summary', 'Models', 'Repositories']);
    expect(text(sectionOf(empty.stdout, 'models'))).toBe('Models None: no report names a fal endpoint.');
    expect(text(sectionOf(empty.stdout, 'summary'))).toContain('Research only none Private none Unknown label or not in the catalog none Partner API none');
  });
});
