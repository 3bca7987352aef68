/**
 * The catalog's search/filter island: the only JavaScript the site ships. The list is already in
 * the page (it works without JS): one row per family, a <details> that opens to its endpoints
 * (a family of one endpoint is a plain row). This script fetches the prebuilt search data on first
 * use, then shows the families with a matching endpoint, each with only its matching endpoints, in
 * a windowed list (see `show`). Search and facets match endpoints. All state lives in the URL.
 */
import { FACET_DIMS, effectiveSort, emptyState, parseQuery, serializeQuery, type QueryState } from '../core/site/query.ts';
import {
  FUSE_OPTIONS, familyTable, filterDocs, fuzzySearch, groupByFamily, searchNames, searchTexts, shownMembers, sortOrder,
  type FamilyTable, type FuseLike, type Grouping, type SearchData, type SearchStep,
} from '../core/site/search.ts';
import type FuseType from 'fuse.js';

const num = (x: number) => x.toLocaleString('en-US');

const form = document.getElementById('catalog-search') as HTMLFormElement | null;
const list = document.getElementById('models') as HTMLUListElement | null;
const status = document.getElementById('result-count');

if (form && list && status) init(form, list, status);

/** A family row as the page has it: the top-level <li>, and for a family of several endpoints its parts. */
interface FamilyRow {
  el: HTMLElement;
  /** Absent for a family of one endpoint (a plain row). */
  details: HTMLDetailsElement | null;
  eps: HTMLElement | null;
  count: HTMLElement | null;
  /** Endpoint rows in row order (the family's first row first). */
  members: HTMLElement[];
  /** The rows now in `eps`, in order. */
  current: number[];
}

