/**
 * The catalog's search/filter island: the only JavaScript the site ships. The list is already in
 * the page (it works without JS); this script fetches the prebuilt search data on first use, then
 * shows/hides and reorders the existing rows. All state lives in the URL.
 */
import { FACET_DIMS, effectiveSort, emptyState, parseQuery, serializeQuery, type QueryState } from '../core/site/query.ts';
import { FUSE_OPTIONS, filterDocs, sortOrder, type SearchData } from '../core/site/search.ts';
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
  let loading: Promise<void> | null = null;
  let state: QueryState = parseQuery(location.search);
  let shown: Uint8Array = new Uint8Array(total).fill(1);
  let orderKey = 'name';
  let lastQuery = '';
  let lastHits: { set: Uint8Array; order: number[] } | null = null;

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
    if (!query || !fuse || !data) return null;
    if (query === lastQuery && lastHits) return lastHits;
    const res = fuse.search(query);
    const set = new Uint8Array(data.n);
    const order = new Array<number>(res.length);
    for (let k = 0; k < res.length; k++) {
      const i = res[k]!.refIndex;
      set[i] = 1;
      order[k] = i;
    }
    lastQuery = query;
    lastHits = { set, order };
    return lastHits;
  };

  const render = () => {
    if (!data) return;
    performance.mark('mg-query-start');
    const h = hits(state.q);
    const r = filterDocs(data, state, h?.set ?? null);
    const vis = r.visible;
    for (let i = 0; i < total; i++) {
      if (vis[i] !== shown[i]) rows[i]!.hidden = vis[i] === 0;
    }
    shown = vis;
    // Reorder only when the sort (or, for best match, the hits) changed; hidden rows may stay anywhere.
    const sort = effectiveSort(state);
    const key = sort === 'relevance' ? `relevance:${serializeQuery(state)}` : sort;
    if (key !== orderKey) {
      const order = sortOrder(data, sort, h?.order ?? null);
      const frag = document.createDocumentFragment();
      if (sort === 'relevance') {
        for (const i of order) if (vis[i]) frag.append(rows[i]!);
        list.prepend(frag);
      } else {
        for (const i of order) frag.append(rows[i]!);
        list.append(frag);
      }
      orderKey = key;
    }
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
