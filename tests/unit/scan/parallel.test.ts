import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/core/scan/index.ts';
import { threadsFor, PARALLEL_MIN_FILES } from '../../../src/core/scan/parallel.ts';
import { FIXTURES_DIR, HOLDOUT2_DIR, HOLDOUT3_DIR, HOLDOUT_DIR, loadCatalogIds } from './fixture-harness.ts';

describe('a scan on several threads', () => {
  const ids = loadCatalogIds();
  const owners = [...new Set(ids.map((i) => i.split('/')[0]!.toLowerCase()))];

  it('finds exactly what one thread finds, with the same notes, on every fixture set', async () => {
    for (const root of [FIXTURES_DIR, HOLDOUT_DIR, HOLDOUT2_DIR, HOLDOUT3_DIR]) {
      const one = await scanProject(root, { knownIds: ids, knownOwners: owners, threads: 1 });
      const three = await scanProject(root, { knownIds: ids, knownOwners: owners, threads: 3 });
      expect(one.findings.length, root).toBeGreaterThan(50);
      expect(three, path.basename(root)).toEqual(one);
    }
  });

  it('uses every core (up to 4) only for large trees, and never fewer than one thread', () => {
    expect(threadsFor(10)).toBe(1);
    expect(threadsFor(PARALLEL_MIN_FILES)).toBeGreaterThanOrEqual(1);
    expect(threadsFor(100_000, 0)).toBe(1);
    expect(threadsFor(100_000, 16)).toBe(4);
  });
});
