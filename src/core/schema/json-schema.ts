import { z } from 'zod';
import { CompiledCatalogSchema } from './catalog.ts';
import { LicenseSchema } from './license.ts';
import { ModelSchema } from './model.ts';
import { PolicySchema } from './policy.ts';
import { CheckReportSchema } from './check-report.ts';
import { InventorySchema } from './inventory.ts';

/**
 * The published JSON Schemas, generated from the zod schemas so they can never drift.
 * Input mode: fields with defaults are optional, as they are for someone writing a file.
 */
export function jsonSchemas(baseUrl = ''): Record<string, object> {
  const make = (schema: z.ZodType, name: string, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: `${baseUrl}/schema/${name}`,
    title,
  });
  return {
    'catalog.schema.json': make(CompiledCatalogSchema, 'catalog.schema.json', 'modelgate compiled catalog'),
    'model.schema.json': make(ModelSchema, 'model.schema.json', 'modelgate model (front matter of content/models/<endpoint id>.md)'),
    'license.schema.json': make(LicenseSchema, 'license.schema.json', 'modelgate licence (front matter of content/licenses/<licence id>.md)'),
    'config.schema.json': make(PolicySchema, 'config.schema.json', 'modelgate project policy (modelgate.config.json / .yaml)'),
    'check-report.schema.json': make(CheckReportSchema, 'check-report.schema.json', 'modelgate check --format json report'),
    'inventory.schema.json': make(InventorySchema, 'inventory.schema.json', 'modelgate inventory --format json: the organisation\'s model inventory'),
  };
}
