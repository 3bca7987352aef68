/**
 * `modelgate check --staged` (the pre-commit / husky / lefthook mode): only files staged in git
 * are scanned. Run as a hook would: the built CLI, the system Node, cwd in the repository.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, consumerEnv, ensureBuilt, REPO, run, SYSTEM_NODE, writeApp, writeResearchCall } from './helpers.ts';

let tmp: string;
let repo: string;
const git = (...args: string[]) => {
  const r = run('git', ['-c', 'user.email=dev@example.org', '-c', 'user.name=dev', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: consumerEnv() });
  expect(r.code, r.out).toBe(0);
  return r.stdout;
};
const staged = (...extra: string[]) => run(SYSTEM_NODE, [CLI, 'check', '--staged', ...extra], { cwd: repo, env: consumerEnv() });

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(tmpdir(), 'modelgate-staged-'));
  repo = path.join(tmp, 'repo');
  await writeApp(repo);
  run('git', ['init', '-q', '-b', 'main', repo], { env: consumerEnv() });
  git('add', '.');
  git('commit', '-q', '-m', 'app');
}, 240_000);
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('check --staged', () => {
  it('passes with nothing staged', () => {
    const r = staged();
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/in 0 file\(s\)/);
  });

  it('ignores a research-only call that is only in the work tree (untracked or unstaged)', async () => {
    await writeResearchCall(repo, 'src/cascade.ts');
    await writeFile(path.join(repo, 'src/thumbs.ts'), "import { fal } from '@fal-ai/client';\nexport const t = () => fal.run('fal-ai/stable-cascade', {});\n");
    const r = staged();
    expect(r.code, r.out).toBe(0);
    // while a full scan would fail
    expect(run(SYSTEM_NODE, [CLI, 'check'], { cwd: repo, env: consumerEnv() }).code).toBe(1);
  });

  it('fails (exit 1) once the research-only call is staged, naming only staged files', () => {
    git('add', 'src/cascade.ts');
    const r = staged();
    expect(r.code, r.out).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+src\/cascade\.ts:4:\d+/);
    expect(r.stdout).not.toContain('src/thumbs.ts');
    expect(r.stdout).toMatch(/in 1 file\(s\)/);
  });

  it('works from a subdirectory given as the dir (paths relative to it)', () => {
    const r = run(SYSTEM_NODE, [CLI, 'check', '--staged', 'src'], { cwd: repo, env: consumerEnv() });
    expect(r.code, r.out).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+cascade\.ts:4:\d+/);
  });

  it('exits 2 with a one-line message outside a git work tree', () => {
    const r = run(SYSTEM_NODE, [CLI, 'check', '--staged', tmp], { cwd: tmp, env: consumerEnv({ GIT_CEILING_DIRECTORIES: path.dirname(tmp) }) });
    expect(r.code, r.out).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--staged needs a git work tree');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares a modelgate hook running check --staged once per commit', () => {
    const hooks = parse(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    const hook = hooks.find((h) => h.id === 'modelgate');
    expect(hook).toMatchObject({ language: 'node', entry: 'modelgate check --staged', pass_filenames: false });
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain('modelgate');
  });
});
