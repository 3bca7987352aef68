import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hostedFacts } from '../../../src/core/facts/hosted.ts';
import { ModelSchema } from '../../../src/core/schema/model.ts';
import { API_SOURCE, renderChangelogMarkdown, runSync, type SyncOptions } from '../../../src/core/sync/index.ts';
import { apiModel, FAST_RETRY, fakeSleep, falHandler, FIXTURES, makeContent, pagedHandler, readModel, snapshot, startServer, writeModel, type Reply, type TempContent, type TestServer, release } from './helpers.ts';

const NOW = new Date('2026-09-01T10:00:00Z');
const TODAY = '2026-09-01';

/** The live catalog of the main scenario, three pages. */
function livePages(): unknown[][] {
  return [
    [
      // a label flip: commercial → research, with fal's tags, group and kind
      apiModel('fal-ai/flux/dev', { display_name: 'FLUX.1 [dev]', license_type: 'research', tags: ['new', 'pro'], group: { key: 'flux', label: 'FLUX' }, kind: 'inference' }),
      // deprecated, label confirmed
      apiModel('fal-ai/flux/schnell', { display_name: 'FLUX.1 [schnell]', license_type: 'commercial', status: 'deprecated' }),
    ],
    [
      // license_type absent on an existing research entry: left as it is
      apiModel('fal-ai/stable-cascade', { display_name: 'Stable Cascade' }),
      // license_type absent on an existing unknown entry: stays unknown
      apiModel('veed/lipsync/v2', { display_name: 'Lipsync v2', category: 'video-to-video' }),
      // the owner spelled differently: the same endpoint (cassetteai/… in content)
      apiModel('CassetteAI/music-generator', { display_name: 'Music Generator', category: 'text-to-audio', license_type: 'commercial' }),
    ],
    [
      // new endpoints: one without a label, one private, one without metadata at all
      apiModel('acme/new-model', { display_name: 'New Model' }),
      apiModel('acme/pro-model', { display_name: 'Pro Model', license_type: 'private' }),
      apiModel('acme/bare', null),
    ],
    // fal-ai/aura-flow is missing: removed
  ];
}

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => { [tmp, server] = await release(tmp, server); });

async function setup(handler: (url: URL) => Reply): Promise<{ content: string; base: Omit<SyncOptions, 'contentDir'> & { contentDir: string }; sleeps: number[] }> {
  tmp = await makeContent();
  server = await startServer(falHandler(handler));
  const { sleep, calls } = fakeSleep();
  return {
    content: tmp.content,
    sleeps: calls,
    // acceptRemovals: fal-ai/aura-flow leaving is 1 of 6 entries, over the 5% guard of a catalog this small (guard.test.ts)
    base: { contentDir: tmp.content, baseUrl: server.baseUrl, apiKey: 'test-key', now: NOW, retry: FAST_RETRY, timeoutMs: 2_000, sleep, random: () => 0.5, clientEndpointsFile: false, acceptRemovals: true },
  };
}

const NOTES = 'Legal asked us to double-check the FLUX dev terms with fal sales before any paid launch.';

async function addHumanFacts(content: string): Promise<void> {
  const text = await readModel(content, 'fal-ai/flux/dev');
  await writeModel(content, 'fal-ai/flux/dev', `${text.replace('review: null', 'review:\n  by: jane@legal\n  date: "2026-01-10"\n  note: checked against the fal ToS')}\n${NOTES}\n`);
}

function frontMatter(text: string): Record<string, any> {
  return parseYaml(text.split(/^---$/m)[1]!) as Record<string, any>;
}

/** The effective facts of a file, as the site and the gate derive them. */
async function effective(content: string, id: string) {
  const f = hostedFacts(ModelSchema.parse(frontMatter(await readModel(content, id))));
  return { label: f.license.value, status: f.status.value, partnerApi: f.partnerApi.value, providerType: f.providerType.value };
}

/** The observations of a file as written. */
async function observations(content: string, id: string): Promise<Record<string, any>[]> {
  return frontMatter(await readModel(content, id)).hosted.observations;
}

/** The observations of a fixture file before any sync. */
async function fixtureObservations(id: string): Promise<Record<string, any>[]> {
  return frontMatter(await readFile(path.join(FIXTURES, 'models', `${id}.md`), 'utf8')).hosted.observations;
}

const listingRequests = () => server!.requests.filter((r) => r.url.startsWith('/v1/models?'));

