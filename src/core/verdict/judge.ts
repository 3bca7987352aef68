import type { CatalogLicense, CatalogModel } from '../catalog/catalog.ts';
import { endpointKey } from '../catalog/endpoint-id.ts';
import { describeFamilyEvidence, type FamilyEvidence } from '../facts/family-evidence.ts';
import { hostedFacts } from '../facts/hosted.ts';
import { whenObserved } from '../facts/resolve.ts';
import type { HostedLabel } from '../schema/observation.ts';
import type { Effect, Policy, UsageContext } from '../schema/policy.ts';
import type { RuleId } from './rules.ts';
import { effectivePolicy } from './effective-policy.ts';
import { weightsLicenceReasons } from './weights.ts';

export type VerdictValue = 'allowed' | 'review' | 'denied';

/** How severe a verdict is: every ordering and "worst of" over verdicts uses this one rank. */
export const VERDICT_RANK: Record<VerdictValue, number> = { allowed: 0, review: 1, denied: 2 };

/** The most severe of some verdicts (`allowed` for none). */
export const strictestVerdict = (verdicts: Iterable<VerdictValue>): VerdictValue => {
  let worst: VerdictValue = 'allowed';
  for (const v of verdicts) if (VERDICT_RANK[v] > VERDICT_RANK[worst]) worst = v;
  return worst;
};

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
  | { kind: 'model'; model: CatalogModel; weightsLicence: CatalogLicense | undefined; familyEvidence?: FamilyEvidence }
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
    judgeModel(subject.model, subject.weightsLicence, subject.familyEvidence, policy, p, add);
  }

  reasons.sort((a, b) => SEVERITY[b.effect] - SEVERITY[a.effect]);
  const worst = reasons[0]?.effect ?? 'allow';
  return { verdict: worst === 'deny' ? 'denied' : worst === 'review' ? 'review' : 'allowed', reasons };
}

type Add = (rule: RuleId, effect: Effect, message: string) => void;

function judgeModel(
  model: CatalogModel,
  licence: CatalogLicense | undefined,
  evidence: FamilyEvidence | undefined,
  policy: Policy,
  p: ReturnType<typeof effectivePolicy>,
  add: Add,
): void {
  const facts = hostedFacts(model);
  const lab = facts.license;
  // A conflict is judged at its strictest value under this policy, never at the most permissive.
  const labels: HostedLabel[] = lab.conflict ?? [lab.value];
  const effectOf = (l: HostedLabel) => p.labels[l];
  const label = labels.reduce((a, b) => (SEVERITY[effectOf(b)] > SEVERITY[effectOf(a)] ? b : a));
  const decided = lab.decidedBy.find((o) => o.label === label) ?? lab.decidedBy[0];
  const seen = decided ? `observed ${whenObserved(decided)}` : '';
  const conflict = lab.conflict
    ? `; fal's pages disagree (${lab.conflict.join(' / ')}) and no newer dated observation settles it, so the strictest is applied`
    : '';
  switch (label) {
    case 'commercial':
      add('commercial-use', p.labels.commercial, `fal labels ${model.id} "Commercial use" (${seen}${conflict})`);
      break;
    case 'research':
      add('research-only', p.labels.research, `fal labels ${model.id} "Research only": outputs may not be used commercially (${seen}${conflict})`);
      break;
    case 'private':
      add('private-endpoint', p.labels.private, `fal labels ${model.id} private (${seen}${conflict})`);
      break;
    case 'unknown': {
      const family = evidence?.consistent && p.labels.unknownWithConsistentFamily ? p.labels.unknownWithConsistentFamily : undefined;
      const said = evidence ? `; family evidence: ${describeFamilyEvidence(evidence)}` : '';
      add('unknown-label', family ?? p.labels.unknown, `fal's licence label for ${model.id} is unknown; it is not assumed commercial${said}${family ? ` (policy: unknownWithConsistentFamily → ${family})` : ''}`);
      break;
    }
  }
  if (facts.partnerApi.value === 'yes') {
    add('partner-api', p.partnerApi, `${model.id} is a Partner API endpoint (${facts.providerType.value}): availability is the partner's and percentage discounts do not apply`);
  }
  const status = facts.status;
  const statusSeen = status.decidedBy[0] ? ` (${status.decidedBy[0].source}, ${whenObserved(status.decidedBy[0])})` : '';
  const successor = facts.replacedBy ? `; fal names ${facts.replacedBy.id} as its successor` : '';
  if (status.value === 'deprecated') add('deprecated', p.deprecated, `fal has deprecated ${model.id}${statusSeen}${successor}`);
  if (status.value === 'removed') add('removed', p.removed, `${model.id} is no longer served by fal${model.lastSeen ? ` (last seen ${model.lastSeen})` : ''}${statusSeen}${successor}`);

  for (const rule of policy.models) {
    if ([model.id, ...model.aliases].some((id) => endpointKey(id) === endpointKey(rule.model))) {
      add('model-policy', rule.effect, `policy: ${rule.reason}`);
    }
  }
  for (const r of weightsLicenceReasons(model, licence, policy.organisation, p)) add(r.rule, r.effect, r.message);
}

