import type { CatalogLicense, CatalogModel } from '../catalog/catalog.ts';
import type { HostedLabel } from '../schema/model.ts';
import type { CommercialUse, LicenseConditions } from '../schema/license.ts';

/** What fal's label means, in fal's own terms. */
export const HOSTED_LABEL_MEANING: Record<HostedLabel, string> = {
  commercial: 'fal holds the rights to serve this endpoint for commercial use, even where the model weights are not open source.',
  research: 'outputs may be used for research purposes, not commercially.',
  private: 'not a public endpoint; its terms come from the agreement with fal.',
  unknown: "fal's label for this endpoint has not been observed; it is not assumed to allow commercial use.",
};

export const HOSTED_LABEL_TITLE: Record<HostedLabel, string> = {
  commercial: 'Commercial use',
  research: 'Research only',
  private: 'Private',
  unknown: 'Unknown',
};

export const PARTNER_MEANING = "hosted by one of fal's partners, whose availability it is; percentage discounts do not apply.";

export const COMMERCIAL_USE_TITLE: Record<CommercialUse, string> = {
  allowed: 'commercial use allowed',
  conditional: 'commercial use under conditions',
  prohibited: 'non-commercial',
  unknown: 'commercial use unknown',
};

/**
 * One sentence that puts the two facts side by side: what fal may serve, and what the weights
 * licence allows (which matters for self-hosting).
 */
export function hostedVersusWeights(model: CatalogModel, licence: CatalogLicense | undefined): string {
  const hosted = {
    commercial: 'fal holds the rights to serve this commercially',
    research: 'fal serves this for research only',
    private: 'fal serves this privately, under its own agreement',
    unknown: "fal's terms for serving this are not known",
  }[model.hosted.license];
  if (!licence) {
    return `${hosted}; the licence of the weights themselves is ${model.weights?.statement ? `stated upstream as "${model.weights.statement}" but not in the catalog` : 'not known'}.`;
  }
  const weights = {
    allowed: 'allow commercial use',
    conditional: 'allow commercial use under conditions',
    prohibited: 'are non-commercial',
    unknown: 'are under a licence whose commercial terms are not known',
  }[licence.commercialUse];
  return `${hosted}; the weights themselves ${weights} (${licence.name}).`;
}

const CONDITION_TITLES: Record<keyof LicenseConditions, string> = {
  revenueThreshold: 'Revenue threshold',
  mauCap: 'User cap',
  excludedTerritories: 'Excluded territories',
  attribution: 'Attribution / naming',
  noticeFile: 'Notice file',
  acceptableUse: 'Acceptable-use restrictions',
  flowDown: 'Passed on to users',
  outputOwnership: 'Output ownership',
  outputTraining: 'Training on outputs',
  nonCommercialScope: 'Non-commercial scope',
  shareAlike: 'Share-alike',
  registration: 'Registration',
  hosting: 'Hosting restriction',
  other: 'Other conditions',
};

export interface ConditionLine {
  key: keyof LicenseConditions;
  title: string;
  text: string;
}

/** A licence's conditions as titled lines, in a fixed order; absent conditions are left out. */
export function conditionLines(conditions: LicenseConditions): ConditionLine[] {
  const out: ConditionLine[] = [];
  for (const key of Object.keys(CONDITION_TITLES) as (keyof LicenseConditions)[]) {
    const value = conditions[key];
    if (value === null || value === false || value === undefined) continue;
    const text = value === true ? 'derivatives must be shared under the same licence' : value.text;
    out.push({ key, title: CONDITION_TITLES[key], text });
  }
  return out;
}
