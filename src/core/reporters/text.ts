import type { GateResult } from '../gate/types.ts';
import { decisiveReason, groupBySubject, location, statusOf, type FindingStatus } from './status.ts';

export interface TextOptions {
  color: boolean;
  quiet: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

/** The human report: grouped by model, each call site with its line, then diagnostics and a summary. */
export function renderText(result: GateResult, options: TextOptions): string {
  const paint = (c: keyof typeof CODES, s: string) => (options.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const mark: Record<FindingStatus, string> = {
    fail: paint('red', '✖ FAIL'),
    waived: paint('cyan', '◆ WAIVED'),
    baselined: paint('dim', '◇ BASELINE'),
    warn: paint('yellow', '▲ WARN'),
    pass: paint('green', '✔ OK'),
  };
  const out: string[] = [];
  for (const [subject, findings] of groupBySubject(result.findings)) {
    const shown = options.quiet ? findings.filter((f) => f.failing) : findings;
    if (shown.length === 0) continue;
    const first = findings[0]!;
    const label = first.model ? `${first.model.name} · fal label: ${first.model.hostedLabel}${first.model.partnerApi === 'yes' ? ' · Partner API' : ''}` : first.id ? 'not in the catalog' : 'endpoint id not a literal';
    out.push(`${paint('bold', subject)}  ${paint('dim', label)}`);
    for (const f of shown) {
      const status = statusOf(f);
      const reason = decisiveReason(f);
      out.push(`  ${mark[status]}  ${location(f)}  ${paint('dim', `[${f.kind}, ${f.usage}]`)}`);
      out.push(`      ${paint('dim', '│')} ${f.lineText}`);
      if (status !== 'pass') out.push(`      ${reason.rule}: ${reason.message}`);
      if (f.testLeniency) out.push(`      ${paint('dim', 'in test code this only warns (policy `tests: warn`, the default); `tests: strict` makes it fail')}`);
      for (const r of f.verdict.reasons.slice(1)) if (r.effect === 'warn' || r.effect === 'deny' || r.effect === 'review') out.push(`      ${r.rule}: ${r.message}`);
      if (f.waiver) {
        const w = f.waiver;
        out.push(`      ${w.expired ? paint('red', 'waiver EXPIRED') : 'waived'} by ${w.approvedBy} on ${w.approvedOn} until ${w.expires}: ${w.reason}${w.ticket ? ` (${w.ticket})` : ''}`);
      }
    }
    out.push('');
  }
  for (const d of result.diagnostics) {
    if (options.quiet && d.severity !== 'error') continue;
    const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
    const sev = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : paint('dim', 'note');
    out.push(`${sev} ${d.code}: ${where}${d.message}`);
  }
  const s = result.summary;
  if (s.testWarnings > 0) {
    out.push(`${paint('yellow', 'note')} ${s.testWarnings} finding(s) in test code were only warned about: research-only and unknown models warn in tests by default; add \`tests: strict\` to the policy to fail on them`);
  }
  const verdict = result.exitCode === 0 ? paint('green', 'PASS') : paint('red', 'FAIL');
  out.push(`${verdict}: ${s.findings} finding(s) in ${s.filesScanned} file(s): ${s.failing} failing, ${s.denied} denied, ${s.review} review, ${s.waived} waived, ${s.baselined} baselined, ${s.warnings} with warnings · catalog ${result.catalog.contentHash.slice(0, 19)} (${result.catalog.generatedAt.slice(0, 10)})`);
  return `${out.join('\n')}\n`;
}
