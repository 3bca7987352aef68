import { cspHash, esc, escWrap, link, PAGE_STYLE, pageStart } from '../html.ts';
import type { Inventory, InventoryModel } from '../schema/inventory.ts';
import { changeWords, LABEL_RANK } from './impact.ts';
import { firstSite } from './uses.ts';
import { cell, num, SORT_SCRIPT, SORTABLE_STYLE, sortableTable, type Cell } from './sortable-table.ts';
import { LABEL_TITLE, useWords, VERDICT_TITLE, waiverState } from './words.ts';
import { VERDICT_RANK } from '../verdict/judge.ts';

/**
 * Beyond the shared look: link colours for both schemes, the alert box, names in cells that
 * wrap at their parts. In print: light colours whatever the scheme, and a link in a table (a
 * ticket, whose text is its URL already) neither shows its URL twice nor widens the table.
 */
const STYLE = `
:root{--link:#0969da}@media (prefers-color-scheme:dark){:root{--link:#4493f8}}a{color:var(--link)}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.alert{border:2px solid var(--bad);border-radius:.5rem;padding:0 1rem .5rem;margin-top:2rem}.alert h2{margin-top:.5rem}
.bad{color:var(--bad);font-weight:600}.warn{color:var(--warn);font-weight:600}
td ul,dd ul{margin:0;padding-left:1.1rem}td code,th code,dd code{word-break:normal;overflow-wrap:break-word}table code{font-size:.9em}
@media print{:root{color-scheme:light;--link:#000;--fg:#000;--muted:#333;--bg:#fff;--line:#999;--ok:#000;--warn:#000;--bad:#000;--chip:#fff}
table{font-size:9pt}td a{word-break:break-all}.alert{border-width:1px}
a[href^="#"]::after,td a[href]::after{content:none}}
`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** Ids and paths wrap at their parts, not mid-name: a column is then as narrow as its longest part (see `escWrap`). */
const code = (s: string) => `<code>${escWrap(s)}</code>`;
/** One fragment per id, and two ids never share one (`_` is escaped too). */
const anchor = (id: string) => `m-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
const list = (items: readonly string[], none = '—') => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : none);
const badge = (verdict: keyof typeof VERDICT_TITLE) => `<span class="v v-${verdict}">${VERDICT_TITLE[verdict]}</span>`;
const section = (id: string, title: string, body: string, cls = '') => `<section aria-labelledby="${id}"${cls ? ` class="${cls}"` : ''}><h2 id="${id}">${esc(title)}</h2>\n${body}\n</section>`;

/**
 * The inventory as one self-contained HTML file: no external requests, a CSP that allows only
 * its own style and sort script (by hash), sortable tables that read in their rendered order
 * without the script, and print rules for a paper copy. Every string from a report is escaped.
 */
export function renderInventoryHtml(inv: Inventory): string {
  const style = `${PAGE_STYLE}${SORTABLE_STYLE}${STYLE}`;
  const csp = `default-src 'none'; style-src ${cspHash(style)}; script-src ${cspHash(SORT_SCRIPT)}; base-uri 'none'; form-action 'none'`;
  const sections = [
    summaryHtml(inv),
    failOnHtml(inv),
    catalogChangeHtml(inv),
    modelsHtml(inv),
    repositoriesHtml(inv),
    dynamicHtml(inv),
    waiversHtml(inv),
    supersededHtml(inv),
  ].filter(Boolean);
  return `${pageStart({ title: `Model inventory: ${plural(inv.summary.repositories, 'repository', 'repositories')}`, csp, style })}<header>
<h1>Model inventory</h1>
<dl class="meta">
<dt>Generated</dt><dd>${esc(inv.generatedAt)} by modelgate ${esc(inv.tool.version)}</dd>
<dt>Reports</dt><dd>${plural(inv.reports.length, 'report')} merged (the newest per repository), ${plural(inv.superseded.length, 'older report')} superseded</dd>
<dt>Waivers judged on</dt><dd>${esc(inv.today)}; expiring = ending within ${plural(inv.expiringWithinDays, 'day')}</dd>
</dl>
<p class="meta hint" id="sort-hint" hidden>Select a column heading to sort its table by that column; select it again to reverse the order.</p>
</header>
<main>
${sections.join('\n')}
<p id="sort-status" class="sr-only" role="status"></p>
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

