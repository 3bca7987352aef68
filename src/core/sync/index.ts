/**
 * The sync against fal's Platform API (`GET /v1/models`): reads the complete listing, records
 * what it says as observations in content/models/ without clobbering what people wrote, and
 * reports every change of an effective label, status or Partner flag.
 * Framework-free; runs on Node 20+ (global fetch, AbortSignal.timeout). Used by
 * `scripts/sync.ts` (npm run sync) and the CLI (`modelgate catalog sync`).
 *
 * Rules (see docs/sync.md):
 * - The sync appends observations and never rewrites history: the listing's facts for an
 *   endpoint (label from `license_type`, status) are one observation; when the newest observation
 *   from the same source states the same facts, it is confirmed today instead (observe.ts).
 *   An absent `license_type` states no label (never "unknown", never commercial).
 * - Endpoints absent from a complete listing get a `status: removed` observation (never deleted),
 *   unless that would mark more than 5% of the catalog removed (guard.ts; --accept-removals).
 * - Optional sources: prices (FAL_KEY), Partner flags from the model pages (--partner-pages).
 * - Nothing is written unless the listing and every source completed and the merged catalog
 *   validates; the write is one all-or-nothing `replaceTree`. Same day, same data: no byte changes.
 * - With an organisation's inventory, the changelog names the repositories each label or status
 *   change hits (affected.ts), and --check fails only when an endpoint in use became stricter.
 */
import path from 'node:path';
import { endpointKey } from '../catalog/endpoint-id.ts';
import { loadContentDir } from '../content/load.ts';
import { replaceTree } from '../content/write.ts';
import { hostedFacts } from '../facts/hosted.ts';
import { formatProblem } from '../problem.ts';
import type { Model } from '../schema/model.ts';
import { changelogImpact, type InventoryInput } from './affected.ts';
import { emptyChangelog, labelsDiffer, sortChangelog, writeChangelog, type Changelog } from './changelog.ts';
import { clientCheck } from './client-endpoints.ts';
import { recordChange } from './diff.ts';
import { removalGuardMessage, wouldBecomeRemoved } from './guard.ts';
import { DEFAULT_RETRY, SyncError, type HttpOptions, type RetryOptions } from './http.ts';
import { listAllModels } from './list.ts';
import { silentLogger, type SyncLogger } from './log.ts';
import { matchListing } from './match.ts';
import { markRemoved, mergeListed, newModel, withObservation, type SyncContext } from './merge.ts';
import { withPrice } from './pricing.ts';
import { readSources, type Sources } from './sources.ts';
import { Stage } from './stage.ts';

export * from './affected.ts';
export * from './api.ts';
export * from './billing.ts';
export * from './changelog.ts';
export * from './client-endpoints.ts';
export * from './guard.ts';
export * from './http.ts';
export * from './list.ts';
export * from './log.ts';
export * from './merge.ts';
export * from './observe.ts';
export * from './pages.ts';
export * from './pricing.ts';

export const DEFAULT_BASE_URL = 'https://api.fal.ai/v1';

