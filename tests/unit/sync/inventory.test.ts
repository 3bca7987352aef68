import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../gate/helpers.ts';
import { checkedOrg, inventoryFile, pythonCalls, type ScratchOrg } from '../inventory/org-fixture.ts';
import { apiModel, falHandler, makeContent, pagedHandler, readModel, release, runScript, snapshot, startServer, writeModel, type TempContent, type TestServer } from './helpers.ts';

/** acme/web calls FLUX dev at src/gen.ts:12; acme/api in a test first, then in app.py:3; acme/docs AuraFlow by an alias. */
const ORG = {
  'acme/web': { 'src/gen.ts': `import { fal } from "@fal-ai/client";\n${'// …\n'.repeat(10)}export const gen = (prompt: string) => fal.subscribe("fal-ai/flux/dev", { input: { prompt } });\n` },
  'acme/api': { 'a_test.py': pythonCalls(['fal-ai/flux/dev'], 2), 'app.py': pythonCalls(['fal-ai/flux/dev', 'fal-ai/stable-cascade']) },
  'acme/docs': { 'gen.py': pythonCalls(['fal-ai/auraflow'], 2) },
};

const IDS = ['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/stable-cascade', 'fal-ai/aura-flow'];

/** The listing: every entry as the fixtures have it, with `over` applied by id. */
const listing = (over: Record<string, Record<string, unknown>>) => [[
  apiModel('fal-ai/flux/dev', { license_type: 'commercial', ...over['fal-ai/flux/dev'] }),
  apiModel('fal-ai/flux/schnell', { license_type: 'commercial', ...over['fal-ai/flux/schnell'] }),
  apiModel('fal-ai/stable-cascade', { license_type: 'research', ...over['fal-ai/stable-cascade'] }),
  apiModel('fal-ai/aura-flow', { license_type: 'commercial', ...over['fal-ai/aura-flow'] }),
]];

let org: ScratchOrg;
let inventory: string;
beforeAll(async () => {
  org = await checkedOrg(ORG);
  inventory = await inventoryFile(org);
});
afterAll(() => org.cleanup());

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => { [tmp, server] = await release(tmp, server); });

/** The fixtures' content, where AuraFlow is also known as `fal-ai/auraflow`, and a local API serving `pages`. */
async function setup(pages: unknown[][]) {
  tmp = await makeContent(IDS);
  await writeModel(tmp.content, 'fal-ai/aura-flow', (await readModel(tmp.content, 'fal-ai/aura-flow')).replace('aliases: []', 'aliases:\n  - fal-ai/auraflow'));
  server = await startServer(falHandler(pagedHandler(pages)));
  return { content: tmp.content, env: { FAL_API_BASE: server.baseUrl }, changelog: path.join(tmp.root, 'log.md') };
}

