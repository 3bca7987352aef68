import { cspHash, esc, link, PAGE_STYLE, pageStart } from '../html.ts';
import { CLOSED_WEIGHTS_TEXT } from '../wording.ts';
import type { LegalReport, ReportModel } from './report-model.ts';
import type { ReportChanges } from './since.ts';

const VERDICT = { allowed: 'Allowed', review: 'Needs review', denied: 'Denied' } as const;

const STYLE = `${PAGE_STYLE}
.model{border:1px solid var(--line);border-radius:.5rem;padding:.25rem 1rem 1rem;margin:1rem 0;break-inside:avoid-page}
.decide{border-left:4px solid var(--bad)}.headline{border:2px solid var(--bad);padding:.5rem 1rem;border-radius:.5rem}
@media print{.model{break-inside:avoid}}
`;

/** The legal packet as one self-contained HTML file: no scripts, no external assets, only its own style (by hash), prints cleanly. */
export function renderReportHtml(r: LegalReport): string {
  const s = r.summary;
  return `${pageStart({ title: `Model licence review: ${r.project.name}`, csp: `default-src 'none'; style-src ${cspHash(STYLE)}; img-src data:`, style: STYLE })}<header>
<h1>Model licence review: ${esc(r.project.name)}</h1>
<p class="meta">Generated ${esc(r.generatedAt)} by modelgate ${esc(r.tool.version)} · catalog <code>${esc(r.catalog.contentHash)}</code> (generated ${esc(r.catalog.generatedAt)}) · policy: ${esc(r.configFiles.length ? r.configFiles.join(', ') : 'defaults')}</p>
</header>
<main>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<table><thead><tr><th scope="col"></th><th scope="col">Allowed</th><th scope="col">Needs review</th><th scope="col">Denied</th></tr></thead><tbody>
<tr><th scope="row">Models (${s.models})</th><td>${s.byVerdict.allowed}</td><td>${s.byVerdict.review}</td><td>${s.byVerdict.denied}</td></tr>
<tr><th scope="row">Call sites (${s.callSites})</th><td>${s.callSitesByVerdict.allowed}</td><td>${s.callSitesByVerdict.review}</td><td>${s.callSitesByVerdict.denied}</td></tr>
</tbody></table>
<p>${s.waived} call site(s) waived. <strong>Needs a decision:</strong> ${s.needsDecision.length ? s.needsDecision.map((id) => `<code>${esc(id)}</code>`).join(', ') : 'nothing'}.</p>
</section>
${r.changes ? changesHtml(r.changes) : ''}
<section aria-labelledby="models"><h2 id="models">Models</h2>
<table><thead><tr><th scope="col">Model</th><th scope="col">fal label</th><th scope="col">Partner API</th><th scope="col">Weights licence</th><th scope="col">Verdict</th><th scope="col">Call sites</th></tr></thead><tbody>
${r.models.map((m) => `<tr><td><a href="#${anchor(m.id)}"><code>${esc(m.id)}</code></a><br>${esc(m.name)}</td><td>${esc(m.hosted?.title ?? '—')}</td><td>${esc(m.hosted?.partnerApi ?? '—')}</td><td>${esc(m.weights?.closed ? 'closed weights' : m.weights?.licence ?? m.weights?.statement ?? '—')}</td><td><span class="v v-${m.verdict}">${VERDICT[m.verdict]}</span></td><td>${m.callSites.length}</td></tr>`).join('\n')}
</tbody></table>
${r.models.map(modelHtml).join('\n')}
</section>
${r.diagnostics.length ? `<section aria-labelledby="diag"><h2 id="diag">Diagnostics</h2><ul>${r.diagnostics.map((d) => `<li>${esc(d.severity)} <code>${esc(d.code)}</code>${d.file ? ` (${esc(d.file)}${d.line ? `:${d.line}` : ''})` : ''}: ${esc(d.message)}</li>`).join('')}</ul></section>` : ''}
</main>
</body>
</html>
`;
}

