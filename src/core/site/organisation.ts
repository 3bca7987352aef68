import type { Catalog } from '../catalog/catalog.ts';
import { hostedFacts } from '../facts/hosted.ts';
import { cmp } from '../inventory/digest.ts';
import { firstSite, usesByEndpoint } from '../inventory/uses.ts';
import { useWords, waiverState } from '../inventory/words.ts';
import type { Inventory, InventoryModel, InventorySite, InventoryWaiver } from '../schema/inventory.ts';

/**
 * What the catalog site shows of an organisation's inventory (`MODELGATE_INVENTORY`): per model
 * the repositories calling it, and the Organisation page. Pure: the pages only render these.
 */

type Verdict = InventoryModel['repositories'][number]['verdict'];
type Label = InventoryModel['hostedLabel'];

/**
 * The catalog's own resolution, as the gate and impact.ts use it: id or alias (owner compared
 * case-insensitively, endpointKey), else the longest catalog id prefixing the request path.
 */
export type CatalogLookup = Pick<Catalog, 'resolve'>;

/** An inventory id, and the catalog model it resolves to on this site (null: not in the catalog). */
export interface ModelRef {
  id: string;
  catalogId: string | null;
}

/** A waiver covering one repository's use of a model, as its model page says it. */
export interface UseWaiver {
  approvedBy: string;
  expires: string;
  /** waiverState(): "expires in 10 day(s)", "expired 3 day(s) ago", "live, 200 day(s) left". */
  state: string;
  expired: boolean;
  expiring: boolean;
}

/** A waiver of the organisation's (the Organisation page's list). */
export interface WaiverLine {
  repository: string;
  models: ModelRef[];
  callSites: number;
  approvedBy: string;
  approvedOn: string;
  expires: string;
  /** waiverState(): "expires in 10 day(s)", "expired 3 day(s) ago", "live, 200 day(s) left". */
  state: string;
  expired: boolean;
  expiring: boolean;
  reason: string;
  ticket: string | null;
}

