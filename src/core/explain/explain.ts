import type { Catalog, CatalogLicense, CatalogModel, Resolution } from '../catalog/catalog.ts';
import { endpointKey } from '../catalog/endpoint-id.ts';
import { familyOf, type Family } from '../facts/family.ts';
import { describeFamilyEvidence, familyEvidence } from '../facts/family-evidence.ts';
import { hostedFacts } from '../facts/hosted.ts';
import { labelEvidence, summarize, type LabelEvidence, type ObservationSummary } from '../facts/label-evidence.ts';
import type { LocatedWaiver } from '../gate/config.ts';
import type { Policy, UsageContext } from '../schema/policy.ts';
import { conditionItems, CLOSED_WEIGHTS_TEXT, COMMERCIAL_USE_TEXT } from '../wording.ts';
import { judge, type Verdict } from '../verdict/judge.ts';
import { modelSubject } from '../verdict/subject.ts';

/** Everything `modelgate explain` says about one endpoint id: a value, rendered by the CLI. */
export interface Explanation {
  query: string;
  /** How the id resolved: exact, an alias of the entry, or the longest catalog id prefixing it. */
  resolution: { how: Resolution['how']; matched: string; subpath: string | null } | null;
  model: {
    id: string; name: string; category: string; lab: string | null; aliases: string[];
    family: Family & { members: number };
  } | null;
  hosted: {
    label: LabelEvidence;
    partnerApi: string; providerType: string; status: string; replacedBy: string | null; lastSeen: string | null;
    observations: ObservationSummary[];
    familyEvidence: string | null;
  } | null;
  weights: {
    closed: boolean; licence: string | null; name: string | null; commercialUse: string | null; statement: string | null;
    upstreamRepo: string | null; conditions: { title: string; text: string }[]; source: string; url?: string; observed: string;
  } | null;
  usage: UsageContext;
  verdict: Verdict;
  /** Waivers that name this endpoint, and whether one covers the whole project now. */
  waivers: { model: string; paths: string[] | null; approvedBy: string; expires: string; expired: boolean; reason: string; file: string; line: number }[];
  waived: boolean;
  /** 0 allowed (or waived for the whole project), 1 denied or review: as `check`. */
  exitCode: 0 | 1;
}

/** Pure: the answer to "can we use this?" for one id under one policy. */
export function explainEndpoint(
  catalog: Catalog,
  policy: Policy,
  waivers: readonly LocatedWaiver[],
  query: string,
  options: { usage: UsageContext; today: string },
): Explanation {
  const r = catalog.resolve(query);
  const m: CatalogModel | undefined = r?.model;
  const lic: CatalogLicense | undefined = m ? catalog.license(m.weights?.license) : undefined;
  const verdict = m ? judge(modelSubject(catalog, m), policy, options.usage) : judge({ kind: 'unknown', id: query }, policy, options.usage);
  const ids = new Set((m ? [m.id, ...m.aliases] : [query]).map(endpointKey));
  const named = waivers
    .filter((w) => w.model !== 'dynamic' && ids.has(endpointKey(w.model)))
    .map((w) => ({
      model: w.model, paths: w.paths ?? null, approvedBy: w.approvedBy, expires: w.expires, expired: w.expires < options.today, reason: w.reason,
      file: w.source.file, line: w.source.line,
    }));
  const waived = verdict.verdict !== 'allowed' && named.some((w) => !w.expired && w.paths === null);

  let hosted: Explanation['hosted'] = null;
  let model: Explanation['model'] = null;
  let weights: Explanation['weights'] = null;
  if (m) {
    const facts = hostedFacts(m);
    const family = familyOf(m);
    const members = catalog.familyMembers(family.key);
    model = { id: m.id, name: m.name, category: m.category, lab: m.lab?.name ?? null, aliases: m.aliases, family: { ...family, members: members.length } };
    hosted = {
      label: labelEvidence(facts),
      partnerApi: facts.partnerApi.value,
      providerType: facts.providerType.value,
      status: facts.status.value,
      replacedBy: facts.replacedBy?.id ?? null,
      lastSeen: m.lastSeen ?? null,
      observations: facts.observations.map(summarize),
      familyEvidence: facts.license.value === 'unknown' ? describeFamilyEvidence(familyEvidence(m, members)) : null,
    };
    if (m.weights) {
      const w = m.weights;
      weights = {
        closed: w.closed, licence: w.license, name: lic?.name ?? null,
        commercialUse: w.closed ? CLOSED_WEIGHTS_TEXT : lic ? COMMERCIAL_USE_TEXT[lic.commercialUse] : null,
        statement: w.statement, upstreamRepo: w.upstreamRepo,
        conditions: lic ? conditionItems(lic.conditions).map(({ title, text, detail }) => ({ title, text: detail ? `${text} (${detail})` : text })) : [],
        source: w.provenance.source, ...(w.provenance.url ? { url: w.provenance.url } : {}), observed: w.provenance.observed,
      };
    }
  }
  return {
    query,
    resolution: r ? { how: r.how, matched: r.matched, subpath: r.subpath } : null,
    model,
    hosted,
    weights,
    usage: options.usage,
    verdict,
    waivers: named,
    waived,
    exitCode: verdict.verdict === 'allowed' || waived ? 0 : 1,
  };
}
