import { createHash } from 'node:crypto';
import { CATALOG_FORMAT_VERSION, type CompiledCatalog } from '../schema/catalog.ts';
import type { Catalog } from './catalog.ts';

/** Serialises a catalog into the versioned artifact. Pure apart from the clock, which is a parameter. */
export function compileCatalog(catalog: Catalog, generatedAt: Date, schemaUrl?: string): CompiledCatalog {
  const models = catalog.models.map((m) => ({ ...m }));
  const licenses = catalog.licenses.map((l) => ({ ...l }));
  return {
    ...(schemaUrl ? { $schema: schemaUrl } : {}),
    formatVersion: CATALOG_FORMAT_VERSION,
    generatedAt: generatedAt.toISOString(),
    contentHash: contentHash(models, licenses),
    counts: { models: models.length, licenses: licenses.length },
    models,
    licenses,
  };
}

export function contentHash(models: readonly unknown[], licenses: readonly unknown[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson({ models, licenses })).digest('hex')}`;
}

/** JSON with object keys sorted, so that the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
