import type { CatalogLicense, CatalogModel } from '../catalog/catalog.ts';
import type { Effect, Organisation } from '../schema/policy.ts';
import type { RuleEffects } from './effective-policy.ts';
import type { RuleId } from './rules.ts';
import { excludedServed } from './territories.ts';

interface WeightsReason {
  rule: RuleId;
  effect: Effect;
  message: string;
}

const usd = (n: number) => `USD ${n.toLocaleString('en-US')}`;
const count = (n: number) => n.toLocaleString('en-US');

/** The milder of two effects: a missing fact or a duty never weighs more than the policy's own setting. */
function atMost(effect: Effect, cap: Effect): Effect {
  const order: Effect[] = ['allow', 'warn', 'review', 'deny'];
  return order[Math.min(order.indexOf(effect), order.indexOf(cap))]!;
}

/**
 * What the weights licence says about this organisation. For calls through fal, fal's hosted
 * label governs and the weights licence is only reported; when the organisation self-hosts,
 * the weights licence governs and its conditions are checked against the organisation's facts.
 */
export function weightsLicenceReasons(
  model: CatalogModel,
  licence: CatalogLicense | undefined,
  org: Organisation,
  p: RuleEffects,
): WeightsReason[] {
  const out: WeightsReason[] = [];
  const name = licence ? `${licence.name} (${licence.id})` : undefined;

  if (!org.selfHosting) {
    if (licence && licence.commercialUse !== 'allowed') {
      out.push({
        rule: 'weights-licence',
        effect: 'allow',
        message: `the weights are under ${name}, commercial use ${licence.commercialUse}; that governs self-hosting them, while calls through fal follow fal's label`,
      });
    }
    return out;
  }

  if (!licence) {
    const stated = model.weights?.statement ? ` (source says: ${model.weights.statement})` : '';
    out.push({ rule: 'weights-licence-unknown', effect: p.weightsLicenceUnknown, message: `self-hosting ${model.id}: the licence of its weights is not in the catalog${stated}` });
    return out;
  }
  if (licence.commercialUse === 'prohibited') {
    out.push({ rule: 'weights-non-commercial', effect: p.licenceCondition, message: `self-hosting ${model.id}: ${name} does not allow commercial use` });
    return out;
  }
  if (licence.commercialUse === 'unknown') {
    out.push({ rule: 'weights-licence-unknown', effect: p.weightsLicenceUnknown, message: `self-hosting ${model.id}: whether ${name} allows commercial use is not known` });
  }

  const c = licence.conditions;
  const missing = (fact: string, condition: string) =>
    out.push({ rule: 'licence-condition', effect: atMost('review', p.licenceCondition), message: `self-hosting ${model.id}: ${name} has a ${condition}; set organisation.${fact} in the policy so it can be checked` });

  if (c.revenueThreshold) {
    const t = c.revenueThreshold;
    if (t.usd === null) {
      out.push({ rule: 'licence-condition', effect: atMost('review', p.licenceCondition), message: `self-hosting ${model.id}: ${name} has a revenue condition that needs a person to read: ${t.text}` });
    } else if (org.annualRevenueUsd === undefined) {
      missing('annualRevenueUsd', `revenue threshold of ${usd(t.usd)}`);
    } else if (t.inclusive ? org.annualRevenueUsd >= t.usd : org.annualRevenueUsd > t.usd) {
      out.push({ rule: 'licence-condition', effect: p.licenceCondition, message: `self-hosting ${model.id}: annual revenue ${usd(org.annualRevenueUsd)} is ${t.inclusive ? 'at or above' : 'above'} the ${usd(t.usd)} threshold of ${name}: ${t.text}` });
    }
  }
  if (c.mauCap) {
    const m = c.mauCap;
    if (m.users === null) {
      out.push({ rule: 'licence-condition', effect: atMost('review', p.licenceCondition), message: `self-hosting ${model.id}: ${name} has a user-count condition that needs a person to read: ${m.text}` });
    } else if (org.monthlyActiveUsers === undefined) {
      missing('monthlyActiveUsers', `cap of ${count(m.users)} monthly active users`);
    } else if (org.monthlyActiveUsers > m.users) {
      out.push({ rule: 'licence-condition', effect: p.licenceCondition, message: `self-hosting ${model.id}: ${count(org.monthlyActiveUsers)} monthly active users is above the ${count(m.users)} cap of ${name}: ${m.text}` });
    }
  }
  if (c.excludedTerritories && c.excludedTerritories.regions.length > 0) {
    const ex = c.excludedTerritories;
    if (org.territories === undefined) {
      missing('territories', `territory exclusion (${ex.regions.join(', ')})`);
    } else {
      const hit = excludedServed(org.territories, ex.regions);
      if (hit.length > 0) {
        out.push({ rule: 'licence-condition', effect: p.licenceCondition, message: `self-hosting ${model.id}: ${name} excludes ${hit.join(', ')}, where the organisation operates${ex.scope ? ` (applies to ${ex.scope})` : ''}: ${ex.text}` });
      }
    }
  }
  const duty = (what: string, text: string) =>
    out.push({ rule: 'licence-condition', effect: atMost('warn', p.licenceCondition), message: `self-hosting ${model.id}: ${name} requires ${what}: ${text}` });
  if (c.registration) duty('registration', c.registration.text);
  if (c.attribution) duty('attribution', c.attribution.text);
  if (c.hosting) duty('no hosted-service use', c.hosting.text);
  return out;
}
