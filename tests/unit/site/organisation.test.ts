import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventoryFile } from '../../../src/core/inventory/load.ts';
import { InventorySchema, type Inventory, type InventoryModel, type InventorySite, type InventoryWaiver } from '../../../src/core/schema/inventory.ts';
import { organisationView, usedInHeading, usesByModel } from '../../../src/core/site/organisation.ts';
import { catalogOf, model } from '../core/helpers.ts';
import { checkedOrg, inventoryFile, pythonCalls, type ScratchOrg } from '../inventory/org-fixture.ts';

const site = (file: string, line: number, over: Partial<InventorySite> = {}): InventorySite => ({
  file, line, column: 5, kind: 'call', usage: 'source', verdict: 'allowed', rule: 'commercial', status: 'pass', ...over,
});

/** One repository's use of a model, its counts taken from its sites. */
function use(repository: string, sites: InventorySite[]): InventoryModel['repositories'][number] {
  const statuses = { fail: 0, waived: 0, baselined: 0, warn: 0, pass: 0 };
  for (const s of sites) statuses[s.status]++;
  const rank = { allowed: 0, review: 1, denied: 2 } as const;
  const verdict = sites.reduce<InventorySite['verdict']>((v, s) => (rank[s.verdict] > rank[v] ? s.verdict : v), 'allowed');
  // Its waivers are filled in by inventory(), from the waivers of its repository naming the model.
  return { repository, callSites: sites.length, failing: statuses.fail, verdict, statuses, sites, waivers: [] };
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

/**
 * An inventory with these models and waivers, validated by the schema; as buildInventory does,
 * each use carries the waivers of its repository naming its id, and the repositories follow.
 */
function inventory(models: InventoryModel[], waivers: InventoryWaiver[] = [], dynamic: Inventory['dynamic'] = [], exitCodes: Record<string, 0 | 1> = {}): Inventory {
  for (const m of models) {
    for (const u of m.repositories) u.waivers = waivers.filter((w) => w.repository === u.repository && w.models.includes(m.id)).map(({ repository: _r, models: _m, callSites: _c, ...w }) => w);
  }
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
        // A test that names it, first by file name, does not stand for the use: the source call does.
        use('acme/waived', [site('src/b.ts', 9, { ...denied, status: 'waived' }), site('src/a.ts', 30, { ...denied, status: 'waived' }), site('src/a.test.ts', 1, { ...denied, usage: 'test', status: 'warn' })]),
        use('acme/research', [site('src/sticker.ts', 4, { ...denied, status: 'fail' })]),
      ]),
      // Other spellings of the same endpoint (an alias, another owner case) are the same model.
      invModel('Fal-AI/cascade', 'research', [
        use('acme/research', [site('src/old.ts', 2, { ...denied, status: 'baselined' })]),
        use('acme/waived', [site('src/c.ts', 5, { ...denied, status: 'waived' })]),
      ]),
      invModel('fal-ai/flux/dev', 'commercial', [use('acme/clean', [site('src/app.ts', 3)])]),
      invModel('acme/in-house', 'unknown', [use('acme/clean', [site('src/x.ts', 1, { verdict: 'denied', rule: 'unknown-model', status: 'fail' })])], { known: false, name: null }),
    ],
    [
      // One waiver covering both spellings in one repository is listed once.
      waiver('acme/waived', ['Fal-AI/cascade', 'fal-ai/stable-cascade'], '2026-06-25', 10, { callSites: 2 }),
      waiver('acme/waived', ['fal-ai/stable-cascade'], '2026-06-20', 5, { approvedBy: 'bob@legal.example', line: 9 }),
    ],
  );
  const uses = usesByModel(inv, catalog);

  it('lists the repositories calling a catalog model, by name, with call sites, words and first call site', () => {
    expect(uses.get('fal-ai/stable-cascade')!.map((u) => [u.repository, u.callSites, u.words, u.firstSite])).toEqual([
      ['acme/research', 2, 'denied, 1 failing, 1 baselined', 'src/old.ts:2'],
      ['acme/waived', 4, 'denied, 3 waived', 'src/a.ts:30'],
    ]);
  });

  it('gives the waivers covering each use, who approved them and until when, soonest first, each once', () => {
    const [research, waived] = uses.get('fal-ai/stable-cascade')!;
    expect(research!.waivers).toEqual([]);
    expect(waived!.waivers.map((w) => [w.approvedBy, w.expires, w.state])).toEqual([
      ['bob@legal.example', '2026-06-20', 'expires in 5 day(s)'],
      ['jane@legal.example', '2026-06-25', 'expires in 10 day(s)'],
    ]);
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

describe('an inventory the CLI wrote from real check reports', () => {
  let org: ScratchOrg;
  let file: string;
  beforeAll(async () => {
    org = await checkedOrg({
      'acme/web': { 'app.py': pythonCalls(['fal-ai/flux/dev']) },
      'acme/lab': { 'app.py': pythonCalls(['fal-ai/flux/dev', 'fal-ai/stable-cascade']) },
      'acme/prototype': {
        'proto.py': pythonCalls(['fal-ai/stable-cascade', 'fal-ai/stable-cascade'], 5),
        'modelgate.config.yaml': 'waivers:\n  - model: fal-ai/stable-cascade\n    reason: prototype\n    approvedBy: jane@legal.example\n    approvedOn: "2026-05-01"\n    expires: "2026-06-25"\n',
      },
    });
    file = await inventoryFile(org);
  }, 60_000);
  afterAll(() => org.cleanup());

  it('reads back, and says who calls each model, how it stands there and under which waiver', async () => {
    const read = await readInventoryFile(file);
    if (!read.ok) throw new Error(read.problem.message);
    const uses = usesByModel(read.value, catalog);
    expect(uses.get('fal-ai/stable-cascade')!.map((u) => [u.repository, u.callSites, u.words, u.firstSite, u.waivers.map((w) => `${w.approvedBy} ${w.expires} ${w.state}`)])).toEqual([
      ['acme/lab', 1, 'denied, 1 failing', 'app.py:4', []],
      ['acme/prototype', 2, 'denied, 2 waived', 'proto.py:5', ['jane@legal.example 2026-06-25 expires in 10 day(s)']],
    ]);
    expect(uses.get('fal-ai/flux/dev')!.map((u) => u.repository)).toEqual(['acme/lab', 'acme/web']);
    const view = organisationView(read.value, catalog);
    expect(view.repositories.map((r) => [r.repository, r.passes, r.verdicts])).toEqual([
      ['acme/lab', false, { allowed: 1, review: 0, denied: 1 }],
      ['acme/prototype', true, { allowed: 0, review: 0, denied: 2 }],
      ['acme/web', true, { allowed: 1, review: 0, denied: 0 }],
    ]);
    expect(view.waivers.map((w) => [w.repository, w.state])).toEqual([['acme/prototype', 'expires in 10 day(s)']]);
  });
});