function summaryHtml(inv: Inventory): string {
  const s = inv.summary;
  const byId = new Map(inv.models.map((m) => [m.id, m]));
  const ids = (xs: readonly string[]) => list(xs.map((id) => {
    const repos = byId.get(id)?.repositories.map((u) => escWrap(u.repository)) ?? [];
    return `<a href="#${anchor(id)}">${code(id)}</a>: ${repos.join(', ')}`;
  }), 'none');
  const rows: [string, string][] = [
    ['Repositories', String(s.repositories)],
    ['Failing their own gate', s.failingRepositories ? `<span class="bad">${s.failingRepositories}</span>` : '0'],
    ['Endpoints called', String(s.models)],
    ['Call sites', String(s.callSites)],
    ['Dynamic call sites (id known only at run time)', String(s.dynamicSites)],
    ['Research only', ids(s.research)],
    ['Private', ids(s.private)],
    ['Unknown label or not in the catalog', ids(s.unknown)],
    ['Partner API', ids(s.partner)],
    ['Waivers expired', s.waiversExpired ? `<span class="bad">${s.waiversExpired}</span>` : '0'],
    [`Waivers expiring within ${plural(inv.expiringWithinDays, 'day')}`, s.waiversExpiring ? `<span class="warn">${s.waiversExpiring}</span>` : '0'],
  ];
  return section('summary', 'Summary', `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('\n')}</dl>`);
}

function failOnHtml(inv: Inventory): string {
  const t = inv.failOn.tripped;
  if (t.length === 0) return '';
  return section('fail-on', 'Failing the organisation check', `<p>Checked with <code>--fail-on ${esc(inv.failOn.categories.join(','))}</code>; found:</p>
<ul>${t.map((x) => `<li><strong>${esc(x.category)}:</strong> ${esc(x.message)}</li>`).join('\n')}</ul>`, 'alert');
}

function catalogChangeHtml(inv: Inventory): string {
  const c = inv.catalogChange;
  if (!c) return '';
  const intro = `<p class="meta">Against ${code(c.against.source)} (generated ${esc(c.against.generatedAt)}, ${code(c.against.contentHash)}).</p>`;
  if (c.changes.length === 0) return section('catalog-change', 'What the newer catalog changes', `${intro}\n<p>No endpoint in use changes its label or status.</p>`);
  const rows = c.changes.map((i): Cell[] => {
    const hits = i.stricter && i.repositories.length > 0;
    return [
      cell(code(i.id), i.id),
      cell(esc(changeWords(i))),
      cell(hits ? '<span class="bad">yes, in use</span>' : i.stricter ? 'yes' : 'no', Number(i.stricter) + Number(hits)),
      cell(list(i.repositories.map((r) => `${escWrap(r.repository)} (${code(`${r.site.file}:${r.site.line}`)}), ${plural(r.callSites, 'call site')}`), 'none in the inventory'), i.repositories.length),
    ];
  });
  return section('catalog-change', 'What the newer catalog changes', `${intro}
${sortableTable('catalog-change', [{ title: 'Endpoint' }, { title: 'Change' }, { title: 'Stricter' }, { title: 'Repositories calling it (a call site each)' }], rows)}`);
}

function labelHtml(m: InventoryModel): string {
  const seen = m.labelsSeen.length > 1 ? `<br><span class="meta">reports judged on other catalogs saw: ${esc(m.labelsSeen.join(', '))}</span>` : '';
  return `${esc(LABEL_TITLE[m.hostedLabel])}${m.known ? '' : ' (not in the catalog)'}${seen}`;
}

function modelsHtml(inv: Inventory): string {
  if (inv.models.length === 0) return section('models', 'Models', '<p>None: no report names a fal endpoint.</p>');
  const rows = inv.models.map((m): Cell[] => [
    cell(`${code(m.id).replace('<code>', `<code id="${anchor(m.id)}">`)}${m.name ? `<br>${esc(m.name)}` : ''}`, m.id),
    cell(labelHtml(m), LABEL_RANK[m.hostedLabel] ?? 0),
    cell(esc(m.partnerApi)),
    cell(`${esc(m.status)}${m.replacedBy ? ` (successor ${code(m.replacedBy)})` : ''}`),
    cell(m.weightsLicence ? code(m.weightsLicence) : '—', m.weightsLicence ?? ''),
    cell(list(m.repositories.map((u) => {
      const s = firstSite(u);
      return `${escWrap(u.repository)}: ${plural(u.callSites, 'call site')} (${code(`${s.file}:${s.line}`)}${u.callSites > 1 ? ', …' : ''}), <span class="v-${u.verdict}">${esc(useWords(u))}</span>`;
    })), m.repositories.length),
    num(m.callSites),
    failing(m.failing),
  ]);
  return section('models', 'Models', sortableTable('models', [
    { title: 'Model' }, { title: 'fal label' }, { title: 'Partner API' }, { title: 'Status' }, { title: 'Weights licence' },
    { title: 'Repositories' }, { title: 'Call sites', numeric: true }, { title: 'Failing', numeric: true },
  ], rows));
}

