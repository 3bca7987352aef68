import path from 'node:path';
import type { GateResult } from '../gate/types.ts';
import type { CheckReport } from '../schema/check-report.ts';
import { decisiveReason, statusOf } from './status.ts';

/** The documented JSON report (schema: check-report.schema.json). Paths are relative to the scanned root. */
export function toCheckReport(result: GateResult, now: Date): CheckReport {
  return {
    formatVersion: 1,
    tool: result.tool,
    generatedAt: now.toISOString(),
    root: result.root,
    repository: result.origin.repository,
    repositoryFrom: result.origin.repositoryFrom,
    commit: result.origin.commit,
    configFiles: result.configFiles,
    catalog: result.catalog,
    exitCode: result.exitCode,
    summary: result.summary,
    findings: result.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      kind: f.kind,
      usage: f.usage,
      id: f.id,
      raw: f.raw,
      via: f.via,
      lineText: f.lineText,
      ...(f.cell ? { cell: f.cell } : {}),
      fingerprint: f.fingerprint,
      model: f.model,
      verdict: f.verdict.verdict,
      rule: decisiveReason(f).rule,
      reasons: f.verdict.reasons,
      status: statusOf(f),
      failing: f.failing,
      baselined: f.baselined,
      waiver: f.waiver
        ? {
            reason: f.waiver.reason, approvedBy: f.waiver.approvedBy, approvedOn: f.waiver.approvedOn, expires: f.waiver.expires,
            ...(f.waiver.ticket ? { ticket: f.waiver.ticket } : {}), expired: f.waiver.expired,
            file: path.relative(result.root, f.waiver.source.file) || f.waiver.source.file, line: f.waiver.source.line,
          }
        : null,
    })),
    diagnostics: result.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: path.isAbsolute(d.file) ? path.relative(result.root, d.file) : d.file } : {}) })),
  };
}

export function renderJson(result: GateResult, now: Date): string {
  return `${JSON.stringify(toCheckReport(result, now), null, 2)}\n`;
}
