import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/core/scan/index.ts';

describe('a file the scanner fails on is reported, not passed over', () => {
  it('notes the file as analysis-failed and still scans the others', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-fail-'));
    try {
      await writeFile(path.join(dir, 'a.json'), '{ "model": "bria/text-to-image/3.2" }\n');
      await writeFile(path.join(dir, 'b.ts'), 'import { fal } from "@fal-ai/client";\nfal.subscribe("fal-ai/flux/dev", {});\n');
      const r = await scanProject(dir, {
        // A lookup that breaks on one id stands in for any internal failure of a reader.
        isKnownEndpoint: (id) => { if (id.startsWith('bria/')) throw new Error('lookup broke'); return true; },
        knownOwners: new Set(['bria', 'fal-ai']),
      });
      expect(r.notes).toContainEqual({ file: 'a.json', code: 'analysis-failed', message: 'could not be analysed (lookup broke); calls in it are not checked' });
      expect(r.findings.map((f) => [f.file, f.id])).toEqual([['b.ts', 'fal-ai/flux/dev']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
