import type { JudgedFinding } from '../gate/types.ts';
import type { Reason } from '../verdict/judge.ts';

export type FindingStatus = 'fail' | 'waived' | 'baselined' | 'warn' | 'pass';

/** How a finding stands after waivers and baseline: what every reporter shows first. */
export function statusOf(f: JudgedFinding): FindingStatus {
  if (f.failing) return 'fail';
  if (f.verdict.verdict !== 'allowed') return f.waiver && !f.waiver.expired ? 'waived' : 'baselined';
  return f.verdict.reasons.some((r) => r.effect === 'warn') ? 'warn' : 'pass';
}

/** The reason that decided the verdict (reasons are sorted most severe first). */
export function decisiveReason(f: JudgedFinding): Reason {
  return f.verdict.reasons[0] ?? { rule: 'commercial-use', effect: 'allow', message: 'allowed' };
}

/** What a finding calls, for headings: the catalog id, the unknown id, or the dynamic call. */
export function subjectOf(f: JudgedFinding): string {
  return f.model?.id ?? f.id ?? 'dynamic endpoint id';
}

/** Findings grouped by what they call, in a stable order (failing groups first). */
export function groupBySubject(findings: readonly JudgedFinding[]): [string, JudgedFinding[]][] {
  const groups = new Map<string, JudgedFinding[]>();
  for (const f of findings) groups.set(subjectOf(f), [...(groups.get(subjectOf(f)) ?? []), f]);
  return [...groups.entries()].sort(([a, fa], [b, fb]) => Number(fb.some((f) => f.failing)) - Number(fa.some((f) => f.failing)) || (a < b ? -1 : a > b ? 1 : 0));
}

/** `file:line:column`, and for a notebook the cell and the line in it: `nb.ipynb:37:34 (cell 3, line 3)`. */
export function location(f: Pick<JudgedFinding, 'file' | 'line' | 'column' | 'cell'>): string {
  return `${f.file}:${f.line}:${f.column}${f.cell ? ` (cell ${f.cell.index + 1}, line ${f.cell.line})` : ''}`;
}
