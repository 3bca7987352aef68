import { hostedFacts } from '../facts/hosted.ts';
import { labelEvidence } from '../facts/label-evidence.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Verdict } from '../verdict/judge.ts';
import { csvDocument } from '../csv.ts';
import { conditionSummary, HOSTED_LABELS } from '../wording.ts';

/** One row of the legal review table: the facts a reviewer signs off on, flat. */
export interface LegalRow {
  id: string;
  name: string;
  category: string;
  lab: string;
  status: string;
  hostedLabel: string;
  hostedLabelText: string;
  partnerApi: string;
  providerType: string;
  observed: string;
  evidence: string;
  verdict: string;
  weightsLicence: string;
  weightsLicenceName: string;
  weightsCommercialUse: string;
  weightsStatement: string;
  conditions: string;
  priceUsd: string;
  priceUnit: string;
  reviewedBy: string;
  reviewedOn: string;
}

export const LEGAL_COLUMNS: readonly (keyof LegalRow)[] = [
  'id', 'name', 'category', 'lab', 'status', 'hostedLabel', 'hostedLabelText', 'partnerApi', 'providerType',
  'observed', 'evidence', 'verdict', 'weightsLicence', 'weightsLicenceName', 'weightsCommercialUse',
  'weightsStatement', 'conditions', 'priceUsd', 'priceUnit', 'reviewedBy', 'reviewedOn',
];

export function legalRows(catalog: Catalog, verdicts: ReadonlyMap<string, Verdict>): LegalRow[] {
  return catalog.models.map((m) => {
    const lic = catalog.license(m.weights?.license);
    const facts = hostedFacts(m);
    const ev = labelEvidence(facts);
    return {
      id: m.id,
      name: m.name,
      category: m.category,
      lab: m.lab?.name ?? '',
      status: facts.status.value,
      hostedLabel: facts.license.value,
      hostedLabelText: HOSTED_LABELS[facts.license.value].text,
      labelConflict: ev.conflict ? ev.conflict.values.join(' / ') : '',
      partnerApi: facts.partnerApi.value,
      providerType: facts.providerType.value,
      observed: ev.observed,
      labelSource: ev.url ?? ev.source,
      evidence: ev.evidence,
      verdict: verdicts.get(m.id)?.verdict ?? '',
      weightsLicence: m.weights?.license ?? (m.weights?.closed ? 'closed' : ''),
      weightsLicenceName: lic?.name ?? '',
      weightsCommercialUse: lic?.commercialUse ?? '',
      weightsStatement: m.weights?.statement ?? '',
      conditions: conditionSummary(lic),
      priceUsd: m.price ? String(m.price.usd) : '',
      priceUnit: m.price?.unit ?? '',
      reviewedBy: m.review?.by ?? '',
      reviewedOn: m.review?.date ?? '',
    };
  });
}

/** The legal table as RFC 4180 CSV (the same cell rules as the project report's CSV). */
export function toCsv(rows: readonly LegalRow[]): string {
  return csvDocument(LEGAL_COLUMNS, rows.map((r) => LEGAL_COLUMNS.map((c) => r[c])));
}

export function toLegalJson(rows: readonly LegalRow[], meta: { generatedAt: string }): string {
  return `${JSON.stringify({ generatedAt: meta.generatedAt, count: rows.length, columns: LEGAL_COLUMNS, models: rows }, null, 1)}\n`;
}
