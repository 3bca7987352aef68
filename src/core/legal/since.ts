import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fieldPath, type Problem } from '../problem.ts';
import type { LegalReport, ReportWaiver } from './report-model.ts';

/** What an earlier report must hold for a comparison; anything else in it is ignored. */
const EarlierReport = z.object({
  formatVersion: z.literal(1),
  kind: z.literal('modelgate-legal-report'),
  generatedAt: z.string(),
  catalog: z.object({ contentHash: z.string(), generatedAt: z.string() }),
  models: z.array(z.object({
    id: z.string(),
    name: z.string(),
    hosted: z.object({ label: z.string(), partnerApi: z.string() }).nullable(),
    verdict: z.string(),
    waivers: z.array(z.object({ approvedBy: z.string(), approvedOn: z.string(), expires: z.string(), reason: z.string(), expired: z.boolean() })),
  })),
});
type Earlier = z.infer<typeof EarlierReport>;

export interface LabelChange {
  id: string;
  name: string;
  from: string;
  to: string;
  /** A model that lost commercial use (commercial → research or private): the headline of a review. */
  lostCommercialUse: boolean;
}

export interface ReportChanges {
  against: { generatedAt: string; contentHash: string };
  added: { id: string; name: string; verdict: string }[];
  removed: { id: string; name: string }[];
  labelChanges: LabelChange[];
  partnerChanges: { id: string; from: string; to: string }[];
  verdictChanges: { id: string; from: string; to: string }[];
  waiversAdded: ({ id: string } & ReportWaiver)[];
  waiversExpired: ({ id: string } & ReportWaiver)[];
  waiversExpiring: ({ id: string; daysLeft: number } & ReportWaiver)[];
}

export async function readEarlierReport(file: string): Promise<{ ok: true; value: Earlier } | { ok: false; problem: Problem }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, problem: { code: 'config', file, message: `cannot read the earlier report (a \`modelgate report --format json\` file): ${(e as Error).message}` } };
  }
  const parsed = EarlierReport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: { code: 'config', file, field: fieldPath(issue.path) || '(root)', message: `not a modelgate JSON report: ${issue.message}` } };
  }
  return { ok: true, value: parsed.data };
}

const waiverKey = (w: Pick<ReportWaiver, 'approvedBy' | 'approvedOn' | 'expires' | 'reason'>) => [w.approvedBy, w.approvedOn, w.expires, w.reason].join('\0');

/** What changed between an earlier report and this one: a pure comparison of the two. */
export function compareReports(earlier: Earlier, now: LegalReport, today: string, warnWithinDays: number): ReportChanges {
  const before = new Map(earlier.models.map((m) => [m.id, m]));
  const after = new Map(now.models.map((m) => [m.id, m]));
  const changes: ReportChanges = {
    against: { generatedAt: earlier.generatedAt, contentHash: earlier.catalog.contentHash },
    added: [], removed: [], labelChanges: [], partnerChanges: [], verdictChanges: [], waiversAdded: [], waiversExpired: [], waiversExpiring: [],
  };
  for (const m of now.models) {
    const old = before.get(m.id);
    if (!old) {
      changes.added.push({ id: m.id, name: m.name, verdict: m.verdict });
    } else {
      const from = old.hosted?.label ?? 'not in catalog';
      const to = m.hosted?.label ?? 'not in catalog';
      if (from !== to) changes.labelChanges.push({ id: m.id, name: m.name, from, to, lostCommercialUse: from === 'commercial' && (to === 'research' || to === 'private') });
      const pf = old.hosted?.partnerApi ?? 'unknown';
      const pt = m.hosted?.partnerApi ?? 'unknown';
      if (pf !== pt) changes.partnerChanges.push({ id: m.id, from: pf, to: pt });
      if (old.verdict !== m.verdict) changes.verdictChanges.push({ id: m.id, from: old.verdict, to: m.verdict });
    }
    const oldWaivers = new Set((old?.waivers ?? []).map(waiverKey));
    for (const w of m.waivers) {
      if (!oldWaivers.has(waiverKey(w))) changes.waiversAdded.push({ id: m.id, ...w });
      if (w.expired && !(old?.waivers ?? []).some((o) => waiverKey(o) === waiverKey(w) && o.expired)) changes.waiversExpired.push({ id: m.id, ...w });
      const daysLeft = Math.round((Date.parse(`${w.expires}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      if (!w.expired && daysLeft <= warnWithinDays) changes.waiversExpiring.push({ id: m.id, daysLeft, ...w });
    }
  }
  for (const m of earlier.models) if (!after.has(m.id)) changes.removed.push({ id: m.id, name: m.name });
  changes.labelChanges.sort((a, b) => Number(b.lostCommercialUse) - Number(a.lostCommercialUse));
  return changes;
}
