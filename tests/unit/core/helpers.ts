import { Catalog, type CatalogLicense, type CatalogModel } from '../../../src/core/catalog/catalog.ts';
import { LicenseSchema } from '../../../src/core/schema/license.ts';
import { z } from 'zod';
import { ModelSchema } from '../../../src/core/schema/model.ts';
import type { Observation } from '../../../src/core/schema/observation.ts';
import path from 'node:path';
import { buildCatalog } from '../../../src/core/catalog/build.ts';
import { loadContentDir } from '../../../src/core/content/load.ts';

type ModelInput = z.input<typeof ModelSchema>;

const provenance = { source: 'test', observed: '2025-10-30', evidence: 'secondary' as const };

/**
 * Shorthand for the common case of one observation: `hosted: { license: 'research' }` is one
 * observation (source "test", observed 2025-10-30) stating that label; `license: 'unknown'`
 * states none. `observations` replaces the shorthand entirely.
 */
export interface HostedShorthand {
  license?: 'commercial' | 'research' | 'private' | 'unknown';
  partnerApi?: 'yes' | 'no' | 'unknown';
  providerType?: 'fal' | 'partner' | 'partner_msa' | 'unknown';
  observed?: string;
  observations?: Observation[];
}

export function observation(over: Partial<Observation> = {}): Observation {
  return { source: 'test', observed: '2025-10-30', evidence: 'secondary', ...over } as Observation;
}

/** A schema-valid model with the given overrides (validated, so tests cannot build impossible entries). */
export function model(
  id: string,
  over: Partial<Omit<ModelInput, 'hosted'>> & { hosted?: HostedShorthand; status?: 'active' | 'deprecated' | 'removed' } = {},
): CatalogModel {
  const { hosted = {}, status, ...rest } = over;
  const { license = 'commercial', partnerApi = 'no', providerType = 'fal', observed = '2025-10-30' } = hosted;
  const observations = hosted.observations ?? [observation({
    observed,
    ...(license !== 'unknown' ? { label: license } : {}),
    ...(partnerApi !== 'unknown' ? { partnerApi } : {}),
    ...(providerType !== 'unknown' ? { providerType } : {}),
    ...(status ? { status } : {}),
  })];
  return {
    ...ModelSchema.parse({ id, name: id, category: 'text-to-image', hosted: { observations }, ...rest }),
    notes: '',
  };
}

export function licence(id: string, over: Record<string, unknown> = {}): CatalogLicense {
  return {
    ...LicenseSchema.parse({ id, name: id, url: null, commercialUse: 'allowed', evidence: { level: 'primary', note: 'test' }, ...over }),
    notes: '',
  };
}

export function catalogOf(models: CatalogModel[], licenses: CatalogLicense[] = []): Catalog {
  return new Catalog(models, licenses);
}

export { provenance };

/** The catalog in content/, as the site and the gate build it; throws on any content problem. */
export async function loadDefaultCatalog(): Promise<Catalog> {
  const loaded = await loadContentDir(path.resolve(import.meta.dirname, '../../../content'));
  const built = buildCatalog(loaded.models, loaded.licenses);
  const problems = [...loaded.problems, ...built.problems];
  if (problems.length > 0) throw new Error(`content has ${problems.length} problem(s), first: ${problems[0]!.message}`);
  return built.catalog;
}
