import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { dedupePages, idMismatch, pageObservation, parsePrice, readPageRecords } from '../../../scripts/reference/pages.ts';
import { resolveHosted } from '../../../src/core/facts/resolve.ts';

const run = promisify(execFile);
const REFERENCE = path.resolve('../shared/reference');
const HEADER = 'endpoint_id\turl\tpage_kind\tmatched_by\tlabel\tpartner\tbadge_words\tcopy_marker\tdisplay_name\tcategory\tprice\tstatus\tstatus_words\treplaced_by\tquery';
const row = (cells: Record<string, string>) => HEADER.split('\t').map((h) => cells[h] ?? '').join('\t');

const tmp: string[] = [];
afterAll(() => Promise.all(tmp.map((d) => rm(d, { recursive: true, force: true }))));
async function dataDir(rows: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-pages-'));
  tmp.push(dir);
  await mkdir(path.join(dir, 'fal-pages'), { recursive: true });
  await writeFile(path.join(dir, 'fal-pages', 'pages-t.tsv'), [HEADER, ...rows, ''].join('\n'));
  return dir;
}

describe('records of fal page copies', () => {
  it('a page counts only for the exact id its URL or Endpoint ID line names', () => {
    expect(idMismatch('fal-ai/kling-video/v2/master', 'https://fal.ai/models/fal-ai/kling-video/v2/master/api', 'url')).toBeNull();
    expect(idMismatch('FAL-AI/x', 'https://fal.ai/models/fal-ai/x/playground', 'url')).toBeNull();
    expect(idMismatch('fal-ai/kling-video/v2', 'https://fal.ai/models/fal-ai/kling-video/v2/master/api', 'url')).toMatch(/is for fal-ai\/kling-video\/v2\/master/);
    expect(idMismatch('fal-ai/x', 'https://fal.ai/docs/model-api-reference/image-generation-api/x', 'url')).toMatch(/Endpoint ID line/);
    expect(idMismatch('fal-ai/x', 'https://fal.ai/docs/model-api-reference/image-generation-api/x', 'endpoint-id-line')).toBeNull();
    expect(idMismatch('fal-ai/x', 'https://example.org/models/fal-ai/x', 'endpoint-id-line')).toMatch(/not a fal\.ai page/);
  });

  it('a row naming a sibling\'s page fails the generator with file, line and field, and writes nothing', async () => {
    const data = await dataDir([
      row({ endpoint_id: 'fal-ai/flux/dev', url: 'https://fal.ai/models/fal-ai/flux/dev/api', page_kind: 'api', matched_by: 'url', label: 'commercial', partner: 'no', badge_words: 'Inference Commercial use' }),
      row({ endpoint_id: 'fal-ai/flux/schnell', url: 'https://fal.ai/models/fal-ai/flux/dev/api', page_kind: 'api', matched_by: 'url', label: 'research', partner: 'no' }),
    ]);
    const content = await mkdtemp(path.join(os.tmpdir(), 'mg-content-'));
    tmp.push(content);
    const r = await run(process.execPath, ['scripts/generate-content.ts', '--reference', REFERENCE, '--data', data, '--content', content]).then(
      () => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/pages-t\.tsv:3: url: the page is for fal-ai\/flux\/dev, not fal-ai\/flux\/schnell$/);
    expect(await readdir(content)).toEqual([]);
    const bad = await dataDir([row({ endpoint_id: 'fal-ai/a', url: 'https://fal.ai/models/fal-ai/a', page_kind: 'model', matched_by: 'url', label: 'Commercial' })]);
    await expect(readPageRecords(path.join(bad, 'fal-pages'))).rejects.toThrow(/pages-t\.tsv:2: label: /);
  });

  it('an old-client copy is dated 2024-era; a copy without a badge states nothing; copies that differ stay apart', async () => {
    const data = await dataDir([
      row({ endpoint_id: 'fal-ai/xtts', url: 'https://fal.ai/models/fal-ai/xtts/api', page_kind: 'api', matched_by: 'url', label: 'commercial', partner: 'no', badge_words: 'Inference Commercial use', copy_marker: 'old-client' }),
      row({ endpoint_id: 'fal-ai/xtts', url: 'https://fal.ai/models/fal-ai/xtts/api', page_kind: 'api', matched_by: 'url', label: 'private', partner: 'no', badge_words: 'Inference Private', copy_marker: 'new-client' }),
      row({ endpoint_id: 'fal-ai/xtts', url: 'https://fal.ai/models/fal-ai/xtts/api', page_kind: 'api', matched_by: 'url', label: 'private', partner: 'no', badge_words: 'Inference Private', copy_marker: 'new-client' }),
      row({ endpoint_id: 'fal-ai/xtts', url: 'https://fal.ai/models/fal-ai/xtts/llms.txt', page_kind: 'llms.txt', matched_by: 'url', label: 'none', display_name: 'XTTS', category: 'text-to-speech', price: '$0.01 per 1000 characters' }),
    ]);
    const records = dedupePages(await readPageRecords(path.join(data, 'fal-pages')));
    expect(records).toHaveLength(3);
    const observations = records.map(pageObservation);
    expect(observations[0]).toMatchObject({ label: 'commercial', undated: { before: '2025-01-01', note: expect.stringMatching(/2024-era/) }, seen: 'Inference Commercial use', evidence: 'primary' });
    expect(observations[1]).toMatchObject({ label: 'private', undated: { before: '2026-12-01' } });
    expect(observations[2]).toBeNull();
    expect(records[2]).toMatchObject({ name: 'XTTS', category: 'text-to-speech', price: { usd: 0.01, unit: '1000 characters' } });
    // Neither copy is dated, so they conflict and the stricter label applies.
    expect(resolveHosted(observations.filter((o) => o !== null)).license).toMatchObject({ value: 'private', conflict: ['private', 'commercial'] });
  });

  it('prices are read only in the "$N per unit" form', () => {
    expect(parsePrice('$0.04 per image')).toEqual({ usd: 0.04, unit: 'image' });
    expect(parsePrice('$3 per 1000-step training run')).toEqual({ usd: 3, unit: '1000-step training run' });
    expect(parsePrice('For every second of video you pay $0.2')).toBeNull();
    expect(parsePrice('')).toBeNull();
  });

  it('every committed record passes these checks (the generator reads them all)', async () => {
    const records = await readPageRecords(path.resolve('data/fal-pages'));
    expect(records.length).toBeGreaterThan(500);
    const text = await readFile(path.resolve('data/fal-pages/README.md'), 'utf8');
    for (const col of HEADER.split('\t')) expect(text, col).toContain(`\`${col}\``);
  });
});
