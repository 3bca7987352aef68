import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/core/scan/index.ts';
import { isIdShaped, normalizeCallId, normalizeLiteLlm, normalizePromptfoo } from '../../../src/core/scan/ids.ts';
import { findFalUrls } from '../../../src/core/scan/urls.ts';

const urlIds = (u: string): (string | null)[] => findFalUrls(u).map((m) => m.id);

describe('endpoint id grammar', () => {
  it.each([
    ['fal-ai/flux/dev', true], ['fal-ai/flux-pro/v1.1-ultra', true], ['workflows/acme/my-flow', true],
    ['perceptron/isaac-01/openai/v1/chat/completions', true], ['fal-ai', false], ['@fal-ai/client', false],
    ['fal-ai/...', false], ['fal-ai/<model>', false], ['owner/model:abc123', false], ['image.png', false],
    ['assets/logo.png', false], ['a/b/c/d/e/f/g/h/i', false],
  ])('%s → %s', (id, ok) => {
    expect(isIdShaped(id)).toBe(ok);
  });
});

describe('normalization of SDK ids', () => {
  it('turns legacy numeric ids into owner/alias', () => {
    expect(normalizeCallId('110602490-lcm', 'js-sdk')).toBe('110602490/lcm');
    expect(normalizeCallId('54285744-illusion-diffusion', 'py-sdk')).toBe('54285744/illusion-diffusion');
  });
  it('adds fal-ai/ to AI SDK video/transcription ids, and does not double it', () => {
    expect(normalizeCallId('whisper', 'ai-sdk-prefixless')).toBe('fal-ai/whisper');
    expect(normalizeCallId('luma-dream-machine/ray-2', 'ai-sdk-prefixless')).toBe('fal-ai/luma-dream-machine/ray-2');
    expect(normalizeCallId('fal-ai/kling-video/v2/master', 'ai-sdk-prefixless')).toBe('fal-ai/kling-video/v2/master');
  });
  it('strips the LiteLLM route prefix, adding fal-ai/ to its short form', () => {
    expect(normalizeLiteLlm('fal_ai/fal-ai/flux-pro/v1.1')).toBe('fal-ai/flux-pro/v1.1');
    expect(normalizeLiteLlm('fal_ai/flux/schnell')).toBe('fal-ai/flux/schnell');
    expect(normalizeLiteLlm('fal_ai/bria/text-to-image/3.2', (id) => id.startsWith('bria/'))).toBe('bria/text-to-image/3.2');
  });
  it('strips the promptfoo provider prefix', () => {
    expect(normalizePromptfoo('fal:image:fal-ai/flux/schnell')).toBe('fal-ai/flux/schnell');
    expect(normalizePromptfoo('fal:image:')).toBeNull();
  });
});

