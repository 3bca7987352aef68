import { hostedFacts } from './facts/hosted.ts';
import type { CatalogLicense, CatalogModel } from './catalog/catalog.ts';
import type { LicenseConditions } from './schema/license.ts';
import type { HostedLabel, ModelStatus, PartnerFlag } from './schema/model.ts';

/**
 * Plain-language wording: what a label or condition means for someone choosing or reviewing a
 * model. The site, its CSV/JSON export and the legal report all speak with this one vocabulary.
 */
export interface LabelWording {
  /** fal's badge as people know it. */
  text: string;
  /** A glyph so that the badges are told apart without colour. */
  symbol: string;
  /** CSS modifier (b-c, b-r, b-p, b-u). */
  cls: string;
}

export const HOSTED_LABELS: Record<HostedLabel, LabelWording> = {
  commercial: { text: 'Commercial use', symbol: '✓', cls: 'b-c' },
  research: { text: 'Research only', symbol: '✕', cls: 'b-r' },
  private: { text: 'Private', symbol: '◆', cls: 'b-p' },
  unknown: { text: 'Unknown', symbol: '?', cls: 'b-u' },
};

export const PARTNER_TEXT: Record<PartnerFlag, string> = {
  yes: 'Partner API',
  no: 'fal-hosted',
  unknown: 'Partner status unknown',
};

/** What the Partner API flag means, in fal's terms. */
export const PARTNER_MEANING = "hosted by one of fal's partners, whose availability it is; percentage discounts do not apply.";

export const STATUS_TEXT: Record<ModelStatus, string> = {
  active: 'Active',
  deprecated: 'Deprecated',
  removed: 'Removed from fal',
};

export const EVIDENCE_TEXT = {
  primary: 'primary (the source itself was read)',
  secondary: 'secondary (a third party’s copy or summary)',
  unknown: 'unverified',
} as const;

export const COMMERCIAL_USE_TEXT: Record<CatalogLicense['commercialUse'], string> = {
  allowed: 'allows commercial use',
  conditional: 'allows commercial use under conditions',
  prohibited: 'does not allow commercial use',
  unknown: 'is unclear about commercial use',
};

/** What fal's hosted label means for a call through fal. */
export function hostedMeaning(label: HostedLabel): string {
  switch (label) {
    case 'commercial':
      return 'fal holds the rights to serve this model commercially: calls through fal may be used in a commercial product.';
    case 'research':
      return 'fal serves this model for research only: its outputs may not be used commercially.';
    case 'private':
      return 'fal does not offer this endpoint to the public: terms are per agreement with fal.';
    case 'unknown':
      return 'fal’s label for this endpoint is not known, so it is not assumed to be commercial.';
  }
}

/** What the weights licence means for someone who runs the weights themselves. */
export function weightsMeaning(model: Pick<CatalogModel, 'weights'>, licence: CatalogLicense | undefined): string {
  if (!model.weights) return 'No upstream weights are recorded for this model (it may be closed or fal’s own).';
  if (!licence) {
    return model.weights.statement
      ? `The weights licence is not in the catalog; the source states: “${model.weights.statement}”.`
      : 'The licence of the weights is not known.';
  }
  switch (licence.commercialUse) {
    case 'allowed':
      return `The weights themselves are under ${licence.name}, which allows commercial use${hasConditions(licence.conditions) ? ', with the conditions below' : ''}.`;
    case 'conditional':
      return `The weights themselves are under ${licence.name}: commercial use only under the conditions below.`;
    case 'prohibited':
      return `The weights themselves are non-commercial (${licence.name}): self-hosting them commercially is not allowed.`;
    case 'unknown':
      return `The weights are under ${licence.name}, which is unclear about commercial use.`;
  }
}

/** One sentence that puts the two facts side by side, e.g. FLUX.1 [dev]. */
export function combinedMeaning(model: CatalogModel, licence: CatalogLicense | undefined): string {
  const hosted: Record<HostedLabel, string> = {
    commercial: 'fal holds the rights to serve this commercially',
    research: 'fal serves this for research only',
    private: 'fal serves this privately, on terms per agreement',
    unknown: 'fal’s terms for this endpoint are unknown',
  };
  let weights: string;
  if (model.weights?.closed) weights = CLOSED_WEIGHTS_TEXT;
  else if (!model.weights) weights = 'no upstream weights are recorded';
  else if (!licence) weights = 'the licence of the weights themselves is not known';
  else if (licence.commercialUse === 'prohibited') weights = 'the weights themselves are non-commercial';
  else if (licence.commercialUse === 'conditional') weights = 'the weights themselves may be used commercially only under conditions';
  else if (licence.commercialUse === 'allowed') weights = `the weights themselves allow commercial use${hasConditions(licence.conditions) ? ' with conditions' : ''}`;
  else weights = 'the weights licence is unclear about commercial use';
  return `${hosted[hostedFacts(model).license.value]}; ${weights}.`;
}

