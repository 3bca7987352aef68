import type { CatalogLicense, CatalogModel } from '../catalog/catalog.ts';
import { endpointKey } from '../catalog/endpoint-id.ts';
import type { Effect, Policy, UsageContext } from '../schema/policy.ts';
import type { RuleId } from './rules.ts';
import { effectivePolicy } from './effective-policy.ts';
import { weightsLicenceReasons } from './weights.ts';

export type VerdictValue = 'allowed' | 'review' | 'denied';

export interface Reason {
  rule: RuleId;
  effect: Effect;
  message: string;
}

export interface Verdict {
  verdict: VerdictValue;
  /** Every rule that had something to say, most severe first. `warn` reasons are the "reported" ones. */
  reasons: Reason[];
}

/** What is being judged: a catalog model (with its weights licence, if the catalog has it), an id the catalog lacks, or a call with no literal id. */
export type Subject =
  | { kind: 'model'; model: CatalogModel; weightsLicence: CatalogLicense | undefined }
  | { kind: 'unknown'; id: string }
  | { kind: 'dynamic' };

const SEVERITY: Record<Effect, number> = { allow: 0, warn: 1, review: 2, deny: 3 };

/**
 * The verdict core: a pure function of the subject, the policy (with its organisation facts)
 * and where the usage sits. The gate, the report and the site all call this, so a model page
 * shows exactly the verdict CI gives.
 */
export function judge(subject: Subject, policy: Policy, usage: UsageContext = 'source'): Verdict {
  const p = effectivePolicy(policy, usage);
  const reasons: Reason[] = [];
  const add = (rule: RuleId, effect: Effect, message: string) => reasons.push({ rule, effect, message });

  if (subject.kind === 'dynamic') {
    add('dynamic-id', p.dynamic, 'fal is called with an endpoint id that is not a literal; the model cannot be checked statically');
  } else if (subject.kind === 'unknown') {
    add('unknown-model', p.unknownModel, `"${subject.id}" is not in the catalog: its licence is unknown`);
  } else {
    judgeModel(subject.model, subject.weightsLicence, policy, p, add);
  }

  reasons.sort((a, b) => SEVERITY[b.effect] - SEVERITY[a.effect]);
  const worst = reasons[0]?.effect ?? 'allow';
  return { verdict: worst === 'deny' ? 'denied' : worst === 'review' ? 'review' : 'allowed', reasons };
}

type Add = (rule: RuleId, effect: Effect, message: string) => void;

function judgeModel(
  model: CatalogModel,
  licence: CatalogLicense | undefined,
  policy: Policy,
  p: ReturnType<typeof effectivePolicy>,
  add: Add,
): void {
  const label = model.hosted.license;
  const seen = `observed ${model.hosted.provenance.observed}`;
  switch (label) {
    case 'commercial':
      add('commercial-use', p.labels.commercial, `fal labels ${model.id} "Commercial use" (${seen})`);
      break;
    case 'research':
      add('research-only', p.labels.research, `fal labels ${model.id} "Research only": outputs may not be used commercially (${seen})`);
      break;
    case 'private':
      add('private-endpoint', p.labels.private, `fal labels ${model.id} private (${seen})`);
      break;
    case 'unknown':
      add('unknown-label', p.labels.unknown, `fal's licence label for ${model.id} is unknown; it is not assumed commercial`);
      break;
  }
  if (model.hosted.partnerApi === 'yes') {
    add('partner-api', p.partnerApi, `${model.id} is a Partner API endpoint (${model.hosted.providerType}): availability is the partner's and percentage discounts do not apply`);
  }
  if (model.status === 'deprecated') add('deprecated', p.deprecated, `fal has deprecated ${model.id}`);
  if (model.status === 'removed') add('removed', p.removed, `${model.id} is no longer in fal's catalog${model.lastSeen ? ` (last seen ${model.lastSeen})` : ''}`);

  for (const rule of policy.models) {
    if ([model.id, ...model.aliases].some((id) => endpointKey(id) === endpointKey(rule.model))) {
      add('model-policy', rule.effect, `policy: ${rule.reason}`);
    }
  }
  for (const r of weightsLicenceReasons(model, licence, policy.organisation, p)) add(r.rule, r.effect, r.message);
}

