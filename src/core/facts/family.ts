import type { Model } from '../schema/model.ts';
import { endpointKey } from '../catalog/endpoint-id.ts';

export interface Family {
  /** Comparable key (owner lower-cased). */
  key: string;
  /** How the family was determined, so a reader can weigh it. */
  source: 'fal group' | 'id rule';
}

/**
 * The family of an endpoint: fal's own `group` (kept by the sync as the tag `group:<key>`) where
 * known; otherwise the id rule: the owner and the first segment after it, so
 * `fal-ai/kling-video/v2.1/pro/image-to-video` belongs to `fal-ai/kling-video` and
 * `fal-ai/ace-step/audio-to-audio` to `fal-ai/ace-step`.
 */
export function familyOf(model: Pick<Model, 'id' | 'tags'>): Family {
  const group = model.tags.find((t) => t.startsWith('group:'))?.slice('group:'.length).trim();
  if (group) return { key: `group:${group.toLowerCase()}`, source: 'fal group' };
  const [owner, first] = model.id.split('/');
  return { key: endpointKey(`${owner}/${first}`), source: 'id rule' };
}
