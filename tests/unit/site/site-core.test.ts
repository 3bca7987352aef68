import Fuse from 'fuse.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/core/catalog/catalog.ts';
import { PolicySchema, defaultPolicy } from '../../../src/core/schema/policy.ts';
import { judge } from '../../../src/core/verdict/judge.ts';
import { modelSubject } from '../../../src/core/verdict/subject.ts';
import { hostedFacts } from '../../../src/core/facts/hosted.ts';
import { CONDITION_VALUES, searchDoc } from '../../../src/core/site/facets.ts';
import { LEGAL_COLUMNS, legalRows, toCsv, toLegalJson } from '../../../src/core/site/legal.ts';
import { isSafeUrl } from '../../../src/core/site/markdown-safe.ts';
import { emptyState, parseQuery, serializeQuery, effectiveSort } from '../../../src/core/site/query.ts';
import { FUSE_OPTIONS, RANK_LIMIT, buildSearchData, filterDocs, fuzzySearch, searchNames, searchTexts, sortOrder, type SearchData } from '../../../src/core/site/search.ts';
import { policySnippet } from '../../../src/core/site/snippet.ts';
import { barChart, countBy } from '../../../src/core/site/stats.ts';
import { allVerdicts } from '../../../src/core/site/verdicts.ts';
import { combinedMeaning, conditionFacets, conditionItems } from '../../../src/core/wording.ts';
import { loadDefaultCatalog } from '../core/helpers.ts';

let catalog: Catalog;
let data: SearchData;
beforeAll(async () => {
  catalog = await loadDefaultCatalog();
  data = buildSearchData(catalog.models.map((m) => searchDoc(catalog, m)), CONDITION_VALUES, (k, d) => Fuse.createIndex(k as never, d));
}, 30_000);