export interface SyncOptions {
  /** The content root (holding models/ and licenses/). */
  contentDir: string;
  /** Default https://api.fal.ai/v1. */
  baseUrl?: string;
  /** FAL_KEY: sent as `Authorization: Key …` (optional for /models; gives higher rate limits; needed for prices). */
  apiKey?: string;
  /**
   * Compare only: write nothing to content/. Exit 1 when a label, status or Partner flag
   * differs; with `inventory`, only when an endpoint a repository calls became stricter.
   */
  check?: boolean;
  /** Compute and report, write nothing to content/, exit 0. */
  dryRun?: boolean;
  /** Proceed even when the listing would mark more than 5% of the catalog removed. */
  acceptRemovals?: boolean;
  /** Read prices from fal's pricing API (default: when apiKey is set). */
  prices?: boolean;
  /** Read the Partner flag from each listed endpoint's model page at `<pagesBaseUrl>/<id>` (default: not). */
  pagesBaseUrl?: string;
  /** Model pages fetched at a time. */
  pageConcurrency?: number;
  /** The clock: its UTC date is the observation date. */
  now?: Date;
  fetch?: typeof fetch;
  log?: SyncLogger;
  /** endpoints.d.ts of @fal-ai/client; undefined = find the installed one; false = skip the check. */
  clientEndpointsFile?: string | false;
  retry?: RetryOptions;
  /** Per request. */
  timeoutMs?: number;
  pageSize?: number;
  maxPages?: number;
  /** Also write the changelog as Markdown + JSON (`x.md` and `x.json`). */
  changelogFile?: string;
  /** The organisation's inventory: the changelog names the repositories each label or status change hits. */
  inventory?: InventoryInput;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface SyncResult {
  /**
   * 0 ok (or --check: nothing differs); 1 --check found a difference (with an inventory: an
   * endpoint in use became stricter), or the removal guard stopped it; 2 the sync failed.
   */
  exitCode: 0 | 1 | 2;
  changelog: Changelog | null;
  /** Whether content/ was changed. */
  written: boolean;
  /** The one-line reason when the sync stopped (exit 2, or the removal guard's exit 1). */
  error?: string;
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const log = options.log ?? silentLogger;
  try {
    return await sync(options, log);
  } catch (e) {
    const message = e instanceof SyncError ? e.message : `unexpected error: ${(e as Error).message}`;
    return { exitCode: 2, changelog: null, written: false, error: `${message}; nothing was written` };
  }
}

async function sync(options: SyncOptions, log: SyncLogger): Promise<SyncResult> {
  const contentDir = options.contentDir;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const ctx: SyncContext = { today: (options.now ?? new Date()).toISOString().slice(0, 10), baseUrl };
  const http: HttpOptions = {
    fetch: options.fetch,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs: options.timeoutMs,
    sleep: options.sleep,
    random: options.random,
    onRetry: ({ attempt, delayMs, reason }) => log.info(`${reason}; retry ${attempt} in ${delayMs} ms`),
  };

  const existing = await loadContentDir(contentDir);
  if (existing.problems.length > 0) {
    const first = existing.problems.slice(0, 5).map(formatProblem).join('; ');
    throw new SyncError(`${existing.problems.length} problem(s) in ${contentDir}; fix them first: ${first}`);
  }

  const listing = await listAllModels({
    ...http,
    baseUrl,
    apiKey: options.apiKey,
    limit: options.pageSize,
    maxPages: options.maxPages,
    onPage: ({ page, models }) => log.progress(`page ${page}, ${models} models`),
  });
  log.info(`listed ${listing.length} endpoints from ${baseUrl}`);
  if (listing.length === 0) throw new SyncError(`the listing from ${baseUrl} is empty; refusing to mark every endpoint removed`);
  const { listed, matched, fresh, absent, warnings } = matchListing(listing, existing.models);

  const removing = wouldBecomeRemoved(absent.map((e) => e.data));
  const guard = removalGuardMessage(removing.length, existing.models.length);
  if (guard && !options.acceptRemovals) return { exitCode: 1, changelog: null, written: false, error: guard };
  if (guard) log.warn(`${removing.length} endpoint(s) marked removed, accepted with --accept-removals`);

  const sources = await readSources(listed, {
    baseUrl,
    apiKey: options.apiKey,
    prices: options.prices,
    pagesBaseUrl: options.pagesBaseUrl,
    pageConcurrency: options.pageConcurrency,
    check: options.check,
    http,
    log,
    today: ctx.today,
  });

  const changelog = emptyChangelog({
    observed: ctx.today,
    source: baseUrl,
    listed: listed.length,
    prices: sources.pricesReport,
    partnerPages: sources.pagesReport,
    warnings: [...warnings, ...sources.warnings],
  });

  // Merge, validate, serialise.
  const stage = new Stage(contentDir);
  for (const e of existing.models) {
    const api = matched.get(e);
    const before = e.data;
    const after = api ? fromSources(mergeListed(before, api, ctx), api.endpoint_id, sources, ctx) : markRemoved(before, ctx);
    recordChange(changelog, before, after);
    stage.add(path.relative(contentDir, e.file), after, e.body, e.file);
  }
  for (const m of fresh) {
    const model = fromSources(newModel(m, ctx), m.endpoint_id, sources, ctx);
    changelog.added.push({ id: model.id, name: model.name, label: hostedFacts(model).license.value });
    stage.add(path.join('models', `${model.id}.md`), model, '');
  }
  const catalog = stage.build(existing.licenses);
  const changes = await stage.changes();

  changelog.clientEndpoints = await clientCheck(options.clientEndpointsFile, contentDir, catalog.models);
  sortChangelog(changelog);
  if (options.inventory) changelog.impact = changelogImpact(changelog, options.inventory, catalog);

  let exitCode: 0 | 1 = 0;
  let written = false;
  if (options.check && changelog.impact) {
    // With an inventory the question is narrower: did something the organisation calls get stricter?
    const hit = changelog.impact.breaking;
    const file = changelog.impact.inventory.file;
    exitCode = hit.length > 0 ? 1 : 0;
    const other = labelsDiffer(changelog) ? ' (other entries changed; see the changelog)' : '';
    log.info(`check: ${hit.length > 0 ? `${hit.length} endpoint(s) that repositories in ${file} call became stricter: ${hit.join(', ')}` : `no endpoint that repositories in ${file} call became stricter${other}`}; nothing was written`);
  } else if (options.check) {
    exitCode = labelsDiffer(changelog) ? 1 : 0;
    log.info(`check: ${exitCode === 1 ? 'the live catalog differs from content/ in labels, statuses or Partner flags' : 'labels, statuses and Partner flags match the live catalog'}; nothing was written`);
  } else if (options.dryRun) {
    log.info(`dry run: ${changes.size} file(s) would change; nothing was written`);
  } else {
    await replaceTree(contentDir, changes);
    written = changes.size > 0;
    log.info(`${changes.size} file(s) written under ${contentDir}`);
  }
  if (options.changelogFile) {
    const paths = await writeChangelog(changelog, options.changelogFile);
    log.info(`changelog: ${paths.md}, ${paths.json}`);
  }
  return { exitCode, changelog, written };
}

/** A listed entry with what the optional sources say about it: the page's observation, the price. */
function fromSources(model: Model, listedId: string, sources: Sources, ctx: SyncContext): Model {
  const key = endpointKey(listedId);
  return withPrice(withObservation(model, sources.pages?.observations.get(key)), sources.prices.get(key), ctx.today, ctx.baseUrl);
}
