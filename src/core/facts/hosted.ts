import type { Model } from '../schema/model.ts';
import { resolveHosted, type HostedFacts } from './resolve.ts';

const memo = new WeakMap<object, HostedFacts>();

/**
 * The effective hosted facts of a catalog entry (see resolve.ts), computed once per entry.
 * Everything that shows or judges a label reads it from here, so the site, the gate and the
 * report cannot disagree.
 */
export function hostedFacts(model: Pick<Model, 'hosted'>): HostedFacts {
  let facts = memo.get(model.hosted);
  if (!facts) {
    facts = resolveHosted(model.hosted.observations);
    memo.set(model.hosted, facts);
  }
  return facts;
}