/** RFC 4180 parser, enough to read our own output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

describe('wording', () => {
  it('says FLUX.1 [dev] is served commercially while its weights are non-commercial', () => {
    const m = catalog.get('fal-ai/flux/dev')!;
    expect(combinedMeaning(m, catalog.license(m.weights?.license))).toBe('fal holds the rights to serve this commercially; the weights themselves are non-commercial.');
  });
  it('spells out conditions with their figures', () => {
    const withCap = catalog.licenses.find((l) => l.conditions.revenueThreshold?.usd);
    expect(withCap).toBeDefined();
    const items = conditionItems(withCap!.conditions);
    expect(items.find((i) => i.key === 'revenueThreshold')?.detail).toMatch(/USD [\d,]+ annual revenue/);
    expect(conditionFacets({ weights: null }, undefined)).toEqual(['none']);
  });
});

describe('verdicts', () => {
  it('are exactly the core judge() under the default policy, in source', () => {
    const v = allVerdicts(catalog);
    for (const m of catalog.models.slice(0, 200)) {
      expect(v.get(m.id)).toEqual(judge(modelSubject(catalog, m), defaultPolicy(), 'source'));
    }
    const research = catalog.models.find((m) => hostedFacts(m).license.value === 'research')!;
    expect(v.get(research.id)!.verdict).toBe('denied');
  });
  it('policy snippets are valid policy', () => {
    const v = allVerdicts(catalog);
    for (const id of ['fal-ai/flux/dev', catalog.models.find((m) => hostedFacts(m).license.value === 'research')!.id]) {
      const m = catalog.get(id)!;
      const s = policySnippet(m, v.get(id)!, '2025-10-30');
      expect(PolicySchema.safeParse(JSON.parse(s.json)).success).toBe(true);
    }
  });
});

describe('legal export', () => {
  it('CSV holds every model, round-trips and neutralises formulas', () => {
    const rows = legalRows(catalog, allVerdicts(catalog));
    const parsed = parseCsv(toCsv(rows));
    expect(parsed[0]).toEqual([...LEGAL_COLUMNS]);
    expect(parsed.length - 1).toBe(catalog.models.length);
    expect(new Set(parsed.slice(1).map((r) => r[0]))).toEqual(new Set(catalog.models.map((m) => m.id)));
    const tricky = { ...rows[0]!, name: '=HYPERLINK("x"), "quoted"\nline' };
    expect(parseCsv(toCsv([tricky]))[1]![1]).toBe(`'=HYPERLINK("x"), "quoted"\nline`);
    expect(JSON.parse(toLegalJson(rows, { generatedAt: 'now' })).count).toBe(catalog.models.length);
  });
});

describe('query state', () => {
  it('round-trips through the URL canonically', () => {
    const s = emptyState();
    s.q = 'flux dev';
    s.filters.label = ['research', 'commercial'];
    s.filters.cond = ['revenue'];
    s.sort = 'lab';
    const url = serializeQuery(s);
    const back = parseQuery(url);
    expect(back.q).toBe('flux dev');
    expect(back.filters.label).toEqual(['commercial', 'research']);
    expect(serializeQuery(back)).toBe(url);
    expect(serializeQuery(emptyState())).toBe('');
    expect(parseQuery('?sort=bogus').sort).toBeNull();
    expect(effectiveSort(parseQuery('?q=x'))).toBe('relevance');
  });
});

describe('search data and filters', () => {
  it('facets AND across dimensions, OR within one, with disjunctive counts', () => {
    const all = filterDocs(data, emptyState(), null);
    expect(all.shown).toBe(catalog.models.length);
    const s = emptyState();
    s.filters.label = ['research'];
    const research = filterDocs(data, s, null);
    expect(research.shown).toBe(catalog.models.filter((m) => hostedFacts(m).license.value === 'research').length);
    // the label facet's own counts ignore its selection
    expect([...research.counts.label]).toEqual([...all.counts.label]);
    s.filters.label = ['research', 'commercial'];
    const two = filterDocs(data, s, null).shown;
    expect(two).toBe(catalog.models.filter((m) => ['research', 'commercial'].includes(hostedFacts(m).license.value)).length);
    s.filters.partner = ['yes'];
    expect(filterDocs(data, s, null).shown).toBe(catalog.models.filter((m) => ['research', 'commercial'].includes(hostedFacts(m).license.value) && hostedFacts(m).partnerApi.value === 'yes').length);
    s.filters.status = ['no-such-status'];
    expect(filterDocs(data, s, null).shown).toBe(0);
  });
  it('the serialized Fuse index finds models by name, id and licence', () => {
    const json = JSON.parse(JSON.stringify(data)) as SearchData;
    const fuse = new Fuse(Array.from({ length: json.n }, (_, i) => i), FUSE_OPTIONS as never, Fuse.parseIndex(json.index as never));
    const ids = catalog.models.map((m) => m.id);
    const hit = (q: string) => fuse.search(q).slice(0, 5).map((r) => ids[r.refIndex]);
    expect(hit('fal-ai/flux/dev')).toContain('fal-ai/flux/dev');
    expect(fuse.search('LicenseRef-FLUX-1-dev-Non-Commercial').length).toBeGreaterThan(0);
    const order = sortOrder(data, 'relevance', fuse.search('flux').map((r) => r.refIndex));
    expect(order.length).toBe(data.n);
  });
});

describe('fast fuzzy search', () => {
  it('finds exactly the rows plain Fuse finds, in Fuse order when it ranks', () => {
    const fuse = new Fuse(Array.from({ length: data.n }, (_, i) => i), FUSE_OPTIONS as never, Fuse.parseIndex(data.index as never));
    const texts = searchTexts(data);
    const names = searchNames(data);
    // Typed prefixes of real names and ids, plus typos: every keystroke a user could make.
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const queries = new Set<string>(['flux dev', 'kling video', 'stable diffusion', 'apache', 'reserch', 'black forest', 'x', 'qwen image edit', 'LicenseRef-Llama']);
    for (let j = 0; j < 60; j++) {
      const m = catalog.models[rand(catalog.models.length)]!;
      const src = rand(2) ? m.name : m.id;
      const len = 1 + rand(Math.min(src.length, 20));
      let q = src.slice(0, len);
      if (rand(3) === 0 && q.length > 3) { const at = rand(q.length); q = q.slice(0, at) + 'xz'[rand(2)] + q.slice(at + 1); }
      queries.add(q);
    }
    for (const q of queries) {
      const plain = fuse.search(q).map((r) => r.refIndex);
      const fast = fuzzySearch(Fuse as never, data, texts, names, q, fuse as never);
      expect([...fast.rows].sort((a, b) => a - b), q).toEqual([...plain].sort((a, b) => a - b));
      if (fast.ranked) expect(fast.rows, q).toEqual(plain);
      else expect(fast.rows.length).toBeGreaterThan(RANK_LIMIT);
    }
    // Typed key by key, each search starting from the previous one: still exactly Fuse's rows.
    for (const q of ['qwen image edit', 'flux dev', 'kling video', 'bytedance seedream', 'fal-ai/wan/v2.2', 'black-forest-labs']) {
      let prev = null;
      for (let i = 1; i <= q.length; i++) {
        const p = q.slice(0, i);
        const fast = fuzzySearch(Fuse as never, data, texts, names, p, fuse as never, prev);
        prev = fast.step;
        expect([...fast.rows].sort((a, b) => a - b), p).toEqual(fuse.search(p).map((r) => r.refIndex).sort((a, b) => a - b));
      }
    }
  });
});

describe('markdown safety and charts', () => {
  it('keeps only safe URL schemes', () => {
    expect(isSafeUrl('https://x.org')).toBe(true);
    expect(isSafeUrl('/models/a/b/')).toBe(true);
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl(' JaVa\tscript:alert(1)')).toBe(false);
    expect(isSafeUrl('data:text/html,x')).toBe(false);
  });
  it('lays out bars and folds the tail', () => {
    const c = barChart(countBy(catalog.models, (m) => m.category), { limit: 5 });
    expect(c.bars).toHaveLength(5);
    expect(c.bars.reduce((s, b) => s + b.value, 0)).toBe(catalog.models.length);
    expect(Math.max(...c.bars.map((b) => b.width))).toBe(c.barMax);
  });
});
