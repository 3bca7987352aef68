import type { GateResult } from '../gate/types.ts';
import { decisiveReason, location, statusOf, subjectOf } from './status.ts';

/** Text safe inside a Markdown table cell: pipes and newlines escaped, HTML neutralised. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

/** An inline code span that survives any content: a fence longer than any backtick run inside. */
export function mdCode(s: string): string {
  const text = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

const ICON = { fail: '❌ fail', waived: '🛡️ waived', baselined: '⏸️ baseline', warn: '⚠️ warn', pass: '✅ ok' } as const;

/** A Markdown table of every finding: for PR comments and GitHub's step summary. */
export function renderMarkdown(result: GateResult): string {
  const s = result.summary;
  const lines = [
    `### modelgate: ${result.exitCode === 0 ? '✅ no forbidden model use' : `❌ ${s.failing} forbidden use(s)`}`,
    '',
    `${s.findings} finding(s) in ${s.filesScanned} file(s) · ${s.denied} denied · ${s.review} need review · ${s.waived} waived · ${s.baselined} baselined · catalog \`${result.catalog.contentHash.slice(0, 19)}\` of ${result.catalog.generatedAt.slice(0, 10)}`,
    '',
  ];
  if (result.findings.length > 0) {
    lines.push('| status | model | fal label | where | rule | why |', '|---|---|---|---|---|---|');
    for (const f of result.findings) {
      const r = decisiveReason(f);
      const why = f.waiver && statusOf(f) === 'waived' ? `waived by ${f.waiver.approvedBy} until ${f.waiver.expires}: ${f.waiver.reason}` : r.message;
      lines.push(`| ${ICON[statusOf(f)]} | \`${mdCell(subjectOf(f))}\` | ${mdCell(f.model?.hostedLabel ?? '—')} | \`${mdCell(location(f))}\` | \`${r.rule}\` | ${mdCell(why)} |`);
    }
    lines.push('');
  }
  const diags = result.diagnostics.filter((d) => d.severity !== 'note');
  if (diags.length > 0) {
    lines.push('**Diagnostics**', '');
    for (const d of diags) lines.push(`- ${d.severity} \`${d.code}\`${d.file ? ` (${mdCell(d.file)}${d.line ? `:${d.line}` : ''})` : ''}: ${mdCell(d.message)}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