function init(form: HTMLFormElement, list: HTMLUListElement, status: HTMLElement): void {
  const famEls = Array.from(list.children) as HTMLElement[];
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const sortSelect = form.elements.namedItem('sort') as HTMLSelectElement;
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
  const countEls = boxes.map((b) => b.parentElement!.querySelector('.n') as HTMLElement);
  form.hidden = false;

  let data: SearchData | null = null;
  let table: FamilyTable | null = null;
  let fams: FamilyRow[] = [];
  let total = 0;
  let fuse: FuseType<number> | null = null;
  let FuseClass: FuseLike | null = null;
  let texts: string[] = [];
  let names: string[] = [];
  let loading: Promise<void> | null = null;
  let state: QueryState = parseQuery(location.search);
  let lastQuery = '';
  let lastHits: { set: Uint8Array; order: number[] } | null = null;
  let lastStep: SearchStep | null = null;

  /** The page's rows, matched to the search data's families once (the same order: both come from the build). */
  const readRows = (d: SearchData, t: FamilyTable): FamilyRow[] => {
    if (famEls.length !== t.count) throw new Error(`the page lists ${famEls.length} families, the search data ${t.count}`);
    return famEls.map((el, f) => {
      const details = el.querySelector('details');
      const eps = details?.querySelector<HTMLElement>('ul.eps') ?? null;
      const members = eps ? (Array.from(eps.children) as HTMLElement[]) : [el];
      if (members.length !== d.groups[f]) throw new Error(`family ${el.dataset.family}: ${members.length} endpoints on the page, ${d.groups[f]} in the search data`);
      const current = members.map((_, k) => t.start[f]! + k);
      return { el, details, eps, count: details?.querySelector<HTMLElement>('.fc') ?? null, members, current };
    });
  };

  const load = (): Promise<void> => {
    loading ??= Promise.all([
      fetch('/search-index.json').then((r) => {
        if (!r.ok) throw new Error(`search index: HTTP ${r.status}`);
        return r.json() as Promise<SearchData>;
      }),
      import('fuse.js'),
    ]).then(([d, mod]) => {
      const Fuse = mod.default;
      const t = familyTable(d);
      fams = readRows(d, t);
      data = d;
      table = t;
      total = d.n;
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

  // Families open by themselves while a search or filter is active (they then hold only the
  // matching endpoints), and are closed otherwise; a family the user opened or closed stays so
  // until the search/filter is switched on or off.
  let filtering = false;
  const userOpen = new Map<number, boolean>();
  const isOpen = (f: number) => userOpen.get(f) ?? filtering;
  list.addEventListener('click', (e) => {
    const summary = (e.target as Element).closest('summary');
    const li = summary?.closest<HTMLElement>('#models > li');
    if (!summary || !li) return;
    const f = famEls.indexOf(li);
    // The click comes before the toggle: the new state is the opposite of the current one.
    if (f >= 0) userOpen.set(f, !(summary.parentElement as HTMLDetailsElement).open);
  });

  let grouping: Grouping | null = null;
  /** Brings one family's row up to date: its shown endpoints, its count line, open or closed. */
  const apply = (f: number) => {
    const row = fams[f]!;
    if (!row.details || !grouping || !table) return;
    const next = shownMembers(table, grouping, f);
    if (next.length !== row.current.length || next.some((i, k) => row.current[k] !== i)) {
      const base = table.start[f]!;
      row.eps!.replaceChildren(...next.map((i) => row.members[i - base]!));
      row.current = next;
    }
    const text = filtering ? `${next.length} of ${row.members.length} endpoints match` : `${row.members.length} endpoints`;
    if (row.count!.textContent !== text) row.count!.textContent = text;
    row.el.classList.toggle('part', next.length < row.members.length);
    const open = isOpen(f);
    if (row.details.open !== open) row.details.open = open;
  };
  /** What a family costs to show: its summary, and its shown endpoints when open. */
  const cost = (f: number) => (fams[f]!.details && isOpen(f) ? 1 + grouping!.shown[f]! : 1);

  // Once search is in use the list is windowed: it holds only the first families of the current
  // result order, and a spacer after it stands for the rest (so the page keeps its height).
  // Families are appended a chunk at a time (about CHUNK endpoint rows) as the spacer nears the
  // viewport. A keystroke thus touches a bounded number of rows, whatever the catalog size;
  // toggling thousands of server-rendered rows made Chromium lay out the whole list (~150 ms at
  // 10,000 rows).
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
  /** How many families from `from` make the next chunk (at least one). */
  const chunkEnd = (from: number) => {
    let k = from;
    let rows = 0;
    while (k < order.length && (k === from || rows < CHUNK)) rows += cost(order[k++]!);
    return k;
  };
  const more = () => {
    if (rendered >= order.length) return;
    const end = chunkEnd(rendered);
    const next = order.slice(rendered, end);
    for (const f of next) apply(f);
    list.append(...next.map((f) => fams[f]!.el));
    rendered = end;
    fitSpacer();
  };
  const windowed = (): void => {
    if (spacer) return;
    // One-time switch (on first use of the form): remember the average family row height, empty the list.
    rowHeight = list.getBoundingClientRect().height / Math.max(1, famEls.length);
    spacer = document.createElement('div');
    spacer.setAttribute('aria-hidden', 'true');
    list.after(spacer);
    list.replaceChildren();
  };
  /**
   * Runs a change of the list's rows without losing the keyboard focus: a row moved by
   * replaceChildren is removed and inserted again, which would drop the focus of a summary or
   * link in it (a keyboard user in the list when the search data arrives).
   */
  const keepFocus = (change: () => void) => {
    const a = document.activeElement;
    const inside = a instanceof HTMLElement && list.contains(a) ? a : null;
    change();
    if (inside && inside.isConnected && document.activeElement !== inside) inside.focus({ preventScroll: true });
  };
  const show = (next: number[]) => {
    windowed();
    order = next;
    const k = chunkEnd(0);
    // Typing often keeps the same first families: then only their endpoints are brought up to date.
    const same = k === rendered && list.children.length === k && next.slice(0, k).every((f, j) => list.children[j] === fams[f]!.el);
    for (let j = 0; j < k; j++) apply(next[j]!);
    if (!same) list.replaceChildren(...next.slice(0, k).map((f) => fams[f]!.el));
    rendered = k;
    fitSpacer();
  };

  const render = () => {
    if (!data || !table) return;
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
    // Endpoints in display order → families in display order, each with its shown endpoints.
    grouping = groupByFamily(table, next);
    const on = state.q.trim() !== '' || FACET_DIMS.some((d) => state.filters[d].length > 0);
    if (on !== filtering) {
      filtering = on;
      userOpen.clear();
    }
    const families = grouping.families;
    keepFocus(() => show(families));
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
    const f = grouping.families.length;
    status.textContent = r.shown === total
      ? `Showing all ${num(total)} endpoints in ${num(table.count)} families.`
      : `Showing ${num(r.shown)} of ${num(total)} endpoints, in ${num(f)} of ${num(table.count)} families.`;
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

