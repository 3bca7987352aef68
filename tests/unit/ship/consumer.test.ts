/**
 * End to end, from the outside: pack this project, install the tarball into a fresh scratch
 * project with the system Node (20) and its npm (registry cache only, no audit), and run
 * `npx modelgate check` there as a consumer would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerEnv, ensureBuilt, REPO, run, SYSTEM_NPM, waiverConfig, writeApp, writeResearchCall } from './helpers.ts';

const FORBIDDEN = ['astro', 'playwright', '@playwright/test', 'playwright-core', 'vite', 'vitest', 'esbuild', 'typescript', 'node'];

let tmp: string;
let app: string;
let tarball: string;
let packed: { name: string; filename: string; size: number; unpackedSize: number; files: { path: string }[] };

/** Every package under node_modules (nested ones too), by name. */
function installedPackages(dir: string): string[] {
  const names: string[] = [];
  const walk = (nm: string) => {
    if (!existsSync(nm)) return;
    for (const e of readdirSync(nm, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.name.startsWith('@')) {
        for (const s of readdirSync(path.join(nm, e.name))) {
          names.push(`${e.name}/${s}`);
          walk(path.join(nm, e.name, s, 'node_modules'));
        }
      } else {
        names.push(e.name);
        walk(path.join(nm, e.name, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return names;
}

const npx = (args: string[], env: Record<string, string> = {}) =>
  run(SYSTEM_NPM.replace(/npm$/, 'npx'), ['--no-install', 'modelgate', ...args], { cwd: app, env: consumerEnv(env) });

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(tmpdir(), 'modelgate-consumer-'));
  // --ignore-scripts: dist/ is already built above; prepack would rebuild it under the other tests' feet.
  const pack = run(SYSTEM_NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: REPO, env: consumerEnv() });
  expect(pack.code, pack.out).toBe(0);
  packed = (JSON.parse(pack.stdout) as typeof packed[])[0]!;
  tarball = path.join(tmp, packed.filename);
  expect(existsSync(tarball), tarball).toBe(true);

  app = path.join(tmp, 'app');
  await writeApp(app);
  await writeFile(path.join(app, 'package.json'), `${JSON.stringify({ name: 'scratch-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const install = run(SYSTEM_NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: app, env: consumerEnv() });
  expect(install.code, install.out).toBe(0);
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('packs only the CLI, its scanner worker, its chunks, the catalog, the schemas, README and LICENSE', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const f of files) expect(f, f).toMatch(/^(dist\/cli\.js|dist\/scan-worker\.js|dist\/chunks\/[\w-]+\.js|dist\/catalog\.json|dist\/schema\/[\w.-]+\.schema\.json|dist\/THIRD_PARTY_LICENSES\.txt|README\.md|LICENSE|package\.json)$/);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/scan-worker.js', 'dist/catalog.json', 'dist/schema/config.schema.json', 'LICENSE', 'package.json']));
    expect(files.some((f) => f.startsWith('dist/site/') || f.startsWith('src/') || f.startsWith('tests/') || f.endsWith('.map') || f === 'dist/cli-meta.json')).toBe(false);
    // Small: the catalog compresses well; the whole tarball stays under 1 MB.
    expect(packed.size).toBeLessThan(1_000_000);
  });

  it('installs with the system Node 20, no install scripts, and no site or test tooling', () => {
    expect(run('node', ['--version'], { cwd: app, env: consumerEnv() }).stdout).toMatch(/^v20\./);
    const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([k]) => k);
    expect(withScripts).toEqual([]);
    const installed = installedPackages(app);
    expect(installed).toContain('modelgate');
    for (const name of FORBIDDEN) expect(installed, name).not.toContain(name);
    // Lean: the libraries are bundled, so a consumer installs modelgate alone.
    expect(installed).toEqual(['modelgate']);
    const manifest = JSON.parse(readFileSync(path.join(app, 'node_modules/modelgate/package.json'), 'utf8')) as { scripts?: Record<string, string>; bin?: Record<string, string> };
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[s], s).toBeUndefined();
    expect(manifest.bin).toEqual({ modelgate: 'dist/cli.js' });
  });

  it('npx modelgate --version prints the package version', () => {
    const r = npx(['--version']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });
});

describe('npx modelgate check in a consumer project', () => {
  it('passes (exit 0) when the app only calls commercial models', () => {
    const r = npx(['check']);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('fal-ai/flux/dev');
    expect(r.stdout).toContain('src/generate.ts:4:');
    expect(r.stdout).toMatch(/^PASS: /m);
  });

  it('fails (exit 1) on a research-only model and names the file and line', async () => {
    await writeResearchCall(app);
    const r = npx(['check']);
    expect(r.code, r.out).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+src\/cascade\.ts:4:\d+/);
    expect(r.stdout).toContain('research-only');
    expect(r.stdout).toMatch(/^FAIL: /m);
    // The installed package's scanner worker runs on Node 20 and finds the same.
    const threaded = npx(['check'], { MODELGATE_THREADS: '2' });
    expect(threaded.code, threaded.out).toBe(1);
    expect(threaded.stdout).toBe(r.stdout);
  });

  it('passes (exit 0) when a live waiver in modelgate.config.json covers it, and says so', async () => {
    await writeFile(path.join(app, 'modelgate.config.json'), waiverConfig('2026-12-31'));
    const r = npx(['check'], { MODELGATE_NOW: '2026-06-01T12:00:00Z' });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/waived/i);
    expect(r.stdout).toContain('legal@example.org');
  });

  it('fails again (exit 1) once the waiver has expired', () => {
    const r = npx(['check'], { MODELGATE_NOW: '2027-01-15T12:00:00Z' });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/expired/i);
    expect(r.stdout).toMatch(/src\/cascade\.ts:4:\d+/);
  });

  it('exits 2 with one line naming the file and the field on a bad config', async () => {
    await writeFile(path.join(app, 'modelgate.config.json'), '{ "labels": { "research": "sometimes" } }\n');
    const r = npx(['check']);
    expect(r.code, r.out).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('modelgate.config.json');
    expect(lines[0]).toContain('labels.research');
    expect(r.stdout).toBe('');
  });

  it('exits 3 when the catalog is missing', async () => {
    await rm(path.join(app, 'modelgate.config.json'));
    const r = npx(['check', '--catalog', 'nope.json']);
    expect(r.code, r.out).toBe(3);
    expect(r.stderr).toContain('nope.json');
  });

  it('writes the lazily loaded CycloneDX report (the split chunk and its dependency resolve)', () => {
    const r = npx(['report', '--format', 'cyclonedx']);
    expect(r.code, r.out).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
  });

  it('merges its JSON report into an inventory, in every format, with the installed package on Node 20', () => {
    const report = path.join(app, 'reports', 'app.json');
    expect(npx(['check', '--repository', 'acme/app', '--format', 'json', '--output', report]).code).toBe(1);
    const r = npx(['inventory', 'reports', '--format', 'json', '--format', 'html', '--output', 'inventory.html', '--format', 'csv', '--output', 'inventory.csv', '--fail-on', 'research']);
    expect(r.code, r.out).toBe(1);
    const inv = JSON.parse(r.stdout);
    expect(inv.repositories.map((x: { repository: string }) => x.repository)).toEqual(['acme/app']);
    expect(inv.summary.research).toEqual(['fal-ai/stable-cascade']);
    expect(r.stderr).toContain('--fail-on research: 1 research-only endpoint called by 1 repository: fal-ai/stable-cascade (acme/app)');
    expect(readFileSync(path.join(app, 'inventory.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*acme\/app/);
    expect(readFileSync(path.join(app, 'inventory.csv'), 'utf8').split('\r\n')[1]).toMatch(/^acme\/app,/);
  });
});
