import { z } from 'zod';
import { LicenseSchema } from './license.ts';
import { ModelSchema } from './model.ts';

/** Bumped when the artifact's shape changes incompatibly; readers refuse versions they do not know. */
export const CATALOG_FORMAT_VERSION = 1;

/**
 * The compiled catalog: every model and licence of `content/` in one versioned JSON file,
 * with a hash of its content. The CLI loads it; the site serves it at /catalog.json.
 */
export const CompiledCatalogSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(CATALOG_FORMAT_VERSION),
  generatedAt: z.iso.datetime(),
  /** `sha256:` of the canonical JSON of models and licences: equal content, equal hash. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  counts: z.strictObject({
    models: z.number().int().nonnegative(),
    licenses: z.number().int().nonnegative(),
  }),
  models: z.array(ModelSchema.extend({ notes: z.string() })),
  licenses: z.array(LicenseSchema.extend({ notes: z.string() })),
});

export type CompiledCatalog = z.infer<typeof CompiledCatalogSchema>;
