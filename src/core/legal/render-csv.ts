import type { LegalReport } from './report-model.ts';

/**
 * One CSV cell (RFC 4180). Cells that a spreadsheet would run as a formula get a leading
 * apostrophe: report content comes from code and catalogs, not from the reader.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'model', 'name', 'lab', 'category', 'fal_label', 'partner_api', 'provider_type', 'label_observed', 'label_source', 'evidence',
  'weights_licence', 'weights_commercial_use', 'licence_conditions', 'verdict', 'rule', 'needs_decision',
  'file', 'line', 'column', 'kind', 'usage', 'call_verdict', 'call_status', 'code',
  'waiver_approved_by', 'waiver_approved_on', 'waiver_expires', 'waiver_reason',
] as const;

/** One row per (model, call site), for spreadsheets. */
export function renderReportCsv(r: LegalReport): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const m of r.models) {
    const live = m.waivers.find((w) => !w.expired) ?? m.waivers[0];
    for (const c of m.callSites) {
      const w = c.waived ? live : undefined;
      const cells = [
        m.id, m.name, m.lab, m.category, m.hosted?.label ?? 'not in catalog', m.hosted?.partnerApi, m.hosted?.providerType, m.hosted?.observed, m.hosted?.source, m.hosted?.evidence,
        m.weights?.licence ?? m.weights?.statement, m.weights?.commercialUse, m.weights?.conditions.map((x) => `${x.title}: ${x.text}`).join(' | '), m.verdict, m.rule, m.needsDecision,
        c.file, c.line, c.column, c.kind, c.usage, c.verdict, c.status, c.lineText,
        w?.approvedBy, w?.approvedOn, w?.expires, w?.reason,
      ];
      rows.push(cells.map(csvCell).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
