import { z } from 'zod';
import { EndpointId, IsoDate, LicenseId, Provenance } from './common.ts';

/** fal's own label for what the hosted endpoint may be used for (its model-page badge). */
export const HostedLabel = z.enum(['commercial', 'research', 'private', 'unknown']);
export const PartnerFlag = z.enum(['yes', 'no', 'unknown']);
/** `partner` vs `partner_msa` is fal's own distinction; its meaning is not published, so it is kept verbatim. */
export const ProviderType = z.enum(['fal', 'partner', 'partner_msa', 'unknown']);
/** `removed`: the endpoint disappeared from fal's catalog; kept so old references still resolve and get reported. */
export const ModelStatus = z.enum(['active', 'deprecated', 'removed']);

/** The terms of the endpoint as fal serves it. For calls through fal this decides. */
export const HostedTerms = z.strictObject({
  license: HostedLabel,
  partnerApi: PartnerFlag,
  providerType: ProviderType.default('unknown'),
  provenance: Provenance,
});

/**
 * The licence of the model weights upstream: a separate fact from the hosted label
 * (FLUX.1 [dev] is served commercially by fal while its weights are non-commercial).
 * It matters when an organisation self-hosts the weights.
 */
export const WeightsTerms = z.strictObject({
  /** Id of a file in content/licenses/, or null when no licence in the catalog is known to apply. */
  license: LicenseId.nullable(),
  upstreamRepo: z.string().min(1).nullable().default(null),
  /** The licence as the source states it, kept verbatim (also when it maps to no licence file). */
  statement: z.string().min(1).nullable().default(null),
  provenance: Provenance,
});

export const Price = z.strictObject({
  usd: z.number().nonnegative(),
  unit: z.string().min(1),
  provenance: Provenance,
});

export const LegalReview = z.strictObject({
  by: z.string().min(1),
  date: IsoDate,
  note: z.string().min(1).optional(),
});

export const Lab = z.strictObject({
  name: z.string().min(1),
  /** How the lab was determined (e.g. "endpoint namespace"), so a reviewer can weigh it. */
  source: z.string().min(1),
});

export const ModelSchema = z.strictObject({
  id: EndpointId,
  name: z.string().min(1),
  category: z.string().min(1),
  lab: Lab.nullable().default(null),
  status: ModelStatus.default('active'),
  description: z.string().min(1).optional(),
  url: z.url().optional(),
  tags: z.array(z.string().min(1)).default([]),
  hosted: HostedTerms,
  weights: WeightsTerms.nullable().default(null),
  aliases: z.array(EndpointId).default([]),
  price: Price.nullable().default(null),
  review: LegalReview.nullable().default(null),
  /** Date the sync last saw the endpoint in fal's catalog; absent for entries never synced. */
  lastSeen: IsoDate.optional(),
  /** fal's own dates for the endpoint (Platform API `metadata.date` / `metadata.updated_at`), written by the sync. */
  falDates: z.strictObject({ created: IsoDate.optional(), updated: IsoDate.optional() }).optional(),
});

export type Model = z.infer<typeof ModelSchema>;
export type HostedLabel = z.infer<typeof HostedLabel>;
export type PartnerFlag = z.infer<typeof PartnerFlag>;
export type ModelStatus = z.infer<typeof ModelStatus>;
