import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../../src/core/catalog/catalog.ts';
import { parseEntry } from '../../../src/core/content/load.ts';
import { buildInventory } from '../../../src/core/inventory/build.ts';
import { breaking, changesAgainstCatalog, changesInChangelog, factChange, impactLine, impactOf, type FactChange } from '../../../src/core/inventory/impact.ts';
import { readReports } from '../../../src/core/inventory/read.ts';
import type { Problem } from '../../../src/core/problem.ts';
import type { Inventory } from '../../../src/core/schema/inventory.ts';
import { ModelSchema } from '../../../src/core/schema/model.ts';
import { emptyChangelog } from '../../../src/core/sync/changelog.ts';
import { catalogOf, model, observation } from '../core/helpers.ts';
import { checkedOrg, pythonCalls, type ScratchOrg } from './org-fixture.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../content');

/** An entry of content/ as the catalog loads it, with `extra` observations appended (newer ones win). */
async function realEntry(id: string, over: { observations?: ReturnType<typeof observation>[]; aliases?: string[] } = {}): Promise<CatalogModel> {
  const file = path.join(CONTENT, 'models', `${id}.md`);
  const problems: Problem[] = [];
  const entry = parseEntry(file, `${id}.md`, await readFile(file, 'utf8'), ModelSchema, problems);
  if (!entry) throw new Error(`${id}: ${problems[0]?.message}`);
  const data = entry.data;
  return {
    ...data,
    aliases: [...data.aliases, ...(over.aliases ?? [])],
    hosted: { ...data.hosted, observations: [...data.hosted.observations, ...(over.observations ?? [])] },
    notes: entry.body,
  };
}

/**
 * Four repositories, checked against the bundled catalog: acme/web calls FLUX dev (first in a
 * test file that sorts before its source); acme/api and acme/lab call an unknown id with the
 * owner spelled two ways; acme/api calls AuraFlow by an id the bundled catalog does not know;
 * acme/lab calls FLUX schnell and Stable Cascade (research).
 */
const ORG = {
  'acme/web': { 'a.test.ts': 'import { fal } from "@fal-ai/client";\nfal.subscribe("fal-ai/flux/dev", {});\n', 'src/gen.ts': 'import { fal } from "@fal-ai/client";\n\n\nexport const gen = () => fal.subscribe("fal-ai/flux/dev", {});\n' },
  'acme/api': { 'app.py': pythonCalls(['FAL-AI/newthing', 'fal-ai/auraflow']) },
  'acme/lab': { 'lab.py': pythonCalls(['fal-ai/newthing', 'fal-ai/flux/schnell', 'fal-ai/stable-cascade'], 5) },
};

let org: ScratchOrg;
let inv: Inventory;
beforeAll(async () => {
  org = await checkedOrg(ORG);
  const read = await readReports([org.reports]);
  if (!read.ok) throw new Error(read.problems[0]!.message);
  inv = buildInventory(read.value, { now: new Date('2026-06-15T12:00:00Z'), version: 'test', expiringWithinDays: 30, failOn: [] });
});
afterAll(() => org.cleanup());

/** A newer catalog: FLUX dev research-only, schnell deprecated, AuraFlow known as fal-ai/auraflow too, newthing commercial, Stable Cascade gone. */
async function newerCatalog() {
  const later = { observed: '2026-06-01', evidence: 'primary' as const, source: 'fal Platform API GET /v1/models' };
  return catalogOf([
    await realEntry('fal-ai/flux/dev', { observations: [observation({ ...later, label: 'research', status: 'active' })] }),
    await realEntry('fal-ai/flux/schnell', { observations: [observation({ ...later, label: 'commercial', status: 'deprecated' })] }),
    await realEntry('fal-ai/aura-flow', { aliases: ['fal-ai/auraflow'] }),
    model('fal-ai/newthing'),
  ]);
}

describe('factChange: which changes are stricter', () => {
  it.each([
    ['label', 'commercial', 'research', true],
    ['label', 'research', 'commercial', false],
    ['label', 'unknown', 'research', true],
    ['label', 'commercial', 'unknown', true],
    ['label', 'unknown', 'commercial', false],
    ['label', 'private', 'research', true],
    ['label', 'research', 'private', false],
    ['status', 'active', 'deprecated', true],
    ['status', 'deprecated', 'removed', true],
    ['status', 'removed', 'active', false],
    ['status', 'deprecated', 'active', false],
  ] as const)('%s %s → %s: stricter %s', (field, from, to, stricter) => {
    expect(factChange('fal-ai/x', field, from, to)).toEqual({ id: 'fal-ai/x', field, from, to, stricter });
  });
});

describe('changesInChangelog', () => {
  it('takes label and status changes, and the label of a newly listed endpoint unless fal states none', () => {
    const c = emptyChangelog({ observed: '2026-06-15', source: 'test', listed: 5, prices: { skipped: 'test' }, partnerPages: { skipped: 'test' }, warnings: [] });
    c.labelChanges.push({ id: 'fal-ai/flux/dev', name: 'dev', from: 'commercial', to: 'research' });
    c.restricted.push({ id: 'fal-ai/flux/dev', name: 'dev', from: 'commercial', to: 'research' });
    c.added.push({ id: 'fal-ai/newthing', name: 'new', label: 'commercial' }, { id: 'fal-ai/silent', name: 'silent', label: 'unknown' });
    c.removed.push({ id: 'fal-ai/aura-flow', name: 'AuraFlow', label: 'commercial', from: 'active', to: 'removed' });
    c.reactivated.push({ id: 'fal-ai/back', name: 'back', label: 'commercial', from: 'removed', to: 'active' });
    expect(changesInChangelog(c)).toEqual([
      factChange('fal-ai/flux/dev', 'label', 'commercial', 'research'),
      factChange('fal-ai/newthing', 'label', 'unknown', 'commercial'),
      factChange('fal-ai/aura-flow', 'status', 'active', 'removed'),
      factChange('fal-ai/back', 'status', 'removed', 'active'),
    ]);
  });
});