/** One repository's use of one catalog model, as its model page lists it. */
export interface RepositoryUse {
  repository: string;
  callSites: number;
  failing: number;
  verdict: Verdict;
  /** useWords(): the strictest verdict, then how many call sites fail, are waived or baselined. */
  words: string;
  /** `file:line` of the call site that stands for the use (uses.ts firstSite: a source call first). */
  firstSite: string;
  /** The waivers of that repository that cover this model. */
  waivers: UseWaiver[];
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The model page's heading over its uses. */
export function usedInHeading(n: number): string {
  return n === 0 ? 'Not used in any repository of the inventory' : `Used in ${plural(n, 'repository', 'repositories')}`;
}

/** Catalog id per inventory id, by the catalog's resolution (an inventory id is normally the catalog id). */
export function catalogIds(inv: Inventory, catalog: CatalogLookup): Map<string, string | null> {
  return new Map(inv.models.map((m) => [m.id, catalog.resolve(m.id)?.model.id ?? null]));
}

function waiverLine(w: InventoryWaiver, ids: ReadonlyMap<string, string | null>): WaiverLine {
  return {
    repository: w.repository,
    models: w.models.map((id) => ({ id, catalogId: ids.get(id) ?? null })),
    callSites: w.callSites,
    approvedBy: w.approvedBy,
    approvedOn: w.approvedOn,
    expires: w.expires,
    state: waiverState(w),
    expired: w.expired,
    expiring: w.expiring,
    reason: w.reason,
    ticket: w.ticket ?? null,
  };
}

/**
 * Per catalog model id, the repositories that call it (by name), each with its call sites,
 * verdict and status words, first call site and the waivers covering it there. Inventory ids
 * the catalog does not know are not here (the Organisation page lists them).
 */
export function usesByModel(inv: Inventory, catalog: CatalogLookup): Map<string, RepositoryUse[]> {
  const ids = catalogIds(inv, catalog);
  const merged = usesByEndpoint(inv, (id) => ids.get(id) ?? null);
  const out = new Map<string, RepositoryUse[]>();
  for (const [target, byRepo] of merged) {
    const uses = [...byRepo.values()].map((use) => {
      const first = use.sites.length > 0 ? firstSite(use) : null;
      return {
        repository: use.repository,
        callSites: use.callSites,
        failing: use.failing,
        verdict: use.verdict,
        words: useWords(use),
        firstSite: first ? `${first.file}:${first.line}` : '—',
        waivers: [...use.waivers]
          .sort((a, b) => cmp(a.expires, b.expires) || cmp(a.file, b.file) || a.line - b.line)
          .map((w) => ({ approvedBy: w.approvedBy, expires: w.expires, state: waiverState(w), expired: w.expired, expiring: w.expiring })),
      };
    });
    out.set(target, uses.sort((a, b) => cmp(a.repository, b.repository)));
  }
  return out;
}

export interface RepositoryRow {
  repository: string;
  commit: string | null;
  /** Its own gate passed (exit 0). */
  passes: boolean;
  failing: number;
  /** Call sites of named endpoints by verdict (they add up to `callSites`). */
  verdicts: Record<Verdict, number>;
  callSites: number;
  /** Call sites whose endpoint id is computed at run time, counted apart. */
  dynamic: number;
  waivers: number;
  models: number;
}

export interface ModelRow {
  model: ModelRef;
  name: string | null;
  /** The fal label the reports were judged with. */
  label: Label;
  /** The label this site's catalog gives now, when it differs (a newer catalog than the reports'). */
  labelNow: Label | null;
  partnerApi: InventoryModel['partnerApi'];
  callSites: number;
  failing: number;
  uses: { repository: string; callSites: number; words: string }[];
}

export interface DynamicRow {
  repository: string;
  where: string;
  raw: string;
  verdict: Verdict;
  status: InventorySite['status'];
}

export interface OrganisationView {
  generatedAt: string;
  /** The day waivers were judged on. */
  today: string;
  expiringWithinDays: number;
  reports: number;
  superseded: number;
  summary: Inventory['summary'];
  repositories: RepositoryRow[];
  /** Expired and expiring waivers, soonest expiry first (live ones further off are only counted). */
  waivers: WaiverLine[];
  liveWaivers: number;
  /** Most repositories first, then most call sites, then id. */
  models: ModelRow[];
  /** What the organisation should look at first, by the label the reports were judged with. */
  attention: { label: 'research' | 'private' | 'unknown'; models: ModelRow[] }[];
  dynamic: DynamicRow[];
}

export const ATTENTION_TITLE = { research: 'Research only', private: 'Private', unknown: 'Unknown label or not in the catalog' } as const;

export function organisationView(inv: Inventory, catalog: CatalogLookup): OrganisationView {
  const ids = catalogIds(inv, catalog);
  const verdicts = new Map<string, Record<Verdict, number>>();
  for (const m of inv.models) {
    for (const u of m.repositories) {
      const v = verdicts.get(u.repository) ?? { allowed: 0, review: 0, denied: 0 };
      for (const s of u.sites) v[s.verdict]++;
      verdicts.set(u.repository, v);
    }
  }
  const repositories = inv.repositories.map((r) => ({
    repository: r.repository,
    commit: r.commit,
    passes: r.exitCode === 0,
    failing: r.failing,
    verdicts: verdicts.get(r.repository) ?? { allowed: 0, review: 0, denied: 0 },
    callSites: r.callSites,
    dynamic: r.dynamicSites,
    waivers: r.waivers,
    models: r.models.length,
  }));
  const models = inv.models
    .map((m): ModelRow => {
      const catalogId = ids.get(m.id) ?? null;
      const resolved = catalog.resolve(m.id)?.model;
      const now = resolved ? hostedFacts(resolved).license.value : null;
      return {
        model: { id: m.id, catalogId },
        name: m.name,
        label: m.hostedLabel,
        labelNow: now && now !== m.hostedLabel ? now : null,
        partnerApi: m.partnerApi,
        callSites: m.callSites,
        failing: m.failing,
        uses: m.repositories.map((u) => ({ repository: u.repository, callSites: u.callSites, words: useWords(u) })),
      };
    })
    .sort((a, b) => b.uses.length - a.uses.length || b.callSites - a.callSites || cmp(a.model.id, b.model.id));
  const flagged = (list: readonly string[]) => models.filter((m) => list.includes(m.model.id));
  const shown = inv.waivers.filter((w) => w.expired || w.expiring);
  return {
    generatedAt: inv.generatedAt,
    today: inv.today,
    expiringWithinDays: inv.expiringWithinDays,
    reports: inv.reports.length,
    superseded: inv.superseded.length,
    summary: inv.summary,
    repositories,
    waivers: shown.map((w) => waiverLine(w, ids)),
    liveWaivers: inv.waivers.length - shown.length,
    models,
    attention: [
      { label: 'research', models: flagged(inv.summary.research) },
      { label: 'private', models: flagged(inv.summary.private) },
      { label: 'unknown', models: flagged(inv.summary.unknown) },
    ],
    dynamic: inv.dynamic.map((d) => ({ repository: d.repository, where: `${d.file}:${d.line}`, raw: d.raw, verdict: d.verdict, status: d.status })),
  };
}
