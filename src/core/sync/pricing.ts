import { z } from 'zod';
import { endpointKey } from '../catalog/endpoint-id.ts';
import { fieldPath } from '../problem.ts';
import type { Model } from '../schema/model.ts';
import { getJson, SyncError, type HttpOptions } from './http.ts';
import { PRICING_SOURCE } from './observe.ts';

/**
 * Prices from fal's pricing API, `GET {base}/models/pricing?endpoint_id=a&endpoint_id=b…`
 * (1–50 ids a request, paged with `next_cursor`/`has_more`; needs FAL_KEY). Only USD prices are
 * written. Any failure (after the retry policy) fails the sync, so content/ never holds a mix
 * of fresh and stale prices from one run.
 */

export const PRICING_BATCH = 50;

export const FalPrice = z.looseObject({
  endpoint_id: z.string().min(1),
  unit_price: z.number().nonnegative(),
  unit: z.string().min(1),
  currency: z.string().min(1),
});
export const FalPricesPage = z.looseObject({
  prices: z.array(FalPrice),
  next_cursor: z.string().nullish(),
  has_more: z.boolean(),
});
export type FalPrice = z.infer<typeof FalPrice>;

export interface PricingOptions extends HttpOptions {
  baseUrl: string;
  apiKey: string;
  /** Pages per batch before the listing counts as runaway. */
  maxPages?: number;
}

export function pricingUrl(baseUrl: string, ids: readonly string[], cursor?: string): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/models/pricing`);
  for (const id of ids) url.searchParams.append('endpoint_id', id);
  if (cursor !== undefined) url.searchParams.set('cursor', cursor);
  return url.toString();
}

/** The prices fal states for `ids`, by endpoint key (the first one stated for a key). */
export async function fetchPrices(ids: readonly string[], options: PricingOptions): Promise<Map<string, FalPrice>> {
  const headers = { ...options.headers, authorization: `Key ${options.apiKey}` };
  const maxPages = options.maxPages ?? 100;
  const prices = new Map<string, FalPrice>();
  for (let b = 0; b * PRICING_BATCH < ids.length; b++) {
    const batch = ids.slice(b * PRICING_BATCH, (b + 1) * PRICING_BATCH);
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      const what = `GET /models/pricing batch ${b + 1} (ids ${b * PRICING_BATCH + 1}–${b * PRICING_BATCH + batch.length}) page ${page}${cursor === undefined ? '' : ` (cursor ${JSON.stringify(cursor)})`}`;
      if (page > maxPages) throw new SyncError(`${what}: pricing did not end after ${maxPages} pages; refusing to continue`);
      const parsed = FalPricesPage.safeParse(await getJson(pricingUrl(options.baseUrl, batch, cursor), what, { ...options, headers }));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new SyncError(`${what}: malformed response: ${fieldPath(issue.path as PropertyKey[]) || '(response)'}: ${issue.message}`);
      }
      for (const p of parsed.data.prices) if (!prices.has(endpointKey(p.endpoint_id))) prices.set(endpointKey(p.endpoint_id), p);
      if (!parsed.data.has_more) break;
      const next = parsed.data.next_cursor;
      if (!next) throw new SyncError(`${what}: malformed response: next_cursor: has_more is true but next_cursor is ${JSON.stringify(next ?? null)}`);
      if (seen.has(next) || next === cursor) throw new SyncError(`${what}: cursor loop: next_cursor ${JSON.stringify(next)} was already requested`);
      seen.add(next);
      cursor = next;
    }
  }
  return prices;
}

/**
 * `model` with fal's price: only a USD price is written, and only when it is at least as new as
 * the one the entry has (a newer observation replaces an older price; the same day's is kept).
 */
export function withPrice(model: Model, price: FalPrice | undefined, today: string, baseUrl: string): Model {
  if (!price || price.currency.toUpperCase() !== 'USD') return model;
  if (model.price && model.price.provenance.observed > today) return model;
  const next: Model['price'] = {
    usd: price.unit_price,
    unit: price.unit,
    provenance: { source: PRICING_SOURCE, url: `${baseUrl.replace(/\/+$/, '')}/models/pricing?endpoint_id=${model.id}`, observed: today, evidence: 'primary' },
  };
  return { ...model, price: next };
}
