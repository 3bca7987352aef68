import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ENDPOINT_ID_PATTERN, IsoDate } from '../../src/core/schema/common.ts';
import type { Observation } from '../../src/core/schema/observation.ts';
import { readTsvLines, rowError } from './tsv.ts';
import { endpointKey } from '../../src/core/catalog/endpoint-id.ts';

/**
 * One copy of one of fal's pages, as recorded in shared/reference/fal-page-badges.tsv or
 * data/fal-pages/pages-*.tsv (formats in data/fal-pages/README.md). Records carry facts and the
 * verbatim badge words only.
 */
export interface PageRecord {
  id: string;
  url: string;
  label: 'commercial' | 'research' | 'private' | null;
  partner: 'yes' | 'no' | null;
  badgeWords: string | null;
  copyMarker: 'old-client' | 'new-client' | null;
  name: string | null;
  category: string | null;
  price: { usd: number; unit: string } | null;
  status: 'deprecated' | 'removed' | null;
  statusWords: string | null;
  replacedBy: string | null;
  /** `file:line`, for errors and for the observation's note. */
  at: string;
  /** The day the copy was read: it existed by then. */
  readOn: string;
}

/**
 * Stored copies are undated. Each was read by this day at the latest, so it existed then;
 * a dated observation on or after it is known to be newer.
 */
export const COPIES_READ_BY = '2026-12-01';
/** A copy whose sample code imports @fal-ai/serverless-client predates fal's move to @fal-ai/client. */
export const OLD_CLIENT_BEFORE = '2025-01-01';

const Id = z.string().regex(ENDPOINT_ID_PATTERN, 'expected an endpoint id');
const Empty = z.literal('').transform(() => null);
const opt = <T extends z.ZodType>(s: T) => z.union([Empty, s]);

const PagesRow = z.object({
  endpoint_id: Id,
  url: z.url(),
  matched_by: z.enum(['url', 'endpoint-id-line']),
  label: z.enum(['commercial', 'research', 'private', 'none']),
  partner: opt(z.enum(['yes', 'no'])),
  badge_words: z.string(),
  copy_marker: opt(z.enum(['old-client', 'new-client'])),
  display_name: z.string(),
  category: z.string(),
  price: z.string(),
  status: opt(z.enum(['deprecated', 'removed'])),
  status_words: z.string(),
  replaced_by: opt(Id),
  /** The day the copy was read, when a file records it (else COPIES_READ_BY). */
  read_on: IsoDate.optional(),
});

const BadgesRow = z.object({
  endpoint_id: Id,
  label: z.enum(['commercial', 'research', 'private', 'none-found']),
  partner: opt(z.enum(['yes', 'no'])),
  display_name: z.string(),
  category: z.string(),
  price: z.string(),
  source_url: opt(z.url()),
  badge_words: z.string(),
  copy_marker: opt(z.enum(['old-client', 'new-client', 'unknown'])).transform((v) => (v === 'unknown' ? null : v)),
  deprecated: z.string(),
});

/** "$0.04 per image" → { usd: 0.04, unit: "image" }; anything else states no price. */
export function parsePrice(text: string): { usd: number; unit: string } | null {
  const m = /^\$\s*([\d]+(?:\.\d+)?)\s*(?:per|\/)\s*(.+)$/i.exec(text.trim());
  return m ? { usd: Number(m[1]), unit: m[2]!.trim() } : null;
}

/** The id a fal.ai/models URL names: its path without the page suffix; null for other URLs. */
export function idOfModelUrl(url: string): string | null {
  const m = /^https:\/\/fal\.ai\/models\/(.+?)\/?$/.exec(url);
  if (!m) return null;
  return m[1]!.replace(/\/(?:api|playground|llms\.txt|examples|README)$/, '');
}

/**
 * A page counts only for the exact id it names: a model-page URL must name the record's id (owner
 * case-insensitive); any other fal page (docs) must have been matched by its Endpoint ID line.
 */
