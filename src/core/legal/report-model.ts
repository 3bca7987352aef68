import { hostedFacts } from '../facts/hosted.ts';
import { labelEvidence, type LabelEvidence, type ObservationSummary } from '../facts/label-evidence.ts';
import { familyOf } from '../facts/family.ts';
import { describeFamilyEvidence, familyEvidence } from '../facts/family-evidence.ts';
import path from 'node:path';
import { endpointKey } from '../catalog/endpoint-id.ts';
import type { CheckRun } from '../gate/check.ts';
import type { JudgedFinding } from '../gate/types.ts';
import { decisiveReason, statusOf, subjectOf, type FindingStatus } from '../reporters/status.ts';
import { VERDICT_RANK, type Reason, type VerdictValue } from '../verdict/judge.ts';
import { combinedMeaning, COMMERCIAL_USE_TEXT, conditionItems, HOSTED_LABELS, hostedMeaning, PARTNER_MEANING } from '../wording.ts';
import type { ReportChanges } from './since.ts';

export interface ReportWaiver {
  reason: string;
  approvedBy: string;
  approvedOn: string;
  expires: string;
  ticket?: string;
  expired: boolean;
  paths?: string[];
  file: string;
  line: number;
}

export interface ReportCallSite {
  file: string;
  line: number;
  column: number;
  lineText: string;
  kind: string;
  usage: string;
  verdict: VerdictValue;
  rule: string;
  status: FindingStatus;
  waived: boolean;
}

export interface ReportModel {
  id: string;
  known: boolean;
  dynamic: boolean;
  name: string;
  lab: string | null;
  category: string | null;
  status: string | null;
  /** A successor, only where fal's own page names one. */
  replacedBy: string | null;
  hosted: {
    label: string; title: string; meaning: string; partnerApi: string; partnerMeaning: string | null; providerType: string;
    observed: string; source: string; url?: string; evidence: string;
    /** fal's sources disagree with no newer dated observation settling it: every observation in play. */
    conflict: LabelEvidence['conflict'];
    /** Every observation that stated a label, newest first. */
    history: ObservationSummary[];
    /** For an unknown label: what the rest of the family says (never changes the verdict). */
    family: string | null;
  } | null;
  weights: { closed: boolean; licence: string | null; name: string | null; url: string | null; commercialUse: string | null; statement: string | null; conditions: { title: string; text: string }[]; evidence: string; source: string } | null;
  plain: string;
  verdict: VerdictValue;
  rule: string;
  reasons: Reason[];
  needsDecision: boolean;
  callSites: ReportCallSite[];
  waivers: ReportWaiver[];
  review: { by: string; date: string; note?: string } | null;
  notes: string;
}

export interface LegalReport {
  formatVersion: 1;
  kind: 'modelgate-legal-report';
  generatedAt: string;
  tool: { name: 'modelgate'; version: string };
  project: { root: string; name: string };
  configFiles: string[];
  catalog: { source: string; generatedAt: string; contentHash: string; models: number };
  summary: {
    models: number;
    callSites: number;
    byVerdict: Record<VerdictValue, number>;
    callSitesByVerdict: Record<VerdictValue, number>;
    failing: number;
    waived: number;
    needsDecision: string[];
  };
  models: ReportModel[];
  diagnostics: { code: string; severity: string; message: string; file?: string; line?: number }[];
  changes?: ReportChanges;
}

/**
 * The legal packet's content, built from the same check run the gate makes (same scanner,
 * catalog, policy and waivers): one entry per model the project calls, with every call site.
 */
