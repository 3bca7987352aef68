import type { Model } from '../schema/model.ts';
import type { HostedLabel } from '../schema/observation.ts';
import { familyOf, type Family } from './family.ts';
import { hostedFacts } from './hosted.ts';

/**
 * What the rest of an endpoint's family says, for a reviewer deciding about an endpoint whose own
 * label is unknown. Evidence only: it never sets a label and never changes the default verdict.
 */
export interface FamilyEvidence {
  family: Family;
  /** The other endpoints of the family. */
  members: number;
  /** Members whose effective label is known, by label. */
  labelled: Record<Exclude<HostedLabel, 'unknown'>, number>;
  /** Members that are Partner API endpoints (effective flag). */
  partner: number;
  /** Labs named for the members. */
  labs: string[];
  /**
   * Every labelled member is Commercial use, there are at least two of them, and no member has a
   * research-only or private observation anywhere in its history (conflicts included).
   */
  consistent: boolean;
}

/** Family evidence for `model` among `catalogModels` (which may include it; it is left out). */
export function familyEvidence(model: Pick<Model, 'id' | 'tags'>, members: readonly Model[]): FamilyEvidence {
  const family = familyOf(model);
  const others = members.filter((m) => m.id !== model.id && familyOf(m).key === family.key);
  const labelled = { commercial: 0, research: 0, private: 0 };
  let partner = 0;
  let strictSeen = false;
  const labs = new Set<string>();
  for (const m of others) {
    const f = hostedFacts(m);
    if (f.license.value !== 'unknown') labelled[f.license.value]++;
    if (f.partnerApi.value === 'yes') partner++;
    if (f.observations.some((o) => o.label === 'research' || o.label === 'private')) strictSeen = true;
    if (m.lab) labs.add(m.lab.name);
  }
  const known = labelled.commercial + labelled.research + labelled.private;
  return {
    family,
    members: others.length,
    labelled,
    partner,
    labs: [...labs].sort(),
    consistent: !strictSeen && known >= 2 && labelled.commercial === known,
  };
}

/** "14 of 14 labelled endpoints of this family are Commercial use, 14 Partner API (google)". */
export function describeFamilyEvidence(e: FamilyEvidence): string {
  const known = e.labelled.commercial + e.labelled.research + e.labelled.private;
  if (e.members === 0) return `no other endpoint of the family ${e.family.key} is in the catalog`;
  if (known === 0) return `none of the ${e.members} other endpoints of the family ${e.family.key} has a known label`;
  const parts = (['commercial', 'research', 'private'] as const)
    .filter((l) => e.labelled[l] > 0)
    .map((l) => `${e.labelled[l]} ${l === 'commercial' ? 'Commercial use' : l === 'research' ? 'Research only' : 'Private'}`);
  const partner = e.partner > 0 ? `; ${e.partner} Partner API` : '';
  const labs = e.labs.length > 0 ? ` (${e.labs.join(', ')})` : '';
  return `${known} of ${e.members} other endpoints of the family ${e.family.key} are labelled: ${parts.join(', ')}${partner}${labs}`;
}
