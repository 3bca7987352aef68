import type { HostedLabel, Model } from '../schema/model.ts';
import type { Provenance } from '../schema/common.ts';
import { calendarDate, type FalLicenseType, type FalModel, type FalModelMetadata } from './api.ts';

/** `source` of every fact the sync writes. */
export const API_SOURCE = 'fal Platform API GET /v1/models';

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

/**
 * The hosted terms with a label the API states. The label and its provenance are the API's;
 * the partner flags are not published by the API, so they are kept, and the provenance note
 * says where they came from (carried over unchanged on later syncs).
 */
export function syncedHosted(existing: Model['hosted'] | undefined, label: FalLicenseType, id: string, ctx: SyncContext): Model['hosted'] {
  const partnerApi = existing?.partnerApi ?? 'unknown';
  const providerType = existing?.providerType ?? 'unknown';
  let note: string | undefined;
  if (existing?.provenance.source === API_SOURCE) note = existing.provenance.note;
  else if (existing && (partnerApi !== 'unknown' || providerType !== 'unknown')) {
    note = `the API does not publish partnerApi/providerType; they are kept from ${existing.provenance.source} (observed ${existing.provenance.observed})`;
  } else note = 'the API does not publish partnerApi/providerType';
  const provenance: Provenance = { source: API_SOURCE, url: apiUrl(ctx, id), observed: ctx.today, evidence: 'primary', ...(note ? { note } : {}) };
  return { license: label, partnerApi, providerType, provenance };
}

function text(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** A catalog entry for an endpoint the catalog did not have. */
export function newModel(api: FalModel, ctx: SyncContext): Model {
  const id = api.endpoint_id;
  const m = api.metadata ?? undefined;
  const hosted: Model['hosted'] = m?.license_type
    ? syncedHosted(undefined, m.license_type, id, ctx)
    : {
        license: 'unknown',
        partnerApi: 'unknown',
        providerType: 'unknown',
        provenance: { source: API_SOURCE, url: apiUrl(ctx, id), observed: ctx.today, evidence: 'unknown', note: 'listed by the API without a license_type; the label is unknown, not assumed commercial' },
      };
  const description = text(m?.description);
  return {
    id,
    name: text(m?.display_name) ?? id,
    category: text(m?.category) ?? 'unknown',
    lab: null,
    status: m?.status ?? 'active',
    ...(description ? { description } : {}),
    url: `https://fal.ai/models/${id}`,
    tags: syncTags([], m),
    hosted,
    weights: null,
    aliases: [],
    price: null,
    review: null,
    lastSeen: ctx.today,
    ...(m ? { falDates: { created: calendarDate(m.date), updated: calendarDate(m.updated_at) } } : {}),
  };
}

/**
 * Merges what the API says about a listed endpoint into its catalog entry. Only facts the API
 * provides are written; everything else (notes, review, weights, lab, price, partner flags,
 * url, people's tags) is kept. An absent `license_type` leaves label and provenance untouched.
 */
export function mergeListed(existing: Model, api: FalModel, ctx: SyncContext): Model {
  const m = api.metadata ?? undefined;
  const out: Model = { ...existing, lastSeen: ctx.today };
  if (api.endpoint_id !== existing.id && !existing.aliases.includes(api.endpoint_id)) {
    out.aliases = [...existing.aliases, api.endpoint_id];
  }
  if (!m) {
    // Listed again without registry metadata: it exists, so it is no longer removed.
    if (existing.status === 'removed') out.status = 'active';
    return out;
  }
  out.name = text(m.display_name) ?? existing.name;
  out.category = text(m.category) ?? existing.category;
  const description = text(m.description);
  if (description) out.description = description;
  out.status = m.status;
  out.tags = syncTags(existing.tags, m);
  out.falDates = { created: calendarDate(m.date), updated: calendarDate(m.updated_at) };
  if (m.license_type) out.hosted = syncedHosted(existing.hosted, m.license_type, existing.id, ctx);
  return out;
}

/** An endpoint absent from a complete listing: kept, marked removed, `lastSeen` unchanged. */
export function markRemoved(existing: Model): Model {
  return { ...existing, status: 'removed' };
}

/** Labels that lose commercial use: the headline of a changelog. */
export function isRestriction(from: HostedLabel, to: HostedLabel): boolean {
  return from === 'commercial' && (to === 'research' || to === 'private');
}
