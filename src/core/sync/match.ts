import { endpointKey } from '../catalog/endpoint-id.ts';
import type { ContentEntry } from '../content/load.ts';
import type { Model } from '../schema/model.ts';
import type { FalModel } from './api.ts';

export interface Matching {
  /** One listing per endpoint key, in listing order. */
  listed: FalModel[];
  /** Catalog entries and the listing that names them. */
  matched: Map<ContentEntry<Model>, FalModel>;
  /** Listings no catalog entry has. */
  fresh: FalModel[];
  /** Catalog entries absent from the listing. */
  absent: ContentEntry<Model>[];
  warnings: string[];
}

/**
 * Matches a complete listing to the catalog's files. One endpoint per key (fal compares owners
 * case-insensitively; a repeat is reported, the first kept). By id first, then by alias, so an
 * alias never steals an id's file.
 */
export function matchListing(listing: readonly FalModel[], models: readonly ContentEntry<Model>[]): Matching {
  const warnings: string[] = [];
  const unique = new Map<string, FalModel>();
  for (const m of listing) {
    const key = endpointKey(m.endpoint_id);
    if (unique.has(key)) warnings.push(`\`${m.endpoint_id}\` is listed more than once; the first listing was used`);
    else unique.set(key, m);
  }

  const byId = new Map(models.map((e) => [endpointKey(e.data.id), e]));
  const byAlias = new Map<string, ContentEntry<Model>>();
  for (const e of models) for (const a of e.data.aliases) if (!byAlias.has(endpointKey(a))) byAlias.set(endpointKey(a), e);
  const matched = new Map<ContentEntry<Model>, FalModel>();
  const fresh: FalModel[] = [];
  for (const [key, m] of unique) {
    const e = byId.get(key);
    if (e) matched.set(e, m);
  }
  for (const [key, m] of unique) {
    if (byId.has(key)) continue;
    const e = byAlias.get(key);
    if (!e) fresh.push(m);
    else if (matched.has(e)) warnings.push(`\`${m.endpoint_id}\` is an alias of \`${e.data.id}\`, which is listed itself; the alias listing was not merged`);
    else matched.set(e, m);
  }
  const used = new Set<FalModel>([...matched.values(), ...fresh]);
  const listed = [...unique.values()].filter((m) => used.has(m));
  return { listed, matched, fresh, absent: models.filter((e) => !matched.has(e)), warnings };
}
