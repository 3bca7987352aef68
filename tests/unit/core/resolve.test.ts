import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointKey, requestPath } from '../../../src/core/catalog/endpoint-id.ts';
import { catalogOf, model } from './helpers.ts';

const catalog = catalogOf([
  model('fal-ai/flux/dev'),
  model('fal-ai/flux/dev/image-to-image'),
  model('fal-ai/flux/schnell'),
  model('cassetteai/music-generator', { aliases: ['CassetteAI/music-generator'] }),
  model('fal-ai/recraft/v3/text-to-image', { aliases: ['fal-ai/recraft-v3'] }),
]);

describe('resolving request paths to catalog models', () => {
  it.each([
    ['fal-ai/flux/dev', 'fal-ai/flux/dev', 'exact', null],
    ['fal-ai/flux/dev/image-to-image', 'fal-ai/flux/dev/image-to-image', 'exact', null],
    ['fal-ai/flux/dev/stream', 'fal-ai/flux/dev', 'prefix', 'stream'],
    ['fal-ai/flux/dev/image-to-image/realtime', 'fal-ai/flux/dev/image-to-image', 'prefix', 'realtime'],
    ['FAL-AI/flux/dev', 'fal-ai/flux/dev', 'exact', null],
    ['CassetteAI/music-generator', 'cassetteai/music-generator', 'exact', null],
    ['fal-ai/recraft-v3', 'fal-ai/recraft/v3/text-to-image', 'alias', null],
    ['fal-ai/flux/dev/requests/0b5e8a8c-1111-4c8b-9e4f-5c3b2a1d0e9f/status', 'fal-ai/flux/dev', 'exact', null],
    ['fal-ai/flux/dev?fal_webhook=https://x.example/hook', 'fal-ai/flux/dev', 'exact', null],
  ])('%s → %s (%s)', (raw, id, how, subpath) => {
    const r = catalog.resolve(raw);
    expect(r?.model.id).toBe(id);
    expect(r?.how).toBe(how);
    expect(r?.subpath).toBe(subpath);
  });

  it('never collapses to owner/app: fal-ai/flux is not a model', () => {
    expect(catalog.resolve('fal-ai/flux')).toBeNull();
    expect(catalog.resolve('fal-ai/flux/pro')).toBeNull();
  });

  it('owner case is ignored but the rest of the id is not', () => {
    expect(catalog.resolve('fal-ai/FLUX/dev')).toBeNull();
  });

  const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);

  it('property: any extension of a catalog id resolves to that id or a longer catalog id', () => {
    const ids = catalog.models.map((m) => m.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.array(segment, { maxLength: 4 }), (id, extra) => {
        const raw = [id, ...extra].join('/');
        const r = catalog.resolve(raw);
        expect(r).not.toBeNull();
        expect(raw.startsWith(r!.model.id)).toBe(true);
        expect(r!.model.id.length).toBeGreaterThanOrEqual(id.length);
        // Longest match: no longer catalog id also prefixes the path.
        const longer = ids.filter((other) => other.length > r!.model.id.length && (raw === other || raw.startsWith(`${other}/`)));
        expect(longer).toEqual([]);
      }),
    );
  });

  it('property: resolution is insensitive to the owner case and to query strings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog.models.map((m) => m.id)), fc.boolean(), segment, (id, upper, q) => {
        const [owner, ...rest] = id.split('/');
        const variant = [upper ? owner!.toUpperCase() : owner, ...rest].join('/') + `?x=${q}`;
        expect(catalog.resolve(variant)?.model.id).toBe(id);
      }),
    );
  });

  it('property: a path whose owner is not in the catalog never resolves', () => {
    fc.assert(fc.property(fc.array(segment, { minLength: 2, maxLength: 6 }), (segs) => {
      expect(catalog.resolve(['nobody-owns-this', ...segs].join('/'))).toBeNull();
    }));
  });

  it('requestPath drops queue request tails and queries, endpointKey folds only the owner', () => {
    expect(requestPath('fal-ai/x/y/requests/abc/cancel')).toBe('fal-ai/x/y');
    expect(requestPath('/fal-ai/x/y/?a=1#f')).toBe('fal-ai/x/y');
    expect(endpointKey('Bria/Text-To-Image')).toBe('bria/Text-To-Image');
  });
});
