import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REFERENCE = path.resolve('../shared/reference');

describe('generate-content never overwrites what people wrote', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mg-gen-'));
    await cp('content', path.join(dir, 'content'), { recursive: true });
    // Bring the copy up to date first, so that what follows measures only the generator's merge.
    await run(process.execPath, ['scripts/generate-content.ts', '--content', path.join(dir, 'content'), '--reference', REFERENCE]);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps notes, review records and a newer label observation; changes nothing else', async () => {
    const file = path.join(dir, 'content/models/fal-ai/flux/dev.md');
    const original = await readFile(file, 'utf8');
    const edited = original
      .replace('review: null', 'review:\n  by: Jane Counsel\n  date: "2026-11-01"\n  note: cleared for marketing use')
      .replace('hosted:\n  observations:\n', 'hosted:\n  observations:\n    - source: fal Platform API GET /v1/models\n      url: https://api.fal.ai/v1/models?endpoint_id=fal-ai/flux/dev\n      observed: "2026-11-20"\n      evidence: primary\n      label: research\n')
      .concat('\nLegal: outputs cleared for the 2026 campaign.\n');
    expect(edited).toContain('label: research');
    await writeFile(file, edited);
    const { stdout } = await run(process.execPath, ['scripts/generate-content.ts', '--content', path.join(dir, 'content'), '--reference', REFERENCE]);
    expect(stdout).toMatch(/ 0 new, 0 changed, \d+ unchanged/);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('restores a deleted file and reports it as new', async () => {
    const file = path.join(dir, 'content/models/fal-ai/stable-cascade.md');
    const before = await readFile(file, 'utf8');
    await rm(file);
    const { stdout } = await run(process.execPath, ['scripts/generate-content.ts', '--content', path.join(dir, 'content'), '--reference', REFERENCE]);
    expect(stdout).toMatch(/1 new, 0 changed/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
