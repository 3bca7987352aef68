import type { GateResult } from '../gate/types.ts';
import { decisiveReason, groupBySubject, location, statusOf } from './status.ts';

/** XML 1.0 text: escaped, and characters XML cannot hold at all dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** JUnit XML: a test suite per model, a test case per call site; failing findings fail their case. */
export function renderJunit(result: GateResult): string {
  const suites = groupBySubject(result.findings).map(([subject, findings]) => {
    const cases = findings.map((f) => {
      const status = statusOf(f);
      const reason = decisiveReason(f);
      const name = xmlEscape(`${location(f)} ${f.kind}`);
      const body = status === 'fail'
        ? `<failure message="${xmlEscape(`${reason.rule}: ${reason.message}`)}" type="${reason.rule}">${xmlEscape(`${location(f)}\n${f.lineText}\n${f.verdict.reasons.map((r) => `${r.effect} ${r.rule}: ${r.message}`).join('\n')}`)}</failure>`
        : status === 'waived' || status === 'baselined'
          ? `<skipped message="${xmlEscape(status === 'waived' && f.waiver ? `waived by ${f.waiver.approvedBy} until ${f.waiver.expires}: ${f.waiver.reason}` : 'in baseline')}"/>`
          : '';
      return `    <testcase classname="${xmlEscape(`modelgate.${subject}`)}" name="${name}" file="${xmlEscape(f.file)}" line="${f.line}">${body}</testcase>`;
    });
    const failures = findings.filter((f) => f.failing).length;
    const skipped = findings.filter((f) => ['waived', 'baselined'].includes(statusOf(f))).length;
    return `  <testsuite name="${xmlEscape(subject)}" tests="${findings.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const diag = errors.length
    ? [`  <testsuite name="modelgate configuration" tests="${errors.length}" failures="${errors.length}" errors="0" skipped="0">`, ...errors.map((d) => `    <testcase classname="modelgate.configuration" name="${xmlEscape(d.code)}"><failure message="${xmlEscape(d.message)}" type="${d.code}"/></testcase>`), '  </testsuite>']
    : [];
  const s = result.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="modelgate" tests="${s.findings + errors.length}" failures="${s.failing + errors.length}">\n${[...suites, ...diag].join('\n')}\n</testsuites>\n`;
}
