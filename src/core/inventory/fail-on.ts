import type { Inventory, InventoryModel } from '../schema/inventory.ts';
import { cmp } from './digest.ts';

/** What `modelgate inventory --fail-on` can fail a nightly organisation job on. */
export const FAIL_ON = ['research', 'private', 'unknown', 'dynamic', 'expired-waiver', 'expiring-waiver', 'failing'] as const;
export type FailOnCategory = (typeof FAIL_ON)[number];

type Tripped = Inventory['failOn']['tripped'][number];

const LABEL_WORDS = { research: 'research-only', private: 'private', unknown: 'unknown' } as const;

/**
 * Use counts when it is in source code and not under a live waiver: test, example and docs
 * code is listed in the inventory but trips nothing, as it does not fail a repository's gate,
 * and a live waiver is a recorded decision. Every repository's own policy is set aside: the
 * organisation asks what is used, whatever each repository allows itself.
 */
function countedRepositories(m: InventoryModel): string[] {
  return m.repositories.filter((u) => u.sites.some((s) => s.usage === 'source' && s.status !== 'waived')).map((u) => u.repository);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** At most this many items in one message: a nightly job's issue body must stay readable (the JSON keeps them all). */
export const MESSAGE_ITEMS = 20;
const listed = (items: readonly string[], sep: string) =>
  items.length <= MESSAGE_ITEMS ? items.join(sep) : `${items.slice(0, MESSAGE_ITEMS).join(sep)}${sep}and ${items.length - MESSAGE_ITEMS} more (see the inventory)`;

export function failOnTripped(inv: Inventory, categories: readonly FailOnCategory[]): Tripped[] {
  const out: Tripped[] = [];
  for (const category of categories) {
    const t = trip(inv, category);
    if (t) out.push(t);
  }
  return out;
}

function trip(inv: Inventory, category: FailOnCategory): Tripped | undefined {
  switch (category) {
    case 'research':
    case 'private':
    case 'unknown': {
      const hits = inv.models
        .filter((m) => m.hostedLabel === category)
        .map((m) => ({ id: m.id, repos: countedRepositories(m) }))
        .filter((h) => h.repos.length > 0);
      if (hits.length === 0) return undefined;
      const repos = [...new Set(hits.flatMap((h) => h.repos))].sort(cmp);
      const list = listed(hits.map((h) => `${h.id} (${listed(h.repos, ', ')})`), '; ');
      const note = category === 'unknown' ? ' (unknown label, or not in the catalog)' : '';
      return { category, repositories: repos, message: `${plural(hits.length, `${LABEL_WORDS[category]} endpoint`)}${note} called by ${plural(repos.length, 'repository', 'repositories')}: ${list}` };
    }
    case 'dynamic': {
      const sites = inv.dynamic.filter((s) => s.usage === 'source' && s.status !== 'waived');
      if (sites.length === 0) return undefined;
      const repos = [...new Set(sites.map((s) => s.repository))].sort(cmp);
      return { category, repositories: repos, message: `${plural(sites.length, 'dynamic endpoint id')} no one can check: ${listed(sites.map((s) => `${s.repository} (${s.file}:${s.line})`), ', ')}` };
    }
    case 'expired-waiver':
    case 'expiring-waiver': {
      const ws = inv.waivers.filter((w) => (category === 'expired-waiver' ? w.expired : w.expiring));
      if (ws.length === 0) return undefined;
      const what = category === 'expired-waiver' ? 'expired' : `expiring within ${inv.expiringWithinDays} days`;
      return {
        category,
        repositories: [...new Set(ws.map((w) => w.repository))].sort(cmp),
        message: `${plural(ws.length, 'waiver')} ${what}: ${listed(ws.map((w) => `${w.repository} ${w.models.join(', ')} (${w.expires}, approved by ${w.approvedBy})`), '; ')}`,
      };
    }
    case 'failing': {
      const repos = inv.repositories.filter((r) => r.exitCode === 1).map((r) => r.repository);
      if (repos.length === 0) return undefined;
      return { category, repositories: repos, message: `${plural(repos.length, 'repository', 'repositories')} whose own gate fails: ${listed(repos, ', ')}` };
    }
  }
}
