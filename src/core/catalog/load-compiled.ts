import { readFile } from 'node:fs/promises';
import { CompiledCatalogSchema, type CompiledCatalog } from '../schema/catalog.ts';
import { fieldPath, type Problem } from '../problem.ts';
import { Catalog } from './catalog.ts';
import { contentHash } from './compile.ts';

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
  const parsed = CompiledCatalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, problem: { code: 'catalog', file: source, field: fieldPath(issue.path) || '(root)', message: `invalid catalog: ${issue.message}${more}` } };
  }
  const data = parsed.data;
  const hash = contentHash(data.models, data.licenses);
  if (hash !== data.contentHash) {
    return { ok: false, problem: { code: 'catalog', file: source, field: 'contentHash', message: `content does not match its hash (${data.contentHash}); the file was altered or truncated` } };
  }
  const { formatVersion, generatedAt, contentHash: h, counts } = data;
  return { ok: true, value: { catalog: new Catalog(data.models, data.licenses), meta: { formatVersion, generatedAt, contentHash: h, counts }, source } };
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
