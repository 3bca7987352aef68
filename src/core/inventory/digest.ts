import type { CheckReport } from '../schema/check-report.ts';
import { HostedLabel, ModelStatus, PartnerFlag } from '../schema/observation.ts';
import type { InventoryReport, InventorySite, InventoryWaiver } from '../schema/inventory.ts';

/** What a report says about one endpoint's facts, in the catalog it was judged against. */
export interface DigestFacts {
  known: boolean;
  name: string | null;
  hostedLabel: 'commercial' | 'research' | 'private' | 'unknown';
  partnerApi: 'yes' | 'no' | 'unknown';
  status: 'active' | 'deprecated' | 'removed' | 'unknown';
  replacedBy: string | null;
  weightsLicence: string | null;
}

/** A waiver as the report recorded it, before the inventory's day judges it. */
export type DigestWaiver = Omit<InventoryWaiver, 'repository' | 'expired' | 'daysLeft' | 'expiring'>;

/**
 * One report reduced to what the inventory needs: who it is about, and per endpoint its facts
 * and call sites. Reports are digested as they are read, so the raw report is never kept.
 */
export interface ReportDigest {
  report: InventoryReport;
  exitCode: 0 | 1;
  filesScanned: number;
  catalog: { contentHash: string; generatedAt: string; source: string };
  uses: Map<string, { facts: DigestFacts; sites: InventorySite[] }>;
  dynamic: (InventorySite & { raw: string })[];
  waivers: DigestWaiver[];
}

function factsOf(f: CheckReport['findings'][number]): DigestFacts {
  const m = f.model;
  if (!m) return { known: false, name: null, hostedLabel: 'unknown', partnerApi: 'unknown', status: 'unknown', replacedBy: null, weightsLicence: null };
  return {
    known: true,
    name: m.name,
    // A report states its facts as strings: a value the catalog's own vocabulary does not know is unknown.
    hostedLabel: HostedLabel.safeParse(m.hostedLabel).data ?? 'unknown',
    partnerApi: PartnerFlag.safeParse(m.partnerApi).data ?? 'unknown',
    status: ModelStatus.safeParse(m.status).data ?? 'unknown',
    replacedBy: m.replacedBy,
    weightsLicence: m.weightsLicence,
  };
}

export function digestReport(r: CheckReport, report: InventoryReport): ReportDigest {
  const uses: ReportDigest['uses'] = new Map();
  const dynamic: ReportDigest['dynamic'] = [];
  const waivers = new Map<string, DigestWaiver>();
  for (const f of r.findings) {
    const site: InventorySite = { file: f.file, line: f.line, column: f.column, kind: f.kind, usage: f.usage, verdict: f.verdict, rule: f.rule, status: f.status };
    const id = f.model?.id ?? f.id;
    if (id === null) dynamic.push({ ...site, raw: f.raw });
    else {
      const use = uses.get(id) ?? { facts: factsOf(f), sites: [] };
      use.sites.push(site);
      uses.set(id, use);
    }
    if (f.waiver) {
      const w = f.waiver;
      const key = `${w.file}\0${w.line}`;
      const entry = waivers.get(key) ?? {
        models: [], callSites: 0, reason: w.reason, approvedBy: w.approvedBy, approvedOn: w.approvedOn, expires: w.expires,
        ...(w.ticket ? { ticket: w.ticket } : {}), file: w.file, line: w.line,
      };
      const subject = id ?? 'dynamic';
      if (!entry.models.includes(subject)) entry.models.push(subject);
      entry.callSites++;
      waivers.set(key, entry);
    }
  }
  return {
    report,
    exitCode: r.exitCode,
    filesScanned: r.summary.filesScanned,
    catalog: { contentHash: r.catalog.contentHash, generatedAt: r.catalog.generatedAt, source: r.catalog.source },
    uses,
    dynamic,
    waivers: [...waivers.values()],
  };
}

/** Newer report first: by generation time, then commit, then file, so the winner never depends on reading order. */
export function newerFirst(a: InventoryReport, b: InventoryReport): number {
  return Date.parse(b.generatedAt) - Date.parse(a.generatedAt) || cmp(b.commit ?? '', a.commit ?? '') || cmp(b.file, a.file);
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
