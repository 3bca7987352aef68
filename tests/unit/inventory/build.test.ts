import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInventory } from '../../../src/core/inventory/build.ts';
import { failOnTripped, MESSAGE_ITEMS } from '../../../src/core/inventory/fail-on.ts';
import { readReports } from '../../../src/core/inventory/read.ts';
import { inventoryJson } from '../../../src/core/inventory/render-json.ts';
import type { CheckReport } from '../../../src/core/schema/check-report.ts';
import { checkedOrg, reportPath } from './org-fixture.ts';
import { ORG } from './org-repositories.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const build = async (files: string[]) => {
  const read = await readReports(files);
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  return buildInventory(read.value, { now: NOW, version: 'test', expiringWithinDays: 30, failOn: [] });
};

let dir: string;
let files: string[];
beforeAll(async () => {
  ({ reports: dir } = await checkedOrg({
    ...ORG,
    'acme/dyn': {
      'src/any.ts': 'import { fal } from "@fal-ai/client";\nexport const any = (endpoint: string) => fal.run(endpoint, { input: {} });\n',
      'modelgate.config.yaml': 'waivers:\n  - model: dynamic\n    reason: ids come from an allow-list in config\n    approvedBy: sam@legal.example\n    approvedOn: "2026-06-01"\n    expires: "2027-01-31"\n',
    },
  }));
  const base = JSON.parse(await readFile(reportPath(dir, 'acme/web'), 'utf8')) as CheckReport;
  // The same repository reported three more times, on other days and commits: only the newest may count.
  files = [reportPath(dir, 'acme/web')];
  for (const [i, day] of ['2026-06-10', '2026-06-14', '2026-06-12'].entries()) {
    const f = path.join(dir, `web-${i}.json`);
    await writeFile(f, JSON.stringify({ ...base, generatedAt: `${day}T08:00:00.000Z`, commit: `c${i}` }));
    files.push(f);
  }
  for (const r of ['acme/lab', 'acme/stickers', 'acme/dyn']) files.push(reportPath(dir, r));
});

describe('buildInventory', () => {
  it('gives the same inventory whatever order the reports are read in', async () => {
    const expected = JSON.stringify(await build(files));
    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(files, { minLength: files.length }), async (order) => {
      expect(JSON.stringify(await build(order))).toBe(expected);
    }), { numRuns: 15 });
    const inv = JSON.parse(expected);
    expect(inv.superseded.map((s: { file: string }) => path.basename(s.file))).toEqual(['web-1.json', 'web-2.json', 'web-0.json']);
    expect(new Set(inv.superseded.map((s: { supersededBy: string }) => s.supersededBy))).toEqual(new Set([reportPath(dir, 'acme/web')]));
  });

  it('a dynamic call is listed with its repository; a waiver covering it names `dynamic` and keeps --fail-on dynamic quiet', async () => {
    const inv = await build(files);
    expect(inv.dynamic).toEqual([expect.objectContaining({ repository: 'acme/dyn', file: 'src/any.ts', line: 2, status: 'waived' })]);
    expect(inv.waivers.find((w) => w.repository === 'acme/dyn')).toMatchObject({ models: ['dynamic'], callSites: 1, expiring: false });
    expect(failOnTripped(inv, ['dynamic'])).toEqual([]);
  });

  it('facts come from the newest catalog a report was judged against; other labels seen are kept', async () => {
    const lab = JSON.parse(await readFile(reportPath(dir, 'acme/lab'), 'utf8')) as CheckReport;
    const older = structuredClone(lab);
    older.repository = 'acme/old-catalog';
    older.catalog = { ...older.catalog, contentHash: 'sha256:older', generatedAt: '2025-01-01T00:00:00.000Z' };
    for (const f of older.findings) if (f.model?.id === 'fal-ai/flux/dev') f.model.hostedLabel = 'unknown';
    const f = path.join(dir, 'old-catalog.json');
    await writeFile(f, JSON.stringify(older));
    const inv = await build([reportPath(dir, 'acme/lab'), f]);
    const flux = inv.models.find((m) => m.id === 'fal-ai/flux/dev')!;
    expect([flux.hostedLabel, flux.labelsSeen]).toEqual(['commercial', ['commercial', 'unknown']]);
    expect(inv.catalogs.map((c) => [c.contentHash, c.repositories])).toEqual([[lab.catalog.contentHash, ['acme/lab']], ['sha256:older', ['acme/old-catalog']]]);
  });
});

describe('failOnTripped', () => {
  it('names at most MESSAGE_ITEMS items a message, and keeps every repository in the data', async () => {
    const inv = await build(files);
    const stickers = inv.repositories.find((r) => r.repository === 'acme/stickers')!;
    const many = structuredClone(inv);
    const names = Array.from({ length: MESSAGE_ITEMS + 5 }, (_, i) => `acme/r${String(i).padStart(2, '0')}`);
    many.repositories = names.map((repository) => ({ ...stickers, repository }));
    const [t] = failOnTripped(many, ['failing']);
    expect(t!.repositories).toEqual(names);
    expect(t!.message).toBe(`${names.length} repositories whose own gate fails: ${names.slice(0, MESSAGE_ITEMS).join(', ')}, and 5 more (see the inventory)`);
    const [few] = failOnTripped(inv, ['failing']);
    expect(few!.message).toBe('1 repository whose own gate fails: acme/stickers');
  });
});

describe('inventoryJson', () => {
  it('writes, in pieces, exactly what JSON.stringify writes: big arrays, empty ones, nested newlines, optional fields', async () => {
    const inv = await build(files);
    const odd = structuredClone(inv);
    odd.waivers[0]!.reason = 'line one\nline two "quoted" \u2028 Σ';
    odd.superseded = [];
    odd.catalogChange = { against: { source: 'x.json', generatedAt: '2026-06-20', contentHash: 'sha256:x' }, changes: [] };
    for (const v of [inv, odd]) {
      const pieces = [...inventoryJson(v)];
      expect(pieces.join('')).toBe(`${JSON.stringify(v, null, 2)}\n`);
    }
    const big = structuredClone(inv);
    big.dynamic = Array.from({ length: 20_000 }, (_, i) => ({ ...inv.dynamic[0]!, line: i + 1 }));
    const pieces = [...inventoryJson(big)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(`${JSON.stringify(big, null, 2)}\n`);
  });
});
