import { createServer, type Server } from 'node:http';
import { readFile, writeFile, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/catalog/compile.ts';
import { CheckReportSchema } from '../../../src/core/schema/check-report.ts';
import { APP, cli, project, RESEARCH, SYSTEM_NODE } from './helpers.ts';

describe('modelgate check: exit codes', () => {
  it('runs on the system Node (20) that consumers have', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    if (SYSTEM_NODE === '/usr/bin/node') {
      const { execFileSync } = await import('node:child_process');
      expect(execFileSync(SYSTEM_NODE, ['--version'], { encoding: 'utf8' })).toMatch(/^v2\d\./);
    }
  });

  it('0: a project that only calls commercial models passes', async () => {
    const dir = await project(APP);
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS: 1 finding/);
    expect(r.stdout).toContain('fal-ai/flux/dev');
  });

  it('1: a research-only model fails, pointing at file, line and column', async () => {
    const dir = await project({ ...APP, ...RESEARCH });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}src\/sticker\.ts:4:\d+/);
    expect(r.stdout).toMatch(/research-only: fal labels fal-ai\/stable-cascade "Research only"/);
    expect(r.stdout).toMatch(/^FAIL: 2 finding/m);
  });

  it('1: an unknown model fails closed; a dynamic id needs review and fails by default', async () => {
    const unknown = await project({ 'a.py': 'import fal_client\nfal_client.subscribe("fal-ai/not-a-real-model-xyz", arguments={})\n' });
    const r1 = await cli(['check', unknown, '--no-color']);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toMatch(/unknown-model/);
    const dynamic = await project({ 'a.ts': 'import { fal } from "@fal-ai/client";\nexport const run = (id: string) => fal.subscribe(id, { input: {} });\n' });
    const r2 = await cli(['check', dynamic, '--no-color']);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/dynamic-id/);
    await writeFile(path.join(dynamic, 'modelgate.config.json'), JSON.stringify({ dynamic: 'warn' }));
    expect((await cli(['check', dynamic])).code).toBe(0);
  });

  it('2: an unknown flag, a second directory or a missing directory is a usage error', async () => {
    for (const args of [['check', '--bogus'], ['check', 'a', 'b'], ['check', '/nonexistent/dir/xyz'], ['frobnicate']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('2: an invalid config names the file, line and field', async () => {
    const dir = await project({ ...APP, 'modelgate.config.yaml': 'labels:\n  research: maybe\n' });
    const r = await cli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/modelgate\.config\.yaml:2: labels\.research: Invalid option/);
    expect(r.stdout).toBe('');
  });

  it('2: malformed JSON config', async () => {
    const dir = await project({ ...APP, 'modelgate.config.json': '{ "labels": { "research": "allow", }\n' });
    const r = await cli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/modelgate\.config\.json:\d+:\d+: malformed YAML|modelgate\.config\.json:\d+/);
  });

  it('2: an unreadable directory (permissions) is a configuration error, not a crash', async () => {
    if (process.getuid?.() === 0) return; // root reads everything; the missing-directory case covers exit 2
    const dir = await project(APP);
    await chmod(dir, 0o000);
    const r = await cli(['check', dir]);
    await chmod(dir, 0o755);
    expect(r.code).toBe(2);
  });

  it('3: a missing, invalid or altered catalog', async () => {
    const dir = await project(APP);
    const missing = await cli(['check', dir, '--catalog', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.json: cannot read catalog/);
    await writeFile(path.join(dir, 'bad.json'), '{"formatVersion":1}');
    const invalid = await cli(['check', dir, '--catalog', path.join(dir, 'bad.json')]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/invalid catalog/);
    const real = JSON.parse(await readFile('dist/catalog.json', 'utf8'));
    real.models.find((m: { id: string }) => m.id === 'fal-ai/stable-cascade').hosted.observations[0].label = 'commercial';
    await writeFile(path.join(dir, 'tampered.json'), JSON.stringify(real));
    const tampered = await cli(['check', dir, '--catalog', path.join(dir, 'tampered.json')]);
    expect(tampered.code).toBe(3);
    expect(tampered.stderr).toMatch(/contentHash: content does not match its hash/);
    // Re-hashed after the edit, the hash matches, but the entry itself is invalid: still refused.
    const flux = real.models.find((m: { id: string }) => m.id === 'fal-ai/flux/dev');
    flux.hosted.observations[0].label = 'free-for-all';
    real.contentHash = contentHash(real.models, real.licenses);
    await writeFile(path.join(dir, 'rehashed.json'), JSON.stringify(real));
    const rehashed = await cli(['check', dir, '--catalog', path.join(dir, 'rehashed.json')]);
    expect(rehashed.code).toBe(3);
    expect(rehashed.stderr).toMatch(/models\[\d+\]\.hosted\.observations\[0\]\.label: invalid catalog entry fal-ai\/flux\/dev/);
    // An entry the index cannot use (no valid id) is refused up front, whatever the project calls.
    real.models[7] = { ...real.models[7], id: 'not an id' };
    real.contentHash = contentHash(real.models, real.licenses);
    await writeFile(path.join(dir, 'noid.json'), JSON.stringify(real));
    const noid = await cli(['check', dir, '--catalog', path.join(dir, 'noid.json')]);
    expect(noid.code).toBe(3);
    expect(noid.stderr).toMatch(/models\[7\]\.id: invalid catalog: expected an endpoint id/);
  });

  it('3: an invalid entry met by the scanner itself (a bare id in config it looks up) is a catalog error, not a crash', async () => {
    const real = JSON.parse(await readFile('dist/catalog.json', 'utf8'));
    const bria = real.models.find((m: { id: string }) => m.id.startsWith('bria/'));
    bria.hosted.observations[0].partnerApi = 'maybe';
    real.contentHash = contentHash(real.models, real.licenses);
    const dir = await project({ 'config/models.json': JSON.stringify({ background: bria.id }) });
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(real));
    const r = await cli(['check', dir, '--catalog', path.join(dir, 'bad.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/hosted\.observations\[0\]\.partnerApi: invalid catalog entry bria\//);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('3: a catalog older than the policy allows', async () => {
    const dir = await project({ ...APP, 'modelgate.config.json': JSON.stringify({ catalog: { maxAgeDays: 30 } }) });
    const fresh = await cli(['check', dir], { env: { MODELGATE_NOW: new Date().toISOString() } });
    expect(fresh.code).toBe(0);
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const stale = await cli(['check', dir], { env: { MODELGATE_NOW: later } });
    expect(stale.code).toBe(3);
    expect(stale.stderr).toMatch(/days old; the policy allows at most 30/);
  });
});

describe('modelgate check: catalog from a deployed site', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const body = await readFile('dist/catalog.json');
    server = createServer((req, res) => {
      if (req.url === '/catalog.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      } else {
        res.writeHead(404);
        res.end('not found');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('loads /catalog.json over HTTP; a 404 is exit 3', async () => {
    const dir = await project({ ...APP, ...RESEARCH });
    expect((await cli(['check', dir, '--catalog', `${base}/catalog.json`])).code).toBe(1);
    const gone = await cli(['check', dir, '--catalog', `${base}/missing.json`]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toMatch(/HTTP 404/);
  });
});

describe('modelgate check: policy', () => {
  it('usage contexts: research-only allowed in tests when the policy says so, still denied in source', async () => {
    const files = {
      'tests/sticker.test.ts': RESEARCH['src/sticker.ts'],
      'modelgate.config.json': JSON.stringify({ contexts: { test: { labels: { research: 'allow' } } } }),
    };
    const dir = await project(files);
    expect((await cli(['check', dir])).code).toBe(0);
    const dir2 = await project({ ...files, ...RESEARCH });
    expect((await cli(['check', dir2])).code).toBe(1);
  });

  it('Partner API: reported by default, denied when the policy says so', async () => {
    const dir = await project({ 'v.ts': 'import { fal } from "@fal-ai/client";\nawait fal.subscribe("fal-ai/veo3", { input: {} });\n' });
    const ok = await cli(['check', dir, '--no-color']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/▲ WARN .*v\.ts:2/);
    await writeFile(path.join(dir, 'modelgate.yaml'), '');
    await writeFile(path.join(dir, 'modelgate.config.yaml'), 'partnerApi: deny\n');
    expect((await cli(['check', dir])).code).toBe(1);
  });

  it('organisation context: over USD 1M revenue self-hosting a Stability Community model is denied', async () => {
    const dir = await project({
      'gen.py': 'import fal_client\nfal_client.subscribe("fal-ai/stable-diffusion-v35-large", arguments={})\n',
      'modelgate.config.yaml': 'organisation:\n  selfHosting: true\n  annualRevenueUsd: 2500000\n',
    });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/licence-condition: self-hosting fal-ai\/stable-diffusion-v35-large: annual revenue USD 2,500,000 is above the USD 1,000,000 threshold/);
  });

  it('extends: an organisation policy shared by many repositories', async () => {
    const dir = await project({
      ...RESEARCH,
      'org/policy.yaml': 'labels:\n  research: warn\npartnerApi: deny\n',
      'modelgate.config.yaml': 'extends: org/policy.yaml\npartnerApi: warn\n',
    });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/▲ WARN/);
  });

  it('extends: a cycle or a missing file is a configuration error', async () => {
    const cyc = await project({ 'a.yaml': 'extends: modelgate.config.yaml\n', 'modelgate.config.yaml': 'extends: a.yaml\n' });
    const r = await cli(['check', cyc]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/extends forms a cycle/);
    const missing = await project({ 'modelgate.config.yaml': 'extends: ../nowhere.yaml\n' });
    const r2 = await cli(['check', missing]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/nowhere\.yaml: cannot read/);
  });
});

describe('modelgate check: waivers', () => {
  const waiver = (expires: string, extra = '') => `waivers:\n  - model: fal-ai/stable-cascade\n    reason: research prototype, not shipped\n    approvedBy: jane@legal\n    approvedOn: "2026-06-01"\n    expires: "${expires}"\n${extra}`;

  it('a live waiver covers the finding, which stays visible as waived with who/why/until', async () => {
    const dir = await project({ ...RESEARCH, 'modelgate.config.yaml': waiver('2026-12-31') });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/◆ WAIVED {2}src\/sticker\.ts:4/);
    expect(r.stdout).toMatch(/waived by jane@legal on 2026-06-01 until 2026-12-31: research prototype, not shipped/);
  });

  it('an expired waiver no longer covers: exit 1 with an expired-waiver error', async () => {
    const dir = await project({ ...RESEARCH, 'modelgate.config.yaml': waiver('2026-06-10') });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/waiver EXPIRED/);
    expect(r.stdout).toMatch(/error waiver-expired: .*modelgate\.config\.yaml:2: waiver for fal-ai\/stable-cascade expired on 2026-06-10/);
  });

  it('warns about an unused waiver and one expiring soon', async () => {
    const dir = await project({
      ...RESEARCH,
      'modelgate.config.yaml': `${waiver('2026-06-20')}  - model: fal-ai/ltx-video\n    reason: old experiment\n    approvedBy: bob\n    approvedOn: "2026-06-01"\n    expires: "2026-12-01"\n`,
    });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning waiver-expiring: .*expires in 5 day\(s\)/);
    expect(r.stdout).toMatch(/warning waiver-unused: .*fal-ai\/ltx-video matches no finding/);
  });

  it('a path-scoped waiver covers only its paths', async () => {
    const dir = await project({ ...RESEARCH, 'lib/other.ts': RESEARCH['src/sticker.ts'], 'modelgate.config.yaml': waiver('2026-12-31', '    paths: ["src/**"]\n') });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}lib\/other\.ts/);
    expect(r.stdout).toMatch(/◆ WAIVED {2}src\/sticker\.ts/);
  });

  it('waivers are required to end within the horizon, and a separate waiver file is validated too', async () => {
    const long = await project({ ...RESEARCH, 'modelgate.config.yaml': waiver('2028-06-01') });
    const r = await cli(['check', long]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/modelgate\.config\.yaml:2: expires: waiver for fal-ai\/stable-cascade runs 731 days/);
    const noExpiry = await project({ ...RESEARCH, 'modelgate.config.yaml': 'waiverFiles: [waivers.yaml]\n', 'waivers.yaml': '- model: fal-ai/stable-cascade\n  reason: x\n  approvedBy: y\n  approvedOn: "2026-01-01"\n' });
    const r2 = await cli(['check', noExpiry]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/waivers\.yaml:1: \[0\]\.expires: /);
  });
});

