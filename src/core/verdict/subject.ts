import type { Catalog, CatalogModel } from '../catalog/catalog.ts';
import { familyOf } from '../facts/family.ts';
import { familyEvidence } from '../facts/family-evidence.ts';
import { hostedFacts } from '../facts/hosted.ts';
import type { Subject } from './judge.ts';

/**
 * The subject for judging a catalog model: its weights licence and, when its own label is
 * unknown, what its family says (evidence a policy may opt in to; see family-evidence.ts).
 */
export function modelSubject(catalog: Catalog, model: CatalogModel): Extract<Subject, { kind: 'model' }> {
  const unknown = hostedFacts(model).license.value === 'unknown';
  return {
    kind: 'model',
    model,
    weightsLicence: catalog.license(model.weights?.license),
    ...(unknown ? { familyEvidence: familyEvidence(model, catalog.familyMembers(familyOf(model).key)) } : {}),
  };
}