export function buildLegalReport(run: CheckRun, now: Date): LegalReport {
  const { result, catalog, waivers: allWaivers } = run;
  const groups = new Map<string, JudgedFinding[]>();
  for (const f of result.findings) groups.set(subjectOf(f), [...(groups.get(subjectOf(f)) ?? []), f]);

  const rel = (file: string) => path.relative(result.root, file) || file;
  const models: ReportModel[] = [...groups.entries()].map(([id, findings]) => {
    const worst = [...findings].sort((a, b) => VERDICT_RANK[b.verdict.verdict] - VERDICT_RANK[a.verdict.verdict] || Number(b.failing) - Number(a.failing))[0]!;
    const m = worst.model ? catalog.get(worst.model.id) : undefined;
    const lic = catalog.license(m?.weights?.license);
    const keys = new Set(m ? [m.id, ...m.aliases].map(endpointKey) : [endpointKey(id)]);
    const dynamic = worst.kind === 'dynamic' || worst.id === null;
    const waivers = allWaivers
      .filter((w) => (dynamic ? w.model === 'dynamic' : keys.has(endpointKey(w.model))))
      .map((w): ReportWaiver => ({
        reason: w.reason, approvedBy: w.approvedBy, approvedOn: w.approvedOn, expires: w.expires,
        ...(w.ticket ? { ticket: w.ticket } : {}), ...(w.paths ? { paths: w.paths } : {}),
        expired: w.expires < now.toISOString().slice(0, 10),
        file: rel(w.source.file), line: w.source.line,
      }));
    const reason = decisiveReason(worst);
    const facts = m ? hostedFacts(m) : undefined;
    const evidence = facts ? labelEvidence(facts) : undefined;
    const family = worst.verdict.reasons.find((r) => r.rule === 'unknown-label') && m ? familyEvidence(m, catalog.familyMembers(familyOf(m).key)) : undefined;
    const familyNote = family ? describeFamilyEvidence(family) : null;
    return {
      id,
      known: m !== undefined,
      dynamic,
      name: m?.name ?? (dynamic ? 'Endpoint id not a literal' : 'Not in the catalog'),
      lab: m?.lab?.name ?? null,
      category: m?.category ?? null,
      status: facts?.status.value ?? null,
      replacedBy: facts?.replacedBy?.id ?? null,
      hosted: m && facts && evidence
        ? {
            label: facts.license.value, title: HOSTED_LABELS[facts.license.value].text, meaning: hostedMeaning(facts.license.value),
            partnerApi: facts.partnerApi.value, partnerMeaning: facts.partnerApi.value === 'yes' ? PARTNER_MEANING : null, providerType: facts.providerType.value,
            observed: evidence.observed, source: evidence.source, ...(evidence.url ? { url: evidence.url } : {}),
            evidence: evidence.evidence,
            conflict: evidence.conflict,
            history: evidence.history,
            family: familyNote,
          }
        : null,
      weights: m?.weights
        ? {
            closed: m.weights.closed,
            licence: m.weights.license, name: lic?.name ?? null, url: lic?.url ?? null,
            commercialUse: lic ? COMMERCIAL_USE_TEXT[lic.commercialUse] : null, statement: m.weights.statement,
            conditions: lic ? conditionItems(lic.conditions).map(({ title, text, detail }) => ({ title, text: detail ? `${text} (${detail})` : text })) : [],
            evidence: m.weights.provenance.evidence, source: m.weights.provenance.source,
          }
        : null,
      plain: m ? combinedMeaning(m, lic) : dynamic ? 'The code calls fal with an endpoint id computed at run time: which model it calls cannot be checked from the code.' : 'This id is not in the catalog: nothing is known about its licence, so it is not allowed by default.',
      verdict: worst.verdict.verdict,
      rule: reason.rule,
      reasons: worst.verdict.reasons,
      needsDecision: findings.some((f) => f.failing),
      callSites: findings.map((f) => ({
        file: f.file, line: f.line, column: f.column, lineText: f.lineText, kind: f.kind, usage: f.usage,
        verdict: f.verdict.verdict, rule: decisiveReason(f).rule, status: statusOf(f), waived: statusOf(f) === 'waived',
      })),
      waivers,
      review: m?.review ?? null,
      notes: m?.notes ?? '',
    };
  }).sort((a, b) => Number(b.needsDecision) - Number(a.needsDecision) || VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || (a.id < b.id ? -1 : 1));

  const byVerdict = { allowed: 0, review: 0, denied: 0 };
  for (const m of models) byVerdict[m.verdict]++;
  const callSitesByVerdict = { allowed: 0, review: 0, denied: 0 };
  for (const f of result.findings) callSitesByVerdict[f.verdict.verdict]++;
  return {
    formatVersion: 1,
    kind: 'modelgate-legal-report',
    generatedAt: now.toISOString(),
    tool: result.tool,
    project: { root: result.root, name: path.basename(result.root) },
    configFiles: result.configFiles,
    catalog: result.catalog,
    summary: {
      models: models.length,
      callSites: result.findings.length,
      byVerdict,
      callSitesByVerdict,
      failing: result.summary.failing,
      waived: result.summary.waived,
      needsDecision: models.filter((m) => m.needsDecision).map((m) => m.id),
    },
    models,
    diagnostics: result.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: path.isAbsolute(d.file) ? rel(d.file) : d.file } : {}) })),
  };
}
