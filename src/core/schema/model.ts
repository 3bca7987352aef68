import { z } from 'zod';
import { EndpointId, IsoDate, LicenseId, Provenance } from './common.ts';
import { Observation } from './observation.ts';

export { HostedLabel, ModelStatus, PartnerFlag, ProviderType } from './observation.ts';

/**
 * The terms of the endpoint as fal serves it, as a list of observations (fal's pages, the
 * platform API, public snapshots). For calls through fal this decides; the effective label,
 * Partner flag and status are derived from the list by one rule (src/core/facts/resolve.ts).
 */
export const HostedTerms = z.strictObject({
  observations: z.array(Observation).min(1, 'every endpoint has at least the observation of where its id was seen'),
});

/**
 * The licence of the model weights upstream: a separate fact from the hosted label
 * (FLUX.1 [dev] is served commercially by fal while its weights are non-commercial).
 * It matters when an organisation self-hosts the weights.
 */
export const WeightsTerms = z.strictObject({
  /** Id of a file in content/licenses/, or null when no licence in the catalog is known to apply. */
  license: LicenseId.nullable(),
  /**
   * No public weights: the model is only served through its provider's API, whose terms apply.
   * Set only where the provenance's source says so for this model's family.
   */
  closed: z.boolean().default(false),
  upstreamRepo: z.string().min(1).nullable().default(null),
  /** The licence as the source states it, kept verbatim (also when it maps to no licence file). */
  statement: z.string().min(1).nullable().default(null),
  provenance: Provenance,
}).refine((w) => !(w.closed && w.license), { path: ['closed'], message: 'closed weights have no weights licence; the provider\'s API terms apply' });

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
