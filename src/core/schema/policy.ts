import { z } from 'zod';
import { EndpointId, IsoDate } from './common.ts';

/**
 * What a rule does to a finding, in rising order of severity. `warn` is reported but passes;
 * `review` fails the gate until someone decides (a waiver, or a policy change); `deny` fails it.
 */
export const Effect = z.enum(['allow', 'warn', 'review', 'deny']);
export type Effect = z.infer<typeof Effect>;

export const UsageContext = z.enum(['source', 'test', 'example', 'docs']);
export type UsageContext = z.infer<typeof UsageContext>;

const FamilyEffect = z.enum(['warn', 'review', 'deny']);

/** Effect per hosted label. Fail closed: anything fal has not labelled commercial is not allowed by default. */
export const LabelEffects = z.strictObject({
  commercial: Effect.default('allow'),
  research: Effect.default('deny'),
  private: Effect.default('review'),
  unknown: Effect.default('deny'),
  /**
   * Opt-in: an unknown label whose family is consistent (at least two labelled members, all
   * Commercial use, none ever research-only or private) gets this effect instead of `unknown`.
   * Evidence, not a label: it can ask for a review instead of a waiver, never allow.
   */
  unknownWithConsistentFamily: FamilyEffect.optional(),
});

const ruleEffects = {
  partnerApi: Effect.default('warn'),
  deprecated: Effect.default('warn'),
  removed: Effect.default('deny'),
  unknownModel: Effect.default('deny'),
  dynamic: Effect.default('review'),
  /** A weights-licence condition the organisation does not meet (evaluated when self-hosting). */
  licenceCondition: Effect.default('deny'),
  /** Self-hosting weights whose licence the catalog does not know. */
  weightsLicenceUnknown: Effect.default('review'),
};

/** Overrides for one usage context (e.g. tests may call research-only models). Unset fields inherit. */
export const ContextOverride = z.strictObject({
  labels: z.strictObject({
    commercial: Effect.optional(),
    research: Effect.optional(),
    private: Effect.optional(),
    unknown: Effect.optional(),
    unknownWithConsistentFamily: FamilyEffect.optional(),
  }).optional(),
  partnerApi: Effect.optional(),
  deprecated: Effect.optional(),
  removed: Effect.optional(),
  unknownModel: Effect.optional(),
  dynamic: Effect.optional(),
  licenceCondition: Effect.optional(),
  weightsLicenceUnknown: Effect.optional(),
});
export type ContextOverride = z.infer<typeof ContextOverride>;

const Territory = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code (or EU)');

/** Facts about the organisation, compared with the conditions of conditional licences. */
export const Organisation = z.strictObject({
  annualRevenueUsd: z.number().nonnegative().optional(),
  monthlyActiveUsers: z.number().int().nonnegative().optional(),
  territories: z.array(Territory).optional(),
  /** Whether the organisation runs the weights itself; then the weights licence governs, not fal's label. */
  selfHosting: z.boolean().default(false),
});
export type Organisation = z.infer<typeof Organisation>;

/** A per-model decision that stands without expiry: an organisation banning a model, or flagging it. */
export const ModelRule = z.strictObject({
  model: EndpointId,
  effect: z.enum(['warn', 'review', 'deny']),
  reason: z.string().min(1),
});

/**
 * A time-boxed, signed-off exception. `expires` is required: a waiver nobody revisits is a hole
 * in the gate, so expired waivers stop covering findings and the gate fails again.
 */
export const Waiver = z.strictObject({
  /** The endpoint id the waiver covers, or `dynamic` for calls whose id is not a literal. */
  model: z.union([EndpointId, z.literal('dynamic')]),
  /** Globs (relative to the project root) the waiver is limited to; absent = the whole project. */
  paths: z.array(z.string().min(1)).optional(),
  reason: z.string().min(1),
  approvedBy: z.string().min(1),
  approvedOn: IsoDate,
  expires: IsoDate,
  ticket: z.url().optional(),
});
export type Waiver = z.infer<typeof Waiver>;

export const PolicySchema = z.strictObject({
  $schema: z.string().optional(),
  /** Organisation-wide policy files this one builds on (paths relative to this file); later entries win, this file wins last. */
  extends: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  labels: LabelEffects.prefault({}),
  ...ruleEffects,
  contexts: z.strictObject({
    source: ContextOverride.optional(),
    test: ContextOverride.optional(),
    example: ContextOverride.optional(),
    docs: ContextOverride.optional(),
  }).prefault({}),
  models: z.array(ModelRule).default([]),
  organisation: Organisation.prefault({}),
  waivers: z.array(Waiver).default([]),
  /** Separate waiver files (YAML or JSON lists of waivers), relative to this file. */
  waiverFiles: z.array(z.string().min(1)).default([]),
  waiverRules: z.strictObject({
    /** Longest a waiver may run, from approval to expiry. */
    maxDays: z.number().int().positive().default(365),
    /** Warn about waivers that expire within this many days. */
    warnWithinDays: z.number().int().nonnegative().default(30),
  }).prefault({}),
  catalog: z.strictObject({
    /** Fail (exit 3) when the catalog was generated longer ago than this. */
    maxAgeDays: z.number().int().positive().optional(),
  }).prefault({}),
  include: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  /**
   * Test code produces no commercial output and its fixture ids are often invented: by default
   * (`warn`) research-only, unknown-model and unknown-label findings in test code are warnings.
   * `strict` judges test code like source code. Rule ids do not change either way.
   */
  tests: z.enum(['warn', 'strict']).default('warn'),
  /** Globs (relative to the project root) that override the built-in usage classification of a path; `source` wins over the others. */
  classify: z.strictObject({
    source: z.array(z.string().min(1)).optional(),
    test: z.array(z.string().min(1)).optional(),
    example: z.array(z.string().min(1)).optional(),
    docs: z.array(z.string().min(1)).optional(),
  }).prefault({}),
});

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

/** The policy a project gets with no config file at all: every default above. */
export function defaultPolicy(): Policy {
  return PolicySchema.parse({});
}
