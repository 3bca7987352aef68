import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanProject } from '../../../src/core/scan/index.ts';
import { walk } from '../../../src/core/scan/walk.ts';

let root: string;
const call = (id: string): string => `import { fal } from "@fal-ai/client";\nfal.subscribe("${id}", {});\n`;
function put(rel: string, text: string | Buffer): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}
const paths = async (opts = {}): Promise<string[]> => (await walk(root, opts)).files.map((f) => f.relPath);

beforeEach(() => { root = mkdtempSync(path.join(os.tmpdir(), 'scan-walk-')); });
afterEach(() => { rmSync(root, { recursive: true, force: true }); });

describe('walk', () => {
  it('honours nested .gitignore files relative to their own directory, with negation', async () => {
    put('.gitignore', 'secret.ts\nbuild-*/\n');
    put('a.ts', call('fal-ai/a/x'));
    put('secret.ts', call('fal-ai/b/x'));
    put('build-tmp/c.ts', call('fal-ai/c/x'));
    put('pkg/.gitignore', '/local.ts\n*.gen.ts\n!keep.gen.ts\n');
    put('pkg/local.ts', call('fal-ai/d/x'));
    put('pkg/deep/local.ts', call('fal-ai/e/x'));
    put('pkg/x.gen.ts', call('fal-ai/f/x'));
    put('pkg/keep.gen.ts', call('fal-ai/g/x'));
    put('local.ts', call('fal-ai/h/x'));
    expect(await paths()).toEqual(['a.ts', 'local.ts', 'pkg/deep/local.ts', 'pkg/keep.gen.ts']);
  });

  it('honours .git/info/exclude and always skips built-in directories', async () => {
    put('.git/info/exclude', 'private/\n');
    put('private/p.ts', call('fal-ai/a/x'));
    for (const d of ['node_modules', 'dist', '.next', 'vendor', '__pycache__', '.venv', 'target', 'coverage']) put(`${d}/x.ts`, call('fal-ai/b/x'));
    put('src/ok.py', 'import fal_client\nfal_client.run("fal-ai/c/x")\n');
    expect(await paths()).toEqual(['src/ok.py']);
  });

  it('applies include and exclude globs and only reads file types that can hold calls', async () => {
    put('src/a.ts', call('fal-ai/a/x'));
    put('src/a.test.ts', call('fal-ai/b/x'));
    put('scripts/b.py', 'x = 1\n');
    put('README.md', 'fal.subscribe("fal-ai/c/x")\n');
    put('logo.png', 'not really');
    put('src/types.d.ts', 'export type X = "fal-ai/d/x";\n');
    expect(await paths()).toEqual(['scripts/b.py', 'src/a.test.ts', 'src/a.ts']);
    expect(await paths({ include: ['src/**'], exclude: ['**/*.test.ts'] })).toEqual(['src/a.ts']);
    expect(await paths({ exclude: ['scripts'] })).toEqual(['src/a.test.ts', 'src/a.ts']);
  });

  it('scans files over the size limit in windows, and notes binary files instead of scanning them', async () => {
    put('big.ts', 'x'.repeat(2000) + call('fal-ai/a/x'));
    put('bin.js', Buffer.from([0x66, 0x61, 0x6c, 0x00, 0x01]));
    put('ok.ts', call('fal-ai/b/x'));
    const r = await scanProject(root, { maxFileBytes: 1000 });
    expect(r.findings.map((f) => f.id)).toEqual(['fal-ai/a/x', 'fal-ai/b/x']);
    expect(r.notes.map((n) => [n.file, n.code])).toEqual([['bin.js', 'binary']]);
    expect(r.filesScanned).toBe(2);
  });

  it('follows symlinks inside the root once, notes loops and links that leave the root', async () => {
    put('src/a.ts', call('fal-ai/a/x'));
    symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'again'));
    const outside = mkdtempSync(path.join(os.tmpdir(), 'scan-outside-'));
    writeFileSync(path.join(outside, 'o.ts'), call('fal-ai/o/x'));
    symlinkSync(outside, path.join(root, 'ext'));
    symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'alias.ts'));
    try {
      const r = await scanProject(root);
      expect(r.findings.map((f) => `${f.file}:${f.id}`)).toEqual(['alias.ts:fal-ai/a/x', 'src/a.ts:fal-ai/a/x']);
      expect(r.notes.map((n) => [n.file, n.code])).toEqual([['ext', 'symlink-outside'], ['src/again', 'symlink-loop']]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('turns unreadable files into notes and keeps going', async () => {
    put('a.ts', call('fal-ai/a/x'));
    put('locked.ts', call('fal-ai/b/x'));
    chmodSync(path.join(root, 'locked.ts'), 0o000);
    const r = await scanProject(root);
    chmodSync(path.join(root, 'locked.ts'), 0o644);
    if (process.getuid?.() === 0) {
      // root reads anything: the file is simply scanned.
      expect(r.findings.map((f) => f.id)).toEqual(['fal-ai/a/x', 'fal-ai/b/x']);
    } else {
      expect(r.findings.map((f) => f.id)).toEqual(['fal-ai/a/x']);
      expect(r.notes.map((n) => [n.file, n.code])).toEqual([['locked.ts', 'unreadable']]);
    }
  });

  it('scans exactly the given files in --staged mode, ignoring .gitignore', async () => {
    put('.gitignore', 'gen.ts\n');
    put('a.ts', call('fal-ai/a/x'));
    put('gen.ts', call('fal-ai/g/x'));
    put('b.ts', call('fal-ai/b/x'));
    const r = await scanProject(root, { files: ['gen.ts', './a.ts', '../escape.ts', 'missing.ts'] });
    expect(r.findings.map((f) => f.file)).toEqual(['a.ts', 'gen.ts']);
    expect(r.notes.map((n) => [n.file, n.code])).toEqual([['../escape.ts', 'skipped'], ['missing.ts', 'unreadable']]);
  });

  it('reports a missing root as a note, not an exception', async () => {
    const r = await scanProject(path.join(root, 'nope'));
    expect(r.filesScanned).toBe(0);
    expect(r.notes[0]?.code).toBe('unreadable');
  });
});
