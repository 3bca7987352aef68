import type { ContextOverride, Effect, Policy, UsageContext } from '../schema/policy.ts';

export interface RuleEffects {
  labels: { commercial: Effect; research: Effect; private: Effect; unknown: Effect; unknownWithConsistentFamily?: Effect };
  partnerApi: Effect;
  deprecated: Effect;
  removed: Effect;
  unknownModel: Effect;
  dynamic: Effect;
  licenceCondition: Effect;
  weightsLicenceUnknown: Effect;
}

/** The policy's effects with the overrides for one usage context applied (tests may differ from shipped code). */
export function effectivePolicy(policy: Policy, usage: UsageContext): RuleEffects {
  const o: ContextOverride = policy.contexts[usage] ?? {};
  // Test code (unless `tests: strict`): what would fail for an unknown or research-only model
  // only warns. A context override the project wrote still decides over this default.
  const lenient = usage === 'test' && policy.tests === 'warn';
  const soft = (e: Effect): Effect => (lenient && (e === 'deny' || e === 'review') ? 'warn' : e);
  const labels = {
    ...policy.labels,
    research: soft(policy.labels.research),
    unknown: soft(policy.labels.unknown),
    ...(policy.labels.unknownWithConsistentFamily ? { unknownWithConsistentFamily: soft(policy.labels.unknownWithConsistentFamily) } : {}),
  };
  return {
    labels: { ...labels, ...definedOnly(o.labels ?? {}) },
    partnerApi: o.partnerApi ?? policy.partnerApi,
    deprecated: o.deprecated ?? policy.deprecated,
    removed: o.removed ?? policy.removed,
    unknownModel: o.unknownModel ?? soft(policy.unknownModel),
    dynamic: o.dynamic ?? policy.dynamic,
    licenceCondition: o.licenceCondition ?? policy.licenceCondition,
    weightsLicenceUnknown: o.weightsLicenceUnknown ?? policy.weightsLicenceUnknown,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
