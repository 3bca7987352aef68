import type { Provenance } from '../../src/core/schema/common.ts';
import type { Model } from '../../src/core/schema/model.ts';
import type { Observation } from '../../src/core/schema/observation.ts';

type WithProvenance = { provenance: Provenance } | null | undefined;

/**
 * The newer observation of a fact wins. A fact from the same source and date is the generator's
 * own earlier reading, so the current reading replaces it; on any other tie the existing file
 * keeps its value (a person or the sync wrote it from another source).
 */
export function newer<T extends WithProvenance>(existing: T, generated: T): T {
  if (!existing) return generated;
  if (!generated) return existing;
  const a = existing.provenance;
  const b = generated.provenance;
  if (a.source === b.source && a.observed === b.observed) return generated;
  return b.observed > a.observed ? generated : existing;
}

/**
 * Observations after a re-run: the generator's current readings replace its own earlier ones
 * (`ownedByGenerator`), and every other observation (the sync's, a person's) is kept as it is,
 * in its place. History is never dropped: only the generator's own rows are re-derived.
 */
export function mergeObservations(
  existing: readonly Observation[],
  generated: readonly Observation[],
  ownedByGenerator: (o: Observation) => boolean,
): Observation[] {
  // In the file's own order: the generator's readings stand where its earlier ones stood
  // (first, for a file that had none), every other observation keeps its place.
  const at = existing.findIndex(ownedByGenerator);
  const others = existing.filter((o) => !ownedByGenerator(o));
  const before = at < 0 ? 0 : existing.slice(0, at).filter((o) => !ownedByGenerator(o)).length;
  return [...others.slice(0, before), ...generated, ...others.slice(before)];
}

/**
 * Merges freshly generated facts into an existing model file without losing what people or
 * the sync added: review records, descriptions, tags, aliases, observations and newer facts.
 */
export function mergeModel(existing: Model | undefined, generated: Model, ownedByGenerator: (o: Observation) => boolean): Model {
  if (!existing) return generated;
  return {
    ...generated,
    name: existing.name !== existing.id ? existing.name : generated.name,
    category: existing.category !== 'unknown' ? existing.category : generated.category,
    lab: existing.lab ?? generated.lab,
    ...(existing.description ? { description: existing.description } : {}),
    ...((existing.url ?? generated.url) ? { url: existing.url ?? generated.url } : {}),
    tags: [...new Set([...existing.tags, ...generated.tags])],
    hosted: { observations: mergeObservations(existing.hosted.observations, generated.hosted.observations, ownedByGenerator) },
    weights: newer(existing.weights, generated.weights),
    aliases: [...new Set([...existing.aliases, ...generated.aliases])],
    price: newer(existing.price, generated.price),
    review: existing.review,
    ...(existing.lastSeen ? { lastSeen: existing.lastSeen } : {}),
    ...(existing.falDates ? { falDates: existing.falDates } : {}),
  };
}
