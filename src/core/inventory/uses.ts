import { strictestVerdict } from '../verdict/judge.ts';
import type { Inventory, InventoryModel, InventorySite } from '../schema/inventory.ts';
import { cmp } from './digest.ts';

/** One repository's use of one endpoint, as the inventory holds it. */
export type ModelUse = InventoryModel['repositories'][number];

/** The call site that stands for a use: a call in source code before a reference, a test or an example. */
export function firstSite(u: Pick<ModelUse, 'sites'>): InventorySite {
  const ordered = [...u.sites].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column);
  return ordered.find((x) => x.usage === 'source' && x.kind === 'call') ?? ordered.find((x) => x.usage === 'source') ?? ordered[0]!;
}

/** Two uses by one repository of one endpoint under two spellings (an alias, another owner case) are one use. */
function mergeUse(a: ModelUse, b: ModelUse): ModelUse {
  const statuses = { ...a.statuses };
  for (const k of Object.keys(statuses) as (keyof typeof statuses)[]) statuses[k] += b.statuses[k];
  return {
    repository: a.repository,
    callSites: a.callSites + b.callSites,
    failing: a.failing + b.failing,
    verdict: strictestVerdict([a.verdict, b.verdict]),
    statuses,
    sites: [...a.sites, ...b.sites],
    // One waiver can cover both spellings: it is listed once.
    waivers: [...a.waivers, ...b.waivers.filter((w) => !a.waivers.some((x) => x.file === w.file && x.line === w.line))],
  };
}

/**
 * Per endpoint, per repository, its use. `keyOf` names the endpoint an inventory id stands for
 * (null: leave the id out); ids with one key are one endpoint, and their uses are merged.
 */
export function usesByEndpoint(inv: Inventory, keyOf: (id: string) => string | null): Map<string, Map<string, ModelUse>> {
  const out = new Map<string, Map<string, ModelUse>>();
  for (const m of inv.models) {
    const key = keyOf(m.id);
    if (key === null) continue;
    const byRepository = out.get(key) ?? new Map<string, ModelUse>();
    for (const u of m.repositories) {
      const held = byRepository.get(u.repository);
      byRepository.set(u.repository, held ? mergeUse(held, u) : u);
    }
    out.set(key, byRepository);
  }
  return out;
}
