import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CompiledCatalogSchema, type CompiledCatalog } from '../schema/catalog.ts';
import { LicenseSchema } from '../schema/license.ts';
import { ModelSchema } from '../schema/model.ts';
import { fieldPath, ProblemError, type Problem } from '../problem.ts';
import { Catalog, type CatalogLicense, type CatalogModel } from './catalog.ts';
import { contentHash } from './compile.ts';

/**
 * The artifact's envelope. Entries are checked here only for what the index needs (their ids
 * and aliases, below); each is validated in full against the same schemas when first used.
 * (Letting zod copy 1,500 loose entries here cost ~30 ms of every gate run's start-up.)
 */
const Envelope = CompiledCatalogSchema.extend({
  models: z.array(z.unknown()),
  licenses: z.array(z.unknown()),
});
const IndexedModel = ModelSchema.pick({ id: true, aliases: true });
const IndexedLicense = LicenseSchema.pick({ id: true });
const FullModel = ModelSchema.extend({ notes: z.string() });
const FullLicense = LicenseSchema.extend({ notes: z.string() });

export interface LoadedCatalog {
  catalog: Catalog;
  meta: Pick<CompiledCatalog, 'formatVersion' | 'generatedAt' | 'contentHash' | 'counts'>;
  source: string;
}

/**
 * Parses and checks a compiled catalog. A catalog that fails its schema or whose content does
 * not match its hash is refused: the gate must not judge against a catalog it cannot trust.
 */
export function parseCompiledCatalog(text: string, source: string): { ok: true; value: LoadedCatalog } | { ok: false; problem: Problem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: { code: 'catalog', file: source, message: `not valid JSON: ${(e as Error).message}` } };
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== 1) {
    return { ok: false, problem: { code: 'catalog', file: source, field: 'formatVersion', message: `catalog format ${version} is not supported by this modelgate (supports 1); upgrade modelgate` } };
  }
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, problem: { code: 'catalog', file: source, field: fieldPath(issue.path) || '(root)', message: `invalid catalog: ${issue.message}${more}` } };
  }
  const data = parsed.data;
  const raw = json as CompiledCatalog;
  const indexProblem = indexFields(raw, source);
  if (indexProblem) return { ok: false, problem: indexProblem };
  // Hash the entries exactly as they stand in the file (the compiler sorted their keys).
  const hash = contentHash(raw.models, raw.licenses);
  if (hash !== data.contentHash) {
    return { ok: false, problem: { code: 'catalog', file: source, field: 'contentHash', message: `content does not match its hash (${data.contentHash}); the file was altered or truncated` } };
  }
  const { formatVersion, generatedAt, contentHash: h, counts } = data;
  if (counts.models !== raw.models.length || counts.licenses !== raw.licenses.length) {
    return { ok: false, problem: { code: 'catalog', file: source, field: 'counts', message: `counts (${counts.models} models, ${counts.licenses} licences) do not match the entries (${raw.models.length}, ${raw.licenses.length})` } };
  }
  const index = new Map<object, number>();
  raw.models.forEach((m, i) => index.set(m, i));
  raw.licenses.forEach((l, i) => index.set(l, i));
  const verify = (schema: z.ZodType, list: string) => (entry: object) => {
    const r = schema.safeParse(entry);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new ProblemError([{ code: 'catalog', file: source, field: `${list}[${index.get(entry)}].${fieldPath(issue.path)}`, message: `invalid catalog entry ${(entry as { id?: string }).id ?? ''}: ${issue.message}` }]);
    }
  };
  const catalog = new Catalog(raw.models as CatalogModel[], raw.licenses as CatalogLicense[], {
    model: verify(FullModel, 'models'),
    license: verify(FullLicense, 'licenses'),
  });
  return { ok: true, value: { catalog, meta: { formatVersion, generatedAt, contentHash: h, counts }, source } };
}

export async function readCompiledCatalog(file: string): Promise<{ ok: true; value: LoadedCatalog } | { ok: false; problem: Problem }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, problem: { code: 'catalog', file, message: `cannot read catalog: ${(e as Error).message}` } };
  }
  return parseCompiledCatalog(text, file);
}

/** Every entry is an object whose id (and a model's aliases) the index can use. */
function indexFields(raw: CompiledCatalog, source: string): Problem | undefined {
  const lists = [['models', raw.models, IndexedModel], ['licenses', raw.licenses, IndexedLicense]] as const;
  for (const [list, entries, schema] of lists) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as unknown as Record<string, unknown> | null;
      const r = e !== null && typeof e === 'object' && !Array.isArray(e)
        ? schema.safeParse(list === 'models' ? { id: e.id, aliases: e.aliases } : { id: e.id })
        : { success: false as const, error: { issues: [{ path: [], message: 'expected an object' }] } };
      if (!r.success) {
        const issue = r.error.issues[0]!;
        return { code: 'catalog', file: source, field: `${list}[${i}]${issue.path.length ? `.${fieldPath(issue.path as PropertyKey[])}` : ''}`, message: `invalid catalog: ${issue.message}` };
      }
    }
  }
  return undefined;
}
