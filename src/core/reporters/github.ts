import type { GateResult } from '../gate/types.ts';
import { decisiveReason, statusOf, subjectOf } from './status.ts';

/**
 * Workflow-command escaping (as GitHub's own toolkit does): `%`, CR and LF in messages; also
 * `:` and `,` in properties. This is what stops a model name or a line of code from
 * injecting another workflow command.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…::` annotations for failing findings, `::warning` for reported ones. */
export function renderGithubAnnotations(result: GateResult): string {
  const out: string[] = [];
  for (const f of result.findings) {
    const status = statusOf(f);
    if (status !== 'fail' && status !== 'warn') continue;
    const r = decisiveReason(f);
    const level = status === 'fail' ? 'error' : 'warning';
    const props = `file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(`modelgate ${r.rule}`)}`;
    out.push(`::${level} ${props}::${escapeData(`${subjectOf(f)}: ${r.message}`)}`);
  }
  for (const d of result.diagnostics) {
    if (d.severity === 'note') continue;
    const props = [d.file ? `file=${escapeProperty(d.file)}` : '', d.line ? `line=${d.line}` : '', `title=${escapeProperty(`modelgate ${d.code}`)}`].filter(Boolean).join(',');
    out.push(`::${d.severity} ${props}::${escapeData(d.message)}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
