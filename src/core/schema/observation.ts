import { z } from 'zod';
import { EndpointId, Evidence, IsoDate } from './common.ts';

/** fal's own label for what the hosted endpoint may be used for (its model-page badge). */
export const HostedLabel = z.enum(['commercial', 'research', 'private', 'unknown']);
export const PartnerFlag = z.enum(['yes', 'no', 'unknown']);
/** `partner` vs `partner_msa` is fal's own distinction; its meaning is not published, so it is kept verbatim. */
export const ProviderType = z.enum(['fal', 'partner', 'partner_msa', 'unknown']);
/** `removed`: the endpoint disappeared from fal's catalog; kept so old references still resolve and get reported. */
export const ModelStatus = z.enum(['active', 'deprecated', 'removed']);

/**
 * When a copy was made is not known (a stored page of unknown crawl date): the bounds the
 * evidence gives instead. `before` is the day by which the copy certainly existed (at the latest
 * the day it was read); a dated observation on or after it is known to be newer.
 */
export const Undated = z.strictObject({
  before: IsoDate,
  note: z.string().min(1),
});

/**
 * One reading of one source about a hosted endpoint: what was seen there, verbatim, and the facts
 * read from it. Observations are appended, never rewritten; the effective facts are derived from
 * all of them by one rule (src/core/facts/resolve.ts). A fact the source does not state is absent,
 * never "unknown".
 */
export const Observation = z
  .strictObject({
    source: z.string().min(1),
    url: z.url().optional(),
    /** The day the source was read (or, for a dated snapshot, the day it was taken). */
    observed: IsoDate.optional(),
    /** The last day the same source was read again with the same facts (the sync confirms, it does not repeat). */
    confirmed: IsoDate.optional(),
    undated: Undated.optional(),
    evidence: Evidence,
    /** What the source showed, verbatim (e.g. the badge words "Inference Commercial use Partner"). */
    seen: z.string().min(1).optional(),
    label: HostedLabel.exclude(['unknown']).optional(),
    partnerApi: PartnerFlag.exclude(['unknown']).optional(),
    providerType: ProviderType.exclude(['unknown']).optional(),
    status: ModelStatus.optional(),
    /** A successor, only where the source itself names it. */
    replacedBy: EndpointId.optional(),
    note: z.string().min(1).optional(),
  })
  .superRefine((o, ctx) => {
    if ((o.observed === undefined) === (o.undated === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['observed'], message: 'an observation has either an observed date or an undated bound, exactly one' });
    }
    if (o.confirmed !== undefined && (o.observed === undefined || o.confirmed < o.observed)) {
      ctx.addIssue({ code: 'custom', path: ['confirmed'], message: 'confirmed needs an observed date and cannot be before it' });
    }
  });

export type Observation = z.infer<typeof Observation>;
export type HostedLabel = z.infer<typeof HostedLabel>;
export type PartnerFlag = z.infer<typeof PartnerFlag>;
export type ProviderType = z.infer<typeof ProviderType>;
export type ModelStatus = z.infer<typeof ModelStatus>;
