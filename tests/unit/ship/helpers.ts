/**
 * Shared by the ship tests: the built CLI (built on demand, once, under a lock), the
 * environment a consumer has (the system Node, no npm lifecycle variables of this project),
 * and a small fal-using app to scan.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = path.join(REPO, 'dist/cli.js');
/** The Node consumers have: Debian's /usr/bin/node (20), not the project's pinned 24. */
export const SYSTEM_NODE = '/usr/bin/node';
export const SYSTEM_NPM = '/usr/bin/npm';

export interface Run { code: number | null; stdout: string; stderr: string; out: string }

export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw r.error;
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  return { code: r.status, stdout, stderr, out: stdout + stderr };
}

/**
 * The environment of someone else's project: /usr/bin first on PATH (so `node` is Node 20),
 * none of this repository's node_modules/.bin, no npm_* variables from `npm run`/`npm exec`,
 * no CI variables that change the CLI's output.
 */
export function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE' || k === 'NODE_OPTIONS' || k.startsWith('GITHUB_') || k.startsWith('VITEST') || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  const rest = (process.env.PATH ?? '').split(path.delimiter).filter((p) => p && !p.includes(`node_modules${path.sep}.bin`) && p !== '/usr/bin');
  env.PATH = ['/usr/bin', ...rest].join(path.delimiter);
  env.NO_COLOR = '1';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return { ...env, ...extra };
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  for (const f of ['dist/cli.js', 'dist/catalog.json', 'dist/schema/config.schema.json']) if (!existsSync(path.join(REPO, f))) return true;
  const built = statSync(CLI).mtimeMs;
  const sources = Math.max(
    newest(path.join(REPO, 'src/cli')), newest(path.join(REPO, 'src/core')), newest(path.join(REPO, 'content')),
    statSync(path.join(REPO, 'scripts/build-cli.ts')).mtimeMs, statSync(path.join(REPO, 'scripts/compile-catalog.ts')).mtimeMs,
  );
  return sources > built;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist/ (`npm run catalog && npm run build:cli`, the prepack steps) when it is missing or
 * older than its sources. Test files run in parallel workers: a lock directory makes one build.
 */
export function ensureBuilt(): void {
  if (!stale()) return;
  mkdirSync(path.join(REPO, 'dist'), { recursive: true });
  const lock = path.join(REPO, 'dist', '.ship-test-build.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (i > 1200) throw new Error('ensureBuilt: timed out waiting for another build');
      sleep(250);
    }
  }
  try {
    if (!stale()) return;
    for (const script of ['catalog', 'build:cli']) {
      const r = run('npm', ['run', '--silent', script], { cwd: REPO });
      if (r.code !== 0) throw new Error(`npm run ${script} failed:\n${r.out}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A small app calling fal: two commercial models in src/, nothing else. */
export async function writeApp(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await writeFile(path.join(dir, 'src/generate.ts'), [
    "import { fal } from '@fal-ai/client';",
    '',
    'export async function hero(prompt: string) {',
    "  const { data } = await fal.subscribe('fal-ai/flux/dev', { input: { prompt } });",
    '  return data;',
    '}',
    '',
  ].join('\n'));
  await writeFile(path.join(dir, 'src/thumbs.ts'), [
    "import { fal } from '@fal-ai/client';",
    '',
    "export const thumb = (prompt: string) => fal.run('fal-ai/flux/schnell', { input: { prompt } });",
    '',
  ].join('\n'));
}

/** A research-only call ("fal-ai/stable-cascade"), on line 4 of `file`. */
export async function writeResearchCall(dir: string, file = 'src/cascade.ts'): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), [
    "import { fal } from '@fal-ai/client';",
    '',
    'export async function poster(prompt: string) {',
    "  return fal.subscribe('fal-ai/stable-cascade', { input: { prompt } });",
    '}',
    '',
  ].join('\n'));
}

export function waiverConfig(expires: string): string {
  return `${JSON.stringify({
    waivers: [{
      model: 'fal-ai/stable-cascade',
      reason: 'internal poster experiment, outputs never shipped',
      approvedBy: 'legal@example.org',
      approvedOn: '2026-01-15',
      expires,
    }],
  }, null, 2)}\n`;
}
