import { endpointKey } from '../catalog/endpoint-id.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { hostedFacts } from '../facts/hosted.ts';
import type { Changelog } from '../sync/changelog.ts';
import type { Inventory } from '../schema/inventory.ts';
import { cmp } from './digest.ts';
import { firstSite, usesByEndpoint } from './uses.ts';

/** A change of one endpoint's effective label or status, from one catalog (or listing) to another. */
export interface FactChange {
  id: string;
  field: 'label' | 'status';
  from: string;
  to: string;
  /** The change can only deny more: a stricter label, or a step towards removal. */
  stricter: boolean;
}

/** A change with the repositories of the organisation it hits, a call site each. */
export interface Impact extends FactChange {
  repositories: { repository: string; callSites: number; site: { file: string; line: number } }[];
}

/** How strict a label is (renderings sort by it too). Not in a catalog counts as unknown: the gate denies both by default. */
export const LABEL_RANK: Record<string, number> = { commercial: 0, unknown: 1, private: 2, research: 3 };
const STATUS_RANK: Record<string, number> = { active: 0, unknown: 0, deprecated: 1, removed: 2 };

export function factChange(id: string, field: FactChange['field'], from: string, to: string): FactChange {
  const rank = field === 'label' ? LABEL_RANK : STATUS_RANK;
  return { id, field, from, to, stricter: (rank[to] ?? 0) > (rank[from] ?? 0) };
}

/**
 * Every label and status change a sync found, as fact changes. A newly listed endpoint was
 * unknown before: if the organisation already calls it, its new label is news too (unless fal
 * lists it without one, which changes nothing).
 */
export function changesInChangelog(c: Changelog): FactChange[] {
  return [
    ...c.labelChanges.map((l) => factChange(l.id, 'label', l.from, l.to)),
    ...c.added.filter((a) => a.label !== 'unknown').map((a) => factChange(a.id, 'label', 'unknown', a.label)),
    ...[...c.removed, ...c.deprecated, ...c.reactivated].map((s) => factChange(s.id, 'status', s.from, s.to)),
  ];
}

/**
 * What the facts the reports were judged on (the inventory's) become in a newer catalog, for
 * every endpoint the organisation calls. An id the newer catalog lacks is unknown there: that is
 * its label change, and no status is compared. Ids the inventory holds in two spellings of the
 * owner (unknown ids are kept as called) give one change.
 */
export function changesAgainstCatalog(inv: Inventory, newer: Catalog): FactChange[] {
  const out: FactChange[] = [];
  const seen = new Set<string>();
  const push = (c: FactChange) => {
    const key = `${endpointKey(c.id)}\0${c.field}\0${c.from}\0${c.to}`;
    if (!seen.has(key)) out.push(c);
    seen.add(key);
  };
  for (const m of inv.models) {
    const model = newer.resolve(m.id)?.model;
    const facts = model ? hostedFacts(model) : undefined;
    const label = facts?.license.value ?? 'unknown';
    if (label !== m.hostedLabel) push(factChange(m.id, 'label', m.hostedLabel, label));
    if (m.known && facts && facts.status.value !== m.status) push(factChange(m.id, 'status', m.status, facts.status.value));
  }
  return out;
}

/**
 * Each change with the repositories calling its endpoint; changes to endpoints no one calls come
 * last, with none. With `catalog` (the catalog the changes lead to), ids are matched as the gate
 * resolves them there: an inventory that knows an endpoint by an alias, or by a request path
 * below it, is hit by a change to the catalog id. Without it, ids match by `endpointKey` (owner
 * case-insensitive). Every spelling of one endpoint counts once per repository.
 */
export function impactOf(inv: Inventory, changes: readonly FactChange[], catalog?: Pick<Catalog, 'resolve'>): Impact[] {
  const keyOf = (id: string) => endpointKey(catalog?.resolve(id)?.model.id ?? id);
  const users = usesByEndpoint(inv, keyOf);
  return changes
    .map((c) => {
      const repositories = [...(users.get(keyOf(c.id))?.values() ?? [])]
        .filter((u) => u.sites.length > 0)
        .map((u) => {
          const s = firstSite(u);
          return { repository: u.repository, callSites: u.callSites, site: { file: s.file, line: s.line } };
        })
        .sort((a, b) => cmp(a.repository, b.repository));
      return { ...c, repositories };
    })
    .sort((a, b) => Number(b.repositories.length > 0) - Number(a.repositories.length > 0) || Number(b.stricter) - Number(a.stricter) || cmp(a.id, b.id) || cmp(a.field, b.field));
}

/** Endpoints in use that became stricter: what makes `--check --inventory` and `inventory --catalog` exit 1. */
export const breaking = (impacts: readonly Impact[]) => impacts.filter((i) => i.stricter && i.repositories.length > 0);

const WORDS: Record<string, string> = { research: 'research-only' };

/** `commercial → research-only`, `status active → removed`: a change in the words every rendering uses. */
export const changeWords = (c: FactChange): string => `${c.field === 'status' ? 'status ' : ''}${WORDS[c.from] ?? c.from} → ${WORDS[c.to] ?? c.to}`;

/** `fal-ai/x: commercial → research-only — called by 2 repositories: acme/web (src/gen.ts:12), acme/api (app.py:3)` */
export function impactLine(i: Impact): string {
  const change = changeWords(i);
  const n = i.repositories.length;
  const who = n === 0
    ? 'called by no repository in the inventory'
    : `called by ${n} ${n === 1 ? 'repository' : 'repositories'}: ${i.repositories.map((r) => `${r.repository} (${r.site.file}:${r.site.line})`).join(', ')}`;
  return `${i.id}: ${change} — ${who}`;
}
