import { canonicalJson } from '../catalog/compile.ts';
import { hostedFacts } from '../facts/hosted.ts';
import type { Model } from '../schema/model.ts';
import type { Changelog, StatusChange } from './changelog.ts';
import { isRestriction } from './merge.ts';

/**
 * Sorts one entry's before/after into the changelog. Labels, statuses and Partner flags are
 * compared as effective facts (hostedFacts), so an appended observation that an older or
 * stricter one outweighs changes nothing here, and dates never count as a change.
 */
export function recordChange(c: Changelog, before: Model, after: Model): void {
  const was = hostedFacts(before);
  const now = hostedFacts(after);
  const from = was.license.value;
  const to = now.license.value;
  if (from !== to) {
    const change = { id: after.id, name: after.name, from, to };
    c.labelChanges.push(change);
    if (isRestriction(from, to)) c.restricted.push(change);
  }
  const partnerChanged = was.partnerApi.value !== now.partnerApi.value || was.providerType.value !== now.providerType.value;
  if (partnerChanged) {
    c.partnerChanges.push({ id: after.id, name: after.name, from: was.partnerApi.value, to: now.partnerApi.value, providerFrom: was.providerType.value, providerTo: now.providerType.value });
  }
  const statusFrom = was.status.value;
  const statusTo = now.status.value;
  if (statusFrom !== statusTo) {
    const s: StatusChange = { id: after.id, name: after.name, label: to, from: statusFrom, to: statusTo, ...(after.lastSeen ? { lastSeen: after.lastSeen } : {}) };
    if (statusTo === 'removed') c.removed.push(s);
    else if (statusTo === 'deprecated') c.deprecated.push(s);
    else c.reactivated.push(s);
  }
  const factChanged = from !== to || partnerChanged || statusFrom !== statusTo;
  const fields = changedFields(before, after).filter((f) => !(f === 'hosted.observations' && factChanged));
  if (fields.length > 0) c.updated.push({ id: after.id, fields });
  else if (!factChanged) {
    if (canonicalJson(before) !== canonicalJson(after)) c.refreshed++;
    else c.unchanged++;
  }
}

/** The entry without the dates that only say "seen again": `lastSeen`, `confirmed`, a price's `observed`. */
function withoutDates(m: Model): Record<string, unknown> {
  const { lastSeen: _lastSeen, ...rest } = m;
  return {
    ...rest,
    hosted: { ...m.hosted, observations: m.hosted.observations.map(({ confirmed: _confirmed, ...o }) => o) },
    price: m.price ? { ...m.price, provenance: { ...m.price.provenance, observed: null } } : null,
  };
}

/** Top-level fields that changed, other than by dates moving; `hosted` is named `hosted.observations`. */
function changedFields(a: Model, b: Model): string[] {
  const x = withoutDates(a);
  const y = withoutDates(b);
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (canonicalJson(x[key] ?? null) !== canonicalJson(y[key] ?? null)) fields.push(key === 'hosted' ? 'hosted.observations' : key);
  }
  return fields.sort();
}
