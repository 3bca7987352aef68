import { CLOSED_WEIGHTS_TEXT } from '../wording.ts';
import { csvDocument } from '../csv.ts';
import type { LegalReport } from './report-model.ts';

export const CSV_COLUMNS = [
  'model', 'name', 'lab', 'category', 'fal_label', 'partner_api', 'provider_type', 'label_observed', 'label_source', 'evidence', 'label_conflict',
  'weights_licence', 'weights_commercial_use', 'licence_conditions', 'verdict', 'rule', 'needs_decision',
  'file', 'line', 'column', 'kind', 'usage', 'call_verdict', 'call_status', 'code',
  'waiver_approved_by', 'waiver_approved_on', 'waiver_expires', 'waiver_reason',
] as const;

/** One row per (model, call site), for spreadsheets. */
export function renderReportCsv(r: LegalReport): string {
  const rows: Parameters<typeof csvDocument>[1][number][] = [];
  for (const m of r.models) {
    const live = m.waivers.find((w) => !w.expired) ?? m.waivers[0];
    for (const c of m.callSites) {
      const w = c.waived ? live : undefined;
      const cells = [
        m.id, m.name, m.lab, m.category, m.hosted?.label ?? 'not in catalog', m.hosted?.partnerApi, m.hosted?.providerType, m.hosted?.observed, m.hosted?.url ?? m.hosted?.source, m.hosted?.evidence, m.hosted?.conflict?.values.join(' / '),
        m.weights?.closed ? 'closed' : m.weights?.licence ?? m.weights?.statement, m.weights?.closed ? CLOSED_WEIGHTS_TEXT : m.weights?.commercialUse, m.weights?.conditions.map((x) => `${x.title}: ${x.text}`).join(' | '), m.verdict, m.rule, m.needsDecision,
        c.file, c.line, c.column, c.kind, c.usage, c.verdict, c.status, c.lineText,
        w?.approvedBy, w?.approvedOn, w?.expires, w?.reason,
      ];
      rows.push(cells);
    }
  }
  return csvDocument(CSV_COLUMNS, rows);
}
