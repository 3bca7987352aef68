import type { IFuseOptions } from 'fuse.js';

/** Fuse's serialized index records, kept opaque: only Fuse reads them. */
type FuseIndexRecords = unknown[];
import { FACET_DIMS, type FacetDim, type QueryState, type SortKey } from './query.ts';

/**
 * The search island's data, built once at build time and fetched lazily by the browser:
 * value tables per facet, one flat row of small integers per model (in the order the rows are
 * rendered, i.e. by name), and the serialized Fuse index holding the searchable text. The text
 * lives only in the Fuse index; the documents Fuse returns are just row numbers.
 */
export interface SearchData {
  v: 1;
  n: number;
  /** Facet value tables, each sorted so that comparing indexes compares values. */
  values: Record<FacetDim, string[]>;
  /** n × STRIDE integers: label, partner, cat, lab, lic, status (value indexes), cond bitmask, observed date index. */
  docs: number[];
  /** Dates observed, ascending. */
  observed: string[];
  index: { keys: readonly string[]; records: FuseIndexRecords };
}

export const STRIDE = 8;
const COL: Record<Exclude<FacetDim, 'cond'>, number> = { label: 0, partner: 1, cat: 2, lab: 3, lic: 4, status: 5 };
const COND = 6;
const OBSERVED = 7;

/** Marks a model without a lab or without a weights licence in the lab/lic facets. */
export const NONE = '~none';

/** The fields Fuse searches, with weights: a name or id hit counts most. */
export const FUSE_KEYS = [
  { name: 'name', weight: 3 },
  { name: 'id', weight: 2 },
  { name: 'lab', weight: 1 },
  { name: 'category', weight: 1 },
  { name: 'tags', weight: 1 },
  { name: 'licence', weight: 1 },
  { name: 'label', weight: 0.5 },
] as const;

export const FUSE_OPTIONS = {
  keys: FUSE_KEYS as unknown as IFuseOptions<unknown>['keys'],
  threshold: 0.3,
  ignoreLocation: true,
  // Field-length norm would rank long ids below short ones for the same hit; names are short anyway.
  ignoreFieldNorm: true,
  shouldSort: true,
  minMatchCharLength: 1,
} satisfies IFuseOptions<unknown>;

/** What the build knows about one model, in search-document form. */
export interface SearchDoc {
  id: string;
  name: string;
  lab: string;
  category: string;
  tags: string[];
  licence: string;
  label: string;
  facets: { label: string; partner: string; cat: string; lab: string; lic: string; status: string; cond: readonly string[] };
  observed: string;
}

/**
 * Builds the data. `createIndex` is passed in so this module does not import fuse.js at runtime
 * (the browser bundle imports only the filter half).
 */
export function buildSearchData(
  docs: readonly SearchDoc[],
  condValues: readonly string[],
  createIndex: (keys: typeof FUSE_KEYS, docs: object[]) => { toJSON(): { keys: readonly unknown[]; records: readonly unknown[] } },
): SearchData {
  const table = (pick: (d: SearchDoc) => string) => [...new Set(docs.map(pick))].sort();
  const values = {
    label: table((d) => d.facets.label),
    partner: table((d) => d.facets.partner),
    cat: table((d) => d.facets.cat),
    lab: table((d) => d.facets.lab),
    lic: table((d) => d.facets.lic),
    status: table((d) => d.facets.status),
    cond: [...condValues],
  } satisfies Record<FacetDim, string[]>;
  const observed = [...new Set(docs.map((d) => d.observed))].sort();
  const lookups = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, new Map(v.map((x, i) => [x, i]))])) as Record<FacetDim, Map<string, number>>;
  const obs = new Map(observed.map((x, i) => [x, i]));
  const flat: number[] = [];
  for (const d of docs) {
    let mask = 0;
    for (const c of d.facets.cond) {
      const bit = lookups.cond.get(c);
      if (bit === undefined) throw new Error(`unknown condition facet ${c}`);
      mask |= 1 << bit;
    }
    flat.push(
      lookups.label.get(d.facets.label)!, lookups.partner.get(d.facets.partner)!, lookups.cat.get(d.facets.cat)!,
      lookups.lab.get(d.facets.lab)!, lookups.lic.get(d.facets.lic)!, lookups.status.get(d.facets.status)!, mask, obs.get(d.observed)!,
    );
  }
  const fuseDocs = docs.map((d) => ({ name: d.name, id: d.id, lab: d.lab, category: d.category, tags: d.tags, licence: d.licence, label: d.label }));
  const index = createIndex(FUSE_KEYS, fuseDocs).toJSON();
  return { v: 1, n: docs.length, values, docs: flat, observed, index: { keys: index.keys as string[], records: [...index.records] } };
}

