/**
 * The catalog's search/filter island: the only JavaScript the site ships. The list is already in
 * the page (it works without JS); this script fetches the prebuilt search data on first use, then
 * shows/hides and reorders the existing rows. All state lives in the URL.
 */
import { FACET_DIMS, effectiveSort, emptyState, parseQuery, serializeQuery, type QueryState } from '../core/site/query.ts';
import { FUSE_OPTIONS, filterDocs, fuzzySearch, searchNames, searchTexts, sortOrder, type FuseLike, type SearchData, type SearchStep } from '../core/site/search.ts';
import type FuseType from 'fuse.js';

const form = document.getElementById('catalog-search') as HTMLFormElement | null;
const list = document.getElementById('models') as HTMLUListElement | null;
const status = document.getElementById('result-count');

if (form && list && status) init(form, list, status);

function init(form: HTMLFormElement, list: HTMLUListElement, status: HTMLElement): void {
  const rows = Array.from(list.children) as HTMLElement[];
  const total = rows.length;
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const sortSelect = form.elements.namedItem('sort') as HTMLSelectElement;
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
  const countEls = boxes.map((b) => b.parentElement!.querySelector('.n') as HTMLElement);
  form.hidden = false;

  let data: SearchData | null = null;
  let fuse: FuseType<number> | null = null;
  let FuseClass: FuseLike | null = null;
  let texts: string[] = [];
  let names: string[] = [];
  let loading: Promise<void> | null = null;
  let state: QueryState = parseQuery(location.search);
  let shown: Uint8Array = new Uint8Array(total).fill(1);
  let orderKey = 'name';
  let lastQuery = '';
  let lastHits: { set: Uint8Array; order: number[] } | null = null;
  let lastStep: SearchStep | null = null;

  const load = (): Promise<void> => {
    loading ??= Promise.all([
      fetch('/search-index.json').then((r) => {
        if (!r.ok) throw new Error(`search index: HTTP ${r.status}`);
        return r.json() as Promise<SearchData>;
      }),
      import('fuse.js'),
    ]).then(([d, mod]) => {
      const Fuse = mod.default;
      data = d;
      const docs = Array.from({ length: d.n }, (_, i) => i);
      fuse = new Fuse(docs, FUSE_OPTIONS as never, Fuse.parseIndex(d.index as never));
      FuseClass = Fuse as unknown as FuseLike;
      texts = searchTexts(d);
      names = searchNames(d);
    });
    return loading;
  };

  const writeControls = (s: QueryState) => {
    if (input.value !== s.q) input.value = s.q;
    sortSelect.value = s.sort ?? '';
    for (const b of boxes) b.checked = s.filters[b.name as (typeof FACET_DIMS)[number]]?.includes(b.value) ?? false;
    // A facet with an active filter is shown open, so the state is visible.
    for (const d of form.querySelectorAll('details')) if (d.querySelector('input:checked')) d.open = true;
  };

  const readControls = (): QueryState => {
    const s = emptyState();
    s.q = input.value;
    s.sort = (sortSelect.value || null) as QueryState['sort'];
    for (const b of boxes) if (b.checked) s.filters[b.name as (typeof FACET_DIMS)[number]].push(b.value);
    for (const d of FACET_DIMS) s.filters[d].sort();
    return s;
  };

  const hits = (q: string) => {
    const query = q.trim();
    if (!query || !fuse || !data || !FuseClass) return null;
    if (query === lastQuery && lastHits) return lastHits;
    const found = fuzzySearch(FuseClass, data, texts, names, query, fuse as never, lastStep);
    lastStep = found.step;
    const order = found.rows;
    const set = new Uint8Array(data.n);
    for (const i of order) set[i] = 1;
    lastQuery = query;
    lastHits = { set, order };
    return lastHits;
  };

  // Row order: a base order (name, category, lab or date) plus, for best match, a few rows moved to the top.
  const TOP = 50;
  let baseKey = 'name';
  let position = new Int32Array(total).map((_, i) => i);
  let baseOrder = Array.from({ length: total }, (_, i) => i);
  let moved: number[] = [];
  const placeAll = (order: Int32Array, key: string) => {
    const frag = document.createDocumentFragment();
    for (const i of order) frag.append(rows[i]!);
    list.append(frag);
    baseOrder = Array.from(order);
    position = new Int32Array(total);
    baseOrder.forEach((row, p) => { position[row] = p; });
    baseKey = key;
    moved = [];
  };
  /** Puts the rows moved to the top back in their base-order places (last first, so each finds its successor in place). */
  const restoreMoved = () => {
    if (moved.length === 0) return;
    const out = new Uint8Array(total);
    for (const i of moved) out[i] = 1;
    for (const i of [...moved].sort((a, b) => position[b]! - position[a]!)) {
      let p = position[i]! + 1;
      while (p < total && out[baseOrder[p]!]) p++;
      list.insertBefore(rows[i]!, p < total ? rows[baseOrder[p]!]! : null);
      out[i] = 0;
    }
    moved = [];
  };

  const render = () => {
    if (!data) return;
    performance.mark('mg-query-start');
    const h = hits(state.q);
    performance.measure('mg-search', 'mg-query-start');
    const r = filterDocs(data, state, h?.set ?? null);
    performance.mark('mg-filter-done');
    const vis = r.visible;
    for (let i = 0; i < total; i++) {
      if (vis[i] !== shown[i]) rows[i]!.hidden = vis[i] === 0;
    }
    shown = vis;
    // Reorder only when the sort (or, for best match, the hits) changed; hidden rows may stay anywhere.
    const sort = effectiveSort(state);
    const key = sort === 'relevance' ? `relevance:${serializeQuery(state)}` : sort;
    if (key !== orderKey) {
      if (sort === 'relevance') {
        // Best match: the top TOP visible hits move to the head of the list, in Fuse's order; the
        // rest stay in name order. Only the moved rows are touched, so a keystroke moves ≤ 2×TOP nodes.
        if (baseKey !== 'name') placeAll(sortOrder(data, 'name'), 'name');
        const top: number[] = [];
        for (const i of h?.order ?? []) {
          if (vis[i]) top.push(i);
          if (top.length === TOP) break;
        }
        // Typing often keeps the same best rows: then the DOM is left alone (no relayout).
        if (top.length !== moved.length || top.some((i, k) => moved[k] !== i)) {
          restoreMoved();
          const frag = document.createDocumentFragment();
          for (const i of top) frag.append(rows[i]!);
          list.prepend(frag);
          moved = top;
        }
      } else {
        restoreMoved();
        if (baseKey !== sort) placeAll(sortOrder(data, sort), sort);
      }
      orderKey = key;
    }
    // The order now shown (for tests and styling): name, category, lab, observed or relevance.
    list.dataset.sort = sort;
    let k = 0;
    for (const d of FACET_DIMS) {
      const counts = r.counts[d];
      for (let i = 0; i < counts.length; i++, k++) {
        const el = countEls[k];
        const text = `(${counts[i]})`;
        if (el && el.textContent !== text) {
          el.textContent = text;
          el.parentElement!.classList.toggle('zero', counts[i] === 0);
        }
      }
    }
    performance.measure('mg-dom', 'mg-filter-done');
    status.textContent = r.shown === total ? `Showing all ${total.toLocaleString('en-US')} models.` : `Showing ${r.shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} models.`;
    performance.measure('mg-query', 'mg-query-start');
  };

  const update = (push: boolean) => {
    state = readControls();
    const url = `${location.pathname}${serializeQuery(state)}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    if (data) render();
    else void load().then(render, fail);
  };

  const fail = (e: unknown) => {
    status.textContent = `Search is unavailable (${e instanceof Error ? e.message : String(e)}); the full list is shown.`;
  };

  // Typing replaces the current history entry (one entry per search, not per key); a pause commits it.
  let typingCommitted = true;
  let pause: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    if (typingCommitted) {
      typingCommitted = false;
      update(true);
    } else {
      update(false);
    }
    clearTimeout(pause);
    pause = setTimeout(() => { typingCommitted = true; }, 1000);
  });
  form.addEventListener('change', (e) => {
    if (e.target === input) return;
    update(true);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  document.getElementById('clear-filters')?.addEventListener('click', () => {
    writeControls(emptyState());
    update(true);
  });
  window.addEventListener('popstate', () => {
    state = parseQuery(location.search);
    writeControls(state);
    if (data) render();
    else void load().then(render, fail);
  });
  // Fetch the index on first intent to search, not on page load.
  form.addEventListener('focusin', () => void load().catch(fail), { once: true });
  form.addEventListener('pointerdown', () => void load().catch(fail), { once: true });

  writeControls(state);
  if (serializeQuery(state)) void load().then(render, fail);
}
