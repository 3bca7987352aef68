import Fuse from 'fuse.js';
import { CONDITION_VALUES, searchDoc } from '../core/site/facets.ts';
import { buildSearchData, type SearchData } from '../core/site/search.ts';
import { siteCatalog } from './catalog.ts';

let cached: Promise<SearchData> | undefined;

/** The search data and serialized Fuse index, built once per build (the index page and the JSON share it). */
export function searchData(): Promise<SearchData> {
  cached ??= siteCatalog().then(({ catalog, families, rows }) =>
    buildSearchData(rows.map((m) => searchDoc(catalog, m)), CONDITION_VALUES, (keys, docs) => Fuse.createIndex(keys as never, docs), families.map((f) => f.members.length)),
  );
  return cached;
}
