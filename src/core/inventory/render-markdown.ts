import { mdCell } from '../reporters/markdown.ts';
import type { Inventory } from '../schema/inventory.ts';
import { impactLine } from './impact.ts';
import { LABEL_TITLE, useWords, waiverState } from './words.ts';

const code = (s: string) => `\`${mdCell(s)}\``;
const list = (ids: readonly string[]) => (ids.length ? ids.map(code).join(', ') : 'none');

/** The inventory as Markdown: what needs attention first, then models, repositories and waivers. */
export function renderInventoryMarkdown(inv: Inventory): string {
  const s = inv.summary;
  const out: string[] = [
    '# Model inventory',
    '',
    `Generated ${inv.generatedAt} by modelgate ${inv.tool.version} from ${inv.reports.length} report(s)${inv.superseded.length ? ` (${inv.superseded.length} older report(s) superseded)` : ''}; waivers judged on ${inv.today}, expiring = within ${inv.expiringWithinDays} days.`,
    '',
    '## Summary',
    '',
    `${s.repositories} repositories (${s.failingRepositories} failing their own gate) call ${s.models} endpoints at ${s.callSites} call sites, plus ${s.dynamicSites} dynamic call sites.`,
    '',
    `- **Research only:** ${list(s.research)}`,
    `- **Private:** ${list(s.private)}`,
    `- **Unknown label or not in the catalog:** ${list(s.unknown)}`,
    `- **Partner API:** ${list(s.partner)}`,
    `- **Waivers:** ${s.waiversExpired} expired, ${s.waiversExpiring} expiring within ${inv.expiringWithinDays} days`,
    '',
  ];
  if (inv.failOn.tripped.length) {
    out.push('## Failing the organisation check', '');
    for (const t of inv.failOn.tripped) out.push(`- **${mdCell(t.category)}:** ${mdCell(t.message)}`);
    out.push('');
  }
  if (inv.catalogChange) {
    const c = inv.catalogChange;
    out.push('## What the newer catalog changes', '', `Against ${mdCell(c.against.source)} (generated ${mdCell(c.against.generatedAt)}).`, '');
    if (c.changes.length === 0) out.push('No endpoint in use changes its label or status.', '');
    for (const i of c.changes) out.push(`- ${i.stricter && i.repositories.length ? '**stricter:** ' : ''}${mdCell(impactLine(i))}`);
    if (c.changes.length) out.push('');
  }
  out.push('## Models', '', '| model | fal label | Partner API | weights licence | repositories | call sites | failing |', '|---|---|---|---|---|---|---|');
  for (const m of inv.models) {
    out.push(`| ${code(m.id)}${m.name ? ` ${mdCell(m.name)}` : ''} | ${LABEL_TITLE[m.hostedLabel]}${m.known ? '' : ' (not in the catalog)'} | ${m.partnerApi} | ${mdCell(m.weightsLicence ?? '—')} | ${m.repositories.map((u) => `${mdCell(u.repository)} (${u.callSites}, ${useWords(u)})`).join(', ')} | ${m.callSites} | ${m.failing} |`);
  }
  out.push('', '## Repositories', '', '| repository | commit | gate | failing | models | call sites | dynamic | waivers |', '|---|---|---|---|---|---|---|---|');
  for (const r of inv.repositories) {
    out.push(`| ${mdCell(r.repository)} | ${r.commit ? code(r.commit.slice(0, 12)) : '—'} | ${r.exitCode === 1 ? '❌ fails' : '✅ passes'} | ${r.failing} | ${r.models.map((m) => code(m.id)).join(', ') || '—'} | ${r.callSites} | ${r.dynamicSites} | ${r.waivers} |`);
  }
  out.push('');
  if (inv.dynamic.length) {
    out.push('## Dynamic endpoint ids', '', '| repository | where | status |', '|---|---|---|');
    for (const d of inv.dynamic) out.push(`| ${mdCell(d.repository)} | ${code(`${d.file}:${d.line}`)} | ${d.status} |`);
    out.push('');
  }
  if (inv.waivers.length) {
    out.push('## Waivers', '', '| repository | models | approved by | expires | state | reason |', '|---|---|---|---|---|---|');
    for (const w of inv.waivers) out.push(`| ${mdCell(w.repository)} | ${w.models.map(code).join(', ')} | ${mdCell(w.approvedBy)} | ${w.expires} | ${waiverState(w)} | ${mdCell(w.reason)}${w.ticket ? ` (${mdCell(w.ticket)})` : ''} |`);
    out.push('');
  }
  if (inv.superseded.length) {
    out.push('## Superseded reports', '');
    for (const r of inv.superseded) out.push(`- ${mdCell(r.file)} (${mdCell(r.repository)}, ${r.generatedAt}) — superseded by ${mdCell(r.supersededBy)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
