import { createHash } from 'node:crypto';
import { CATALOG_FORMAT_VERSION, type CompiledCatalog } from '../schema/catalog.ts';
import type { Catalog } from './catalog.ts';

/**
 * Serialises a catalog into the versioned artifact. Pure apart from the clock, which is a
 * parameter. Entries are written with their keys sorted, so the hash of their plain
 * serialisation is the content hash: a reader verifies it without re-sorting anything.
 */
export function compileCatalog(catalog: Catalog, generatedAt: Date, schemaUrl?: string): CompiledCatalog {
  const models = catalog.models.map((m) => sortKeys(m) as typeof m);
  const licenses = catalog.licenses.map((l) => sortKeys(l) as typeof l);
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

/** sha256 of the entries as serialised (keys already sorted by compileCatalog). */
export function contentHash(models: readonly unknown[], licenses: readonly unknown[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify({ models, licenses })).digest('hex')}`;
}

/** A deep copy with object keys sorted and undefined values dropped. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** JSON with object keys sorted, so that equal content serialises equally whatever its key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
