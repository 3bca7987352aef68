import { legalRows, type LegalRow } from '../core/site/legal.ts';
import { siteCatalog } from './catalog.ts';

let cached: Promise<LegalRow[]> | undefined;
export function siteLegalRows(): Promise<LegalRow[]> {
  cached ??= siteCatalog().then(({ catalog, verdicts }) => legalRows(catalog, verdicts));
  return cached;
}
