import { Catalog, type CatalogLicense, type CatalogModel } from '../../../src/core/catalog/catalog.ts';
import { LicenseSchema } from '../../../src/core/schema/license.ts';
import { z } from 'zod';
import { ModelSchema } from '../../../src/core/schema/model.ts';

type ModelInput = z.input<typeof ModelSchema>;

const provenance = { source: 'test', observed: '2025-10-30', evidence: 'secondary' as const };

/** A schema-valid model with the given overrides (validated, so tests cannot build impossible entries). */
export function model(id: string, over: Partial<Omit<ModelInput, 'hosted'>> & { hosted?: Partial<ModelInput['hosted']> } = {}): CatalogModel {
  const { hosted, ...rest } = over;
  return {
    ...ModelSchema.parse({
      id,
      name: id,
      category: 'text-to-image',
      hosted: { license: 'commercial', partnerApi: 'no', providerType: 'fal', provenance, ...hosted },
      ...rest,
    }),
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
