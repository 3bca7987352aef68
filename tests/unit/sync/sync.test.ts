import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { API_SOURCE, renderChangelogMarkdown, runSync, type SyncOptions } from '../../../src/core/sync/index.ts';
import { apiModel, FAST_RETRY, fakeSleep, makeContent, pagedHandler, readModel, snapshot, startServer, writeModel, type Reply, type TempContent, type TestServer } from './helpers.ts';

const NOW = new Date('2026-03-01T10:00:00Z');
const TODAY = '2026-03-01';

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
afterEach(async () => {
  await server?.close();
  await tmp?.cleanup();
  server = undefined;
  tmp = undefined;
});

async function setup(handler: (url: URL) => Reply): Promise<{ content: string; base: Omit<SyncOptions, 'contentDir'> & { contentDir: string }; sleeps: number[] }> {
  tmp = await makeContent();
  server = await startServer(handler);
  const { sleep, calls } = fakeSleep();
  return {
    content: tmp.content,
    sleeps: calls,
    base: { contentDir: tmp.content, baseUrl: server.baseUrl, apiKey: 'test-key', now: NOW, retry: FAST_RETRY, timeoutMs: 2_000, sleep, random: () => 0.5, clientEndpointsFile: false },
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

describe('runSync against a local fal API', () => {
  it('pages through 429 and 500, merges, flags the label flip, marks the removed endpoint', async () => {
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
    expect(server!.requests.map((r) => r.url)).toEqual([
      '/v1/models?limit=100', '/v1/models?limit=100&cursor=c2', '/v1/models?limit=100&cursor=c2', '/v1/models?limit=100&cursor=c3', '/v1/models?limit=100&cursor=c3',
    ]);
    expect(server!.requests.every((r) => r.authorization === 'Key test-key')).toBe(true);

    // the flip: label and provenance from the API; human facts kept
    const devText = await readModel(content, 'fal-ai/flux/dev');
    const dev = frontMatter(devText);
    expect(dev.hosted.license).toBe('research');
    expect(dev.hosted.provenance).toMatchObject({ source: API_SOURCE, url: `${server!.baseUrl}/models?endpoint_id=fal-ai/flux/dev`, observed: TODAY, evidence: 'primary' });
    expect(dev.hosted.provenance.note).toMatch(/kept from github:timoncool/);
    expect(dev.hosted.partnerApi).toBe('no');
    expect(dev.hosted.providerType).toBe('fal');
    expect(dev.weights.license).toBe('LicenseRef-FLUX-1-dev-Non-Commercial');
    expect(dev.price.usd).toBe(0.025);
    expect(dev.lab.name).toBe('black-forest-labs');
    expect(dev.review).toEqual({ by: 'jane@legal', date: '2026-01-10', note: 'checked against the fal ToS' });
    expect(devText.trimEnd().endsWith(NOTES)).toBe(true);
    expect(dev.tags).toEqual(['fal:new', 'fal:pro', 'group:flux', 'kind:inference']);
    expect(dev.lastSeen).toBe(TODAY);
    expect(dev.falDates).toEqual({ created: '2025-06-01', updated: '2026-01-15' });
    expect(dev.description).toBe('The fal-ai/flux/dev endpoint.');

    // deprecated
    expect(frontMatter(await readModel(content, 'fal-ai/flux/schnell')).status).toBe('deprecated');

    // absent license_type on existing entries: label and provenance untouched
    const before = await makeContent(['fal-ai/stable-cascade', 'veed/lipsync/v2']);
    try {
      for (const id of ['fal-ai/stable-cascade', 'veed/lipsync/v2']) {
        const old = frontMatter(await readModel(before.content, id));
        const now = frontMatter(await readModel(content, id));
        expect(now.hosted).toEqual(old.hosted);
        expect(now.lastSeen).toBe(TODAY);
      }
    } finally {
      await before.cleanup();
    }
    expect(frontMatter(await readModel(content, 'fal-ai/stable-cascade')).hosted.license).toBe('research');
    expect(frontMatter(await readModel(content, 'veed/lipsync/v2')).hosted.license).toBe('unknown');

    // an owner-case variant is the same file
    expect(existsSync(path.join(content, 'models', 'CassetteAI'))).toBe(false);
    const cassette = frontMatter(await readModel(content, 'cassetteai/music-generator'));
    expect(cassette.hosted.license).toBe('commercial');
    expect(cassette.aliases).toEqual(['CassetteAI/music-generator']);

    // new endpoints: the label as given, or unknown, never commercial; partner flags unknown
    const fresh = frontMatter(await readModel(content, 'acme/new-model'));
    expect(fresh).toMatchObject({ id: 'acme/new-model', name: 'New Model', status: 'active', lastSeen: TODAY });
    expect(fresh.hosted).toMatchObject({ license: 'unknown', partnerApi: 'unknown', providerType: 'unknown', provenance: { source: API_SOURCE, evidence: 'unknown', observed: TODAY } });
    expect(frontMatter(await readModel(content, 'acme/pro-model')).hosted).toMatchObject({ license: 'private', partnerApi: 'unknown', provenance: { evidence: 'primary' } });
    expect(frontMatter(await readModel(content, 'acme/bare'))).toMatchObject({ name: 'acme/bare', category: 'unknown', hosted: { license: 'unknown' } });

    // removed: kept, marked
    const aura = frontMatter(await readModel(content, 'fal-ai/aura-flow'));
    expect(aura.status).toBe('removed');
    expect(aura.lastSeen).toBeUndefined();

    // the changelog
    const c = result.changelog!;
    expect(c.listed).toBe(8);
    expect(c.restricted).toEqual([{ id: 'fal-ai/flux/dev', name: 'FLUX.1 [dev]', from: 'commercial', to: 'research' }]);
    expect(c.labelChanges.map((l) => l.id)).toEqual(['fal-ai/flux/dev']);
    expect(c.added.map((a) => [a.id, a.label])).toEqual([['acme/bare', 'unknown'], ['acme/new-model', 'unknown'], ['acme/pro-model', 'private']]);
    expect(c.removed.map((r) => r.id)).toEqual(['fal-ai/aura-flow']);
    expect(c.deprecated.map((r) => r.id)).toEqual(['fal-ai/flux/schnell']);
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

    // a later day only moves the observation dates
    const third = await runSync({ ...base, now: new Date('2026-03-08T10:00:00Z') });
    expect(third.changelog!.updated).toEqual([]);
    expect(third.changelog!.refreshed).toBe(8);
    const dev = frontMatter(await readModel(content, 'fal-ai/flux/dev'));
    expect(dev.lastSeen).toBe('2026-03-08');
    expect(dev.hosted.provenance.observed).toBe('2026-03-08');
    expect(frontMatter(await readModel(content, 'fal-ai/stable-cascade')).hosted.provenance.observed).toBe('2025-10-30');
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
    expect((await runSync({ ...base, check: true, now: new Date('2026-04-01T00:00:00Z') })).exitCode).toBe(0);
  });

  it('--check ignores non-label facts but catches a status change alone', async () => {
    const { content, base } = await setup(pagedHandler(livePages()));
    expect((await runSync(base)).exitCode).toBe(0);
    const pages = livePages();
    (pages[0]![0] as { metadata: Record<string, unknown> }).metadata.description = 'A new description.';
    await server!.close();
    server = await startServer(pagedHandler(pages));
    expect((await runSync({ ...base, baseUrl: server.baseUrl, check: true })).exitCode).toBe(0);
    (pages[0]![0] as { metadata: Record<string, unknown> }).metadata.status = 'deprecated';
    await server.close();
    server = await startServer(pagedHandler(pages));
    const check = await runSync({ ...base, baseUrl: server.baseUrl, check: true });
    expect(check.exitCode).toBe(1);
    expect(check.changelog!.deprecated.map((d) => d.id)).toEqual(['fal-ai/flux/dev']);
    expect(frontMatter(await readModel(content, 'fal-ai/flux/dev')).status).toBe('active');
  });

  it('a removed endpoint that comes back is active again', async () => {
    const { content, base } = await setup(pagedHandler(livePages()));
    await runSync(base);
    expect(frontMatter(await readModel(content, 'fal-ai/aura-flow')).status).toBe('removed');
    const pages = livePages();
    pages[2]!.push(apiModel('fal-ai/aura-flow', null));
    await server!.close();
    server = await startServer(pagedHandler(pages));
    const result = await runSync({ ...base, baseUrl: server.baseUrl });
    expect(result.changelog!.reactivated.map((r) => [r.id, r.from])).toEqual([['fal-ai/aura-flow', 'removed']]);
    expect(frontMatter(await readModel(content, 'fal-ai/aura-flow'))).toMatchObject({ status: 'active', lastSeen: TODAY });
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
