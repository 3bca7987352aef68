/**
 * The catalog's search/filter island: the only JavaScript the site ships. The list is already in
 * the page (it works without JS); this script fetches the prebuilt search data on first use, then
 * shows the matching rows in a windowed list (see `show`). All state lives in the URL.
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

  // Once search is in use the list is windowed: it holds only the first rows of the current result
  // order, and a spacer after it stands for the rest (so the page keeps its height). Rows are
  // appended a chunk at a time as the spacer nears the viewport. A keystroke thus touches at most
  // CHUNK rows, whatever the catalog size; toggling thousands of server-rendered rows made
  // Chromium lay out the whole list (~150 ms at 10,000 rows).
  const TOP = 50;
  const CHUNK = 40;
  const orders = new Map<string, Int32Array>();
  let order: number[] = [];
  let rendered = 0;
  let rowHeight = 0;
  let spacer: HTMLElement | null = null;
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) more();
  }, { rootMargin: '1000px 0px' });
  const fitSpacer = () => {
    spacer!.style.height = `${Math.round((order.length - rendered) * rowHeight)}px`;
    // Observing again reports the current intersection, so a spacer still in view loads the next chunk.
    io.unobserve(spacer!);
    if (rendered < order.length) io.observe(spacer!);
  };
  const more = () => {
    if (rendered >= order.length) return;
    const next = order.slice(rendered, rendered + CHUNK);
    list.append(...next.map((i) => rows[i]!));
    rendered += next.length;
    fitSpacer();
  };
  const windowed = (): void => {
    if (spacer) return;
    // One-time switch (on first use of the form): remember the average row height, empty the list.
    rowHeight = list.getBoundingClientRect().height / Math.max(1, total);
    spacer = document.createElement('div');
    spacer.setAttribute('aria-hidden', 'true');
    list.after(spacer);
    list.replaceChildren();
  };
  const show = (next: number[]) => {
    windowed();
    const k = Math.min(next.length, CHUNK);
    // Typing often keeps the same first rows: then the DOM is left alone.
    const same = k === rendered && next.slice(0, k).every((i, j) => order[j] === i);
    order = next;
    if (!same) {
      list.replaceChildren(...next.slice(0, k).map((i) => rows[i]!));
      rendered = k;
    }
    fitSpacer();
  };

  const render = () => {
    if (!data) return;
    performance.mark('mg-query-start');
    const h = hits(state.q);
    performance.measure('mg-search', 'mg-query-start');
    const r = filterDocs(data, state, h?.set ?? null);
    performance.mark('mg-filter-done');
    const vis = r.visible;
    const sort = effectiveSort(state);
    // Best match: the top TOP visible hits in Fuse's order, then the rest in name order.
    const next: number[] = [];
    const top = new Uint8Array(sort === 'relevance' ? total : 0);
    if (sort === 'relevance') {
      for (const i of h?.order ?? []) {
        if (next.length === TOP) break;
        if (vis[i]) { next.push(i); top[i] = 1; }
      }
    }
    const key = sort === 'relevance' ? 'name' : sort;
    let base = orders.get(key);
    if (!base) orders.set(key, (base = sortOrder(data, key)));
    for (const i of base) if (vis[i] && !top[i]) next.push(i);
    show(next);
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
  // Fetch the index on first intent to search, not on page load, then window the list (before the first keystroke).
  const prepare = () => void load().then(() => { if (!spacer) render(); }, fail);
  form.addEventListener('focusin', prepare, { once: true });
  form.addEventListener('pointerdown', prepare, { once: true });

  writeControls(state);
  if (serializeQuery(state)) void load().then(render, fail);
}
