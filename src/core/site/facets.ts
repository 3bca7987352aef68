import { hostedFacts } from '../facts/hosted.ts';
import { observationDate } from '../facts/resolve.ts';
import type { Catalog, CatalogModel } from '../catalog/catalog.ts';
import type { FacetDim } from './query.ts';
import { NONE, type SearchDoc } from './search.ts';
import { CONDITION_FACETS, conditionFacets, HOSTED_LABELS, PARTNER_TEXT, STATUS_TEXT } from '../wording.ts';

export const FACET_TITLES: Record<FacetDim, string> = {
  label: 'Hosted label',
  partner: 'Partner API',
  cat: 'Category',
  lab: 'Lab',
  lic: 'Weights licence',
  cond: 'Licence conditions',
  status: 'Status',
};

const COND_TEXT = Object.fromEntries(CONDITION_FACETS) as Record<string, string>;
export const CONDITION_VALUES: readonly string[] = CONDITION_FACETS.map(([k]) => k);

/** How a facet value reads in the filter list. */
export function facetValueText(dim: FacetDim, value: string): string {
  switch (dim) {
    case 'label':
      return HOSTED_LABELS[value as keyof typeof HOSTED_LABELS]?.text ?? value;
    case 'partner':
      return value === 'yes' ? 'Partner API' : value === 'no' ? 'Not a Partner API' : PARTNER_TEXT[value as 'unknown'] ?? value;
    case 'status':
      return STATUS_TEXT[value as keyof typeof STATUS_TEXT] ?? value;
    case 'cond':
      return COND_TEXT[value] ?? value;
    case 'lab':
      return value === NONE ? '(no lab recorded)' : value;
    case 'lic':
      return value === NONE ? '(no licence in catalog)' : value;
    default:
      return value;
  }
}

export function searchDoc(catalog: Catalog, m: CatalogModel): SearchDoc {
  const lic = catalog.license(m.weights?.license);
  const facts = hostedFacts(m);
  return {
    id: m.id,
    name: m.name,
    lab: m.lab?.name ?? '',
    category: m.category,
    tags: m.tags,
    licence: m.weights?.license ?? '',
    label: HOSTED_LABELS[facts.license.value].text,
    facets: {
      label: facts.license.value,
      partner: facts.partnerApi.value,
      cat: m.category,
      lab: m.lab?.name ?? NONE,
      lic: m.weights?.license ?? NONE,
      status: facts.status.value,
      cond: conditionFacets(m, lic),
    },
    // Sortable: the day the label was seen (an undated copy's bound), '' when none was (sorts last).
    observed: labelDay(facts),
  };
}

/** The day the effective label was seen, for sorting: a dated observation's day, an undated copy's bound, or ''. */
function labelDay(facts: ReturnType<typeof hostedFacts>): string {
  const o = facts.license.decidedBy[0];
  return o ? (observationDate(o) ?? o.undated!.before) : '';
}
