import { csvDocument } from '../csv.ts';
import type { Inventory, InventoryWaiver } from '../schema/inventory.ts';
import { strictestVerdict } from '../verdict/judge.ts';
import { cmp } from './digest.ts';
import { waiverState } from './words.ts';

const HEADER = [
  'repository', 'commit', 'endpoint', 'name', 'in_catalog', 'fal_label', 'partner_api', 'status', 'weights_licence',
  'call_sites', 'failing', 'verdict', 'waived', 'baselined', 'first_site', 'waivers',
] as const;

/** One row per repository × endpoint, for a spreadsheet; dynamic ids are one row per repository, endpoint `dynamic`. */
export function renderInventoryCsv(inv: Inventory): string {
  const commit = new Map(inv.repositories.map((r) => [r.repository, r.commit]));
  const words = (ws: readonly Pick<InventoryWaiver, 'approvedBy' | 'expires' | 'expired' | 'expiring' | 'daysLeft'>[]) => ws.map((w) => `${w.approvedBy} until ${w.expires} (${waiverState(w)})`).join('; ');
  const rows: (string | number | null)[][] = [];
  for (const m of inv.models) {
    for (const u of m.repositories) {
      const first = u.sites[0]!;
      rows.push([
        u.repository, commit.get(u.repository) ?? null, m.id, m.name, m.known ? 'yes' : 'no', m.hostedLabel, m.partnerApi, m.status, m.weightsLicence,
        u.callSites, u.failing, u.verdict, u.statuses.waived, u.statuses.baselined, `${first.file}:${first.line}`, words(u.waivers),
      ]);
    }
  }
  const dynamic = new Map<string, typeof inv.dynamic>();
  for (const d of inv.dynamic) dynamic.set(d.repository, [...(dynamic.get(d.repository) ?? []), d]);
  for (const [repository, sites] of dynamic) {
    const worst = strictestVerdict(sites.map((s) => s.verdict));
    rows.push([
      repository, commit.get(repository) ?? null, 'dynamic', null, 'no', 'unknown', 'unknown', 'unknown', null,
      sites.length, sites.filter((s) => s.status === 'fail').length, worst, sites.filter((s) => s.status === 'waived').length,
      sites.filter((s) => s.status === 'baselined').length, `${sites[0]!.file}:${sites[0]!.line}`, words(inv.waivers.filter((w) => w.repository === repository && w.models.includes('dynamic'))),
    ]);
  }
  rows.sort((a, b) => cmp(String(a[0]), String(b[0])) || cmp(String(a[2]), String(b[2])));
  return csvDocument(HEADER, rows);
}
