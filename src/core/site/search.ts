import type { IFuseOptions } from 'fuse.js';

/** Fuse's serialized index records, kept opaque: only Fuse reads them. */
type FuseIndexRecords = unknown[];
import { FACET_DIMS, type FacetDim, type QueryState, type SortKey } from './query.ts';

/**
 * The search island's data, built once at build time and fetched lazily by the browser:
 * value tables per facet, one flat row of small integers per endpoint (in the order the rows are
 * rendered: families by name, each family's endpoints by name), the family sizes in that order,
 * and the serialized Fuse index holding the searchable text. The text lives only in the Fuse
 * index; the documents Fuse returns are just row numbers. Search and facets match endpoints; the
 * families only group what is shown.
 */
export interface SearchData {
  v: 2;
  n: number;
  /** Endpoints per family, in row order: family f holds the next `groups[f]` rows. Sums to n. */
  groups: number[];
  /** Facet value tables, each sorted so that comparing indexes compares values. */
  values: Record<FacetDim, string[]>;
  /** n × STRIDE integers: label, partner, cat, lab, lic, status (value indexes), cond bitmask, observed date index. */
  docs: number[];
  /** Dates observed, ascending. */
  observed: string[];
  index: { keys: readonly unknown[]; records: FuseIndexRecords };
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
  groups: readonly number[] = docs.map(() => 1),
): SearchData {
  if (groups.reduce((a, b) => a + b, 0) !== docs.length || groups.some((g) => !Number.isInteger(g) || g < 1)) {
    throw new Error(`family sizes (${groups.length} families) do not cover the ${docs.length} rows`);
  }
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
  return { v: 2, n: docs.length, groups: [...groups], values, docs: flat, observed, index: { keys: index.keys, records: [...index.records] } };
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

/** Which family each row belongs to, and where each family's rows start (start[F] = n). */
export interface FamilyTable {
  of: Int32Array;
  start: Int32Array;
  count: number;
}

export function familyTable(data: Pick<SearchData, 'n' | 'groups'>): FamilyTable {
  const count = data.groups.length;
  const of = new Int32Array(data.n);
  const start = new Int32Array(count + 1);
  let r = 0;
  for (let f = 0; f < count; f++) {
    start[f] = r;
    for (let k = 0; k < data.groups[f]!; k++) of[r++] = f;
  }
  start[count] = r;
  return { of, start, count };
}

/** The shown rows grouped: families in display order, how many rows each shows, where each row stands. */
export interface Grouping {
  /** Families with at least one shown row, in the order of their first shown row. */
  families: number[];
  /** Per family, its shown rows. */
  shown: Int32Array;
  /** Per shown row, its place in the display order (other rows: -1). */
  pos: Int32Array;
}

/**
 * Groups the shown rows (`order`: the visible rows in display order) by family. A family stands
 * where its first shown endpoint would stand, so sorting and best-match ranking carry over to
 * families: by name, by lab, newest label, or the family of the best hit first. One pass.
 */
export function groupByFamily(t: FamilyTable, order: ArrayLike<number>): Grouping {
  const shown = new Int32Array(t.count);
  const pos = new Int32Array(t.of.length).fill(-1);
  const families: number[] = [];
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    const f = t.of[i]!;
    if (shown[f]! === 0) families.push(f);
    shown[f] = shown[f]! + 1;
    pos[i] = j;
  }
  return { families, shown, pos };
}

/** The shown rows of family `f`, in display order. */
export function shownMembers(t: FamilyTable, g: Grouping, f: number): number[] {
  const out: number[] = [];
  for (let i = t.start[f]!; i < t.start[f + 1]!; i++) if (g.pos[i]! >= 0) out.push(i);
  let sorted = true;
  for (let k = 1; k < out.length && sorted; k++) sorted = g.pos[out[k - 1]!]! < g.pos[out[k]!]!;
  return sorted ? out : out.sort((a, b) => g.pos[a]! - g.pos[b]!);
}

/** Fuse's serialized record: per key index, one `{v}` value or a list of them (array fields). */
interface FuseRecord {
  i: number;
  $: Record<string, { v: string } | { v: string }[]>;
}

const SEP = '\u0001';

/** Per row, all searchable text lower-cased and joined (what the candidate filter scans). Built once in the browser. */
export function searchTexts(data: SearchData): string[] {
  const out = new Array<string>(data.n).fill('');
  for (const r of data.index.records as FuseRecord[]) {
    const parts: string[] = [];
    for (const v of Object.values(r.$)) {
      if (Array.isArray(v)) for (const x of v) parts.push(x.v);
      else parts.push(v.v);
    }
    out[r.i] = parts.join(SEP).toLowerCase();
  }
  return out;
}

/**
 * Rows that can possibly match `query` under Fuse's Bitap with `ignoreLocation` (score =
 * errors / pattern length ≤ threshold), or null when it cannot tell (long patterns, which Fuse
 * splits into chunks). A match with at most k edits leaves at least one of k + 1 disjoint pieces
 * of the pattern intact (pigeonhole), so a row whose text contains none of them cannot match.
 * Fuse then ranks only these rows: the same results, a fraction of the work.
 */
