import { daysBetween } from '../gate/config.ts';
import { strictestVerdict } from '../verdict/judge.ts';
import type { Inventory, InventoryModel, InventorySite, InventoryWaiver } from '../schema/inventory.ts';
import { cmp, type DigestFacts, type ReportDigest } from './digest.ts';
import { failOnTripped, type FailOnCategory } from './fail-on.ts';
import type { ReadReports } from './read.ts';

export interface BuildOptions {
  now: Date;
  version: string;
  expiringWithinDays: number;
  failOn: readonly FailOnCategory[];
}

const strictest = (sites: readonly InventorySite[]) => strictestVerdict(sites.map((s) => s.verdict));
const bySite = (a: InventorySite, b: InventorySite) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column;

/** The inventory: a pure function of the merged reports and the day it is made on. */
export function buildInventory(read: ReadReports, o: BuildOptions): Inventory {
  const today = o.now.toISOString().slice(0, 10);
  const waivers = waiversOf(read.digests, today, o.expiringWithinDays);
  const models = modelsOf(read.digests, waivers);
  const dynamic = read.digests.flatMap((d) => d.dynamic.map((s) => ({ ...s, repository: d.report.repository }))).sort((a, b) => cmp(a.repository, b.repository) || bySite(a, b));
  const repositories = read.digests.map((d) => {
    const uses = [...d.uses.entries()].map(([id, u]) => ({ id, hostedLabel: u.facts.hostedLabel, callSites: u.sites.length, failing: u.sites.filter((s) => s.status === 'fail').length, verdict: strictest(u.sites) }));
    return {
      repository: d.report.repository,
      commit: d.report.commit,
      report: d.report.file,
      generatedAt: d.report.generatedAt,
      exitCode: d.exitCode,
      failing: uses.reduce((n, u) => n + u.failing, 0) + d.dynamic.filter((s) => s.status === 'fail').length,
      callSites: uses.reduce((n, u) => n + u.callSites, 0),
      filesScanned: d.filesScanned,
      models: uses.sort((a, b) => cmp(a.id, b.id)),
      dynamicSites: d.dynamic.length,
      waivers: d.waivers.length,
    };
  });
  const ids = (test: (m: InventoryModel) => boolean) => models.filter(test).map((m) => m.id);
  const inventory: Inventory = {
    formatVersion: 1,
    kind: 'modelgate-inventory',
    tool: { name: 'modelgate', version: o.version },
    generatedAt: o.now.toISOString(),
    today,
    expiringWithinDays: o.expiringWithinDays,
    reports: read.digests.map((d) => d.report),
    superseded: read.superseded,
    catalogs: catalogsOf(read.digests),
    summary: {
      repositories: repositories.length,
      failingRepositories: repositories.filter((r) => r.exitCode === 1).length,
      models: models.length,
      callSites: models.reduce((n, m) => n + m.callSites, 0),
      dynamicSites: dynamic.length,
      research: ids((m) => m.hostedLabel === 'research'),
      private: ids((m) => m.hostedLabel === 'private'),
      unknown: ids((m) => m.hostedLabel === 'unknown'),
      partner: ids((m) => m.partnerApi === 'yes'),
      waiversExpired: waivers.filter((w) => w.expired).length,
      waiversExpiring: waivers.filter((w) => w.expiring).length,
    },
    repositories,
    models,
    dynamic,
    waivers,
    failOn: { categories: [...o.failOn], tripped: [] },
  };
  inventory.failOn.tripped = failOnTripped(inventory, o.failOn);
  return inventory;
}

/**
 * Per endpoint, every repository calling it. Facts come from the newest report naming the id
 * (its catalog is the newest the organisation ran); labels other reports saw are kept.
 */
function modelsOf(digests: readonly ReportDigest[], waivers: readonly InventoryWaiver[]): InventoryModel[] {
  const byRepository = new Map<string, InventoryWaiver[]>();
  for (const w of waivers) byRepository.set(w.repository, [...(byRepository.get(w.repository) ?? []), w]);
  const covering = (repository: string, id: string) =>
    (byRepository.get(repository) ?? []).filter((w) => w.models.includes(id)).map(({ repository: _r, models: _m, callSites: _c, ...w }) => w);
  const byId = new Map<string, { facts: DigestFacts; factsAt: string; labels: Set<string>; uses: InventoryModel['repositories'] }>();
  for (const d of digests) {
    for (const [id, u] of d.uses) {
      const entry = byId.get(id) ?? { facts: u.facts, factsAt: d.catalog.generatedAt, labels: new Set<string>(), uses: [] };
      if (d.catalog.generatedAt > entry.factsAt) Object.assign(entry, { facts: u.facts, factsAt: d.catalog.generatedAt });
      entry.labels.add(u.facts.hostedLabel);
      const sites = [...u.sites].sort(bySite);
      const statuses = { fail: 0, waived: 0, baselined: 0, warn: 0, pass: 0 };
      for (const s of sites) statuses[s.status]++;
      entry.uses.push({ repository: d.report.repository, callSites: sites.length, failing: statuses.fail, verdict: strictest(sites), statuses, sites, waivers: covering(d.report.repository, id) });
      byId.set(id, entry);
    }
  }
  return [...byId.entries()]
    .map(([id, e]) => ({
      id,
      ...e.facts,
      labelsSeen: [...e.labels].sort(),
      repositories: e.uses.sort((a, b) => cmp(a.repository, b.repository)),
      callSites: e.uses.reduce((n, u) => n + u.callSites, 0),
      failing: e.uses.reduce((n, u) => n + u.failing, 0),
    }))
    .sort((a, b) => cmp(a.id, b.id));
}

function waiversOf(digests: readonly ReportDigest[], today: string, within: number): InventoryWaiver[] {
  return digests
    .flatMap((d) => d.waivers.map((w) => {
      const daysLeft = daysBetween(today, w.expires);
      const expired = w.expires < today;
      return { repository: d.report.repository, ...w, models: [...w.models].sort(), expired, daysLeft, expiring: !expired && daysLeft <= within };
    }))
    .sort((a, b) => cmp(a.expires, b.expires) || cmp(a.repository, b.repository) || cmp(a.file, b.file) || a.line - b.line);
}

function catalogsOf(digests: readonly ReportDigest[]): Inventory['catalogs'] {
  const byHash = new Map<string, Inventory['catalogs'][number]>();
  for (const d of digests) {
    const c = byHash.get(d.catalog.contentHash) ?? { ...d.catalog, repositories: [] };
    c.repositories.push(d.report.repository);
    byHash.set(d.catalog.contentHash, c);
  }
  return [...byHash.values()].sort((a, b) => cmp(b.generatedAt, a.generatedAt));
}
