import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventoryFile } from '../../../src/core/inventory/load.ts';
import { InventorySchema, type Inventory, type InventoryModel, type InventorySite, type InventoryWaiver } from '../../../src/core/schema/inventory.ts';
import { organisationView, usedInHeading, usesByModel } from '../../../src/core/site/organisation.ts';
import { catalogOf, model } from '../core/helpers.ts';
import { APP, cli, project, RESEARCH } from '../gate/helpers.ts';

const site = (file: string, line: number, over: Partial<InventorySite> = {}): InventorySite => ({
  file, line, column: 5, kind: 'call', usage: 'source', verdict: 'allowed', rule: 'commercial', status: 'pass', ...over,
});

/** One repository's use of a model, its counts taken from its sites. */
function use(repository: string, sites: InventorySite[]): InventoryModel['repositories'][number] {
  const statuses = { fail: 0, waived: 0, baselined: 0, warn: 0, pass: 0 };
  for (const s of sites) statuses[s.status]++;
  const rank = { allowed: 0, review: 1, denied: 2 } as const;
  const verdict = sites.reduce<InventorySite['verdict']>((v, s) => (rank[s.verdict] > rank[v] ? s.verdict : v), 'allowed');
  return { repository, callSites: sites.length, failing: statuses.fail, verdict, statuses, sites };
}

function invModel(id: string, hostedLabel: InventoryModel['hostedLabel'], uses: InventoryModel['repositories'], over: Partial<InventoryModel> = {}): InventoryModel {
  return {
    id, known: true, name: id, hostedLabel, partnerApi: 'no', status: 'active', replacedBy: null, weightsLicence: null, labelsSeen: [hostedLabel],
    repositories: uses, callSites: uses.reduce((n, u) => n + u.callSites, 0), failing: uses.reduce((n, u) => n + u.failing, 0), ...over,
  };
}

function waiver(repository: string, models: string[], expires: string, daysLeft: number, over: Partial<InventoryWaiver> = {}): InventoryWaiver {
  const expired = daysLeft < 0;
  return {
    repository, models, callSites: 1, reason: 'prototype', approvedBy: 'jane@legal.example', approvedOn: '2026-05-01', expires,
    expired, daysLeft, expiring: !expired && daysLeft <= 30, file: 'modelgate.config.yaml', line: 2, ...over,
  };
}

/** An inventory with these models and waivers; its repositories follow from the models' uses. Validated by the schema. */
function inventory(models: InventoryModel[], waivers: InventoryWaiver[] = [], dynamic: Inventory['dynamic'] = [], exitCodes: Record<string, 0 | 1> = {}): Inventory {
  const names = [...new Set([...models.flatMap((m) => m.repositories.map((u) => u.repository)), ...dynamic.map((d) => d.repository)])].sort();
  const repositories = names.map((repository) => {
    const own = models.flatMap((m) => m.repositories.filter((u) => u.repository === repository).map((u) => ({ m, u })));
    return {
      repository, commit: null, report: `r/${repository}.json`, generatedAt: '2026-06-15T12:00:00.000Z', exitCode: exitCodes[repository] ?? 0,
      failing: own.reduce((n, { u }) => n + u.failing, 0), callSites: own.reduce((n, { u }) => n + u.callSites, 0), filesScanned: 3,
      models: own.map(({ m, u }) => ({ id: m.id, hostedLabel: m.hostedLabel, callSites: u.callSites, failing: u.failing, verdict: u.verdict })),
      dynamicSites: dynamic.filter((d) => d.repository === repository).length, waivers: waivers.filter((w) => w.repository === repository).length,
    };
  });
  const ids = (label: string) => models.filter((m) => m.hostedLabel === label).map((m) => m.id);
  return InventorySchema.parse({
    formatVersion: 1, kind: 'modelgate-inventory', tool: { name: 'modelgate', version: '0.1.0' }, generatedAt: '2026-06-15T12:00:00.000Z', today: '2026-06-15', expiringWithinDays: 30,
    reports: repositories.map((r) => ({ file: r.report, repository: r.repository, repositoryFrom: 'option', commit: null, generatedAt: r.generatedAt })),
    superseded: [], catalogs: [],
    summary: {
      repositories: repositories.length, failingRepositories: repositories.filter((r) => r.exitCode === 1).length, models: models.length,
      callSites: models.reduce((n, m) => n + m.callSites, 0), dynamicSites: dynamic.length,
      research: ids('research'), private: ids('private'), unknown: ids('unknown'), partner: models.filter((m) => m.partnerApi === 'yes').map((m) => m.id),
      waiversExpired: waivers.filter((w) => w.expired).length, waiversExpiring: waivers.filter((w) => w.expiring).length,
    },
    repositories, models, dynamic, waivers, failOn: { categories: [], tripped: [] },
  });
}

