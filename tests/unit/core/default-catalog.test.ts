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
      expect(m.hosted.license).toBe('research');
      expect(judge({ kind: 'model', model: m, weightsLicence: catalog.license(m.weights?.license) }, defaultPolicy()).verdict).toBe('denied');
    }
  });

  it('no endpoint without a source label loads as commercial', () => {
    const labelled = new Set(rows.filter((r) => r.fal_license_label !== 'unknown').map((r) => r.endpoint_id!.toLowerCase()));
    const unlabelled = rows.filter((r) => r.fal_license_label === 'unknown');
    expect(unlabelled).toHaveLength(704);
    for (const r of unlabelled) {
      if (labelled.has(r.endpoint_id!.toLowerCase())) continue; // the alias of a labelled endpoint
      expect(catalog.get(r.endpoint_id!)!.hosted.license, r.endpoint_id).toBe('unknown');
    }
    const commercial = catalog.models.filter((m) => m.hosted.license === 'commercial');
    expect(commercial.every((m) => labelled.has(m.id.toLowerCase()))).toBe(true);
  });

  it('every label carries its provenance; FLUX.1 [dev] shows both facts', () => {
    for (const m of catalog.models) expect(m.hosted.provenance.observed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dev = catalog.get('fal-ai/flux/dev')!;
    expect(dev.hosted.license).toBe('commercial');
    expect(dev.weights?.license).toBe('LicenseRef-FLUX-1-dev-Non-Commercial');
    expect(catalog.license(dev.weights?.license)?.commercialUse).toBe('prohibited');
  });

  it('compiles to an artifact whose hash survives a round trip, and changes when content does', () => {
    const compiled = compileCatalog(catalog, new Date('2026-01-01T00:00:00Z'));
    const back = parseCompiledCatalog(JSON.stringify(compiled), 'mem');
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value.meta.contentHash).toBe(compiled.contentHash);
    const tampered = JSON.parse(JSON.stringify(compiled));
    tampered.models[0].hosted.license = 'commercial' === tampered.models[0].hosted.license ? 'research' : 'commercial';
    const refused = parseCompiledCatalog(JSON.stringify(tampered), 'mem');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem.field).toBe('contentHash');
  });

  it('content/ is exactly what the generator makes from the reference data (idempotent, up to date)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/generate-content.ts', '--check', '--reference', REFERENCE]);
    expect(stdout).toMatch(/0 new, 0 changed, 1573 unchanged/);
  });
});