describe('runSync against a local fal API', () => {
  it('pages through 429 and 500, records observations, flags the label flip, marks the removed endpoint', async () => {
    const { content, base, sleeps } = await setup(
      pagedHandler(livePages(), {
        2: [{ status: 429, headers: { 'retry-after': '2' }, body: { error: { type: 'rate_limited', message: 'slow down' } } }],
        3: [{ status: 500, body: { error: { type: 'server_error', message: 'boom' } } }],
      }),
    );
    await addHumanFacts(content);
    const result = await runSync(base);
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.written).toBe(true);

    // retries: Retry-After honoured exactly (2 s), the 500 backed off; every page asked with the key
    expect(sleeps[0]).toBe(2000);
    expect(sleeps).toHaveLength(2);
    expect(listingRequests().map((r) => r.url)).toEqual([
      '/v1/models?limit=100', '/v1/models?limit=100&cursor=c2', '/v1/models?limit=100&cursor=c2', '/v1/models?limit=100&cursor=c3', '/v1/models?limit=100&cursor=c3',
    ]);
    expect(server!.requests.every((r) => r.authorization === 'Key test-key')).toBe(true);

    // the flip: history kept, the API's observation appended; human facts kept
    const devText = await readModel(content, 'fal-ai/flux/dev');
    const dev = frontMatter(devText);
    const devHistory = await fixtureObservations('fal-ai/flux/dev');
    expect(dev.hosted.observations).toEqual([
      ...devHistory,
      { source: API_SOURCE, url: `${server!.baseUrl}/models?endpoint_id=fal-ai/flux/dev`, observed: TODAY, evidence: 'primary', label: 'research', status: 'active' },
    ]);
    expect(await effective(content, 'fal-ai/flux/dev')).toEqual({ label: 'research', status: 'active', partnerApi: 'no', providerType: 'fal' });
    expect(dev.weights.license).toBe('LicenseRef-FLUX-1-dev-Non-Commercial');
    expect(dev.price.usd).toBe(0.025);
    expect(dev.lab.name).toBe('black-forest-labs');
    expect(dev.review).toEqual({ by: 'jane@legal', date: '2026-01-10', note: 'checked against the fal ToS' });
    expect(devText.trimEnd().endsWith(NOTES)).toBe(true);
    expect(dev.tags).toEqual(['fal:new', 'fal:pro', 'group:flux', 'kind:inference']);
    expect(dev.lastSeen).toBe(TODAY);
    expect(dev.falDates).toEqual({ created: '2025-06-01', updated: '2026-01-15' });
    expect(dev.name).toBe('FLUX.1 [dev]');
    expect(dev.description).toBeUndefined(); // a human field: the API's description is not copied onto an existing entry

    // deprecated, as an observation
    expect(await effective(content, 'fal-ai/flux/schnell')).toMatchObject({ label: 'commercial', status: 'deprecated' });
    expect(frontMatter(await readModel(content, 'fal-ai/flux/schnell')).status).toBeUndefined();

    // absent license_type: states no label; the history (an undated copy included) is untouched
    for (const id of ['fal-ai/stable-cascade', 'veed/lipsync/v2']) {
      const obs = await observations(content, id);
      expect(obs.slice(0, -1)).toEqual(await fixtureObservations(id));
      expect(obs.at(-1)).toEqual({ source: API_SOURCE, url: `${server!.baseUrl}/models?endpoint_id=${id}`, observed: TODAY, evidence: 'primary', status: 'active' });
    }
    expect((await effective(content, 'fal-ai/stable-cascade')).label).toBe('research');
    expect((await effective(content, 'veed/lipsync/v2')).label).toBe('unknown');

    // an owner-case variant is the same file; its aliases are not touched
    expect(existsSync(path.join(content, 'models', 'CassetteAI'))).toBe(false);
    const cassette = frontMatter(await readModel(content, 'cassetteai/music-generator'));
    expect(await effective(content, 'cassetteai/music-generator')).toEqual({ label: 'commercial', status: 'active', partnerApi: 'yes', providerType: 'partner_msa' });
    expect(cassette.aliases).toEqual(['CassetteAI/music-generator']);
    expect(cassette.hosted.observations.at(-1).url).toBe(`${server!.baseUrl}/models?endpoint_id=CassetteAI/music-generator`);

    // new endpoints: one observation; the label as given, or none (unknown, never commercial)
    const fresh = frontMatter(await readModel(content, 'acme/new-model'));
    expect(fresh).toMatchObject({ id: 'acme/new-model', name: 'New Model', lastSeen: TODAY, description: 'The acme/new-model endpoint.' });
    expect(fresh.hosted.observations).toEqual([{ source: API_SOURCE, url: `${server!.baseUrl}/models?endpoint_id=acme/new-model`, observed: TODAY, evidence: 'primary', status: 'active' }]);
    expect(await effective(content, 'acme/new-model')).toEqual({ label: 'unknown', status: 'active', partnerApi: 'unknown', providerType: 'unknown' });
    expect(await effective(content, 'acme/pro-model')).toMatchObject({ label: 'private', partnerApi: 'unknown' });
    const bare = frontMatter(await readModel(content, 'acme/bare'));
    expect(bare).toMatchObject({ name: 'acme/bare', category: 'unknown' });
    expect(bare.hosted.observations).toHaveLength(1);
    expect(bare.hosted.observations[0]).not.toHaveProperty('label');
    expect(bare.hosted.observations[0]).not.toHaveProperty('status');
    expect((await effective(content, 'acme/bare')).label).toBe('unknown');

    // removed: kept, a removal observation appended, lastSeen untouched
    const aura = frontMatter(await readModel(content, 'fal-ai/aura-flow'));
    expect(aura.hosted.observations.at(-1)).toMatchObject({ source: API_SOURCE, url: `${server!.baseUrl}/models`, observed: TODAY, evidence: 'primary', status: 'removed' });
    expect(aura.hosted.observations.at(-1)).not.toHaveProperty('label');
    expect(await effective(content, 'fal-ai/aura-flow')).toMatchObject({ label: 'commercial', status: 'removed' });
    expect(aura.lastSeen).toBeUndefined();

    // the changelog
    const c = result.changelog!;
    expect(c.listed).toBe(8);
    expect(c.restricted).toEqual([{ id: 'fal-ai/flux/dev', name: 'FLUX.1 [dev]', from: 'commercial', to: 'research' }]);
    expect(c.labelChanges.map((l) => l.id)).toEqual(['fal-ai/flux/dev']);
    expect(c.added.map((a) => [a.id, a.label])).toEqual([['acme/bare', 'unknown'], ['acme/new-model', 'unknown'], ['acme/pro-model', 'private']]);
    expect(c.removed.map((r) => [r.id, r.label])).toEqual([['fal-ai/aura-flow', 'commercial']]);
    expect(c.deprecated.map((r) => r.id)).toEqual(['fal-ai/flux/schnell']);
    expect(c.partnerChanges).toEqual([]);
    // an appended observation that changes no effective fact is an "other update"; the flip is not double-counted
    expect(c.updated.find((u) => u.id === 'fal-ai/stable-cascade')!.fields).toEqual(['falDates', 'hosted.observations']);
    expect(c.updated.find((u) => u.id === 'fal-ai/flux/dev')!.fields).toEqual(['falDates', 'tags']);
    const md = renderChangelogMarkdown(c);
    const headline = md.slice(md.indexOf('## ⚠ Commercial use withdrawn'), md.indexOf('## Label changes'));
    expect(headline).toContain('(1)');
    expect(headline).toContain('`fal-ai/flux/dev`');
    expect(headline).toContain('**research**');
    expect(md.indexOf('⚠')).toBeLessThan(md.indexOf('## Added endpoints'));
  });

  it('is idempotent: a second run on the same day with the same data changes no byte', async () => {
    const { content, base } = await setup(pagedHandler(livePages()));
    await addHumanFacts(content);
    const first = await runSync(base);
    expect(first.exitCode).toBe(0);
    const after1 = await snapshot(content);
    const second = await runSync(base);
    expect(second).toMatchObject({ exitCode: 0, written: false });
    expect(await snapshot(content)).toEqual(after1);
    const c = second.changelog!;
    expect(c.labelChanges.length + c.added.length + c.removed.length + c.deprecated.length + c.updated.length + c.refreshed).toBe(0);
    expect(c.unchanged).toBe(6 + 3);

    // a later day confirms the same facts instead of repeating them: only dates move
    const third = await runSync({ ...base, now: new Date('2026-09-08T10:00:00Z') });
    expect(third.changelog!.updated).toEqual([]);
    expect(third.changelog!.refreshed).toBe(9); // 8 listed, and the removal confirmed
    const dev = frontMatter(await readModel(content, 'fal-ai/flux/dev'));
    expect(dev.lastSeen).toBe('2026-09-08');
    expect(dev.hosted.observations).toHaveLength(2);
    expect(dev.hosted.observations[1]).toMatchObject({ observed: TODAY, confirmed: '2026-09-08', label: 'research' });
    expect(await observations(content, 'fal-ai/stable-cascade')).toEqual([...await fixtureObservations('fal-ai/stable-cascade'), expect.objectContaining({ observed: TODAY, confirmed: '2026-09-08' })]);
    const aura = frontMatter(await readModel(content, 'fal-ai/aura-flow'));
    expect(aura.hosted.observations.at(-1)).toMatchObject({ status: 'removed', observed: TODAY, confirmed: '2026-09-08' });
    expect(aura.lastSeen).toBeUndefined();
  });

  it('appends an observation only when the facts change, and confirms the newest one otherwise', async () => {
    const { content, base } = await setup(pagedHandler([[apiModel('fal-ai/flux/dev', { license_type: 'commercial' })]]));
    const day = (d: string) => ({ ...base, now: new Date(`${d}T12:00:00Z`) });
    const serve = async (meta: Record<string, unknown>) => {
      await server!.close();
      server = await startServer(falHandler(pagedHandler([[apiModel('fal-ai/flux/dev', meta)]])));
      return server.baseUrl;
    };
    const history = await fixtureObservations('fal-ai/flux/dev');
    const api = (extra: Record<string, unknown>) => expect.objectContaining({ source: API_SOURCE, evidence: 'primary', ...extra });

    await runSync({ ...day('2026-09-01') });
    await runSync({ ...day('2026-09-02') });
    expect(await observations(content, 'fal-ai/flux/dev')).toEqual([...history, api({ label: 'commercial', observed: '2026-09-01', confirmed: '2026-09-02' })]);

    let result = await runSync({ ...day('2026-09-03'), baseUrl: await serve({ license_type: 'research' }) });
    expect(result.changelog!.restricted.map((r) => r.id)).toEqual(['fal-ai/flux/dev']);
    result = await runSync({ ...day('2026-09-04'), baseUrl: server!.baseUrl });
    expect(result.changelog!.labelChanges).toEqual([]);
    // back to commercial: a third observation, the earlier ones untouched
    result = await runSync({ ...day('2026-09-05'), baseUrl: await serve({ license_type: 'commercial' }) });
    expect(result.changelog!.labelChanges.map((l) => [l.from, l.to])).toEqual([['research', 'commercial']]);
    expect(await observations(content, 'fal-ai/flux/dev')).toEqual([
      ...history,
      api({ label: 'commercial', observed: '2026-09-01', confirmed: '2026-09-02' }),
      api({ label: 'research', observed: '2026-09-03', confirmed: '2026-09-04' }),
      api({ label: 'commercial', observed: '2026-09-05' }),
    ]);
    // the label disappears from the listing: an observation without a label; the last stated label stays in force
    result = await runSync({ ...day('2026-09-06'), baseUrl: await serve({}) });
    expect((await observations(content, 'fal-ai/flux/dev')).at(-1)).toEqual({ source: API_SOURCE, url: expect.any(String), observed: '2026-09-06', evidence: 'primary', status: 'active' });
    expect((await effective(content, 'fal-ai/flux/dev')).label).toBe('commercial');
    expect(result.changelog!.labelChanges).toEqual([]);
  });

  it('a malformed page: clear error naming page, cursor and field; content untouched byte for byte', async () => {
    const pages = livePages();
    (pages[1]![1] as { metadata: Record<string, unknown> }).metadata.status = 'gone';
    const { content, base } = await setup(pagedHandler(pages));
    const before = await snapshot(content);
    const result = await runSync(base);
    expect(result.exitCode).toBe(2);
    expect(result.written).toBe(false);
    expect(result.changelog).toBeNull();
    expect(result.error).toMatch(/^GET \/models page 2 \(cursor "c2"\): malformed response: models\[1\]\.metadata\.status \(veed\/lipsync\/v2\): .*nothing was written$/);
    expect(result.error).not.toContain('\n');
    expect(await snapshot(content)).toEqual(before);
  });

  it('a page without has_more, a body that is not JSON, and a cursor loop all fail cleanly', async () => {
    for (const [handler, pattern] of [
      [pagedHandler(livePages(), {}, (page, body) => (page === 3 ? { models: [] } : body)), /page 3 \(cursor "c3"\): malformed response: has_more: /],
      [pagedHandler(livePages(), { 2: [{ body: '<html>oops' }] }), /page 2 .*not JSON/],
      [pagedHandler(livePages(), {}, (page, body) => (page === 2 ? { ...body, next_cursor: 'c2' } : body)), /cursor loop: next_cursor "c2"/],
    ] as const) {
      const { content, base } = await setup(handler);
      const before = await snapshot(content);
      const result = await runSync(base);
      expect(result.exitCode).toBe(2);
      expect(result.error).toMatch(pattern);
      expect(await snapshot(content)).toEqual(before);
      await server!.close();
      await tmp!.cleanup();
      server = undefined;
      tmp = undefined;
    }
  });

  it('validates the merged result before writing: data that does not fit the schema writes nothing', async () => {
    const pages = livePages();
    // passes the page schema (Date.parse accepts it) but is no calendar date
    (pages[2]![0] as { metadata: Record<string, unknown> }).metadata.updated_at = '2026-02-30T00:00:00Z';
    const { content, base } = await setup(pagedHandler(pages));
    const before = await snapshot(content);
    const result = await runSync(base);
    expect(result.exitCode).toBe(2);
    expect(result.error).toMatch(/^the API data does not fit the model schema: acme\/new-model: falDates\.updated: not a real calendar date; nothing was written$/);
    expect(await snapshot(content)).toEqual(before);
  });

  it('5xx retries are bounded, then the sync fails with nothing written', async () => {
    const { content, base, sleeps } = await setup(() => ({ status: 503, body: { error: { type: 'server_error', message: 'down' } } }));
    const before = await snapshot(content);
    const result = await runSync(base);
    expect(result.exitCode).toBe(2);
    expect(result.error).toMatch(/page 1: HTTP 503 \(server_error: down\) after 4 attempts; giving up/);
    expect(sleeps).toEqual([8, 15, 30]); // 10·2^n, half fixed + half jitter at random()=0.5
    expect(await snapshot(content)).toEqual(before);
  });

  it('--check: exit 1 when labels differ, nothing written; exit 0 once synced', async () => {
    const { content, base } = await setup(pagedHandler(livePages()));
    const before = await snapshot(content);
    const check = await runSync({ ...base, check: true });
    expect(check).toMatchObject({ exitCode: 1, written: false });
    expect(check.changelog!.restricted).toHaveLength(1);
    expect(await snapshot(content)).toEqual(before);
    expect((await runSync(base)).exitCode).toBe(0);
    expect((await runSync({ ...base, check: true })).exitCode).toBe(0);
    // a later day: dates would move, labels do not: still equal
    expect((await runSync({ ...base, check: true, now: new Date('2026-10-01T00:00:00Z') })).exitCode).toBe(0);
    // --check reads no prices
    expect(server!.requests.some((r) => r.url.startsWith('/v1/models/pricing'))).toBe(true); // the sync itself did
    const before2 = server!.requests.length;
    await runSync({ ...base, check: true });
    expect(server!.requests.slice(before2).every((r) => r.url.startsWith('/v1/models?'))).toBe(true);
  });

  it('--check ignores non-label facts but catches a status change alone', async () => {
    const { content, base } = await setup(pagedHandler(livePages()));
    expect((await runSync(base)).exitCode).toBe(0);
    const pages = livePages();
    (pages[0]![0] as { metadata: Record<string, unknown> }).metadata.description = 'A new description.';
    await server!.close();
    server = await startServer(falHandler(pagedHandler(pages)));
    expect((await runSync({ ...base, baseUrl: server.baseUrl, check: true })).exitCode).toBe(0);
    (pages[0]![0] as { metadata: Record<string, unknown> }).metadata.status = 'deprecated';
    await server.close();
    server = await startServer(falHandler(pagedHandler(pages)));
    const check = await runSync({ ...base, baseUrl: server.baseUrl, check: true });
    expect(check.exitCode).toBe(1);
    expect(check.changelog!.deprecated.map((d) => d.id)).toEqual(['fal-ai/flux/dev']);
    expect((await effective(content, 'fal-ai/flux/dev')).status).toBe('active');
  });

  it('a removed endpoint that comes back is active again', async () => {
    const { content, base } = await setup(pagedHandler(livePages()));
    await runSync(base);
    expect((await effective(content, 'fal-ai/aura-flow')).status).toBe('removed');
    const pages = livePages();
    pages[2]!.push(apiModel('fal-ai/aura-flow', null));
    await server!.close();
    server = await startServer(falHandler(pagedHandler(pages)));
    const result = await runSync({ ...base, baseUrl: server.baseUrl });
    expect(result.changelog!.reactivated.map((r) => [r.id, r.from])).toEqual([['fal-ai/aura-flow', 'removed']]);
    let aura = frontMatter(await readModel(content, 'fal-ai/aura-flow'));
    expect(aura.lastSeen).toBe(TODAY);
    // the same day: today's reading of the listing is replaced (one reading per source and day), not contradicted
    const history = await fixtureObservations('fal-ai/aura-flow');
    expect(aura.hosted.observations).toEqual([...history, expect.objectContaining({ source: API_SOURCE, status: 'active', observed: TODAY })]);
    expect(await effective(content, 'fal-ai/aura-flow')).toMatchObject({ label: 'commercial', status: 'active' });

    // on later days: removed (appended), then back (appended); listed without metadata it states no label
    await server.close();
    server = await startServer(falHandler(pagedHandler(livePages())));
    await runSync({ ...base, baseUrl: server.baseUrl, now: new Date('2026-09-02T10:00:00Z') });
    await server.close();
    server = await startServer(falHandler(pagedHandler(pages)));
    const back = await runSync({ ...base, baseUrl: server.baseUrl, now: new Date('2026-09-03T10:00:00Z') });
    expect(back.changelog!.reactivated.map((r) => [r.id, r.from])).toEqual([['fal-ai/aura-flow', 'removed']]);
    aura = frontMatter(await readModel(content, 'fal-ai/aura-flow'));
    expect(aura.hosted.observations.slice(history.length)).toEqual([
      expect.objectContaining({ status: 'active', observed: TODAY }),
      expect.objectContaining({ status: 'removed', observed: '2026-09-02' }),
      { source: API_SOURCE, url: `${server.baseUrl}/models?endpoint_id=fal-ai/aura-flow`, observed: '2026-09-03', evidence: 'primary', status: 'active', note: expect.stringMatching(/without registry metadata/) },
    ]);
    expect(aura.lastSeen).toBe('2026-09-03');
  });

  it('lists ids of the installed client map that the catalog lacks', async () => {
    const { base } = await setup(pagedHandler(livePages()));
    const dts = path.join(tmp!.root, 'endpoints.d.ts');
    await writeFile(dts, [
      'export type EndpointTypeMap = {',
      '    "fal-ai/flux/dev": {\n        input: FluxDevInput;\n        output: { images: Array<{ "url": string }> };\n    };',
      '    // "commented/out": {}',
      '    "cassetteai/music-generator": { input: A; output: B };',
      "    'acme/only-in-client': { input: A; output: B };",
      '    "fal-ai/aura-flow": { input: A; output: B };',
      '};',
      'export type Other = { "not/this-one": string };',
    ].join('\n'));
    const result = await runSync({ ...base, clientEndpointsFile: dts });
    expect(result.changelog!.clientEndpoints).toEqual({ file: dts, count: 4, missing: ['acme/only-in-client'] });
    const md = renderChangelogMarkdown(result.changelog!);
    expect(md).toContain('## In @fal-ai/client but not in the catalog (1)');
    expect(md).toContain('- `acme/only-in-client`');
  });

  it('writes the changelog as Markdown and JSON', async () => {
    const { base } = await setup(pagedHandler(livePages()));
    const file = path.join(tmp!.root, 'out', 'changes.md');
    const result = await runSync({ ...base, changelogFile: file });
    const json = JSON.parse(await readFile(path.join(tmp!.root, 'out', 'changes.json'), 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(result.changelog)));
    expect(await readFile(file, 'utf8')).toBe(renderChangelogMarkdown(result.changelog!));
  });

  it('refuses an empty listing and invalid existing content', async () => {
    const { content, base } = await setup(pagedHandler([[]]));
    const before = await snapshot(content);
    expect((await runSync(base)).error).toMatch(/listing .* is empty; refusing/);
    await writeModel(content, 'fal-ai/flux/dev', '---\nid: fal-ai/flux/dev\n---\n');
    const bad = await runSync(base);
    expect(bad.exitCode).toBe(2);
    expect(bad.error).toMatch(/problem\(s\) in .*fix them first/);
    before.set('models/fal-ai/flux/dev.md', '---\nid: fal-ai/flux/dev\n---\n');
    expect(await snapshot(content)).toEqual(before);
  });
});
