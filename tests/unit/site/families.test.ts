import Fuse from 'fuse.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, CatalogModel } from '../../../src/core/catalog/catalog.ts';
import { familyOf } from '../../../src/core/facts/family.ts';
import { hostedFacts } from '../../../src/core/facts/hosted.ts';
import { CONDITION_VALUES, searchDoc } from '../../../src/core/site/facets.ts';
import { familyName, indexFamilies, type IndexFamily } from '../../../src/core/site/families.ts';
import { emptyState } from '../../../src/core/site/query.ts';
import { loadDefaultCatalog } from '../core/helpers.ts';
import {
  FUSE_OPTIONS, STRIDE, buildSearchData, familyTable, filterDocs, groupByFamily, shownMembers, sortOrder, type SearchData,
} from '../../../src/core/site/search.ts';

let catalog: Catalog;
let families: IndexFamily[];
let rows: CatalogModel[];
let data: SearchData;
beforeAll(async () => {
  catalog = await loadDefaultCatalog();
  // As the site does (src/site/catalog.ts, src/site/search.ts).
  const byName = [...catalog.models].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  families = indexFamilies(byName);
  rows = families.flatMap((f) => f.members);
  data = buildSearchData(rows.map((m) => searchDoc(catalog, m)), CONDITION_VALUES, (k, d) => Fuse.createIndex(k as never, d), families.map((f) => f.members.length));
}, 30_000);

const m = (id: string, name = id) => ({ id, name });

describe('family names', () => {
  it('follow one rule: the only endpoint, the endpoint at the family id, the shared first words, else the id', () => {
    expect(familyName('fal-ai/solo', [m('fal-ai/solo/v1', 'Solo One')])).toBe('Solo One');
    expect(familyName('fal-ai/ace-step', [m('fal-ai/ace-step/audio', 'ACE-Step Audio'), m('fal-ai/ace-step', 'ACE-Step')])).toBe('ACE-Step');
    // The owner's case does not matter for the family id.
    expect(familyName('fal-ai/ace-step', [m('FAL-AI/ace-step', 'ACE-Step'), m('fal-ai/ace-step/x', 'Other')])).toBe('ACE-Step');
    expect(familyName('fal-ai/kling-video', [
      m('fal-ai/kling-video/o1', 'Kling Video O1 Image To Video'), m('fal-ai/kling-video/lipsync', 'kling LipSync'), m('fal-ai/kling-video/unnamed'),
    ])).toBe('Kling');
    expect(familyName('fal-ai/x', [m('fal-ai/x/a', 'Image Editing Pro'), m('fal-ai/x/b', 'Image Editing - fast')])).toBe('Image Editing');
    // A dash or bracket alone does not end a name.
    expect(familyName('fal-ai/x', [m('fal-ai/x/a', 'Tool - A'), m('fal-ai/x/b', 'Tool - B')])).toBe('Tool');
    // Nothing shared, or only one named endpoint: the family id.
    expect(familyName('fal-ai/image-apps-v2', [m('fal-ai/image-apps-v2/a', 'Age Modify'), m('fal-ai/image-apps-v2/b', 'City Teleport')])).toBe('fal-ai/image-apps-v2');
    expect(familyName('fal-ai/y', [m('fal-ai/y/a', 'Named'), m('fal-ai/y/b')])).toBe('fal-ai/y');
    expect(familyName('group:kling', [m('fal-ai/a', 'Alpha'), m('fal-ai/b', 'Beta')])).toBe('kling');
  });
});

describe('index families', () => {
  it('hold every endpoint exactly once, one family per key, members by name', () => {
    expect(rows.length).toBe(catalog.models.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(catalog.models.length);
    expect(new Set(families.map((f) => f.key)).size).toBe(families.length);
    for (const f of families) {
      for (const x of f.members) expect(familyOf(x).key).toBe(f.key);
      expect(f.members).toEqual(catalog.familyMembers(f.key).slice().sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1)));
      const labels = f.labels.commercial + f.labels.research + f.labels.private + f.labels.unknown;
      expect(labels).toBe(f.members.length);
      expect(f.partner).toBe(f.members.filter((x) => hostedFacts(x).partnerApi.value === 'yes').length);
    }
    // Families by name.
    const names = families.map((f) => f.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });
  it('make ACE-Step one family of its endpoints, named after the endpoint at the family id', () => {
    const ace = families.find((f) => f.key === 'fal-ai/ace-step')!;
    expect(ace.name).toBe('ACE-Step');
    expect(ace.members.map((x) => x.id)).toContain('fal-ai/ace-step/audio-to-audio');
    expect(ace.members.length).toBe(catalog.models.filter((x) => x.id.startsWith('fal-ai/ace-step')).length);
    expect(families.filter((f) => f.name === 'ACE-Step')).toHaveLength(1);
  });
});

