import type { Observation } from '../schema/observation.ts';
import { labelHistory, whenObserved, type HostedFacts } from './resolve.ts';

/** One observation as every output shows it: where, when, what was seen, what was read. */
export interface ObservationSummary {
  source: string;
  url?: string;
  /** An ISO date, or "undated copy (seen before …: …)". */
  when: string;
  evidence: Observation['evidence'];
  seen?: string;
  label?: string;
  partnerApi?: string;
  status?: string;
}

/** The effective label with its source and date, and a conflict with every observation in it. */
export interface LabelEvidence {
  label: string;
  /** Date (or undated bound) of the deciding observation; "no label observed" when no source states one. */
  observed: string;
  source: string;
  url?: string;
  evidence: Observation['evidence'];
  conflict: { values: string[]; observations: ObservationSummary[] } | null;
  /** Every observation that stated a label, newest first. */
  history: ObservationSummary[];
}

export function summarize(o: Observation): ObservationSummary {
  return {
    source: o.source,
    ...(o.url ? { url: o.url } : {}),
    when: whenObserved(o),
    evidence: o.evidence,
    ...(o.seen ? { seen: o.seen } : {}),
    ...(o.label ? { label: o.label } : {}),
    ...(o.partnerApi ? { partnerApi: o.partnerApi } : {}),
    ...(o.status ? { status: o.status } : {}),
  };
}

export function labelEvidence(facts: HostedFacts): LabelEvidence {
  const lab = facts.license;
  // An unknown label is still "seen" somewhere: the newest observation that listed the id.
  const deciding = lab.decidedBy[0] ?? facts.observations[0];
  return {
    label: lab.value,
    observed: lab.decidedBy[0] ? whenObserved(lab.decidedBy[0]) : 'no label observed',
    source: deciding?.source ?? 'none',
    ...(deciding?.url ? { url: deciding.url } : {}),
    evidence: lab.decidedBy[0]?.evidence ?? 'unknown',
    conflict: lab.conflict ? { values: lab.conflict, observations: lab.decidedBy.map(summarize) } : null,
    history: labelHistory(facts).map(summarize),
  };
}
