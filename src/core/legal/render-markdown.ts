import { CLOSED_WEIGHTS_TEXT } from '../wording.ts';
import { mdCell, mdCode } from '../reporters/markdown.ts';
import type { LegalReport } from './report-model.ts';
import type { ReportChanges } from './since.ts';

const VERDICT = { allowed: '✅ allowed', review: '🟡 review', denied: '⛔ denied' } as const;

/** The legal packet as Markdown: summary, what changed, then one section per model. */
export function renderReportMarkdown(r: LegalReport): string {
  const s = r.summary;
  const out: string[] = [
    `# Model licence review: ${r.project.name}`,
    '',
    `Generated ${r.generatedAt} by modelgate ${r.tool.version} · catalog \`${r.catalog.contentHash}\` (generated ${r.catalog.generatedAt}) · policy: ${r.configFiles.length ? r.configFiles.join(', ') : 'defaults'}`,
    '',
    '## Summary',
    '',
    `${s.models} model(s) at ${s.callSites} call site(s): ${s.byVerdict.allowed} allowed, ${s.byVerdict.review} need review, ${s.byVerdict.denied} denied; ${s.waived} call site(s) waived.`,
    '',
    s.needsDecision.length ? `**Needs a decision:** ${s.needsDecision.map((id) => `\`${mdCell(id)}\``).join(', ')}` : '**Needs a decision:** nothing.',
    '',
  ];
  if (r.changes) out.push(...changesMarkdown(r.changes));
  out.push('## Models', '', '| model | fal label | Partner API | weights licence | verdict | call sites |', '|---|---|---|---|---|---|');
  for (const m of r.models) {
    out.push(`| \`${mdCell(m.id)}\` ${mdCell(m.name)} | ${mdCell(m.hosted?.title ?? '—')} | ${mdCell(m.hosted?.partnerApi ?? '—')} | ${mdCell(m.weights?.closed ? 'closed weights' : m.weights?.licence ?? m.weights?.statement ?? '—')} | ${VERDICT[m.verdict]} | ${m.callSites.length} |`);
  }
  out.push('');
  for (const m of r.models) {
    out.push(`### ${mdCell(m.name)} — \`${mdCell(m.id)}\``, '');
    out.push(`- **Verdict:** ${VERDICT[m.verdict]} (rule \`${m.rule}\`)${m.needsDecision ? ' — **needs a decision**' : ''}`);
    for (const reason of m.reasons) out.push(`  - ${reason.effect} \`${reason.rule}\`: ${mdCell(reason.message)}`);
    if (m.lab || m.category) out.push(`- **Lab / category:** ${mdCell(m.lab ?? 'unknown')} / ${mdCell(m.category ?? 'unknown')}`);
    if (m.hosted) {
      out.push(`- **Hosted on fal:** ${mdCell(m.hosted.title)}: ${mdCell(m.hosted.meaning)}`);
      if (m.hosted.partnerMeaning) out.push(`- **Partner API** (${mdCell(m.hosted.providerType)}): ${mdCell(m.hosted.partnerMeaning)}`);
      out.push(`- **Provenance:** ${mdCell(m.hosted.source)}${m.hosted.url ? ` <${m.hosted.url}>` : ''}, observed ${mdCell(m.hosted.observed)}, evidence ${m.hosted.evidence}`);
      if (m.hosted.conflict) {
        out.push(`- **Conflict:** fal's pages disagree (${m.hosted.conflict.values.join(' / ')}) and no newer dated observation settles it; the stricter label applies. The observations in conflict:`);
        for (const o of m.hosted.conflict.observations) out.push(`  - ${mdCell(o.label ?? 'no label')}: ${mdCell(o.source)}${o.url ? ` <${o.url}>` : ''}, ${mdCell(o.when)}${o.seen ? `, seen “${mdCell(o.seen)}”` : ''}`);
      }
      if (m.hosted.history.length > 1) {
        out.push('- **Label history:**');
        for (const o of m.hosted.history) out.push(`  - ${mdCell(o.when)}: ${mdCell(o.label ?? 'no label')} — ${mdCell(o.source)}${o.url ? ` <${o.url}>` : ''}`);
      }
      if (m.hosted.family) out.push(`- **Family evidence** (does not change the verdict): ${mdCell(m.hosted.family)}`);
    }
    if (m.replacedBy) out.push(`- **Successor named by fal:** \`${mdCell(m.replacedBy)}\``);
    out.push(`- **In plain words:** ${mdCell(m.plain)}`);
    if (m.weights) {
      out.push(`- **Weights licence:** ${m.weights.closed ? `${CLOSED_WEIGHTS_TEXT} (source: ${mdCell(m.weights.source)})` : m.weights.licence ? `${mdCell(m.weights.name ?? m.weights.licence)} (\`${m.weights.licence}\`, ${mdCell(m.weights.commercialUse ?? '')})` : 'not in the catalog'}${m.weights.url ? ` <${m.weights.url}>` : ''}${m.weights.statement ? ` — upstream says: ${mdCell(m.weights.statement)}` : ''}`);
      for (const c of m.weights.conditions) out.push(`  - ${mdCell(c.title)}: ${mdCell(c.text)}`);
    }
    out.push('- **Call sites:**');
    for (const c of m.callSites) out.push(`  - ${mdCode(`${c.file}:${c.line}:${c.column}`)} (${c.kind}, ${c.usage}, ${c.status}): ${mdCode(c.lineText)}`);
    if (m.waivers.length) {
      out.push('- **Waivers:**');
      for (const w of m.waivers) out.push(`  - ${w.expired ? '**expired** ' : ''}approved by ${mdCell(w.approvedBy)} on ${w.approvedOn}, until ${w.expires}${w.paths ? ` for ${mdCell(w.paths.join(', '))}` : ''}: ${mdCell(w.reason)}${w.ticket ? ` (${w.ticket})` : ''}`);
    }
    if (m.review) out.push(`- **Legal review:** ${mdCell(m.review.by)} on ${m.review.date}${m.review.note ? `: ${mdCell(m.review.note)}` : ''}`);
    if (m.notes) out.push('', '> ' + m.notes.split('\n').map(mdCell).join('\n> '));
    out.push('');
  }
  if (r.diagnostics.length) {
    out.push('## Diagnostics', '');
    for (const d of r.diagnostics) out.push(`- ${d.severity} \`${d.code}\`${d.file ? ` (${mdCell(d.file)}${d.line ? `:${d.line}` : ''})` : ''}: ${mdCell(d.message)}`);
    out.push('');
  }
  return out.join('\n');
}