/** What the site, the report and the ML-BOM say where a model has no public weights. */
export const CLOSED_WEIGHTS_TEXT = 'closed weights: the provider’s API terms apply';

export interface ConditionItem {
  key: keyof LicenseConditions;
  /** Plain-language title, e.g. "Revenue cap". */
  title: string;
  /** The licence's own words. */
  text: string;
  /** The machine-readable figure, spelled out, when there is one. */
  detail?: string;
}

const TITLES: Record<keyof LicenseConditions, string> = {
  revenueThreshold: 'Revenue cap',
  mauCap: 'Monthly active user cap',
  excludedTerritories: 'Excluded territories',
  attribution: 'Attribution',
  noticeFile: 'Notice file',
  acceptableUse: 'Acceptable use policy',
  flowDown: 'Terms passed on to recipients',
  outputOwnership: 'Ownership of outputs',
  outputTraining: 'Training on outputs',
  nonCommercialScope: 'Non-commercial scope',
  shareAlike: 'Share-alike',
  registration: 'Registration',
  hosting: 'No hosted-service use',
  other: 'Other terms',
};

/** Every condition a licence has, in a fixed order, spelled out. */
export function conditionItems(c: LicenseConditions): ConditionItem[] {
  const out: ConditionItem[] = [];
  for (const key of Object.keys(TITLES) as (keyof LicenseConditions)[]) {
    const title = TITLES[key];
    if (key === 'shareAlike') {
      if (c.shareAlike) out.push({ key, title, text: 'Derivatives must be shared under the same licence.' });
      continue;
    }
    if (key === 'revenueThreshold' && c.revenueThreshold) {
      const t = c.revenueThreshold;
      out.push({ key, title, text: t.text, ...(t.usd !== null ? { detail: `Applies ${t.inclusive ? 'at or above' : 'above'} USD ${t.usd.toLocaleString('en-US')} annual revenue` } : {}) });
      continue;
    }
    if (key === 'mauCap' && c.mauCap) {
      const m = c.mauCap;
      out.push({ key, title, text: m.text, ...(m.users !== null ? { detail: `Applies above ${m.users.toLocaleString('en-US')} monthly active users` } : {}) });
      continue;
    }
    if (key === 'excludedTerritories' && c.excludedTerritories) {
      const e = c.excludedTerritories;
      const regions = e.regions.length ? `Excludes ${e.regions.join(', ')}` : '';
      const detail = [regions, e.scope ? `applies to ${e.scope}` : ''].filter(Boolean).join('; ');
      out.push({ key, title, text: e.text, ...(detail ? { detail } : {}) });
      continue;
    }
    const v = c[key] as { text: string } | null;
    if (v) out.push({ key, title, text: v.text });
  }
  return out;
}

export function hasConditions(c: LicenseConditions): boolean {
  return conditionItems(c).length > 0;
}

/** Condition facets for the catalog filter: the questions a reviewer filters by. */
export const CONDITION_FACETS = [
  ['revenue', 'Has a revenue cap'],
  ['mau', 'Has a user cap'],
  ['territory', 'Excludes a territory'],
  ['non-commercial', 'Weights non-commercial'],
  ['attribution', 'Requires attribution'],
  ['acceptable-use', 'Has an acceptable use policy'],
  ['no-hosting', 'Forbids hosted-service use'],
  ['share-alike', 'Share-alike'],
  ['registration', 'Requires registration'],
  ['none', 'No recorded conditions'],
  ['unknown', 'Weights licence unknown'],
] as const;
export type ConditionFacet = (typeof CONDITION_FACETS)[number][0];

export function conditionFacets(model: Pick<CatalogModel, 'weights'>, licence: CatalogLicense | undefined): ConditionFacet[] {
  if (!licence) return model.weights ? ['unknown'] : ['none'];
  const c = licence.conditions;
  const out: ConditionFacet[] = [];
  if (c.revenueThreshold) out.push('revenue');
  if (c.mauCap) out.push('mau');
  if (c.excludedTerritories && c.excludedTerritories.regions.length > 0) out.push('territory');
  if (licence.commercialUse === 'prohibited') out.push('non-commercial');
  if (c.attribution) out.push('attribution');
  if (c.acceptableUse) out.push('acceptable-use');
  if (c.hosting) out.push('no-hosting');
  if (c.shareAlike) out.push('share-alike');
  if (c.registration) out.push('registration');
  if (out.length === 0 && !hasConditions(c)) out.push('none');
  return out;
}

/** Short labels of a licence's conditions for one table cell. */
export function conditionSummary(licence: CatalogLicense | undefined): string {
  if (!licence) return '';
  return conditionItems(licence.conditions).map((i) => (i.detail ? `${i.title} (${i.detail})` : i.title)).join('; ');
}