describe('changesAgainstCatalog', () => {
  it('compares the facts the reports were judged on with a newer catalog, one change per endpoint', async () => {
    const changes = changesAgainstCatalog(inv, await newerCatalog());
    expect(changes).toEqual([
      // both spellings of the unknown id resolve to the new entry: one change
      factChange('FAL-AI/newthing', 'label', 'unknown', 'commercial'),
      // known to the newer catalog by an alias
      factChange('fal-ai/auraflow', 'label', 'unknown', 'commercial'),
      factChange('fal-ai/flux/dev', 'label', 'commercial', 'research'),
      factChange('fal-ai/flux/schnell', 'status', 'active', 'deprecated'),
      // gone from the newer catalog: unknown there, and no status compared
      factChange('fal-ai/stable-cascade', 'label', 'research', 'unknown'),
    ]);
  });
});

describe('impactOf', () => {
  it('names every repository calling a changed endpoint, a source call site each; in use and stricter first', async () => {
    const newer = await newerCatalog();
    const impacts = impactOf(inv, changesAgainstCatalog(inv, newer), newer);
    expect(impacts.map((i) => [i.id, i.stricter, i.repositories])).toEqual([
      ['fal-ai/flux/dev', true, [{ repository: 'acme/web', callSites: 2, site: { file: 'src/gen.ts', line: 4 } }]],
      ['fal-ai/flux/schnell', true, [{ repository: 'acme/lab', callSites: 1, site: { file: 'lab.py', line: 6 } }]],
      ['FAL-AI/newthing', false, [{ repository: 'acme/api', callSites: 1, site: { file: 'app.py', line: 3 } }, { repository: 'acme/lab', callSites: 1, site: { file: 'lab.py', line: 5 } }]],
      ['fal-ai/auraflow', false, [{ repository: 'acme/api', callSites: 1, site: { file: 'app.py', line: 4 } }]],
      ['fal-ai/stable-cascade', false, [{ repository: 'acme/lab', callSites: 1, site: { file: 'lab.py', line: 7 } }]],
    ]);
    expect(breaking(impacts).map((i) => i.id)).toEqual(['fal-ai/flux/dev', 'fal-ai/flux/schnell']);
  });

  it('matches ids by endpointKey: the owner in any case, every spelling once per repository', () => {
    const [lower] = impactOf(inv, [factChange('fal-ai/newthing', 'label', 'unknown', 'research')]);
    const [upper] = impactOf(inv, [factChange('Fal-AI/newthing', 'label', 'unknown', 'research')]);
    const both = [{ repository: 'acme/api', callSites: 1, site: { file: 'app.py', line: 3 } }, { repository: 'acme/lab', callSites: 1, site: { file: 'lab.py', line: 5 } }];
    expect(lower!.repositories).toEqual(both);
    expect(upper!.repositories).toEqual(both);
    // the rest of the id is compared as written
    expect(impactOf(inv, [factChange('fal-ai/NewThing', 'label', 'unknown', 'research')])[0]!.repositories).toEqual([]);
  });

  it('with the catalog the change leads to, a status change reaches the repositories calling the endpoint by an alias', async () => {
    const removed = [factChange('fal-ai/aura-flow', 'status', 'active', 'removed')];
    expect(impactOf(inv, removed)[0]!.repositories).toEqual([]);
    const [hit] = impactOf(inv, removed, await newerCatalog());
    expect(hit!.repositories).toEqual([{ repository: 'acme/api', callSites: 1, site: { file: 'app.py', line: 4 } }]);
    expect(breaking([hit!])).toEqual([hit]);
  });

  it('an endpoint no repository calls comes last, with none, and breaks nothing even when stricter', () => {
    const changes: FactChange[] = [factChange('fal-ai/unused', 'label', 'commercial', 'research'), factChange('fal-ai/stable-cascade', 'label', 'research', 'commercial')];
    const impacts = impactOf(inv, changes);
    expect(impacts.map((i) => [i.id, i.repositories.length])).toEqual([['fal-ai/stable-cascade', 1], ['fal-ai/unused', 0]]);
    expect(breaking(impacts)).toEqual([]);
  });
});

describe('impactLine', () => {
  it('says what changed and who calls it, with a call site each', async () => {
    const newer = await newerCatalog();
    const lines = impactOf(inv, changesAgainstCatalog(inv, newer), newer).map(impactLine);
    expect(lines).toEqual([
      'fal-ai/flux/dev: commercial → research-only — called by 1 repository: acme/web (src/gen.ts:4)',
      'fal-ai/flux/schnell: status active → deprecated — called by 1 repository: acme/lab (lab.py:6)',
      'FAL-AI/newthing: unknown → commercial — called by 2 repositories: acme/api (app.py:3), acme/lab (lab.py:5)',
      'fal-ai/auraflow: unknown → commercial — called by 1 repository: acme/api (app.py:4)',
      'fal-ai/stable-cascade: research-only → unknown — called by 1 repository: acme/lab (lab.py:7)',
    ]);
    expect(impactLine(impactOf(inv, [factChange('fal-ai/unused', 'status', 'active', 'removed')])[0]!)).toBe('fal-ai/unused: status active → removed — called by no repository in the inventory');
  });
});