describe('catalog sync --inventory', () => {
  it('--check names the repositories a stricter label hits, with a call site each, and exits 1', async () => {
    const { content, env, changelog } = await setup(listing({
      'fal-ai/flux/dev': { license_type: 'research' }, // called by acme/web and acme/api
      'fal-ai/flux/schnell': { status: 'deprecated' }, // called by nobody
      'fal-ai/aura-flow': { status: 'deprecated' }, // called by acme/docs, under its alias
    }));
    const before = await snapshot(content);
    const run = await cli(['catalog', 'sync', '--content', content, '--check', '--no-client-check', '--inventory', inventory, '--changelog', changelog], { env });
    expect(run.code).toBe(1);
    expect(await snapshot(content)).toEqual(before);

    const dev = 'fal-ai/flux/dev: commercial → research-only — called by 2 repositories: acme/api (app.py:3), acme/web (src/gen.ts:12)';
    const aura = 'fal-ai/aura-flow: status active → deprecated — called by 1 repository: acme/docs (gen.py:2)';
    const schnell = 'fal-ai/flux/schnell: status active → deprecated — called by no repository in the inventory';
    const section = run.stdout.slice(run.stdout.indexOf('## Who is affected'), run.stdout.indexOf('## Label changes'));
    expect(section.split('\n').filter((l) => l.startsWith('- '))).toEqual([`- **stricter:** ${aura}`, `- **stricter:** ${dev}`, `- ${schnell}`]);
    expect(section).toContain('## Who is affected: 2 of 3 label/status change(s) hit endpoints in use\n\nMatched against the inventory ');
    expect(section).toContain(' (3 repositories, generated 2026-06-15T12:00:00.000Z).');
    expect(section).toContain('2 endpoint(s) in use became stricter: `fal-ai/aura-flow`, `fal-ai/flux/dev`.');
    expect(run.stderr).toContain('check: 2 endpoint(s) that repositories in');
    expect(await readFile(changelog, 'utf8')).toBe(run.stdout);

    const json = JSON.parse(await readFile(path.join(tmp!.root, 'log.json'), 'utf8'));
    expect(json.impact).toEqual({
      inventory: { file: inventory, generatedAt: '2026-06-15T12:00:00.000Z', repositories: 3 },
      changes: [
        { id: 'fal-ai/aura-flow', field: 'status', from: 'active', to: 'deprecated', stricter: true, repositories: [{ repository: 'acme/docs', callSites: 1, site: { file: 'gen.py', line: 2 } }], line: aura },
        {
          id: 'fal-ai/flux/dev', field: 'label', from: 'commercial', to: 'research', stricter: true,
          repositories: [{ repository: 'acme/api', callSites: 2, site: { file: 'app.py', line: 3 } }, { repository: 'acme/web', callSites: 1, site: { file: 'src/gen.ts', line: 12 } }],
          line: dev,
        },
        // stricter, but no repository calls it: listed, and not what makes the exit code 1
        { id: 'fal-ai/flux/schnell', field: 'status', from: 'active', to: 'deprecated', stricter: true, repositories: [], line: schnell },
      ],
      breaking: ['fal-ai/aura-flow', 'fal-ai/flux/dev'],
    });
    // without an inventory nothing changes: no section, the usual exit code
    const plain = await cli(['catalog', 'sync', '--content', content, '--check', '--no-client-check'], { env });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain('Who is affected');
  });

  it('--check exits 0 when only endpoints no repository calls changed, or one in use became less strict; the changelog lists them', async () => {
    const { content, env } = await setup(listing({ 'fal-ai/flux/schnell': { license_type: 'research' } }));
    const run = await runScript(['--content', content, '--check', '--no-client-check', '--inventory', inventory], env, tmp!.root);
    expect(run.stderr).toContain('no endpoint that repositories in');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No endpoint in use became stricter.');
    expect(run.stdout).toContain('- fal-ai/flux/schnell: commercial → research-only — called by no repository in the inventory\n');
    expect(run.stdout).toContain('## ⚠ Commercial use withdrawn: commercial → research/private (1)');
    // the same listing without --inventory: any difference is exit 1
    expect((await runScript(['--content', content, '--check', '--no-client-check'], env, tmp!.root)).code).toBe(1);
    [tmp, server] = await release(tmp, server);

    const looser = await setup(listing({ 'fal-ai/stable-cascade': { license_type: 'commercial' } }));
    const run2 = await runScript(['--content', looser.content, '--check', '--no-client-check', '--inventory', inventory], looser.env, tmp!.root);
    expect(run2.code).toBe(0);
    expect(run2.stdout).toContain('- fal-ai/stable-cascade: research-only → commercial — called by 1 repository: acme/api (app.py:4)\n');
  });

  it('--dry-run and a real sync add the section and keep their exit code', async () => {
    const { content, env, changelog } = await setup(listing({ 'fal-ai/flux/dev': { license_type: 'research' } }));
    const dry = await runScript(['--content', content, '--dry-run', '--no-client-check', '--inventory', inventory], env, tmp!.root);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('- **stricter:** fal-ai/flux/dev: commercial → research-only — called by 2 repositories');
    const real = await runScript(['--content', content, '--no-client-check', '--inventory', inventory, '--changelog', changelog], env, tmp!.root);
    expect(real.code).toBe(0);
    expect(real.stderr).toContain('file(s) written');
    expect(JSON.parse(await readFile(path.join(tmp!.root, 'log.json'), 'utf8')).impact.breaking).toEqual(['fal-ai/flux/dev']);
  });

  it('a bad inventory file: exit 2, one line naming file, line and field; no request, nothing written', async () => {
    const { content, env, changelog } = await setup(listing({ 'fal-ai/flux/dev': { license_type: 'research' } }));
    const text = await readFile(inventory, 'utf8');
    const bad = path.join(tmp!.root, 'bad-inventory.json');
    // a hand edit that breaks one call site's line number
    const broken = text.replace('"line": 12,', '"line": "12",');
    expect(broken).not.toBe(text);
    await writeFile(bad, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('"line": "12"')) + 1;
    const before = await snapshot(content);

    for (const run of [
      await cli(['catalog', 'sync', '--content', content, '--check', '--inventory', bad, '--changelog', changelog], { env }),
      // `modelgate sync`, as the issue writes it, is the same command.
      await cli(['sync', '--content', content, '--check', '--inventory', bad, '--changelog', changelog], { env }),
      await runScript(['--content', content, '--inventory', bad, '--changelog', changelog], env, tmp!.root),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(new RegExp(`^sync: --inventory: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: models\\[\\d+\\]\\.repositories\\[\\d+\\]\\.sites\\[\\d+\\]\\.line: not a valid modelgate inventory: `));
    }
    expect(server!.requests).toEqual([]);
    expect(await snapshot(content)).toEqual(before);
    expect(existsSync(changelog)).toBe(false);
    expect(existsSync(path.join(tmp!.root, 'log.json'))).toBe(false);

    // a check report is not an inventory: said so, on the `kind` field
    const report = path.join(org.reports, 'acme__web.json');
    const wrong = await cli(['catalog', 'sync', '--content', content, '--check', '--inventory', report], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toBe(`sync: --inventory: ${report}:1: kind: not a modelgate inventory (it is a check report); build one with \`modelgate inventory <reports> --format json\``);
    expect(server!.requests).toEqual([]);
  });
});
