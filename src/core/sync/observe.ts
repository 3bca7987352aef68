import { byRecency, observationDate } from '../facts/resolve.ts';
import type { Observation } from '../schema/observation.ts';

/**
 * How the sync records what a source says: it appends observations and never rewrites one of
 * an earlier day. When the newest observation from the same source already states the same
 * facts, the sync moves that observation's `confirmed` date to today instead of repeating it, so
 * a year of daily runs is one line per change, not 365. An observation is one day's reading of a
 * source: a second run on the same day whose reading restates every fact of the one made earlier
 * that day, with other values, replaces it (two readings of one source on one day would otherwise
 * tie and conflict). A reading that states less is appended, so a fact fal did state that day
 * (a stricter label, say) is never dropped by a later reading that is silent about it.
 */

/** `source` of the listing's observations (labels, statuses, removals). */
export const API_SOURCE = 'fal Platform API GET /v1/models';
/** `source` of the Partner flags read off fal's model pages. */
export const PAGE_SOURCE = 'fal model page data (publicEndpointBilling)';
/** `source` of a price's provenance. */
export const PRICING_SOURCE = 'fal Platform API GET /v1/models/pricing';

/** The facts an observation can state; everything else on it (url, seen, note, dates) is context. */
const FACTS = ['label', 'partnerApi', 'providerType', 'status', 'replacedBy'] as const;

/** A dated observation, as every sync source makes them. */
export type DatedObservation = Observation & { observed: string };

export function statesSameFacts(a: Observation, b: Observation): boolean {
  return FACTS.every((f) => a[f] === b[f]);
}

/** Whether an observation states any fact at all. */
export function statesAnything(o: Observation): boolean {
  return FACTS.some((f) => o[f] !== undefined);
}

/** The newest observation from `source` (by its confirmed-or-observed date; of equal dates, the one recorded later), if any. */
export function newestFrom(observations: readonly Observation[], source: string): Observation | undefined {
  return observations.filter((o) => o.source === source).reverse().sort(byRecency)[0];
}

export type Outcome = 'appended' | 'confirmed' | 'replaced' | 'unchanged';

/**
 * Records `o` (observed today) in `observations`, returning a new list: if the newest
 * observation from the same source states the same facts, that one is confirmed today (or left
 * as it is when it already speaks for today or later). If it differs, was itself first made
 * today (not confirmed) and `o` states every fact it states, `o` replaces it; otherwise `o` is
 * appended.
 */
export function record(observations: readonly Observation[], o: DatedObservation): { observations: Observation[]; outcome: Outcome } {
  const newest = newestFrom(observations, o.source);
  if (newest && newest.observed !== undefined && statesSameFacts(newest, o)) {
    if (observationDate(newest)! >= o.observed) return { observations: [...observations], outcome: 'unchanged' };
    return { observations: observations.map((x) => (x === newest ? { ...x, confirmed: o.observed } : x)), outcome: 'confirmed' };
  }
  if (newest && newest.observed === o.observed && newest.confirmed === undefined && FACTS.every((f) => newest[f] === undefined || o[f] !== undefined)) {
    return { observations: observations.map((x) => (x === newest ? o : x)), outcome: 'replaced' };
  }
  return { observations: [...observations, o], outcome: 'appended' };
}
