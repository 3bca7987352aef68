import { endpointKey } from '../catalog/endpoint-id.ts';
import { ProviderType } from '../schema/observation.ts';
import { readBilling, type PageBilling } from './billing.ts';
import { getText, type HttpOptions } from './http.ts';
import { PAGE_SOURCE, type DatedObservation } from './observe.ts';

/**
 * The opt-in Partner source (`--partner-pages`): each listed endpoint's model page, read for its
 * billing data (billing.ts). Requests run a few at a time with the sync's retry and timeout
 * policy; fal's web pages are never sent FAL_KEY. A 404 or a page without the data states
 * nothing; any other failure fails the sync (nothing is written).
 */

export const DEFAULT_PAGES_BASE_URL = 'https://fal.ai/models';
export const DEFAULT_PAGE_CONCURRENCY = 4;

export interface PagesOptions extends HttpOptions {
  /** `https://fal.ai/models`: a page is `<base>/<endpoint id>`. */
  pagesBaseUrl: string;
  concurrency?: number;
  onPage?: (info: { done: number; total: number }) => void;
}

export interface PagesRead {
  /** By endpoint key: the page's observation, for pages that state a Partner fact. */
  observations: Map<string, DatedObservation>;
  fetched: number;
  /** Endpoint ids whose page does not exist (404). */
  noPage: string[];
  /** Endpoint ids whose page states nothing, with why. */
  noData: { id: string; reason: string }[];
}

export function pageUrl(pagesBaseUrl: string, id: string): string {
  return `${pagesBaseUrl.replace(/\/+$/, '')}/${id}`;
}

/** What a page's billing data says, as an observation; undefined when it states no Partner fact fal defines. */
export function pageObservation(billing: PageBilling, url: string, today: string): DatedObservation | undefined {
  const partnerApi = typeof billing.is_partner_api === 'boolean' ? (billing.is_partner_api ? 'yes' : 'no') : undefined;
  const type = ProviderType.exclude(['unknown']).safeParse(billing.provider_type);
  const providerType = type.success ? type.data : undefined;
  if (partnerApi === undefined && providerType === undefined) return undefined;
  const seen = JSON.stringify({ is_partner_api: billing.is_partner_api ?? null, provider_type: billing.provider_type ?? null });
  return {
    source: PAGE_SOURCE,
    url,
    observed: today,
    evidence: 'primary',
    seen,
    ...(partnerApi ? { partnerApi } : {}),
    ...(providerType ? { providerType } : {}),
  };
}

/** Runs `fn` over `items`, at most `limit` at a time; the first failure rejects (the rest are not started). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export async function readPartnerPages(ids: readonly string[], today: string, options: PagesOptions): Promise<PagesRead> {
  const result: PagesRead = { observations: new Map(), fetched: 0, noPage: [], noData: [] };
  let done = 0;
  const { headers: _apiHeaders, ...http } = options;
  await mapLimit(ids, options.concurrency ?? DEFAULT_PAGE_CONCURRENCY, async (id) => {
    const url = pageUrl(options.pagesBaseUrl, id);
    const page = await getText(url, `GET model page ${url}`, { ...http, accept: 'text/html', notFoundIsEmpty: true, keyHint: false });
    options.onPage?.({ done: ++done, total: ids.length });
    if (!page) {
      result.noPage.push(id);
      return;
    }
    result.fetched++;
    const read = readBilling(page.text);
    const observation = read.found ? pageObservation(read.billing, url, today) : undefined;
    if (observation) result.observations.set(endpointKey(id), observation);
    else result.noData.push({ id, reason: read.found ? `\`${read.key}\` states no Partner flag or known provider type` : read.reason });
  });
  result.noPage.sort();
  result.noData.sort((a, b) => (a.id < b.id ? -1 : 1));
  return result;
}