const catalog = catalogOf([
  model('fal-ai/stable-cascade', { name: 'Stable Cascade', hosted: { license: 'research' }, aliases: ['fal-ai/cascade'] }),
  model('fal-ai/flux/dev', { name: 'FLUX.1 [dev]' }),
  model('fal-ai/recraft', { name: 'Recraft', hosted: { license: 'research' } }),
]);

const denied = { verdict: 'denied', rule: 'research-only' } as const;

describe('usedInHeading', () => {
  it('counts repositories, and says so when none uses the model', () => {
    expect(usedInHeading(0)).toBe('Not used in any repository of the inventory');
    expect(usedInHeading(1)).toBe('Used in 1 repository');
    expect(usedInHeading(2)).toBe('Used in 2 repositories');
    expect(usedInHeading(1200)).toBe('Used in 1,200 repositories');
  });
});

describe('usesByModel', () => {
  const inv = inventory(
    [
      invModel('fal-ai/stable-cascade', 'research', [
        use('acme/waived', [site('src/b.ts', 9, { ...denied, status: 'waived' }), site('src/a.ts', 30, { ...denied, status: 'waived' })]),
        use('acme/research', [site('src/sticker.ts', 4, { ...denied, status: 'fail' })]),
      ]),
      // Another spelling of the same endpoint (an alias, another owner case) is the same model.
      invModel('Fal-AI/cascade', 'research', [use('acme/research', [site('src/old.ts', 2, { ...denied, status: 'baselined' })])]),
      invModel('fal-ai/flux/dev', 'commercial', [use('acme/clean', [site('src/app.ts', 3)])]),
      invModel('acme/in-house', 'unknown', [use('acme/clean', [site('src/x.ts', 1, { verdict: 'denied', rule: 'unknown-model', status: 'fail' })])], { known: false, name: null }),
    ],
    [
      waiver('acme/waived', ['fal-ai/stable-cascade'], '2026-06-25', 10, { callSites: 2 }),
      // A waiver of another repository never covers this one's use.
      waiver('acme/clean', ['fal-ai/stable-cascade'], '2026-12-31', 199),
    ],
  );
  const uses = usesByModel(inv, catalog);

  it('lists the repositories calling a catalog model, by name, with call sites, words and first call site', () => {
    expect(uses.get('fal-ai/stable-cascade')!.map((u) => [u.repository, u.callSites, u.words, u.firstSite])).toEqual([
      ['acme/research', 2, 'denied, 1 failing, 1 baselined', 'src/old.ts:2'],
      ['acme/waived', 2, 'denied, 2 waived', 'src/a.ts:30'],
    ]);
  });

  it('attaches the waivers of that repository that cover the model, with who approved them and until when', () => {
    const [research, waived] = uses.get('fal-ai/stable-cascade')!;
    expect(research!.waivers).toEqual([]);
    expect(waived!.waivers.map((w) => [w.approvedBy, w.expires, w.state])).toEqual([['jane@legal.example', '2026-06-25', 'expires in 10 day(s)']]);
  });

  it('has no entry for a catalog model nobody calls, nor for an id the catalog does not know', () => {
    expect(uses.get('fal-ai/recraft')).toBeUndefined();
    expect(uses.has('acme/in-house')).toBe(false);
    expect([...uses.keys()].sort()).toEqual(['fal-ai/flux/dev', 'fal-ai/stable-cascade']);
  });
});