const failing = (n: number): Cell => cell(n ? `<span class="bad">${n}</span>` : '0', n);

function repositoriesHtml(inv: Inventory): string {
  if (inv.repositories.length === 0) return section('repositories', 'Repositories', '<p>None.</p>');
  const rows = inv.repositories.map((r): Cell[] => [
    cell(escWrap(r.repository), r.repository),
    cell(r.commit ? `<code title="${esc(r.commit)}">${esc(r.commit.slice(0, 12))}</code>` : '—', r.commit ?? ''),
    cell(r.exitCode === 1 ? '<span class="v v-denied">fails</span>' : '<span class="v v-allowed">passes</span>', r.exitCode),
    failing(r.failing),
    cell(list(r.models.map((m) => code(m.id))), r.models.length),
    num(r.callSites),
    num(r.dynamicSites),
    num(r.waivers),
  ]);
  return section('repositories', 'Repositories', sortableTable('repositories', [
    { title: 'Repository' }, { title: 'Commit' }, { title: 'Own gate' }, { title: 'Failing', numeric: true },
    { title: 'Models' }, { title: 'Call sites', numeric: true }, { title: 'Dynamic', numeric: true }, { title: 'Waivers', numeric: true },
  ], rows));
}

function dynamicHtml(inv: Inventory): string {
  if (inv.dynamic.length === 0) return '';
  const rows = inv.dynamic.map((d): Cell[] => [
    cell(escWrap(d.repository), d.repository),
    cell(code(`${d.file}:${d.line}:${d.column}`)),
    cell(code(d.raw)),
    cell(esc(d.usage)),
    cell(badge(d.verdict), VERDICT_RANK[d.verdict]),
    cell(esc(d.status)),
  ]);
  return section('dynamic', 'Dynamic endpoint ids', `<p>Call sites whose endpoint id is computed at run time: no one can check these against the catalog.</p>
${sortableTable('dynamic', [{ title: 'Repository' }, { title: 'Where' }, { title: 'Code' }, { title: 'Usage' }, { title: 'Verdict' }, { title: 'Status' }], rows)}`);
}

function waiversHtml(inv: Inventory): string {
  if (inv.waivers.length === 0) return '';
  const rows = inv.waivers.map((w): Cell[] => {
    const state = esc(waiverState(w));
    return [
      cell(`${escWrap(w.repository)}<br>${code(`${w.file}:${w.line}`)}`, w.repository),
      cell(list(w.models.map(code))),
      cell(escWrap(w.approvedBy)),
      cell(esc(w.approvedOn)),
      cell(esc(w.expires)),
      cell(w.expired ? `<span class="bad">${state}</span>` : w.expiring ? `<span class="warn">${state}</span>` : state, w.daysLeft),
      cell(`${escWrap(w.reason)}${w.ticket ? `<br>ticket: ${link(w.ticket, w.ticket)}` : ''}`),
    ];
  });
  return section('waivers', 'Waivers', sortableTable('waivers', [
    { title: 'Repository (file:line)' }, { title: 'Models' }, { title: 'Approved by' }, { title: 'Approved on' }, { title: 'Expires' },
    { title: 'State' }, { title: 'Reason and ticket' },
  ], rows));
}

function supersededHtml(inv: Inventory): string {
  if (inv.superseded.length === 0) return '';
  const rows = inv.superseded.map((r): Cell[] => [cell(code(r.file), r.file), cell(escWrap(r.repository)), cell(esc(r.generatedAt)), cell(code(r.supersededBy))]);
  return section('superseded', 'Superseded reports', `<p>Older reports of a repository that a newer one replaced; they are not in the figures above.</p>
${sortableTable('superseded', [{ title: 'Report' }, { title: 'Repository' }, { title: 'Generated' }, { title: 'Superseded by' }], rows)}`);
}
