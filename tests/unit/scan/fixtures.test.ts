import { describe, expect, it, afterAll } from 'vitest';
import { catalogLookup, exactKey, fixtureNames, loadCatalogIds, runFixture, totals, type FixtureResult } from './fixture-harness.ts';

const isKnown = catalogLookup(loadCatalogIds());
const results: FixtureResult[] = [];
const names = fixtureNames();

describe('scanner fixtures (hand-written expected.json)', () => {
  it('has at least 30 fixture projects', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of names) {
    it(`finds exactly what a careful reader finds in ${name}`, async () => {
      const r = await runFixture(name, isKnown);
      results.push(r);
      const want = r.expected.map(exactKey).sort();
      const got = r.actual.map(exactKey).sort();
      const missing = want.filter((k) => !got.includes(k));
      const extra = got.filter((k) => !want.includes(k));
      expect({ missing, extra }, `${name}: missing (expected but not found) / extra (found but not expected)`).toEqual({ missing: [], extra: [] });
    });
  }

  it('keeps precision and recall at or above 0.97 over all fixtures', async () => {
    const all = results.length === names.length ? results : await Promise.all(names.map((n) => runFixture(n, isKnown)));
    const t = totals(all);
    console.log(`scanner fixtures: precision ${t.precision.toFixed(4)}, recall ${t.recall.toFixed(4)}, F1 ${t.f1.toFixed(4)} (${t.tp} matched, ${t.found} found, ${t.expected} expected)`);
    expect(t.precision).toBeGreaterThanOrEqual(0.97);
    expect(t.recall).toBeGreaterThanOrEqual(0.97);
  });
});

afterAll(() => undefined);
