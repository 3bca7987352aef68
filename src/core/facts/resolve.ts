import type { HostedLabel, ModelStatus, Observation, PartnerFlag, ProviderType } from '../schema/observation.ts';

/**
 * The effective hosted facts of one endpoint, derived from its observations by one rule:
 *
 * 1. For each fact (label, Partner flag, provider type, status), only the observations that state
 *    it take part. None → the fact is unknown (a label is never assumed commercial).
 * 2. The newest dated observation wins: its date is `confirmed` (the last day the source said the
 *    same) or else `observed`. Several observations on that newest date all take part.
 * 3. An undated observation (a stored copy of unknown crawl date) is settled by the newest dated one
 *    only when it is known to be older: its `before` bound is on or before that date. Otherwise it
 *    stays in play, since it may be the newer of the two.
 * 4. When the observations still in play disagree, the fact is a **conflict** and resolves to the
 *    stricter value (research or private over commercial; Partner over not; removed over
 *    deprecated over active). Every value in play is kept, so the verdict can judge the strictest
 *    under the project's own policy.
 */
export interface Resolved<T> {
  value: T;
  /** The observations that decided the value (more than one when they agree or conflict). */
  decidedBy: Observation[];
  /** Set when the observations in play disagree: every value in play, strictest first. */
  conflict: T[] | null;
}

export interface HostedFacts {
  license: Resolved<HostedLabel>;
  partnerApi: Resolved<PartnerFlag>;
  providerType: Resolved<ProviderType>;
  status: Resolved<ModelStatus>;
  /** A successor named by the newest observation that names one (only fal's own words name one). */
  replacedBy: { id: string; observation: Observation } | null;
  /** Every observation, newest first (see byRecency). */
  observations: Observation[];
}

/** Rank of strictness: a higher rank never resolves to a lower one. */
const LABEL_RANK: Record<Exclude<HostedLabel, 'unknown'>, number> = { commercial: 0, private: 1, research: 2 };
const PARTNER_RANK: Record<Exclude<PartnerFlag, 'unknown'>, number> = { no: 0, yes: 1 };
const STATUS_RANK: Record<ModelStatus, number> = { active: 0, deprecated: 1, removed: 2 };

/** The day an observation speaks for: the last day its source confirmed it, else the day it was made. */
export function observationDate(o: Observation): string | undefined {
  return o.confirmed ?? o.observed;
}

/**
 * Newest first, by the latest day each observation can speak for: a dated one's date, an undated
 * copy's `before` bound (it may be as new as that). On a tie the dated observation comes first.
 */
export function byRecency(a: Observation, b: Observation): number {
  const da = observationDate(a) ?? a.undated!.before;
  const db = observationDate(b) ?? b.undated!.before;
  if (da !== db) return da < db ? 1 : -1;
  return Number(a.observed === undefined) - Number(b.observed === undefined);
}

function resolveFact<T extends string>(
  all: readonly Observation[],
  read: (o: Observation) => T | undefined,
  rank: (v: T) => number,
  unknown: T,
): Resolved<T> {
  const stating = all.filter((o) => read(o) !== undefined);
  if (stating.length === 0) return { value: unknown, decidedBy: [], conflict: null };
  const dates = stating.map(observationDate).filter((d): d is string => d !== undefined);
  const newest = dates.length > 0 ? dates.reduce((a, b) => (a > b ? a : b)) : undefined;
  const inPlay = stating.filter((o) => {
    const d = observationDate(o);
    if (d !== undefined) return d === newest;
    return newest === undefined || o.undated!.before > newest;
  });
  const values = [...new Set(inPlay.map((o) => read(o)!))].sort((a, b) => rank(b) - rank(a));
  const value = values[0]!;
  return {
    value,
    // The observations with the value that applies come first: they are the ones to cite.
    decidedBy: [...inPlay].sort((a, b) => Number(read(a) !== value) - Number(read(b) !== value) || byRecency(a, b)),
    conflict: values.length > 1 ? values : null,
  };
}

/** The effective facts of an endpoint's observations. Pure; see the rule above. */
export function resolveHosted(observations: readonly Observation[]): HostedFacts {
  const sorted = [...observations].sort(byRecency);
  const successor = sorted.find((o) => o.replacedBy !== undefined);
  return {
    license: resolveFact<HostedLabel>(sorted, (o) => o.label, (v) => (v === 'unknown' ? -1 : LABEL_RANK[v]), 'unknown'),
    partnerApi: resolveFact<PartnerFlag>(sorted, (o) => o.partnerApi, (v) => (v === 'unknown' ? -1 : PARTNER_RANK[v]), 'unknown'),
    // Provider types have no order of strictness: a disagreement leaves the type unknown.
    providerType: collapse(resolveFact<ProviderType>(sorted, (o) => o.providerType, () => 0, 'unknown'), 'unknown'),
    status: resolveFact<ModelStatus>(sorted, (o) => o.status, (v) => STATUS_RANK[v], 'active'),
    replacedBy: successor ? { id: successor.replacedBy!, observation: successor } : null,
    observations: sorted,
  };
}

function collapse<T>(r: Resolved<T>, unknown: T): Resolved<T> {
  return r.conflict ? { ...r, value: unknown } : r;
}

/** How an observation is dated, in words: "2025-10-30" or "undated copy (before 2025-01-01: …)". */
export function whenObserved(o: Observation): string {
  if (o.observed) return o.confirmed && o.confirmed !== o.observed ? `${o.observed} (confirmed ${o.confirmed})` : o.observed;
  return `undated copy (seen before ${o.undated!.before}: ${o.undated!.note})`;
}

/** The label history: every observation that states a label, newest first. */
export function labelHistory(facts: HostedFacts): Observation[] {
  return facts.observations.filter((o) => o.label !== undefined);
}
