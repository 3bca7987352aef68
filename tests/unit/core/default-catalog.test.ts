import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/core/catalog/build.ts';
import type { Catalog } from '../../../src/core/catalog/catalog.ts';
import { compileCatalog } from '../../../src/core/catalog/compile.ts';
import { parseCompiledCatalog } from '../../../src/core/catalog/load-compiled.ts';
import { loadContentDir } from '../../../src/core/content/load.ts';
import { defaultPolicy } from '../../../src/core/schema/policy.ts';
import { judge } from '../../../src/core/verdict/judge.ts';
import { modelSubject } from '../../../src/core/verdict/subject.ts';
import { hostedFacts } from '../../../src/core/facts/hosted.ts';
import { labelEvidence } from '../../../src/core/facts/label-evidence.ts';

const REFERENCE = path.resolve('../shared/reference');
const run = promisify(execFile);

function tsv(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split('\n');
  const cols = head!.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i]!, v])));
}

describe('the bundled default catalog', () => {
  let catalog: Catalog;
  let rows: Record<string, string>[];
  beforeAll(async () => {
    const loaded = await loadContentDir('content');
    expect(loaded.problems).toEqual([]);
    const built = buildCatalog(loaded.models, loaded.licenses);
    expect(built.problems).toEqual([]);
    catalog = built.catalog;
    rows = tsv(await readFile(path.join(REFERENCE, 'fal-endpoints.tsv'), 'utf8'));
  });

  it('every one of the 1,531 reference endpoint ids resolves to its own entry', () => {
    expect(rows).toHaveLength(1531);
    for (const row of rows) expect(catalog.resolve(row.endpoint_id!)?.how, row.endpoint_id).toMatch(/^(exact|alias)$/);
    // Two reference ids differ only in the owner's case (CassetteAI/…): one endpoint, one alias.
    expect(catalog.models.length + catalog.models.reduce((n, m) => n + m.aliases.length, 0)).toBeGreaterThanOrEqual(1531);
  });

  it('holds the 43 licences', () => {
    expect(catalog.licenses).toHaveLength(43);
  });

  it('all 9 research-only endpoints of the reference load as research-only and are denied', () => {
    const research = rows.filter((r) => r.fal_license_label === 'research');
    expect(research).toHaveLength(9);
    for (const r of research) {
      const m = catalog.get(r.endpoint_id!)!;
      expect(hostedFacts(m).license.value).toBe('research');
      expect(judge(modelSubject(catalog, m), defaultPolicy()).verdict).toBe('denied');
    }
  });

  it('no endpoint loads as commercial unless one of fal\'s own sources says "Commercial use" for that exact id', () => {
    const unlabelled = rows.filter((r) => r.fal_license_label === 'unknown');
    expect(unlabelled).toHaveLength(704);
    for (const m of catalog.models) {
      const facts = hostedFacts(m);
      if (facts.license.value !== 'commercial') continue;
      // Every observation that decided it says commercial, and comes from fal's pages or their snapshot.
      expect(facts.license.decidedBy.length, m.id).toBeGreaterThan(0);
      for (const o of facts.license.decidedBy) {
        expect(o.label, m.id).toBe('commercial');
        if (o.url && o.url.startsWith('https://fal.ai/models/')) expect(o.url.toLowerCase(), m.id).toContain(`/models/${m.id.toLowerCase()}`);
      }
    }
    // An id listed without a label and never seen on a page with a badge stays unknown.
    const stated = new Set(catalog.models.filter((m) => m.hosted.observations.some((o) => o.label)).map((m) => m.id.toLowerCase()));
    for (const r of unlabelled) {
      const m = catalog.get(r.endpoint_id!)!;
      if (!stated.has(m.id.toLowerCase())) expect(hostedFacts(m).license.value, r.endpoint_id).toBe('unknown');
    }
  });

  it('the unknown-label share over the 1,530 reference endpoints is at most 40%', () => {
    const endpoints = new Set(rows.map((r) => catalog.get(r.endpoint_id!)!));
    expect(endpoints.size).toBe(1530);
    const unknown = [...endpoints].filter((m) => hostedFacts(m).license.value === 'unknown').length;
    expect(unknown / endpoints.size).toBeLessThanOrEqual(0.40);
  });

  it('every label carries its source and its date or undated bound; FLUX.1 [dev] shows both facts', () => {
    for (const m of catalog.models) {
      const ev = labelEvidence(hostedFacts(m));
      if (ev.label === 'unknown') continue;
      expect(ev.source.length, m.id).toBeGreaterThan(0);
      expect(ev.observed, m.id).toMatch(/^\d{4}-\d{2}-\d{2}|^undated copy \(seen before \d{4}-\d{2}-\d{2}/);
    }
    const dev = catalog.get('fal-ai/flux/dev')!;
    expect(hostedFacts(dev).license.value).toBe('commercial');
    expect(dev.weights?.license).toBe('LicenseRef-FLUX-1-dev-Non-Commercial');
    expect(catalog.license(dev.weights?.license)?.commercialUse).toBe('prohibited');
  });

  it('every model marked closed weights cites a source, and none also names a weights licence', () => {
    const closed = catalog.models.filter((m) => m.weights?.closed);
    expect(closed.length).toBeGreaterThan(0);
    for (const m of closed) {
      expect(m.weights!.license, m.id).toBeNull();
      expect(m.weights!.provenance.url, m.id).toMatch(/^https:\/\//);
      expect(m.weights!.provenance.note, m.id).toBeTruthy();
    }
  });

  it('compiles to an artifact whose hash survives a round trip, and changes when content does', () => {
    const compiled = compileCatalog(catalog, new Date('2026-01-01T00:00:00Z'));
    const back = parseCompiledCatalog(JSON.stringify(compiled), 'mem');
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value.meta.contentHash).toBe(compiled.contentHash);
    const tampered = JSON.parse(JSON.stringify(compiled));
    const first = tampered.models[0].hosted.observations[0];
    first.label = first.label === 'commercial' ? 'research' : 'commercial';
    const refused = parseCompiledCatalog(JSON.stringify(tampered), 'mem');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem.field).toBe('contentHash');
  });

  it('the README\'s coverage section is what `npm run coverage` makes from the data', async () => {
    const { stdout } = await run(process.execPath, ['scripts/coverage.ts', '--check', '--reference', REFERENCE]);
    expect(stdout).toMatch(/up to date/);
  });

  it('content/ is exactly what the generator makes from the reference data (idempotent, up to date)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/generate-content.ts', '--check', '--reference', REFERENCE]);
    expect(stdout).toMatch(/: \d+ models, 43 licences: 0 new, 0 changed, \d+ unchanged/);
  });
});