describe('organisationView', () => {
  const inv = inventory(
    [
      invModel('fal-ai/flux/dev', 'commercial', [use('acme/clean', [site('src/app.ts', 3)]), use('acme/research', [site('src/app.ts', 3), site('src/more.ts', 8)])]),
      invModel('fal-ai/stable-cascade', 'research', [use('acme/research', [site('src/sticker.ts', 4, { ...denied, status: 'fail' })]), use('acme/waived', [site('src/p.ts', 2, { ...denied, status: 'waived' })])]),
      // The reports saw it as commercial; this site's catalog says research only now.
      invModel('fal-ai/recraft', 'commercial', [use('acme/waived', [site('src/r.ts', 1), site('src/r.ts', 7), site('src/r.ts', 9)])], { partnerApi: 'yes' }),
      invModel('acme/in-house', 'unknown', [use('acme/waived', [site('src/x.ts', 1, { verdict: 'denied', rule: 'unknown-model', status: 'waived' })])], { known: false, name: null }),
    ],
    [
      waiver('acme/waived', ['acme/in-house'], '2026-06-01', -14),
      waiver('acme/waived', ['fal-ai/stable-cascade'], '2026-06-25', 10),
      waiver('acme/research', ['fal-ai/flux/dev'], '2027-01-01', 200),
    ],
    [{ ...site('src/dyn.ts', 12, { kind: 'dynamic', verdict: 'review', rule: 'dynamic-id', status: 'fail' }), repository: 'acme/research', raw: 'modelId' }],
    { 'acme/research': 1 },
  );
  const view = organisationView(inv, catalog);

  it('gives each repository its gate result, failing count and call sites by verdict, dynamic ids apart', () => {
    expect(view.repositories.map((r) => [r.repository, r.passes, r.failing, r.verdicts, r.dynamic])).toEqual([
      ['acme/clean', true, 0, { allowed: 1, review: 0, denied: 0 }, 0],
      ['acme/research', false, 1, { allowed: 2, review: 0, denied: 1 }, 1],
      ['acme/waived', true, 0, { allowed: 3, review: 0, denied: 2 }, 0],
    ]);
  });

  it('shows expired and expiring waivers, soonest first, and only counts the live ones', () => {
    expect(view.waivers.map((w) => [w.repository, w.models, w.state])).toEqual([
      ['acme/waived', [{ id: 'acme/in-house', catalogId: null }], 'expired 14 day(s) ago'],
      ['acme/waived', [{ id: 'fal-ai/stable-cascade', catalogId: 'fal-ai/stable-cascade' }], 'expires in 10 day(s)'],
    ]);
    expect(view.liveWaivers).toBe(1);
  });

  it('orders models by the number of repositories, then call sites, and links only catalog models', () => {
    expect(view.models.map((m) => [m.model.id, m.model.catalogId, m.uses.length, m.callSites])).toEqual([
      ['fal-ai/flux/dev', 'fal-ai/flux/dev', 2, 3],
      ['fal-ai/stable-cascade', 'fal-ai/stable-cascade', 2, 2],
      ['fal-ai/recraft', 'fal-ai/recraft', 1, 3],
      ['acme/in-house', null, 1, 1],
    ]);
  });

  it('keeps the label the reports were judged with, and names the catalog’s newer one when it differs', () => {
    const recraft = view.models.find((m) => m.model.id === 'fal-ai/recraft')!;
    expect([recraft.label, recraft.labelNow, recraft.partnerApi]).toEqual(['commercial', 'research', 'yes']);
    expect(view.models.find((m) => m.model.id === 'fal-ai/stable-cascade')!.labelNow).toBeNull();
  });

  it('lists research-only, private and unknown use with the repositories and how each stands', () => {
    expect(view.attention.map((a) => [a.label, a.models.map((m) => `${m.model.id}: ${m.uses.map((u) => `${u.repository} (${u.callSites}, ${u.words})`).join('; ')}`)])).toEqual([
      ['research', ['fal-ai/stable-cascade: acme/research (1, denied, 1 failing); acme/waived (1, denied, 1 waived)']],
      ['private', []],
      ['unknown', ['acme/in-house: acme/waived (1, denied, 1 waived)']],
    ]);
  });

  it('lists dynamic ids with where they are and the inventory’s date and report count', () => {
    expect(view.dynamic).toEqual([{ repository: 'acme/research', where: 'src/dyn.ts:12', raw: 'modelId', verdict: 'review', status: 'fail' }]);
    expect([view.generatedAt, view.today, view.reports, view.superseded]).toEqual(['2026-06-15T12:00:00.000Z', '2026-06-15', 3, 0]);
  });
});