export function fuseCandidates(texts: readonly string[], query: string, threshold: number): number[] | null {
  const p = query.toLowerCase();
  if (p.length === 0 || p.length > 32 || p.includes(SEP)) return null;
  let k = 0;
  while (k + 1 < p.length && (k + 1) / p.length <= threshold) k++;
  const pieces: string[] = [];
  const size = p.length / (k + 1);
  for (let j = 0; j <= k; j++) pieces.push(p.slice(Math.round(j * size), Math.round((j + 1) * size)));
  // Longest pieces first: they are the most selective.
  pieces.sort((a, b) => b.length - a.length);
  const out: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    for (const piece of pieces) {
      if (t.includes(piece)) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/**
 * Whether `pattern` (lower-case, 1..32 chars) occurs in `text` with at most k edits (Levenshtein
 * distance to some substring): Myers' bit-parallel algorithm, O(text length). Fuse's Bitap with
 * `ignoreLocation` accepts exactly these (k = the most errors with errors / length ≤ threshold),
 * per field; the text joins the fields, so this is a superset check that Fuse then confirms.
 */
export function approxIncludes(peq: Map<number, number>, m: number, k: number, text: string): boolean {
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const eq = peq.get(text.charCodeAt(j)) ?? 0;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score <= k) return true;
  }
  return false;
}

/** Most errors Fuse allows for a pattern of length m: the largest i with i / m ≤ threshold (as Bitap computes it). */
export function allowedErrors(m: number, threshold: number): number {
  let k = 0;
  while (k + 1 < m && (k + 1) / m <= threshold) k++;
  return k;
}

/** Rows that match `query` as Fuse would decide it (a superset at worst), or null for patterns Fuse chunks (> 32 chars). */
export function approxMatches(texts: readonly string[], query: string, threshold: number, within: readonly number[] | null = null): number[] | null {
  const p = query.toLowerCase();
  if (p.length === 0 || p.length > 32 || p.includes(SEP)) return null;
  const k = allowedErrors(p.length, threshold);
  const peq = new Map<number, number>();
  for (let i = 0; i < p.length; i++) peq.set(p.charCodeAt(i), (peq.get(p.charCodeAt(i)) ?? 0) | (1 << i));
  const out: number[] = [];
  const rows = within ?? texts.map((_, i) => i);
  for (const i of rows) {
    const t = texts[i]!;
    if (k === 0 ? t.includes(p) : approxIncludes(peq, p.length, k, t)) out.push(i);
  }
  return out;
}

/** Minimal view of the Fuse class, so this module needs no runtime import of fuse.js. */
export interface FuseLike {
  new (docs: readonly number[], options: object, index: unknown): { search(q: string): { refIndex: number }[] };
  parseIndex(data: { keys: readonly unknown[]; records: unknown[] }): unknown;
}

/** Above this many matching rows, Fuse ranks nothing (see fuzzySearch). */
export const RANK_LIMIT = 200;

/** What one search found, kept so that the next keystroke can start from it. */
export interface SearchStep {
  query: string;
  /** Every row that matches, in row order (null: Fuse searched everything itself). */
  matches: number[] | null;
}

/**
 * Fuse search, made fast enough for every keystroke at 10,000 models: the cheap filters above
 * narrow the rows to those Fuse can match, and Fuse scores only those. When the query extends
 * the previous one and allows the same number of errors, only the previous matches can match
 * (a prefix of an alignment has no more edits), so only they are scanned. When more than
 * RANK_LIMIT rows match (one- or two-letter queries), the set is still exactly Fuse's and the
 * order is: name starts with the query, name contains it, the rest, by name; `ranked` tells
 * which happened.
 */
export function fuzzySearch(
  Fuse: FuseLike, data: SearchData, texts: readonly string[], names: readonly string[], query: string,
  all: InstanceType<FuseLike>, prev: SearchStep | null = null,
): { rows: number[]; ranked: boolean; step: SearchStep } {
  const q = query.trim() ? query : '';
  if (!q) return { rows: [], ranked: true, step: { query: q, matches: null } };
  const t = FUSE_OPTIONS.threshold;
  const lq = q.toLowerCase();
  const narrow = prev?.matches && lq.startsWith(prev.query.toLowerCase()) && prev.query.length > 0 && lq.length <= 32
    && allowedErrors(lq.length, t) === allowedErrors(prev.query.length, t);
  const pre = narrow ? prev!.matches! : fuseCandidates(texts, q, t);
  const cand = pre && approxMatches(texts, q, t, pre);
  if (!cand) return { rows: all.search(q).map((r) => r.refIndex), ranked: true, step: { query: q, matches: null } };
  const step = { query: q, matches: cand };
  if (cand.length === 0) return { rows: [], ranked: true, step };
  if (cand.length > RANK_LIMIT) {
    // One pass per tier (cand is in row order), not a sort that tests the names at each comparison.
    const tiers: number[][] = [[], [], []];
    for (const i of cand) tiers[names[i]!.startsWith(lq) ? 0 : names[i]!.includes(lq) ? 1 : 2]!.push(i);
    return { rows: tiers.flat(), ranked: false, step };
  }
  const records = data.index.records as FuseRecord[];
  const byRow = records.length === data.n && records[data.n - 1]?.i === data.n - 1;
  const subset = byRow ? cand.map((i) => records[i]!) : records.filter((r) => cand.includes(r.i));
  const fuse = new Fuse(ROWS_PLACEHOLDER, FUSE_OPTIONS, Fuse.parseIndex({ keys: data.index.keys, records: subset }));
  return { rows: fuse.search(q).map((r) => r.refIndex), ranked: true, step };
}

/** Fuse returns `docs[refIndex]` as the item; the rows are all we need, so the list stays empty. */
const ROWS_PLACEHOLDER: readonly number[] = [];

/** Lower-cased names per row, for the unranked order. */
export function searchNames(data: SearchData): string[] {
  const nameKey = String(data.index.keys.findIndex((k) => (typeof k === 'string' ? k : (k as { id?: string }).id) === 'name'));
  const out = new Array<string>(data.n).fill('');
  for (const r of data.index.records as FuseRecord[]) {
    const v = r.$[nameKey];
    out[r.i] = (Array.isArray(v) ? v[0]?.v ?? '' : v?.v ?? '').toLowerCase();
  }
  return out;
}