describe('grouping the shown endpoints', () => {
  it('the search data records family sizes in row order; bad sizes are refused', () => {
    expect(data.groups.reduce((a, b) => a + b, 0)).toBe(data.n);
    const t = familyTable(data);
    expect(t.count).toBe(families.length);
    families.forEach((f, i) => expect(rows[t.start[i]!]!.id).toBe(f.members[0]!.id));
    const docs = rows.slice(0, 3).map((x) => searchDoc(catalog, x));
    expect(() => buildSearchData(docs, CONDITION_VALUES, (k, d) => Fuse.createIndex(k as never, d), [2, 2])).toThrow(/do not cover/);
    expect(() => buildSearchData(docs, CONDITION_VALUES, (k, d) => Fuse.createIndex(k as never, d), [3, 0])).toThrow(/do not cover/);
  });
  it('a search hitting some endpoints of a family shows that family with only those', () => {
    const fuse = new Fuse(Array.from({ length: data.n }, (_, i) => i), FUSE_OPTIONS as never, Fuse.parseIndex(data.index as never));
    const hits = fuse.search('ace-step/audio').map((r) => r.refIndex);
    const t = familyTable(data);
    const g = groupByFamily(t, hits);
    const ace = families.findIndex((f) => f.key === 'fal-ai/ace-step');
    expect(g.families).toContain(ace);
    const shown = shownMembers(t, g, ace);
    expect(shown.length).toBe(g.shown[ace]);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(families[ace]!.members.length);
    // Exactly the hits of that family, in the hits' order.
    expect(shown).toEqual(hits.filter((i) => t.of[i] === ace));
    // Every family shown once, where its first hit stands.
    expect(new Set(g.families).size).toBe(g.families.length);
    const firstHit = g.families.map((f) => hits.findIndex((i) => t.of[i] === f));
    expect(firstHit).toEqual([...firstHit].sort((a, b) => a - b));
  });
  it('a facet keeps the families with a matching endpoint, counting only those endpoints', () => {
    const s = emptyState();
    s.filters.label = ['unknown'];
    const r = filterDocs(data, s, null);
    const order = [...sortOrder(data, 'name')].filter((i) => r.visible[i]);
    const t = familyTable(data);
    const g = groupByFamily(t, order);
    const expected = families.map((f, i) => [i, f.members.filter((x) => hostedFacts(x).license.value === 'unknown').length] as const).filter(([, k]) => k > 0);
    expect(g.families).toEqual(expected.map(([i]) => i));
    for (const [i, k] of expected) {
      expect(g.shown[i]).toBe(k);
      expect(shownMembers(t, g, i).map((row) => rows[row]!.id)).toEqual(families[i]!.members.filter((x) => hostedFacts(x).license.value === 'unknown').map((x) => x.id));
    }
    expect(g.families.reduce((a, f) => a + g.shown[f]!, 0)).toBe(r.shown);
  });
  it('another sort orders the families by their first endpoint and the endpoints within', () => {
    const order = sortOrder(data, 'observed');
    const t = familyTable(data);
    const g = groupByFamily(t, order);
    expect(g.families.length).toBe(families.length);
    // The observed-date column of a row (the last of its STRIDE integers).
    const obs = (row: number) => data.docs[row * STRIDE + STRIDE - 1]!;
    const lead = g.families.map((f) => obs(shownMembers(t, g, f)[0]!));
    expect(lead).toEqual([...lead].sort((a, b) => b - a));
    for (const f of g.families) {
      const within = shownMembers(t, g, f).map(obs);
      expect(within).toEqual([...within].sort((a, b) => b - a));
    }
  });
});
