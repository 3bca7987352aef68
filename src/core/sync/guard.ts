import { hostedFacts } from '../facts/hosted.ts';
import type { Model } from '../schema/model.ts';

/**
 * The removal guard. fal retires endpoints a few at a time; a listing that lacks a large part
 * of the catalog is far more likely an outage, a filter or a changed page size than a mass
 * retirement, and marking 1,500 endpoints removed would make the gate deny them all.
 */

/** More than this percentage of the catalog's models becoming removed in one run stops the sync. */
export const REMOVAL_GUARD_PERCENT = 5;

/** The absent models that this run would newly mark removed (the already removed do not count). */
export function wouldBecomeRemoved(absent: readonly Model[]): Model[] {
  return absent.filter((m) => hostedFacts(m).status.value !== 'removed');
}

const count = (n: number) => n.toLocaleString('en-US');

/** The one-line refusal when `removed` of `total` models is too many; undefined when it is not. */
export function removalGuardMessage(removed: number, total: number): string | undefined {
  if (total === 0 || removed * 100 <= total * REMOVAL_GUARD_PERCENT) return undefined; // integers: no rounding at the bound
  const percent = ((removed / total) * 100).toFixed(1);
  return `the listing would mark ${count(removed)} of ${count(total)} endpoints removed (${percent}%); that looks like an outage, a filter or a changed page size, not fal retiring them. Nothing was written. Re-run with --accept-removals to confirm.`;
}
