import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/core/gate/config.ts';
import { formatProblem } from '../../../src/core/problem.ts';

/** Whatever bytes a policy file holds, loading it ends with a policy or with one-line problems. */
describe('policy and waiver parsing never crash or hang', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'mg-fuzz-')); });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const load = async (name: string, bytes: Uint8Array | string) => {
    await writeFile(path.join(dir, name), bytes);
    const r = await loadPolicy(dir, path.join(dir, name));
    if (!r.ok) {
      expect(r.problems.length).toBeGreaterThan(0);
      for (const p of r.problems) expect(formatProblem(p)).not.toContain('\n');
    }
    return r;
  };

  it('arbitrary bytes (including invalid UTF-8)', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => { await load('modelgate.config.yaml', bytes); }), { numRuns: 150 });
  });

  it('arbitrary text in JSON and YAML files, and as a waiver file', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
      await load('modelgate.config.json', text);
      await writeFile(path.join(dir, 'w.yaml'), text);
      await load('modelgate.config.yaml', 'waiverFiles: [w.yaml]\n');
    }), { numRuns: 150 });
  });

  it('structurally plausible policies: every problem names its field', async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('allow', 'warn', 'review', 'deny', '2026-01-01'));
    const policy = fc.dictionary(fc.constantFrom('labels', 'partnerApi', 'dynamic', 'waivers', 'organisation', 'contexts', 'extends', 'nonsense'), fc.oneof(value, fc.array(value), fc.dictionary(fc.string({ maxLength: 8 }), value)));
    await fc.assert(fc.asyncProperty(policy, async (p) => {
      const r = await load('modelgate.config.json', JSON.stringify(p));
      if (!r.ok) for (const prob of r.problems) expect(prob.file).toBeDefined();
    }), { numRuns: 200 });
  });

  it('deep nesting, huge lines and huge files get a clear refusal', async () => {
    const deep = await load('modelgate.config.json', '['.repeat(200_000) + ']'.repeat(200_000));
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.problems[0]!.message).toMatch(/nested deeper than 64 levels/);
    const deepObj = await load('modelgate.config.json', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000));
    expect(deepObj.ok).toBe(false);
    const longLine = await load('modelgate.config.yaml', `labels:\n  research: "${'x'.repeat(500_000)}"\n`);
    expect(longLine.ok).toBe(false);
    if (!longLine.ok) expect(longLine.problems[0]).toMatchObject({ line: 2, field: 'labels.research' });
    const huge = await load('modelgate.config.yaml', `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.problems[0]!.message).toMatch(/more than a policy file may hold/);
  });

  it('YAML alias bombs are refused, not expanded', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const r = await load('modelgate.config.yaml', bomb);
    expect(r.ok).toBe(false);
  });
});
