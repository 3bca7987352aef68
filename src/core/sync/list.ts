import { parsePage, type FalModel } from './api.ts';
import { getJson, SyncError, type HttpOptions } from './http.ts';

export interface ListOptions extends HttpOptions {
  /** e.g. `https://api.fal.ai/v1` (no trailing `/models`). */
  baseUrl: string;
  /** Sent as `Authorization: Key <apiKey>` when set. */
  apiKey?: string;
  /** Page size asked for. */
  limit?: number;
  /** A listing longer than this many pages is an error (a runaway or looping cursor). */
  maxPages?: number;
  onPage?: (info: { page: number; models: number }) => void;
}

/** The `/models` URL of a base, with query parameters. */
export function modelsUrl(baseUrl: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/models`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Reads the complete list of fal endpoints (list mode: all statuses), page by page until
 * `has_more` is false. Any bad page, a repeated cursor or too many pages throws a SyncError,
 * so a caller only ever sees a complete listing.
 */
export async function listAllModels(options: ListOptions): Promise<FalModel[]> {
  const limit = options.limit ?? 100;
  const maxPages = options.maxPages ?? 1000;
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Key ${options.apiKey}`;
  const models: FalModel[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    if (page > maxPages) throw new SyncError(`listing did not end after ${maxPages} pages (last cursor ${JSON.stringify(cursor)}); refusing to continue`);
    const what = `GET /models page ${page}${cursor === undefined ? '' : ` (cursor ${JSON.stringify(cursor)})`}`;
    const body = await getJson(modelsUrl(options.baseUrl, { limit: String(limit), cursor }), what, { ...options, headers });
    const parsed = parsePage(body);
    if (!parsed.ok) throw new SyncError(`${what}: malformed response: ${parsed.message}`);
    models.push(...parsed.page.models);
    options.onPage?.({ page, models: models.length });
    if (!parsed.page.has_more) return models;
    const next = parsed.page.next_cursor;
    if (!next) throw new SyncError(`${what}: malformed response: next_cursor: has_more is true but next_cursor is ${JSON.stringify(next ?? null)}`);
    if (seen.has(next) || next === cursor) throw new SyncError(`${what}: cursor loop: next_cursor ${JSON.stringify(next)} was already requested`);
    seen.add(next);
    cursor = next;
  }
}
