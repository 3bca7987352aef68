import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/core/catalog/build.ts';
import { loadContentDir } from '../../../src/core/content/load.ts';
import { formatProblem, type Problem } from '../../../src/core/problem.ts';

const run = promisify(execFile);
const FIXTURES = path.resolve('tests/fixtures/content');

async function problemsOf(dir: string): Promise<Problem[]> {
  const loaded = await loadContentDir(dir);
  const built = buildCatalog(loaded.models, loaded.licenses);
  return [...loaded.problems, ...built.problems];
}

/** Each malformed-content fixture: the one problem it must produce, with file, line and field. */
const CASES: { name: string; file: string; line: number; field?: string; code: Problem['code']; says: RegExp }[] = [
  { name: 'missing-field', file: 'models/fal-ai/a.md', line: 2, field: 'name', code: 'schema', says: /expected string, received undefined/ },
  { name: 'wrong-type', file: 'models/fal-ai/a.md', line: 4, field: 'category', code: 'schema', says: /expected string/ },
  { name: 'bad-label', file: 'models/fal-ai/a.md', line: 10, field: 'hosted.observations[0].label', code: 'schema', says: /commercial.*research.*private/ },
  { name: 'bad-date', file: 'models/fal-ai/a.md', line: 8, field: 'hosted.observations[0].observed', code: 'schema', says: /not a real calendar date/ },
  { name: 'unknown-field', file: 'models/fal-ai/a.md', line: 2, field: '(root)', code: 'schema', says: /revew/ },
  { name: 'unknown-license', file: 'models/fal-ai/a.md', line: 14, field: 'weights.license', code: 'unknown-license', says: /LicenseRef-Nowhere/ },
  { name: 'id-mismatch', file: 'models/fal-ai/a.md', line: 2, field: 'id', code: 'id-path-mismatch', says: /expected "fal-ai\/a"/ },
  { name: 'duplicate-alias', file: 'models/fal-ai/b.md', line: 14, field: 'aliases[0]', code: 'duplicate-alias', says: /fal-ai\/old.*fal-ai\/a\.md/ },
  { name: 'malformed-yaml', file: 'models/fal-ai/a.md', line: 5, code: 'yaml', says: /malformed YAML: Flow sequence/ },
  { name: 'duplicate-key', file: 'models/fal-ai/a.md', line: 13, code: 'yaml', says: /unique/i },
  { name: 'no-front-matter', file: 'models/fal-ai/a.md', line: 1, code: 'front-matter', says: /missing YAML front matter/ },
];

describe('malformed content fails loudly, one problem per fault', () => {
  it('the valid fixture loads without problems', async () => {
    expect(await problemsOf(path.join(FIXTURES, 'valid'))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.name}: names the file, line and field`, async () => {
      const dir = path.join(FIXTURES, c.name);
      const problems = await problemsOf(dir);
      expect(problems).toHaveLength(1);
      const [p] = problems;
      expect(p).toMatchObject({ code: c.code, file: path.join(dir, c.file), line: c.line });
      if (c.field) expect(p!.field).toBe(c.field);
      expect(p!.message).toMatch(c.says);
      // The line is real: the field (or the YAML fault) stands on it.
      const text = (await readFile(p!.file!, 'utf8')).split('\n');
      expect(text[p!.line! - 1]).toBeDefined();
      expect(formatProblem(p!)).not.toContain('\n');
    });
  }

  const tmp: string[] = [];
  afterAll(async () => Promise.all(tmp.map((d) => rm(d, { recursive: true, force: true }))));

  it('duplicate ids: two files whose ids differ only in the owner case', async () => {
    // Built at test time: committed paths that differ only in case would break case-insensitive checkouts.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-dup-'));
    tmp.push(dir);
    await cp(path.join(FIXTURES, 'valid'), dir, { recursive: true });
    const text = await readFile(path.join(dir, 'models/fal-ai/flux/dev.md'), 'utf8');
    await mkdir(path.join(dir, 'models/FAL-AI/flux'), { recursive: true });
    await writeFile(path.join(dir, 'models/FAL-AI/flux/dev.md'), text.replace('id: fal-ai/flux/dev', 'id: FAL-AI/flux/dev'));
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'duplicate-id', field: 'id', line: 2 });
    expect(problems[0]!.message).toMatch(/already claimed/);
  });

  it('the catalog compiler exits non-zero with one line per problem and writes nothing', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'mg-out-'));
    tmp.push(out);
    const result = await run(process.execPath, ['scripts/compile-catalog.ts', '--content', path.join(FIXTURES, 'bad-label'), '--out', out]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/bad-label\/models\/fal-ai\/a\.md:10: hosted\.observations\[0\]\.label: /);
    expect(lines.at(-1)).toMatch(/1 problem\(s\).*no catalog was written/);
    await expect(readFile(path.join(out, 'catalog.json'))).rejects.toThrow();
  });
});
