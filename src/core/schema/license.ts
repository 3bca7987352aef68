import { z } from 'zod';
import { IsoDate, LicenseId } from './common.ts';

/** Whether a licence lets its weights be used commercially at all. */
export const CommercialUse = z.enum(['allowed', 'conditional', 'prohibited', 'unknown']);

/**
 * A condition kept as the licence's own words (`text`), plus the figure a machine can compare
 * with an organisation's facts where the licence gives one. A condition with no figure is
 * still shown to a reviewer; only conditions with figures can be evaluated automatically.
 */
const TextCondition = z.strictObject({ text: z.string().min(1) });

export const RevenueThreshold = z.strictObject({
  text: z.string().min(1),
  /** Annual revenue in USD above which the free grant ends (or a paid licence is required). */
  usd: z.number().positive().nullable(),
  /** Whether reaching the figure exactly already triggers it (`>=`) or only exceeding it (`>`). */
  inclusive: z.boolean().default(false),
});

export const MauCap = z.strictObject({
  text: z.string().min(1),
  /** Monthly active users above which a separate licence must be requested. */
  users: z.number().int().positive().nullable(),
});

export const ExcludedTerritories = z.strictObject({
  text: z.string().min(1),
  /** ISO 3166-1 alpha-2 codes, plus `EU` for the European Union as a whole. */
  regions: z.array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code or EU')),
  /** Some carve-outs reach only part of a licence (e.g. Llama's multimodal models). */
  scope: z.string().min(1).optional(),
});

export const LicenseConditions = z.strictObject({
  revenueThreshold: RevenueThreshold.nullable().default(null),
  mauCap: MauCap.nullable().default(null),
  excludedTerritories: ExcludedTerritories.nullable().default(null),
  attribution: TextCondition.nullable().default(null),
  noticeFile: TextCondition.nullable().default(null),
  acceptableUse: TextCondition.nullable().default(null),
  flowDown: TextCondition.nullable().default(null),
  outputOwnership: TextCondition.nullable().default(null),
  outputTraining: TextCondition.nullable().default(null),
  nonCommercialScope: TextCondition.nullable().default(null),
  shareAlike: z.boolean().default(false),
  registration: TextCondition.nullable().default(null),
  /** The licence forbids offering the model as a hosted service or API. */
  hosting: TextCondition.nullable().default(null),
  other: TextCondition.nullable().default(null),
});

export const LicenseEvidence = z.strictObject({
  level: z.enum(['primary', 'secondary', 'unknown']),
  note: z.string().min(1),
  /** When the text was read, where the source records it. */
  observed: IsoDate.optional(),
});

export const LicenseSchema = z.strictObject({
  id: LicenseId,
  /** The SPDX identifier when the licence is on the SPDX list; `LicenseRef-` ids have none. */
  spdx: z.string().min(1).nullable().default(null),
  scancodeKey: z.string().min(1).nullable().default(null),
  name: z.string().min(1),
  version: z.string().min(1).nullable().default(null),
  url: z.url().nullable(),
  commercialUse: CommercialUse,
  /** The licence's own words on commercial use, as recorded in the source. */
  commercialUseText: z.string().min(1).optional(),
  conditions: LicenseConditions.prefault({}),
  hfTags: z.array(z.string().min(1)).default([]),
  evidence: LicenseEvidence,
  sources: z.array(z.string().min(1)).default([]),
});

export type License = z.infer<typeof LicenseSchema>;
export type LicenseConditions = z.infer<typeof LicenseConditions>;
export type CommercialUse = z.infer<typeof CommercialUse>;
