import { endpointKey } from '../catalog/endpoint-id.ts';
import type { FalModel } from './api.ts';
import type { PartnerPagesReport, PricesReport } from './changelog.ts';
import type { HttpOptions } from './http.ts';
import type { SyncLogger } from './log.ts';
import { readPartnerPages, type PagesRead } from './pages.ts';
import { fetchPrices, type FalPrice } from './pricing.ts';

/**
 * The optional sources beside the listing: prices (with FAL_KEY) and Partner flags from the
 * model pages (opt-in). Both are read completely before anything is merged, so a failure of
 * either fails the sync with nothing written.
 */

const keyOf = (m: FalModel) => endpointKey(m.endpoint_id);

export interface SourceOptions {
  baseUrl: string;
  apiKey?: string;
  /** Read prices (default: when apiKey is set). */
  prices?: boolean;
  /** Read the model pages from this base (undefined: do not). */
  pagesBaseUrl?: string;
  pageConcurrency?: number;
  /** --check compares no prices, so it reads none. */
  check?: boolean;
  http: HttpOptions;
  log: SyncLogger;
  today: string;
}

export interface Sources {
  prices: Map<string, FalPrice>;
  pricesReport: PricesReport;
  pages: PagesRead | undefined;
  pagesReport: PartnerPagesReport;
  warnings: string[];
}

export async function readSources(listed: readonly FalModel[], o: SourceOptions): Promise<Sources> {
  const ids = listed.map((m) => m.endpoint_id);
  const warnings: string[] = [];
  let prices = new Map<string, FalPrice>();
  let pricesReport: PricesReport;
  const skipPrices = o.prices === false ? 'disabled with --no-prices' : o.check ? '--check compares no prices' : !o.apiKey ? 'FAL_KEY is not set' : undefined;
  if (skipPrices) {
    pricesReport = { skipped: skipPrices };
    if (!o.check) o.log.info(`prices: skipped (${skipPrices})`);
  } else {
    prices = await fetchPrices(ids, { ...o.http, baseUrl: o.baseUrl, apiKey: o.apiKey! });
    const stated = listed.map((m) => prices.get(keyOf(m))).filter((p): p is FalPrice => p !== undefined);
    const notUsd = listed.flatMap((m) => {
      const p = prices.get(keyOf(m));
      return p && p.currency.toUpperCase() !== 'USD' ? [{ id: m.endpoint_id, currency: p.currency }] : [];
    });
    pricesReport = { asked: ids.length, stated: stated.length, notUsd };
    o.log.info(`prices: ${stated.length} of ${ids.length} endpoints priced by fal`);
  }

  let pages: PagesRead | undefined;
  let pagesReport: PartnerPagesReport = { skipped: 'not asked for (--partner-pages)' };
  if (o.pagesBaseUrl) {
    pages = await readPartnerPages(ids, o.today, {
      ...o.http,
      pagesBaseUrl: o.pagesBaseUrl,
      concurrency: o.pageConcurrency,
      // every 25th page: in a CI log (one line per update) 1,500 pages stay 60 lines
      onPage: ({ done, total }) => {
        if (done % 25 === 0 || done === total) o.log.progress(`model pages ${done}/${total}`);
      },
    });
    pagesReport = { asked: ids.length, fetched: pages.fetched, stated: pages.observations.size, noPage: pages.noPage, noData: pages.noData };
    o.log.info(`model pages: ${pages.observations.size} of ${ids.length} state a Partner flag`);
    if (pages.fetched > 0 && pages.observations.size === 0) {
      warnings.push(`none of the ${pages.fetched} model pages fetched carried publicEndpointBilling or endpointBilling data; fal's page format may have changed`);
    }
  }
  return { prices, pricesReport, pages, pagesReport, warnings };
}