export function idMismatch(id: string, url: string, matchedBy: 'url' | 'endpoint-id-line'): string | null {
  const named = idOfModelUrl(url);
  if (named !== null) return endpointKey(named) === endpointKey(id) ? null : `the page is for ${named}, not ${id}`;
  if (!/^https:\/\/fal\.ai\//.test(url)) return `not a fal.ai page: ${url}`;
  return matchedBy === 'endpoint-id-line' ? null : `${url} does not name an id in its path; it counts only through its Endpoint ID line`;
}

function text(s: string): string | null {
  return s.trim() === '' ? null : s.trim();
}

export async function readPageRecords(dir: string): Promise<PageRecord[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^pages-.*\.tsv$/.test(n)).sort();
  } catch {
    return [];
  }
  const out: PageRecord[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    for (const { line, record } of await readTsvLines(file)) {
      const r = PagesRow.safeParse(record);
      if (!r.success) throw rowError(file, line, r.error);
      const v = r.data;
      const mismatch = idMismatch(v.endpoint_id, v.url, v.matched_by);
      if (mismatch) throw new Error(`${file}:${line}: url: ${mismatch}`);
      out.push({
        id: v.endpoint_id, url: v.url, label: v.label === 'none' ? null : v.label, partner: v.label === 'none' ? null : v.partner,
        badgeWords: text(v.badge_words), copyMarker: v.copy_marker, name: text(v.display_name), category: text(v.category),
        price: parsePrice(v.price), status: v.status, statusWords: text(v.status_words), replacedBy: v.replaced_by, at: `${name}:${line}`, readOn: v.read_on ?? COPIES_READ_BY,
      });
    }
  }
  return out;
}

export async function readBadgeRecords(file: string): Promise<PageRecord[]> {
  const out: PageRecord[] = [];
  for (const { line, record } of await readTsvLines(file)) {
    const r = BadgesRow.safeParse(record);
    if (!r.success) throw rowError(file, line, r.error);
    const v = r.data;
    if (!v.source_url) continue; // looked up, nothing found: no copy to cite
    const mismatch = idMismatch(v.endpoint_id, v.source_url, /\/docs\//.test(v.source_url) ? 'endpoint-id-line' : 'url');
    if (mismatch) throw new Error(`${file}:${line}: source_url: ${mismatch}`);
    const labelled = v.label !== 'none-found';
    out.push({
      id: v.endpoint_id, url: v.source_url, label: labelled ? v.label as PageRecord['label'] : null, partner: labelled ? v.partner : null,
      badgeWords: text(v.badge_words), copyMarker: v.copy_marker, name: text(v.display_name), category: text(v.category),
      price: parsePrice(v.price), status: /deprecat/i.test(v.deprecated) ? 'deprecated' : null, statusWords: text(v.deprecated), replacedBy: null,
      at: `fal-page-badges.tsv:${line}`, readOn: COPIES_READ_BY,
    });
  }
  return out;
}

export const PAGE_SOURCE = 'fal.ai page, stored public copy';

/**
 * One record per distinct reading: the same copy recorded twice (by two look-ups, or in both the
 * shared reference and data/) is one observation; copies that differ in what they show stay apart.
 */
export function dedupePages(records: readonly PageRecord[]): PageRecord[] {
  const seen = new Set<string>();
  return records.filter((p) => {
    const key = JSON.stringify([p.id.toLowerCase(), p.url, p.label, p.partner, p.copyMarker, p.status, p.replacedBy, p.badgeWords]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** fal writes categories as slugs (`text-to-image`); some copies title-case them ("Text to Image"). */
export function normaliseCategory(c: string): string {
  return c.trim().toLowerCase().replace(/\s+/g, '-');
}

/** The hosted-facts observation a page copy makes, or null when it states none (no badge, no status). */
export function pageObservation(p: PageRecord): Observation | null {
  if (!p.label && !p.status) return null;
  const old = p.copyMarker === 'old-client';
  return {
    source: `${PAGE_SOURCE} (${p.at.replace(/:\d+$/, '')})`,
    url: p.url,
    undated: old
      ? { before: OLD_CLIENT_BEFORE, note: '2024-era copy: its sample code imports @fal-ai/serverless-client' }
      : { before: p.readOn, note: p.copyMarker === 'new-client' ? 'crawl date unknown; its sample code imports @fal-ai/client' : 'crawl date unknown' },
    evidence: 'primary',
    ...(p.badgeWords || p.statusWords ? { seen: [p.badgeWords, p.statusWords].filter(Boolean).join(' | ') } : {}),
    ...(p.label ? { label: p.label } : {}),
    ...(p.label && p.partner ? { partnerApi: p.partner } : {}),
    ...(p.status ? { status: p.status } : {}),
    ...(p.replacedBy ? { replacedBy: p.replacedBy } : {}),
  };
}
