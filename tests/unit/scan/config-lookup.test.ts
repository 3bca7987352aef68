import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/core/scan/index.ts';
import { keyTokens } from '../../../src/core/scan/link.ts';

describe('config lookups by key', () => {
  it('normalises keys across case, separators and camelCase', () => {
    expect(keyTokens('fal.portraitModel')).toEqual(['fal', 'portrait', 'model']);
    expect(keyTokens('STUDIO_PORTRAIT_MODEL')).toEqual(['studio', 'portrait', 'model']);
    expect(keyTokens('portrait-model')).toEqual(['portrait', 'model']);
  });

  it('traces a settings field to its default and leaves a request field dynamic', () => {
    const src = [
      'import fal_client',
      'class Settings(BaseSettings):',
      '    portrait_model: str = "fal-ai/flux-lora"',
      'settings = Settings()',
      'def a():',
      '    return fal_client.subscribe(settings.portrait_model, arguments={})',
      'def b(req):',
      '    return fal_client.subscribe(req.style_model, arguments={})',
    ].join('\n');
    const f = scanSource('app.py', src);
    expect(f.map((x) => [x.line, x.kind, x.id])).toEqual([[3, 'call', 'fal-ai/flux-lora'], [8, 'dynamic', null]]);
  });

  it('never matches a one-word generic key string', () => {
    const src = 'import { fal } from "@fal-ai/client";\nconst m = { model: "fal-ai/flux/dev" };\nconst e = config.get("model");\nfal.subscribe(e, {});\n';
    const f = scanSource('a.ts', src);
    expect(f.map((x) => [x.line, x.kind])).toEqual([[2, 'reference'], [4, 'dynamic']]);
  });

  it('stays linear on many lookups and keys', () => {
    const lines = ['import fal_client'];
    for (let i = 0; i < 3000; i++) lines.push(`k${i}_model = "fal-ai/m${i}"`, `fal_client.run(settings.k${i}_model)`);
    const t0 = performance.now();
    const f = scanSource('big.py', lines.join('\n'));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.filter((x) => x.kind === 'dynamic')).toEqual([]);
  });
});