function anchor(id: string): string {
  return `m-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function modelHtml(m: ReportModel): string {
  const rows: [string, string][] = [
    ['Verdict', `<span class="v v-${m.verdict}">${VERDICT[m.verdict]}</span> rule <code>${esc(m.rule)}</code><ul>${m.reasons.map((x) => `<li>${esc(x.effect)} <code>${esc(x.rule)}</code>: ${esc(x.message)}</li>`).join('')}</ul>`],
    ['Lab / category', `${esc(m.lab ?? 'unknown')} / ${esc(m.category ?? 'unknown')}`],
  ];
  if (m.hosted) {
    rows.push(['Hosted on fal', `<strong>${esc(m.hosted.title)}</strong>: ${esc(m.hosted.meaning)}`]);
    rows.push(['Partner API', m.hosted.partnerMeaning ? `Yes (${esc(m.hosted.providerType)}): ${esc(m.hosted.partnerMeaning)}` : esc(m.hosted.partnerApi)]);
    rows.push(['Provenance', `${link(m.hosted.url, m.hosted.source)}; observed ${esc(m.hosted.observed)}; evidence ${esc(m.hosted.evidence)}`]);
    if (m.hosted.conflict) {
      rows.push(['Conflict', `fal’s pages disagree (${esc(m.hosted.conflict.values.join(' / '))}) and no newer dated observation settles it; the stricter label applies.<ul>${m.hosted.conflict.observations.map((o) => `<li>${esc(o.label ?? 'no label')}: ${link(o.url, o.source)}, ${esc(o.when)}${o.seen ? `, seen “${esc(o.seen)}”` : ''}</li>`).join('')}</ul>`]);
    }
    if (m.hosted.history.length > 1) {
      rows.push(['Label history', `<ul>${m.hosted.history.map((o) => `<li>${esc(o.when)}: ${esc(o.label ?? 'no label')} — ${link(o.url, o.source)}</li>`).join('')}</ul>`]);
    }
    if (m.hosted.family) rows.push(['Family evidence', `${esc(m.hosted.family)} (does not change the verdict)`]);
  }
  if (m.replacedBy) rows.push(['Successor named by fal', `<code>${esc(m.replacedBy)}</code>`]);
  rows.push(['In plain words', esc(m.plain)]);
  if (m.weights) {
    rows.push(['Weights licence', `${m.weights.closed ? `${esc(CLOSED_WEIGHTS_TEXT)} (source: ${esc(m.weights.source)})` : m.weights.licence ? `${link(m.weights.url, m.weights.name ?? m.weights.licence)} (<code>${esc(m.weights.licence)}</code>, ${esc(m.weights.commercialUse)})` : 'not in the catalog'}${m.weights.statement ? `; upstream says “${esc(m.weights.statement)}”` : ''}${m.weights.conditions.length ? `<ul>${m.weights.conditions.map((c) => `<li><strong>${esc(c.title)}:</strong> ${esc(c.text)}</li>`).join('')}</ul>` : ''}`]);
  }
  if (m.review) rows.push(['Legal review', `${esc(m.review.by)} on ${esc(m.review.date)}${m.review.note ? `: ${esc(m.review.note)}` : ''}`]);
  if (m.notes) rows.push(['Notes', `<div>${esc(m.notes).replace(/\n/g, '<br>')}</div>`]);
  const waivers = m.waivers.length
    ? `<h4>Waivers</h4><table><thead><tr><th scope="col">Approved by</th><th scope="col">On</th><th scope="col">Until</th><th scope="col">Scope</th><th scope="col">Reason</th></tr></thead><tbody>${m.waivers.map((w) => `<tr><td>${esc(w.approvedBy)}</td><td>${esc(w.approvedOn)}</td><td>${esc(w.expires)}${w.expired ? ' <strong>(expired)</strong>' : ''}</td><td>${esc(w.paths?.join(', ') ?? 'whole project')}</td><td>${esc(w.reason)}${w.ticket ? ` (${link(w.ticket, w.ticket)})` : ''}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `<article class="model${m.needsDecision ? ' decide' : ''}" id="${anchor(m.id)}">
<h3>${esc(m.name)} <code>${esc(m.id)}</code>${m.needsDecision ? ' — needs a decision' : ''}</h3>
<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
<h4>Call sites</h4>
<table><thead><tr><th scope="col">Where</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Code</th></tr></thead><tbody>
${m.callSites.map((c) => `<tr><td><code>${esc(`${c.file}:${c.line}:${c.column}`)}</code></td><td>${esc(c.kind)}, ${esc(c.usage)}</td><td>${esc(c.status)}</td><td><code>${esc(c.lineText)}</code></td></tr>`).join('\n')}
</tbody></table>
${waivers}
</article>`;
}

function changesHtml(c: ReportChanges): string {
  const lost = c.labelChanges.filter((l) => l.lostCommercialUse);
  const list = (title: string, items: string[]) => `<h3>${esc(title)}</h3>${items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>None.</p>'}`;
  return `<section aria-labelledby="changes"><h2 id="changes">What changed</h2>
<p class="meta">Compared with the report of ${esc(c.against.generatedAt)} (catalog <code>${esc(c.against.contentHash)}</code>).</p>
${lost.length ? `<div class="headline" role="alert"><strong>Models that lost commercial use:</strong><ul>${lost.map((l) => `<li><code>${esc(l.id)}</code> ${esc(l.name)}: ${esc(l.from)} → ${esc(l.to)}</li>`).join('')}</ul></div>` : ''}
${list('Models added', c.added.map((a) => `<code>${esc(a.id)}</code> (${esc(a.verdict)})`))}
${list('Models removed', c.removed.map((a) => `<code>${esc(a.id)}</code>`))}
${list('Label changes', c.labelChanges.map((l) => `<code>${esc(l.id)}</code>: ${esc(l.from)} → ${esc(l.to)}`))}
${list('Verdict changes', c.verdictChanges.map((l) => `<code>${esc(l.id)}</code>: ${esc(l.from)} → ${esc(l.to)}`))}
${list('Waivers added', c.waiversAdded.map((w) => `<code>${esc(w.id)}</code> by ${esc(w.approvedBy)} until ${esc(w.expires)}`))}
${list('Waivers expired', c.waiversExpired.map((w) => `<code>${esc(w.id)}</code> expired ${esc(w.expires)}`))}
${list('Waivers expiring soon', c.waiversExpiring.map((w) => `<code>${esc(w.id)}</code> in ${w.daysLeft} day(s)`))}
</section>`;
}
