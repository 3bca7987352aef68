import { z } from 'zod';
import { EndpointId } from '../schema/common.ts';
import { fieldPath } from '../problem.ts';

/**
 * The documented response of fal's Platform API `GET /v1/models` (list mode), reduced to what
 * the sync reads. Fields the sync consumes are validated as documented; fields it does not read
 * (thumbnails, pinned, …) pass through unchecked, so a cosmetic change on fal's side does not
 * stop a licence sync. An unknown `license_type` value is an error, never a guess.
 */

/** ISO 8601 timestamp or date; the sync keeps its calendar date as written. */
const IsoTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:$|[T ])/, 'expected an ISO 8601 date').refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid date');

export const FalLicenseType = z.enum(['commercial', 'research', 'private']);
export const FalModelStatus = z.enum(['active', 'deprecated']);

export const FalModelMetadata = z.looseObject({
  display_name: z.string(),
  category: z.string(),
  description: z.string(),
  status: FalModelStatus,
  tags: z.array(z.string()),
  updated_at: IsoTimestamp,
  date: IsoTimestamp,
  /** Optional in the spec; `null` is read as absent too. */
  license_type: FalLicenseType.nullish(),
  group: z.looseObject({ key: z.string().min(1), label: z.string() }).nullish(),
  kind: z.enum(['inference', 'training']).nullish(),
});

export const FalModel = z.looseObject({
  endpoint_id: EndpointId,
  /** "may be absent for endpoints without registry entries" */
  metadata: FalModelMetadata.nullish(),
});

export const FalModelsPage = z.looseObject({
  models: z.array(FalModel),
  next_cursor: z.string().nullish(),
  has_more: z.boolean(),
});

export type FalModel = z.infer<typeof FalModel>;
export type FalModelMetadata = z.infer<typeof FalModelMetadata>;
export type FalModelsPage = z.infer<typeof FalModelsPage>;
export type FalLicenseType = z.infer<typeof FalLicenseType>;

/** Validates one page; on failure returns a one-line description naming the first bad field. */
export function parsePage(value: unknown): { ok: true; page: FalModelsPage } | { ok: false; message: string } {
  const result = FalModelsPage.safeParse(value);
  if (result.success) return { ok: true, page: result.data };
  const issues = result.error.issues;
  const first = issues[0]!;
  const where = fieldPath(first.path as PropertyKey[]) || '(response)';
  const id = endpointIdAt(value, first.path as PropertyKey[]);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { ok: false, message: `${where}${id ? ` (${id})` : ''}: ${first.message.replace(/\s*\n\s*/g, ' ')}${more}` };
}

/** The endpoint id of the model an issue points into, to make the message findable. */
function endpointIdAt(value: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'models' || typeof path[1] !== 'number' || path.length < 3) return undefined;
  const models = (value as { models?: unknown }).models;
  const model = Array.isArray(models) ? (models[path[1]] as { endpoint_id?: unknown } | undefined) : undefined;
  return typeof model?.endpoint_id === 'string' ? model.endpoint_id : undefined;
}

/** `2025-01-15T12:00:00Z` → `2025-01-15`. */
export function calendarDate(timestamp: string): string {
  return timestamp.slice(0, 10);
}