describe('readInventoryFile', () => {
  const write = async (name: string, text: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-inv-'));
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('reads an inventory the CLI wrote from real check reports, and the site finds who calls what', async () => {
    const clean = await project(APP);
    const research = await project({ ...APP, ...RESEARCH });
    const out = await mkdtemp(path.join(os.tmpdir(), 'mg-inv-'));
    for (const [name, dir] of [['clean', clean], ['research', research]] as const) {
      const r = await cli(['check', dir, '--repository', `acme/${name}`, '--format', 'json', '--output', path.join(out, 'r', `${name}.json`)]);
      expect(r.code, r.stderr).toBe(name === 'clean' ? 0 : 1);
    }
    const made = await cli(['inventory', path.join(out, 'r'), '--format', 'json', '--output', path.join(out, 'inventory.json')]);
    expect(made.code, made.stderr).toBe(0);
    const read = await readInventoryFile(path.join(out, 'inventory.json'));
    if (!read.ok) throw new Error(read.problems[0]!.message);
    const uses = usesByModel(read.value, catalog);
    expect(uses.get('fal-ai/stable-cascade')!.map((u) => `${u.repository} ${u.callSites} ${u.words} ${u.firstSite}`)).toEqual(['acme/research 1 denied, 1 failing src/sticker.ts:4']);
    expect(uses.get('fal-ai/flux/dev')!.map((u) => u.repository)).toEqual(['acme/clean', 'acme/research']);
  });

  it('names the file, line and field of a value the schema refuses', async () => {
    const good = inventory([invModel('fal-ai/flux/dev', 'commercial', [use('acme/clean', [site('src/app.ts', 3)])])], [waiver('acme/clean', ['fal-ai/flux/dev'], '2026-06-25', 10)]);
    const text = JSON.stringify(good, null, 2).replace('"expires": "2026-06-25"', '"expires": "June"');
    const file = await write('inventory.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('"June"')) + 1;
    const read = await readInventoryFile(file);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([{ code: 'schema', file, line, field: 'waivers[0].expires', message: expect.stringContaining('not a modelgate inventory') }]);
  });

  it('names the line of malformed JSON', async () => {
    const file = await write('broken.json', '{\n  "formatVersion": 1\n  "kind": "modelgate-inventory"\n}\n');
    const read = await readInventoryFile(file);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ code: 'json', file, line: 3 });
    expect(read.problems[0]!.message).toMatch(/^not a modelgate inventory: malformed JSON/);
  });

  it('says when it was handed a check report instead of the inventory', async () => {
    const dir = await project(APP);
    const report = path.join(dir, 'report.json');
    expect((await cli(['check', dir, '--format', 'json', '--output', report])).code).toBe(0);
    const read = await readInventoryFile(report);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]!.message).toContain('it is a check report: `modelgate inventory <reports>` makes the inventory');
  });

  it('names a file that is not there', async () => {
    const read = await readInventoryFile('/nonexistent/inventory.json');
    expect(read).toEqual({ ok: false, problems: [{ code: 'read', file: '/nonexistent/inventory.json', message: 'cannot read the inventory: no such file' }] });
  });
});
