import type { Explanation } from './explain.ts';

const VERDICT = { allowed: 'ALLOWED', review: 'NEEDS REVIEW', denied: 'DENIED' } as const;

/** The terminal answer to "can we use this?": resolution, facts with sources, verdict. */
export function renderExplanation(e: Explanation): string {
  const out: string[] = [];
  const r = e.resolution;
  if (!r || !e.model || !e.hosted) {
    out.push(`${e.query}: not in the catalog`);
  } else {
    const how = r.how === 'exact' ? 'exact id' : r.how === 'alias' ? `alias ${r.matched} of ${e.model.id}` : `longest catalog id prefixing it: ${r.matched} (sub-path ${r.subpath})`;
    out.push(`${e.model.id} — ${e.model.name}`);
    out.push(`  resolved    ${e.query === e.model.id ? 'exact id' : how}`);
    out.push(`  category    ${e.model.category}${e.model.lab ? ` · lab ${e.model.lab}` : ''}`);
    out.push(`  family      ${e.model.family.key} (${e.model.family.source}; ${e.model.family.members} endpoint(s))`);
    if (e.model.aliases.length) out.push(`  aliases     ${e.model.aliases.join(', ')}`);
    const h = e.hosted;
    out.push('');
    out.push('Hosted on fal (decides for calls through fal)');
    out.push(`  label       ${h.label.label} · observed ${h.label.observed} · ${h.label.source}${h.label.url ? ` <${h.label.url}>` : ''}`);
    if (h.label.conflict) {
      out.push(`  CONFLICT    sources disagree (${h.label.conflict.values.join(' / ')}) and no newer dated observation settles it: the stricter applies`);
      for (const o of h.label.conflict.observations) out.push(`              ${o.label ?? 'no label'} · ${o.when} · ${o.url ?? o.source}`);
    }
    out.push(`  partner API ${h.partnerApi}${h.providerType !== 'unknown' ? ` (${h.providerType})` : ''}`);
    out.push(`  status      ${h.status}${h.replacedBy ? ` · fal names ${h.replacedBy} as its successor` : ''}${h.lastSeen ? ` · last seen in fal's listing ${h.lastSeen}` : ''}`);
    if (h.familyEvidence) out.push(`  family      ${h.familyEvidence} (evidence only; it does not change the verdict)`);
    out.push(`  observations (${h.observations.length}, newest first):`);
    for (const o of h.observations) {
      const facts = [o.label && `label ${o.label}`, o.partnerApi && `partner ${o.partnerApi}`, o.status && `status ${o.status}`].filter(Boolean).join(', ') || 'states no hosted fact';
      out.push(`    - ${o.when}: ${facts}${o.seen ? ` — seen “${o.seen}”` : ''}`);
      out.push(`      ${o.source}${o.url ? ` <${o.url}>` : ''} (evidence ${o.evidence})`);
    }
    out.push('');
    out.push('Weights (decide when you self-host them)');
    const w = e.weights;
    if (!w) out.push('  unknown: no source in the catalog says under which licence, or whether, the weights are published');
    else {
      out.push(`  licence     ${w.closed ? 'closed weights: the provider’s API terms apply' : w.licence ? `${w.name ?? w.licence} (${w.licence}) — ${w.commercialUse ?? ''}` : 'not in the catalog'}`);
      if (w.statement) out.push(`  upstream    ${w.statement}${w.upstreamRepo ? ` (${w.upstreamRepo})` : ''}`);
      for (const c of w.conditions) out.push(`  condition   ${c.title}: ${c.text}`);
      out.push(`  source      ${w.source}${w.url ? ` <${w.url}>` : ''}, ${w.observed}`);
    }
  }
  out.push('');
  out.push(`Verdict under the project's policy (usage: ${e.usage}): ${VERDICT[e.verdict.verdict]}${e.waived ? ' — waived for the whole project' : ''}`);
  for (const reason of e.verdict.reasons) out.push(`  ${reason.effect.padEnd(6)} ${reason.rule}: ${reason.message}`);
  for (const w of e.waivers) {
    out.push(`  waiver ${w.expired ? 'EXPIRED' : 'live'} (${w.file}:${w.line}) by ${w.approvedBy} until ${w.expires}${w.paths ? ` for ${w.paths.join(', ')}` : ''}: ${w.reason}`);
  }
  return `${out.join('\n')}\n`;
}
