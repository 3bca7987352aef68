import { mkdtemp, readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InventorySchema, type Inventory } from '../../../src/core/schema/inventory.ts';
import { cli } from '../gate/helpers.ts';
import { checkedOrg, newerCatalog, reportPath } from './org-fixture.ts';
import { ORG } from './org-repositories.ts';

let reports: string;
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'mg-inv-'));
const inventoryOf = async (args: string[]) => {
  const r = await cli(['inventory', ...args, '--format', 'json']);
  return { ...r, inv: r.code < 2 ? InventorySchema.parse(JSON.parse(r.stdout)) : undefined };
};

beforeAll(async () => {
  ({ reports } = await checkedOrg(ORG));
});

describe('modelgate inventory: one view of the organisation', () => {
  it('merges the reports: per model the repositories and call sites, per repository its models', async () => {
    const { code, inv } = await inventoryOf([reports]);
    expect(code).toBe(0);
    expect(inv!.repositories.map((r) => [r.repository, r.exitCode, r.failing, r.models.map((m) => m.id)])).toEqual([
      ['acme/lab', 0, 0, ['fal-ai/flux/dev', 'fal-ai/stable-cascade']],
      ['acme/stickers', 1, 1, ['fal-ai/stable-cascade']],
      ['acme/web', 0, 0, ['fal-ai/flux/dev']],
    ]);
    const cascade = inv!.models.find((m) => m.id === 'fal-ai/stable-cascade')!;
    expect(cascade).toMatchObject({ known: true, hostedLabel: 'research', callSites: 2, failing: 1 });
    expect(cascade.repositories.map((u) => [u.repository, u.verdict, u.statuses.waived, u.statuses.fail, `${u.sites[0]!.file}:${u.sites[0]!.line}`])).toEqual([
      ['acme/lab', 'denied', 1, 0, 'src/pilot.ts:2'],
      ['acme/stickers', 'denied', 0, 1, 'app/sticker.py:5'],
    ]);
    const flux = inv!.models.find((m) => m.id === 'fal-ai/flux/dev')!;
    expect(flux.weightsLicence).toBe('LicenseRef-FLUX-1-dev-Non-Commercial');
    expect(inv!.summary).toMatchObject({ repositories: 3, failingRepositories: 1, models: 2, callSites: 4, research: ['fal-ai/stable-cascade'], unknown: [] });
  });

  it('judges waivers on its own day: who approved, until when, expiring within the window', async () => {
    const { inv } = await inventoryOf([reports]);
    expect(inv!.waivers).toEqual([expect.objectContaining({
      repository: 'acme/lab', models: ['fal-ai/stable-cascade'], approvedBy: 'jane@legal.example', expires: '2026-06-25',
      ticket: 'https://tickets.example/LEGAL-7', expired: false, daysLeft: 10, expiring: true, file: 'modelgate.config.yaml', line: 2,
    })]);
    const later = await cli(['inventory', reports, '--format', 'json'], { env: { MODELGATE_NOW: '2026-07-01T00:00:00Z' } });
    const w = InventorySchema.parse(JSON.parse(later.stdout)).waivers[0]!;
    expect([w.expired, w.expiring, w.daysLeft]).toEqual([true, false, -6]);
    const cascade = InventorySchema.parse(JSON.parse(later.stdout)).models.find((m) => m.id === 'fal-ai/stable-cascade')!;
    expect(cascade.repositories.map((u) => u.waivers.map((x) => [x.approvedBy, x.expires, x.expired]))).toEqual([[['jane@legal.example', '2026-06-25', true]], []]);
    const narrow = await inventoryOf([reports, '--expiring-within', '5']);
    expect(narrow.inv!.waivers[0]!.expiring).toBe(false);
  });

  it('--fail-on trips on the categories asked for, naming the repositories, and exits 1', async () => {
    const research = await cli(['inventory', reports, '--fail-on', 'research', '--format', 'json', '--output', path.join(await tmp(), 'i.json')]);
    expect(research.code).toBe(1);
    // acme/lab's research use is under a live waiver: a recorded decision trips nothing.
    expect(research.stderr.trim().split('\n')).toEqual(['modelgate: --fail-on research: 1 research-only endpoint called by 1 repository: fal-ai/stable-cascade (acme/stickers)']);
    const waivers = await cli(['inventory', reports, '--fail-on', 'expired-waiver,expiring-waiver']);
    expect(waivers.code).toBe(1);
    expect(waivers.stderr).toContain('--fail-on expiring-waiver: 1 waiver expiring within 30 days: acme/lab fal-ai/stable-cascade (2026-06-25, approved by jane@legal.example)');
    expect(waivers.stderr).not.toContain('--fail-on expired-waiver');
    const clean = await cli(['inventory', reports, '--fail-on', 'unknown,private,dynamic']);
    expect([clean.code, clean.stderr]).toEqual([0, '']);
    const bad = await cli(['inventory', reports, '--fail-on', 'research,nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^modelgate: --fail-on: unknown category 'nope'; expected research, private, unknown/);
  });

  it('research-only use in test code is listed but trips nothing', async () => {
    const org = await checkedOrg({ 'acme/tests-only': { 'tests/gen.test.ts': 'import { fal } from "@fal-ai/client";\ntest("x", () => fal.subscribe("fal-ai/stable-cascade", { input: {} }));\n' } });
    const r = await inventoryOf([org.reports, '--fail-on', 'research']);
    expect(r.code).toBe(0);
    expect(r.inv!.summary.research).toEqual(['fal-ai/stable-cascade']);
    expect(r.inv!.models[0]!.repositories[0]!.sites[0]!.usage).toBe('test');
  });

  it('for each repository the newest report wins; the older one is noted as superseded', async () => {
    const older = await checkedOrg({ 'acme/web': { 'src/a.ts': 'import { fal } from "@fal-ai/client";\nfal.subscribe("fal-ai/stable-cascade", { input: {} });\n' } }, { env: { MODELGATE_NOW: '2026-06-01T00:00:00Z' } });
    const old = reportPath(older.reports, 'acme/web');
    const current = reportPath(reports, 'acme/web');
    const { inv } = await inventoryOf([old, current]);
    expect(inv!.repositories).toHaveLength(1);
    expect(inv!.models.map((m) => m.id)).toEqual(['fal-ai/flux/dev']);
    expect(inv!.superseded).toEqual([expect.objectContaining({ repository: 'acme/web', file: old, supersededBy: current })]);
    // Given in the other order, the same report wins.
    const again = await inventoryOf([current, old]);
    expect(again.inv!.reports.map((r) => r.file)).toEqual([current]);
  });

  it('an older report without repository or commit is named after its file', async () => {
    const dir = path.join(await tmp(), 'r');
    await mkdir(path.join(dir, 'team'), { recursive: true });
    const old = JSON.parse(await readFile(reportPath(reports, 'acme/web'), 'utf8'));
    delete old.repository; delete old.repositoryFrom; delete old.commit;
    await writeFile(path.join(dir, 'team', 'legacy-app.json'), JSON.stringify(old));
    const { inv } = await inventoryOf([dir]);
    expect(inv!.reports).toEqual([expect.objectContaining({ repository: 'team/legacy-app', repositoryFrom: 'file', commit: null })]);
  });

  it('writes csv (repository × model), markdown and html in one run', async () => {
    const out = await tmp();
    const r = await cli(['inventory', reports, '--format', 'csv', '--output', path.join(out, 'i.csv'), '--format', 'markdown', '--output', path.join(out, 'i.md'), '--format', 'html', '--output', path.join(out, 'i.html')]);
    expect(r.code).toBe(0);
    const csv = (await readFile(path.join(out, 'i.csv'), 'utf8')).trimEnd().split('\r\n');
    expect(csv[0]).toBe('repository,commit,endpoint,name,in_catalog,fal_label,partner_api,status,weights_licence,call_sites,failing,verdict,waived,baselined,first_site,waivers');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).filter((_, i) => i !== 1).join(' '))).toEqual([
      'acme/lab fal-ai/flux/dev', 'acme/lab fal-ai/stable-cascade', 'acme/stickers fal-ai/stable-cascade', 'acme/web fal-ai/flux/dev',
    ]);
    expect(csv[2]).toContain('jane@legal.example until 2026-06-25 (expires in 10 day(s))');
    const md = await readFile(path.join(out, 'i.md'), 'utf8');
    expect(md).toContain('- **Research only:** `fal-ai/stable-cascade`');
    expect(md).toMatch(/\| acme\/stickers \| .* \| ❌ fails \| 1 \|/);
    expect(await readFile(path.join(out, 'i.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('the published JSON Schema describes the inventory', async () => {
    const schema = JSON.parse(await readFile('dist/schema/inventory.schema.json', 'utf8'));
    expect(schema.title).toMatch(/inventory/);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['repositories', 'models', 'waivers', 'summary', 'failOn']));
  });
});