function changesMarkdown(c: ReportChanges): string[] {
  const out = ['## What changed', '', `Compared with the report of ${c.against.generatedAt} (catalog \`${c.against.contentHash}\`).`, ''];
  const lost = c.labelChanges.filter((l) => l.lostCommercialUse);
  if (lost.length) {
    out.push('### ⚠️ Models that lost commercial use', '');
    for (const l of lost) out.push(`- **\`${mdCell(l.id)}\` ${mdCell(l.name)}: ${l.from} → ${l.to}**`);
    out.push('');
  }
  const line = (title: string, items: string[]) => {
    out.push(`- **${title}:** ${items.length ? '' : 'none'}`);
    for (const i of items) out.push(`  - ${i}`);
  };
  line('Models added', c.added.map((a) => `\`${mdCell(a.id)}\` (${a.verdict})`));
  line('Models removed', c.removed.map((a) => `\`${mdCell(a.id)}\``));
  line('Label changes', c.labelChanges.map((l) => `\`${mdCell(l.id)}\`: ${l.from} → ${l.to}`));
  line('Partner API changes', c.partnerChanges.map((l) => `\`${mdCell(l.id)}\`: ${l.from} → ${l.to}`));
  line('Verdict changes', c.verdictChanges.map((l) => `\`${mdCell(l.id)}\`: ${l.from} → ${l.to}`));
  line('Waivers added', c.waiversAdded.map((w) => `\`${mdCell(w.id)}\` by ${mdCell(w.approvedBy)} until ${w.expires}`));
  line('Waivers expired', c.waiversExpired.map((w) => `\`${mdCell(w.id)}\` (expired ${w.expires})`));
  line('Waivers expiring soon', c.waiversExpiring.map((w) => `\`${mdCell(w.id)}\` in ${w.daysLeft} day(s), on ${w.expires}`));
  out.push('');
  return out;
}
