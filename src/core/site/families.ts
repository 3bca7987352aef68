import type { CatalogModel } from '../catalog/catalog.ts';
import { endpointKey } from '../catalog/endpoint-id.ts';
import { familyOf } from '../facts/family.ts';
import { hostedFacts } from '../facts/hosted.ts';
import type { HostedLabel } from '../schema/observation.ts';

/**
 * The catalog index shows one row per family (see src/core/facts/family.ts), which expands to its
 * endpoints. What a family row says: its name, its key, how many endpoints it has and a summary of
 * their effective hosted facts.
 */
export interface IndexFamily {
  key: string;
  name: string;
  /** In the index's order: by name, then id. */
  members: readonly CatalogModel[];
  /** Members by effective hosted label. */
  labels: Record<HostedLabel, number>;
  /** Members that are Partner API endpoints. */
  partner: number;
  deprecated: number;
  removed: number;
}

/** Whether an entry has a name of its own (entries never named by a source carry their id as name). */
const named = (m: { id: string; name: string }) => m.name.trim().toLowerCase() !== m.id.toLowerCase();

/** A trailing word that is only punctuation (a dash, a bracket) does not end a family name. */
const PUNCT_ONLY = /^[^\p{L}\p{N}]+$/u;

/**
 * The family's display name, by one rule:
 * 1. a family of one endpoint: that endpoint's name;
 * 2. the name of the endpoint whose id is the family key (`fal-ai/ace-step` → "ACE-Step");
 * 3. else the words every named member's name begins with (compared without case), when at least
 *    two members are named ("Kling Video O1 …", "Kling LipSync …" → "Kling");
 * 4. else the family key itself (`fal-ai/image-apps-v2`), without the `group:` marker.
 * Members are taken in the index order (name, then id), so the words come from the first of them.
 */
export function familyName(key: string, members: readonly { id: string; name: string }[]): string {
  if (members.length === 1) return members[0]!.name;
  const own = members.filter(named);
  const root = own.find((m) => endpointKey(m.id) === key);
  if (root) return root.name;
  if (own.length >= 2) {
    const words = own.map((m) => m.name.trim().split(/\s+/));
    const first = words[0]!;
    let k = 0;
    while (k < first.length && words.every((w) => w[k] !== undefined && w[k]!.toLowerCase() === first[k]!.toLowerCase())) k++;
    while (k > 0 && PUNCT_ONLY.test(first[k - 1]!)) k--;
    if (k > 0) return first.slice(0, k).join(' ');
  }
  return key.startsWith('group:') ? key.slice('group:'.length) : key;
}

const compareNames = (a: string, b: string) => a.localeCompare(b, 'en');

/**
 * The index's families, in its order: by family name, then key; members keep the order of
 * `byName` (models by name, then id).
 */
export function indexFamilies(byName: readonly CatalogModel[]): IndexFamily[] {
  const groups = new Map<string, CatalogModel[]>();
  for (const m of byName) {
    const k = familyOf(m).key;
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  const out: IndexFamily[] = [];
  for (const [key, members] of groups) {
    const labels: Record<HostedLabel, number> = { commercial: 0, research: 0, private: 0, unknown: 0 };
    let partner = 0;
    let deprecated = 0;
    let removed = 0;
    for (const m of members) {
      const f = hostedFacts(m);
      labels[f.license.value]++;
      if (f.partnerApi.value === 'yes') partner++;
      if (f.status.value === 'deprecated') deprecated++;
      if (f.status.value === 'removed') removed++;
    }
    out.push({ key, name: familyName(key, members), members, labels, partner, deprecated, removed });
  }
  return out.sort((a, b) => compareNames(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The label order of a family row's summary (the facet's order): commercial, research, private, unknown. */
export const SUMMARY_LABELS: readonly HostedLabel[] = ['commercial', 'research', 'private', 'unknown'];
