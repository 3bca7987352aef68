import { hostedFacts } from '../facts/hosted.ts';
import type { HostedLabel, Model } from '../schema/model.ts';
import { calendarDate, type FalModel, type FalModelMetadata } from './api.ts';
import { API_SOURCE, record, type DatedObservation } from './observe.ts';

/**
 * Tags the sync owns, by prefix: `fal:<tag>` (fal's freeform tags), `group:<key>` (model
 * family), `kind:<inference|training>`. Every other tag belongs to people and is never touched.
 */
export const SYNC_TAG_PREFIXES = ['fal:', 'group:', 'kind:'] as const;

export interface SyncContext {
  /** The observation date, YYYY-MM-DD. */
  today: string;
  baseUrl: string;
}

export function apiUrl(ctx: SyncContext, id: string): string {
  return `${ctx.baseUrl.replace(/\/+$/, '')}/models?endpoint_id=${id}`;
}

/**
 * The tags after a sync: people's tags in their order, then the sync's, sorted. A sync-owned
 * kind of tag is replaced only when the API provides that field; an absent field keeps its tags.
 */
export function syncTags(existing: readonly string[], m: FalModelMetadata | null | undefined): string[] {
  if (!m) return [...existing];
  const owned = (prefix: string) => existing.filter((t) => t.startsWith(prefix));
  const fal = m.tags.map((t) => t.trim()).filter((t) => t.length > 0).map((t) => `fal:${t}`);
  const group = m.group ? [`group:${m.group.key.trim()}`] : owned('group:');
  const kind = m.kind ? [`kind:${m.kind}`] : owned('kind:');
  const human = existing.filter((t) => !SYNC_TAG_PREFIXES.some((p) => t.startsWith(p)));
  return [...new Set([...human, ...[...new Set([...fal, ...group, ...kind])].sort()])];
}

const NO_METADATA = 'listed without registry metadata: no label or status stated';

/**
 * What the listing says about a listed endpoint, as an observation: the label when
 * `license_type` is given (an absent one states no label: never "unknown", never commercial)
 * and the status. An endpoint listed without metadata states nothing, except that it is no
 * longer removed when it was (`status: active`). Undefined when it states nothing.
 */
export function listingObservation(api: FalModel, ctx: SyncContext, before?: Model): DatedObservation | undefined {
  const m = api.metadata ?? undefined;
  const base = { source: API_SOURCE, url: apiUrl(ctx, api.endpoint_id), observed: ctx.today, evidence: 'primary' as const };
  if (m) return { ...base, ...(m.license_type ? { label: m.license_type } : {}), status: m.status };
  if (before && hostedFacts(before).status.value === 'removed') return { ...base, status: 'active', note: NO_METADATA };
  return undefined;
}

/** What a complete listing that lacks an endpoint says about it. */
export function removalObservation(ctx: SyncContext): DatedObservation {
  return {
    source: API_SOURCE,
    url: `${ctx.baseUrl.replace(/\/+$/, '')}/models`,
    observed: ctx.today,
    evidence: 'primary',
    status: 'removed',
    note: 'absent from a complete listing of GET /v1/models',
  };
}

function text(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** A catalog entry for an endpoint the catalog did not have: one observation, the listing's. */
export function newModel(api: FalModel, ctx: SyncContext): Model {
  const id = api.endpoint_id;
  const m = api.metadata ?? undefined;
  const observation = listingObservation(api, ctx) ?? {
    source: API_SOURCE, url: apiUrl(ctx, id), observed: ctx.today, evidence: 'primary', note: NO_METADATA,
  };
  const description = text(m?.description);
  return {
    id,
    name: text(m?.display_name) ?? id,
    category: text(m?.category) ?? 'unknown',
    lab: null,
    ...(description ? { description } : {}),
    url: `https://fal.ai/models/${id}`,
    tags: syncTags([], m),
    hosted: { observations: [observation] },
    weights: null,
    aliases: [],
    price: null,
    review: null,
    lastSeen: ctx.today,
    ...(m ? { falDates: { created: calendarDate(m.date), updated: calendarDate(m.updated_at) } } : {}),
  };
}

/** `existing` with one more observation recorded (appended, or the same source's newest confirmed). */
export function withObservation(existing: Model, o: DatedObservation | undefined): Model {
  if (!o) return existing;
  const { observations, outcome } = record(existing.hosted.observations, o);
  return outcome === 'unchanged' ? existing : { ...existing, hosted: { ...existing.hosted, observations } };
}

/**
 * Merges what the listing says about an endpoint into its catalog entry: `lastSeen`, fal's
 * name, category, dates and sync-owned tags, and the listing's observation. Human fields (notes,
 * review, weights, lab, description, price, url, aliases, people's tags) are never touched, and
 * a field the API leaves empty keeps its value.
 */
export function mergeListed(existing: Model, api: FalModel, ctx: SyncContext): Model {
  const m = api.metadata ?? undefined;
  let out: Model = { ...existing, lastSeen: ctx.today };
  if (m) {
    out.name = text(m.display_name) ?? existing.name;
    out.category = text(m.category) ?? existing.category;
    out.tags = syncTags(existing.tags, m);
    out.falDates = { created: calendarDate(m.date), updated: calendarDate(m.updated_at) };
  }
  out = withObservation(out, listingObservation(api, ctx, existing));
  return out;
}

/** An endpoint absent from a complete listing: kept, a removal observation recorded, `lastSeen` unchanged. */
export function markRemoved(existing: Model, ctx: SyncContext): Model {
  return withObservation(existing, removalObservation(ctx));
}

/** Labels that lose commercial use: the headline of a changelog. */
export function isRestriction(from: HostedLabel, to: HostedLabel): boolean {
  return from === 'commercial' && (to === 'research' || to === 'private');
}
