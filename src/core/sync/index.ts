/**
 * The sync against fal's Platform API (`GET /v1/models`): reads the complete listing, merges it
 * into content/models/ without clobbering what people wrote, and reports every label change.
 * Framework-free; runs on Node 20+ (global fetch, AbortSignal.timeout). Used by
 * `scripts/sync.ts` (npm run sync) and the CLI (`modelgate catalog sync`).
 *
 * Rules (see docs/sync.md):
 * - `license_type` present → `hosted.license` = it, provenance = the API (primary, observed today).
 *   Absent → label and provenance untouched (a new endpoint gets `unknown`, never `commercial`).
 * - Observation dates (`lastSeen`, the label's `observed`) move to the run's date on every run:
 *   they record that fal was asked that day. A second run on the same day with the same API data
 *   changes no byte; a run on a later day changes only those dates (reported as "re-observed").
 * - Endpoints absent from a complete listing get `status: removed` (never deleted).
 * - Nothing is written unless the listing completed and the merged catalog validates;
 *   the write is one all-or-nothing `replaceTree`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalog, type Entry } from '../catalog/build.ts';
import { canonicalJson } from '../catalog/compile.ts';
import { endpointKey } from '../catalog/endpoint-id.ts';
import { loadContentDir, type ContentEntry } from '../content/load.ts';
import { replaceTree, serializeEntry } from '../content/write.ts';
import { formatProblem } from '../problem.ts';
import { ModelSchema, type Model } from '../schema/model.ts';
import type { FalModel } from './api.ts';
import { labelsDiffer, writeChangelog, type Changelog, type ClientCheck, type StatusChange } from './changelog.ts';
import { findClientEndpointsFile, readClientEndpoints } from './client-endpoints.ts';
import { DEFAULT_RETRY, SyncError, type RetryOptions } from './http.ts';
import { listAllModels } from './list.ts';
import { silentLogger, type SyncLogger } from './log.ts';
import { isRestriction, markRemoved, mergeListed, newModel, type SyncContext } from './merge.ts';

export * from './api.ts';
export * from './changelog.ts';
export * from './client-endpoints.ts';
export * from './http.ts';
export * from './list.ts';
export * from './log.ts';
export * from './merge.ts';

export const DEFAULT_BASE_URL = 'https://api.fal.ai/v1';

export interface SyncOptions {
  /** The content root (holding models/ and licenses/). */
  contentDir: string;
  /** Default https://api.fal.ai/v1. */
  baseUrl?: string;
  /** FAL_KEY: sent as `Authorization: Key …` (optional for /models; gives higher rate limits). */
  apiKey?: string;
  /** Compare only: write nothing to content/, exit 1 when a label or status differs. */
  check?: boolean;
  /** Compute and report, write nothing to content/, exit 0. */
  dryRun?: boolean;
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
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface SyncResult {
  /** 0 ok (or --check: no label differs); 1 --check found a difference; 2 the sync failed. */
  exitCode: 0 | 1 | 2;
  changelog: Changelog | null;
  /** Whether content/ was changed. */
  written: boolean;
  /** The one-line reason when exitCode is 2. */
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

  const existing = await loadContentDir(contentDir);
  if (existing.problems.length > 0) {
    const first = existing.problems.slice(0, 5).map(formatProblem).join('; ');
    throw new SyncError(`${existing.problems.length} problem(s) in ${contentDir}; fix them first: ${first}`);
  }

  const listed = await listAllModels({
    baseUrl,
    apiKey: options.apiKey,
    limit: options.pageSize,
    maxPages: options.maxPages,
    fetch: options.fetch,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs: options.timeoutMs,
    sleep: options.sleep,
    random: options.random,
    onPage: ({ page, models }) => log.progress(`page ${page}, ${models} models`),
    onRetry: ({ attempt, delayMs, reason }) => log.info(`${reason}; retry ${attempt} in ${delayMs} ms`),
  });
  log.info(`listed ${listed.length} endpoints from ${baseUrl}`);
  if (listed.length === 0) throw new SyncError(`the listing from ${baseUrl} is empty; refusing to mark every endpoint removed`);

  const warnings: string[] = [];
  // One endpoint per key (fal compares owners case-insensitively); a repeat is reported, the first kept.
  const unique = new Map<string, FalModel>();
  for (const m of listed) {
    const key = endpointKey(m.endpoint_id);
    if (unique.has(key)) warnings.push(`\`${m.endpoint_id}\` is listed more than once; the first listing was used`);
    else unique.set(key, m);
  }

  // Match listings to files: by id first, then by alias, so an alias never steals an id's file.
  const byId = new Map(existing.models.map((e) => [endpointKey(e.data.id), e]));
  const byAlias = new Map<string, ContentEntry<Model>>();
  for (const e of existing.models) for (const a of e.data.aliases) if (!byAlias.has(endpointKey(a))) byAlias.set(endpointKey(a), e);
  const matched = new Map<ContentEntry<Model>, FalModel>();
  const fresh: FalModel[] = [];
  for (const [key, m] of unique) {
    const e = byId.get(key);
    if (e) matched.set(e, m);
  }
  for (const [key, m] of unique) {
    if (byId.has(key)) continue;
    const e = byAlias.get(key);
    if (!e) fresh.push(m);
    else if (matched.has(e)) warnings.push(`\`${m.endpoint_id}\` is an alias of \`${e.data.id}\`, which is listed itself; the alias listing was not merged`);
    else matched.set(e, m);
  }

  const changelog: Changelog = {
    observed: ctx.today,
    source: baseUrl,
    listed: unique.size,
    restricted: [],
    labelChanges: [],
    added: [],
    removed: [],
    deprecated: [],
    reactivated: [],
    updated: [],
    refreshed: 0,
    unchanged: 0,
    clientEndpoints: { skipped: 'not run' },
    warnings,
  };

  // Merge, validate, serialise.
  const modelEntries: Entry<Model>[] = [];
  const staged: { rel: string; text: string; oldFile?: string }[] = [];
  const invalid: string[] = [];
  const stage = (rel: string, data: Model, body: string, oldFile?: string) => {
    const parsed = ModelSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      invalid.push(`${data.id}: ${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    modelEntries.push({ file: path.join(contentDir, rel), pathId: rel.replace(/\\/g, '/').replace(/^models\//, '').replace(/\.md$/, ''), data: parsed.data, body });
    staged.push({ rel, text: serializeEntry(ModelSchema, parsed.data, body), oldFile });
  };

  for (const e of existing.models) {
    const api = matched.get(e);
    const before = e.data;
    const after = api ? mergeListed(before, api, ctx) : before.status === 'removed' ? before : markRemoved(before);
    record(changelog, before, after);
    stage(path.relative(contentDir, e.file), after, e.body, e.file);
  }
  for (const m of fresh) {
    const model = newModel(m, ctx);
    changelog.added.push({ id: model.id, name: model.name, label: model.hosted.license });
    stage(path.join('models', `${model.id}.md`), model, '');
  }
  if (invalid.length > 0) throw new SyncError(`the API data does not fit the model schema: ${invalid.slice(0, 5).join('; ')}${invalid.length > 5 ? ` (and ${invalid.length - 5} more)` : ''}`);

  const { catalog, problems } = buildCatalog(modelEntries, existing.licenses);
  if (problems.length > 0) throw new SyncError(`the synced catalog would be invalid: ${problems.slice(0, 5).map(formatProblem).join('; ')}`);

  const changes = new Map<string, string>();
  const olds = await Promise.all(staged.map((s) => (s.oldFile ? readFile(s.oldFile, 'utf8') : Promise.resolve(undefined))));
  staged.forEach((s, i) => {
    if (olds[i] !== s.text) changes.set(s.rel, s.text);
  });

  changelog.clientEndpoints = await clientCheck(options, contentDir, catalog.models);
  for (const list of [changelog.restricted, changelog.labelChanges, changelog.added, changelog.removed, changelog.deprecated, changelog.reactivated, changelog.updated]) {
    (list as { id: string }[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  let exitCode: 0 | 1 = 0;
  let written = false;
  if (options.check) {
    exitCode = labelsDiffer(changelog) ? 1 : 0;
    log.info(`check: ${exitCode === 1 ? 'the live catalog differs from content/ in labels or statuses' : 'labels and statuses match the live catalog'}; nothing was written`);
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

/** Sorts one entry's before/after into the changelog. */
function record(c: Changelog, before: Model, after: Model): void {
  const from = before.hosted.license;
  const to = after.hosted.license;
  if (from !== to) {
    const change = { id: after.id, name: after.name, from, to };
    c.labelChanges.push(change);
    if (isRestriction(from, to)) c.restricted.push(change);
  }
  if (before.status !== after.status) {
    const s: StatusChange = { id: after.id, name: after.name, label: to, from: before.status, to: after.status, ...(after.lastSeen ? { lastSeen: after.lastSeen } : {}) };
    if (after.status === 'removed') c.removed.push(s);
    else if (after.status === 'deprecated') c.deprecated.push(s);
    else c.reactivated.push(s);
  }
  const fields = changedFields(before, after);
  if (fields.length > 0) c.updated.push({ id: after.id, fields });
  else if (from === to && before.status === after.status) {
    if (before.lastSeen !== after.lastSeen || before.hosted.provenance.observed !== after.hosted.provenance.observed) c.refreshed++;
    else c.unchanged++;
  }
}

/** Top-level facts that changed, other than the label, the status and observation dates. */
function changedFields(a: Model, b: Model): string[] {
  const fields: string[] = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'lastSeen' || key === 'status') continue;
    if (key === 'hosted') {
      const strip = (h: Model['hosted']) => canonicalJson({ ...h, license: null, provenance: { ...h.provenance, observed: null } });
      if (strip(a.hosted) !== strip(b.hosted)) fields.push('hosted.provenance');
      continue;
    }
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (canonicalJson(x ?? null) !== canonicalJson(y ?? null)) fields.push(key);
  }
  return fields.sort();
}

async function clientCheck(options: SyncOptions, contentDir: string, models: readonly Model[]): Promise<ClientCheck> {
  if (options.clientEndpointsFile === false) return { skipped: 'disabled' };
  const file = options.clientEndpointsFile ?? findClientEndpointsFile(contentDir);
  if (!file) return { skipped: '@fal-ai/client is not installed' };
  let ids: string[];
  try {
    ids = await readClientEndpoints(file);
  } catch (e) {
    return { skipped: `cannot read ${file}: ${(e as Error).message}` };
  }
  const known = new Set<string>();
  for (const m of models) {
    known.add(endpointKey(m.id));
    for (const a of m.aliases) known.add(endpointKey(a));
  }
  return { file, count: ids.length, missing: ids.filter((id) => !known.has(endpointKey(id))) };
}