describe('fal URL forms', () => {
  it.each([
    ['https://fal.run/fal-ai/flux/dev', 'fal-ai/flux/dev'],
    ['https://queue.fal.run/fal-ai/flux/dev/image-to-image?fal_webhook=https://x.y/z', 'fal-ai/flux/dev/image-to-image'],
    ['wss://ws.fal.run/fal-ai/fast-sdxl', 'fal-ai/fast-sdxl'],
    ['wss://fal.run/fal-ai/flux-2/klein/realtime?fal_jwt_token=abc', 'fal-ai/flux-2/klein/realtime'],
    ['https://fal.run/fal-ai/flux-lora/stream', 'fal-ai/flux-lora/stream'],
    ['https://110602490-lcm.gateway.alpha.fal.ai/', '110602490/lcm'],
    ['https://gateway.alpha.fal.ai/trigger/110602490/fast-sdxl/', '110602490/fast-sdxl'],
    ['https://gateway.alpha.fal.ai/trigger/110602490-lcm-sd15-i2i', '110602490/lcm-sd15-i2i'],
    ['https://router.huggingface.co/fal-ai/fal-ai/flux/schnell?_subdomain=queue', 'fal-ai/flux/schnell'],
    ['http://localhost.fal.run:8080/fal-ai/x/y', 'fal-ai/x/y'],
  ])('%s → %s', (url, id) => {
    expect(urlIds(url)).toEqual([id]);
  });

  it.each([
    'https://queue.fal.run/fal-ai/flux/requests/764cabcf-b745/status',
    'https://queue.fal.run/fal-ai/flux/requests/764cabcf-b745',
    'https://v3.fal.media/files/tiger/x.png',
    'https://fal.media/files/koala/x.jpg',
    'https://rest.fal.ai/storage/upload/initiate',
    'https://api.fal.ai/v1/models?endpoint_id=fal-ai/flux/dev',
    'https://github.com/fal-ai/fal-js',
    'https://fal.run/',
    'https://notfal.run/fal-ai/flux/dev',
  ])('%s is not a model call', (url) => {
    expect(urlIds(url)).toEqual([]);
  });

  it('treats an interpolated id after a fal host as dynamic', () => {
    expect(scanSource('a.ts', 'fetch(`https://queue.fal.run/${id}`);\n').map((f) => [f.kind, f.id])).toEqual([['dynamic', null]]);
    expect(scanSource('a.py', 'url = f"https://fal.run/{endpoint}/stream"\n').map((f) => [f.kind, f.id])).toEqual([['dynamic', null]]);
  });

  it('resolves an interpolated name that is a constant, reporting the constant once', () => {
    const src = 'MODEL = "fal-ai/flux/dev"\nurl = f"https://fal.run/{MODEL}"\n';
    expect(scanSource('a.py', src).map((f) => [f.line, f.kind, f.id])).toEqual([[1, 'call', 'fal-ai/flux/dev']]);
  });
});

describe('findings carry positions, raw text and the pattern tag', () => {
  it('points at the literal content and keeps the trimmed source line', () => {
    const [f] = scanSource('src/x.ts', 'const r = await fal.subscribe(\n    "fal-ai/flux/dev", {});\n');
    expect(f).toEqual({
      file: 'src/x.ts', line: 2, column: 6, kind: 'call', usage: 'source', id: 'fal-ai/flux/dev',
      raw: 'fal-ai/flux/dev', via: 'js-sdk', lineText: '"fal-ai/flux/dev", {});',
    });
  });
  it('tags each pattern', () => {
    const via = (rel: string, src: string): string[] => scanSource(rel, src).map((f) => f.via);
    expect(via('a.py', 'import fal_client\nfal_client.run("fal-ai/a/b")\n')).toEqual(['py-sdk']);
    expect(via('a.py', 'litellm.image_generation(model="fal_ai/fal-ai/flux-pro/v1.1")\n')).toEqual(['litellm']);
    expect(via('a.ts', 'fal.image("fal-ai/flux/dev")\n')).toEqual(['ai-sdk']);
    expect(via('a.ts', 'const M = "fal-ai/flux/dev";\nfal.run(M);\n')).toEqual(['constant']);
    expect(via('a.py', 'fal.apps.run("fal-ai/a/b", {})\n')).toEqual(['fal-apps']);
  });
  it('resolves ternaries between literals to one call per literal', () => {
    const src = 'const M = fast ? "fal-ai/flux/schnell" : "fal-ai/flux/dev";\nawait fal.subscribe(M, {});\n';
    expect(scanSource('a.ts', src).map((f) => [f.kind, f.id])).toEqual([['call', 'fal-ai/flux/schnell'], ['call', 'fal-ai/flux/dev']]);
  });
  it('reports a bare catalog id only when the caller says it is known', () => {
    const src = 'export const M = { model: "bria/text-to-image/3.2" };\n';
    expect(scanSource('a.ts', src)).toEqual([]);
    expect(scanSource('a.ts', src, { isKnownEndpoint: (id) => id.startsWith('bria/') }).map((f) => f.kind)).toEqual(['reference']);
  });
});