describe('modelgate inventory: bad input writes nothing', () => {
  it('a file that is not a valid report: exit 2 with its name, line and field, and no output written', async () => {
    const dir = path.join(await tmp(), 'r');
    await mkdir(dir);
    for (const f of await readdir(reports)) await writeFile(path.join(dir, f), await readFile(path.join(reports, f)));
    const bad = JSON.parse(await readFile(reportPath(reports, 'acme/web'), 'utf8'));
    bad.findings[0].line = 'twelve';
    await writeFile(path.join(dir, 'broken.json'), JSON.stringify(bad, null, 2));
    const out = await tmp();
    const keep = path.join(out, 'keep.json');
    await writeFile(keep, 'the previous inventory\n');
    const r = await cli(['inventory', dir, '--format', 'json', '--output', keep, '--format', 'html', '--output', path.join(out, 'i.html')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = (JSON.stringify(bad, null, 2).split('\n').findIndex((l) => l.includes('"twelve"'))) + 1;
    expect(lines[0]).toBe(`modelgate: ${path.join(dir, 'broken.json')}:${line}: findings[0].line: not a modelgate check report: Invalid input: expected number, received string`);
    expect(await readFile(keep, 'utf8')).toBe('the previous inventory\n');
    expect(await readdir(out)).toEqual(['keep.json']);
    expect(r.stdout).toBe('');
  });

  it('malformed JSON, another kind of JSON file and a missing path each name the file', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'cut.json'), '{\n  "formatVersion": 1,\n  "tool": \n');
    const cut = await cli(['inventory', path.join(dir, 'cut.json')]);
    expect(cut.code).toBe(2);
    // Cut off after line 3: the error points at where the file ends.
    expect(cut.stderr).toMatch(new RegExp(`^modelgate: ${path.join(dir, 'cut.json')}:3:\\d+: not a modelgate check report: malformed JSON`));
    const inv = await cli(['inventory', reports, '--format', 'json']);
    await writeFile(path.join(dir, 'inventory.json'), inv.stdout);
    const kind = await cli(['inventory', path.join(dir, 'inventory.json')]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('not a modelgate check report (it is a modelgate-inventory file)');
    const missing = await cli(['inventory', path.join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`modelgate: ${path.join(dir, 'nope')}: cannot read: no such file or directory\n`);
    const none = await cli(['inventory']);
    expect(none.code).toBe(2);
    const empty = await cli(['inventory', await tmp()]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no JSON report found');
  });
});

describe('modelgate inventory --catalog: what a newer catalog changes', () => {
  it('names the repositories an endpoint in use hits when it becomes stricter, and exits 1', async () => {
    const catalog = await newerCatalog(path.join(await tmp(), 'newer.json'), { 'fal-ai/flux/dev': { label: 'research' } });
    const r = await cli(['inventory', reports, '--catalog', catalog, '--format', 'json']);
    expect(r.code).toBe(1);
    const inv: Inventory = InventorySchema.parse(JSON.parse(r.stdout));
    expect(inv.catalogChange!.changes).toEqual([expect.objectContaining({ id: 'fal-ai/flux/dev', field: 'label', from: 'commercial', to: 'research', stricter: true })]);
    expect(r.stderr.trim()).toBe(`modelgate: stricter in ${catalog}: fal-ai/flux/dev: commercial → research-only — called by 2 repositories: acme/lab (src/pilot.ts:3), acme/web (src/gen.ts:3)`);
  });

  it('a change to an endpoint no one calls, or a looser one, passes', async () => {
    const catalog = await newerCatalog(path.join(await tmp(), 'newer.json'), { 'fal-ai/flux/schnell': { label: 'research' } });
    const r = await cli(['inventory', reports, '--catalog', catalog, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(InventorySchema.parse(JSON.parse(r.stdout)).catalogChange!.changes).toEqual([]);
  });

  it('an unreadable catalog is exit 3 and writes nothing', async () => {
    const out = path.join(await tmp(), 'i.json');
    const r = await cli(['inventory', reports, '--catalog', '/nonexistent/catalog.json', '--format', 'json', '--output', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^modelgate: \/nonexistent\/catalog.json: /);
    await expect(readFile(out)).rejects.toThrow();
  });
});
