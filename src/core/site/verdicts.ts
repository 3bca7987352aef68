import type { Catalog, CatalogModel } from '../catalog/catalog.ts';
import { defaultPolicy, type Policy } from '../schema/policy.ts';
import { judge, type Verdict } from '../verdict/judge.ts';
import { modelSubject } from '../verdict/subject.ts';

/** The verdict the gate gives a model under the default policy, for code in `source`: exactly what CI says. */
export function modelVerdict(catalog: Catalog, model: CatalogModel, policy: Policy = defaultPolicy()): Verdict {
  return judge(modelSubject(catalog, model), policy, 'source');
}

/** Every model's verdict, computed once. */
export function allVerdicts(catalog: Catalog): Map<string, Verdict> {
  const policy = defaultPolicy();
  return new Map(catalog.models.map((m) => [m.id, modelVerdict(catalog, m, policy)]));
}

export const VERDICT_TEXT = { allowed: 'Allowed', review: 'Needs review', denied: 'Denied' } as const;