describe('modelgate check: outputs', () => {
  it('json validates against the published schema and carries stable rule ids', async () => {
    const dir = await project({ ...APP, ...RESEARCH });
    const r = await cli(['check', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = CheckReportSchema.parse(JSON.parse(r.stdout));
    expect(report.findings.map((f) => [f.file, f.rule, f.verdict])).toEqual([
      ['src/app.ts', 'commercial-use', 'allowed'],
      ['src/sticker.ts', 'research-only', 'denied'],
    ]);
    const schema = JSON.parse(await readFile('dist/schema/check-report.schema.json', 'utf8'));
    expect(schema.properties.findings).toBeDefined();
  });

  it('several formats in one run, each to its own file', async () => {
    const dir = await project({ ...APP, ...RESEARCH });
    const out = path.join(dir, 'out');
    await mkdir(out);
    const r = await cli(['check', dir, '--format', 'sarif', '--output', path.join(out, 'r.sarif'), '--format', 'junit', '--output', path.join(out, 'r.xml'), '--format', 'markdown', '--output', path.join(out, 'r.md'), '--format', 'text', '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL:/);
    const sarif = JSON.parse(await readFile(path.join(out, 'r.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results[0];
    expect(result.ruleId).toBe('research-only');
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('research-only');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/sticker.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } });
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:0$/);
    const xml = await readFile(path.join(out, 'r.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toMatch(/<testsuites name="modelgate" tests="2" failures="1">/);
    expect(xml).toMatch(/<failure message="research-only: /);
    const md = await readFile(path.join(out, 'r.md'), 'utf8');
    expect(md).toMatch(/\| ❌ fail \| `fal-ai\/stable-cascade` \| research \| `src\/sticker\.ts:4:\d+` \| `research-only` \|/);
  });

  it('--format github and GitHub Actions: escaped annotations and a step summary', async () => {
    const dir = await project({
      ...RESEARCH,
      'evil.ts': 'import { fal } from "@fal-ai/client";\nfal.subscribe("fal-ai/x%0A::warning::pwned", {});\n',
    });
    const summary = path.join(dir, 'summary.md');
    await writeFile(summary, '');
    const r = await cli(['check', dir, '--quiet', '--no-color'], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.some((a) => /^::error file=src\/sticker\.ts,line=4,col=\d+,title=modelgate research-only::fal-ai\/stable-cascade: /.test(a))).toBe(true);
    // Every workflow command is ours: annotations, or the pause/resume around the text report.
    const token = /^::stop-commands::(\S+)$/m.exec(r.stdout)?.[1];
    expect(annotations.every((a) => /^::(error|warning) /.test(a) || a === `::stop-commands::${token}` || a === `::${token}::`)).toBe(true);
    expect(r.stdout).not.toMatch(/^::warning::pwned/m);
    expect(await readFile(summary, 'utf8')).toMatch(/### modelgate: ❌/);
  });

  it('--baseline: only findings not in the earlier report fail', async () => {
    const dir = await project({ ...RESEARCH });
    const base = await cli(['check', dir, '--format', 'json', '--output', path.join(dir, 'baseline.json')]);
    expect(base.code).toBe(1);
    expect((await cli(['check', dir, '--baseline', path.join(dir, 'baseline.json')])).code).toBe(0);
    // Code moving down the file keeps the baseline; a new call does not get in.
    await writeFile(path.join(dir, 'src/sticker.ts'), `// moved\n\n${RESEARCH['src/sticker.ts']}`);
    expect((await cli(['check', dir, '--baseline', path.join(dir, 'baseline.json')])).code).toBe(0);
    await writeFile(path.join(dir, 'src/more.ts'), 'import { fal } from "@fal-ai/client";\nfal.run("fal-ai/ltx-video", {});\n');
    const r = await cli(['check', dir, '--baseline', path.join(dir, 'baseline.json'), '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}src\/more\.ts:2/);
    expect(r.stdout).toMatch(/◇ BASELINE {2}src\/sticker\.ts:6/);
    await writeFile(path.join(dir, 'bad.json'), '{"nope":1}');
    expect((await cli(['check', dir, '--baseline', path.join(dir, 'bad.json')])).code).toBe(2);
  });

  it('colour: off with --no-color, NO_COLOR or when not a terminal; FORCE_COLOR turns it on', async () => {
    const dir = await project(RESEARCH);
    expect((await cli(['check', dir])).stdout).not.toContain('\u001b[');
    expect((await cli(['check', dir], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await cli(['check', dir], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli(['check', dir, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('--quiet shows only failing findings', async () => {
    const dir = await project({ ...APP, ...RESEARCH });
    const r = await cli(['check', dir, '--quiet', '--no-color']);
    expect(r.stdout).not.toContain('src/app.ts');
    expect(r.stdout).toContain('src/sticker.ts');
  });

  it('--include/--exclude narrow the scan', async () => {
    const dir = await project({ ...APP, ...RESEARCH });
    expect((await cli(['check', dir, '--exclude', 'src/sticker.ts'])).code).toBe(0);
    expect((await cli(['check', dir, '--include', 'src/app.ts'])).code).toBe(0);
    expect((await cli(['check', dir, '--include', 'src/**'])).code).toBe(1);
  });
});