export interface FilterResult {
  /** 1 where the row is shown. */
  visible: Uint8Array;
  shown: number;
  /** Per facet value: how many rows it would show given the search and the OTHER facets' filters. */
  counts: Record<FacetDim, Int32Array>;
}

/**
 * Facets combine with AND across dimensions and OR within one; counts are disjunctive (a value's
 * count ignores its own dimension's selection), so ticking a value never makes its siblings read 0.
 * `match` is the search hit set (null: no search text).
 */
export function filterDocs(data: SearchData, state: QueryState, match: Uint8Array | null): FilterResult {
  const n = data.n;
  const dims = FACET_DIMS;
  const sel: (Uint8Array | null)[] = [];
  let condMask = 0;
  for (const d of dims) {
    const wanted = state.filters[d];
    if (wanted.length === 0) {
      sel.push(null);
      continue;
    }
    const t = new Uint8Array(data.values[d].length);
    let any = false;
    wanted.forEach((v) => {
      const i = data.values[d].indexOf(v);
      if (i >= 0) {
        t[i] = 1;
        any = true;
        if (d === 'cond') condMask |= 1 << i;
      }
    });
    // A value no row has (e.g. from an old link) still filters: it matches nothing.
    sel.push(any ? t : new Uint8Array(data.values[d].length));
  }
  const counts = Object.fromEntries(dims.map((d) => [d, new Int32Array(data.values[d].length)])) as unknown as Record<FacetDim, Int32Array>;
  const visible = new Uint8Array(n);
  const condDim = dims.indexOf('cond');
  const condCount = data.values.cond.length;
  let shown = 0;
  const docs = data.docs;
  for (let i = 0; i < n; i++) {
    if (match && !match[i]) continue;
    const base = i * STRIDE;
    let failing = -1;
    let fails = 0;
    for (let k = 0; k < dims.length; k++) {
      const s = sel[k];
      if (!s) continue;
      const ok = k === condDim ? (docs[base + COND]! & condMask) !== 0 : s[docs[base + COL[dims[k] as Exclude<FacetDim, 'cond'>]]!] === 1;
      if (!ok) {
        fails++;
        failing = k;
        if (fails > 1) break;
      }
    }
    if (fails > 1) continue;
    if (fails === 0) {
      visible[i] = 1;
      shown++;
    }
    for (let k = 0; k < dims.length; k++) {
      if (fails === 1 && k !== failing) continue;
      const d = dims[k]!;
      if (d === 'cond') {
        const m = docs[base + COND]!;
        for (let b = 0; b < condCount; b++) if (m & (1 << b)) counts.cond[b]!++;
      } else {
        counts[d][docs[base + COL[d]]!]!++;
      }
    }
  }
  return { visible, shown, counts };
}

/**
 * Row order for a sort. `relevance` puts the search hits first in Fuse's order; the others keep
 * the name order (the rendered order) as the tie-break.
 */
export function sortOrder(data: SearchData, key: SortKey, relevance: readonly number[] | null = null): Int32Array {
  const n = data.n;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (key === 'name') return order;
  if (key === 'relevance') {
    if (!relevance) return order;
    const seen = new Uint8Array(n);
    let k = 0;
    for (const i of relevance) if (!seen[i]) { seen[i] = 1; order[k++] = i; }
    for (let i = 0; i < n; i++) if (!seen[i]) order[k++] = i;
    return order;
  }
  const docs = data.docs;
  const col = key === 'category' ? COL.cat : key === 'lab' ? COL.lab : OBSERVED;
  const sign = key === 'observed' ? -1 : 1;
  return order.sort((a, b) => sign * (docs[a * STRIDE + col]! - docs[b * STRIDE + col]!) || a - b);
}
