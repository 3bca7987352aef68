/**
 * The catalog index's query state (search text, facet filters, sort) and its URL form, shared by
 * the build (facet names) and the browser island. A filtered view is a URL.
 */
export const FACET_DIMS = ['label', 'partner', 'cat', 'lab', 'lic', 'cond', 'status'] as const;
export type FacetDim = (typeof FACET_DIMS)[number];

export const SORTS = ['name', 'category', 'lab', 'observed', 'relevance'] as const;
export type SortKey = (typeof SORTS)[number];

export interface QueryState {
  q: string;
  filters: Record<FacetDim, string[]>;
  /** Absent: relevance while searching, name otherwise. */
  sort: SortKey | null;
}

export function emptyState(): QueryState {
  return { q: '', filters: Object.fromEntries(FACET_DIMS.map((d) => [d, []])) as unknown as Record<FacetDim, string[]>, sort: null };
}

export function parseQuery(search: string): QueryState {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = (p.get('q') ?? '').slice(0, 200);
  for (const d of FACET_DIMS) s.filters[d] = [...new Set(p.getAll(d).filter((v) => v.length > 0))].sort();
  const sort = p.get('sort');
  s.sort = (SORTS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : null;
  return s;
}

/** Canonical query string (leading `?`, or '' for the empty state): equal states, equal URLs. */
export function serializeQuery(s: QueryState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q);
  for (const d of FACET_DIMS) for (const v of [...s.filters[d]].sort()) p.append(d, v);
  if (s.sort) p.set('sort', s.sort);
  const out = p.toString();
  return out ? `?${out}` : '';
}

export function effectiveSort(s: QueryState): SortKey {
  return s.sort ?? (s.q.trim() ? 'relevance' : 'name');
}
