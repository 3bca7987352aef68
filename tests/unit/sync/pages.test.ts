import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hostedFacts } from '../../../src/core/facts/hosted.ts';
import { ModelSchema } from '../../../src/core/schema/model.ts';
import { PAGE_SOURCE, renderChangelogMarkdown, runSync, type SyncOptions } from '../../../src/core/sync/index.ts';
import { apiModel, FAST_RETRY, falHandler, makeContent, modelPage, pagedHandler, pagesBase, readModel, snapshot, startServer, type Reply, type TempContent, type TestServer, release } from './helpers.ts';

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => { [tmp, server] = await release(tmp, server); });

const TODAY = '2026-09-01';
const NOW = new Date(`${TODAY}T10:00:00Z`);

const listing = () => pagedHandler([[
  apiModel('fal-ai/flux/dev', { display_name: 'FLUX.1 [dev]', license_type: 'commercial' }),
  apiModel('fal-ai/flux/schnell', { display_name: 'FLUX.1 [schnell]', license_type: 'commercial' }),
  apiModel('fal-ai/stable-cascade', { display_name: 'Stable Cascade', license_type: 'research' }),
  apiModel('veed/lipsync/v2'),
  apiModel('CassetteAI/music-generator', { license_type: 'commercial' }),
  apiModel('fal-ai/aura-flow', { display_name: 'AuraFlow', license_type: 'commercial' }),
  apiModel('acme/pro-model', { license_type: 'private' }),
]]);

const PAGES: Record<string, string> = {
  'fal-ai/flux/dev': modelPage({ is_partner_api: false, provider_type: 'fal', price: 0.025, billing_unit: 'megapixels' }),
  'fal-ai/flux/schnell': modelPage({ is_partner_api: true, provider_type: 'partner', price: 0.003, billing_unit: 'megapixels' }),
  'fal-ai/stable-cascade': modelPage(null),
  'CassetteAI/music-generator': modelPage({ is_partner_api: true, provider_type: 'partner_msa' }),
  'fal-ai/aura-flow': modelPage({ is_partner_api: false, provider_type: 'fal' }),
  'acme/pro-model': modelPage({ is_partner_api: false, provider_type: 'fal' }, 'endpointBilling'),
  // veed/lipsync/v2: no page (404)
};

async function setup(pages: Record<string, Reply | string> = PAGES): Promise<SyncOptions> {
  tmp = await makeContent();
  server = await startServer(falHandler(listing(), { pages }));
  return { contentDir: tmp.content, baseUrl: server.baseUrl, apiKey: 'k-123', pagesBaseUrl: pagesBase(server), now: NOW, retry: FAST_RETRY, sleep: async () => {}, clientEndpointsFile: false };
}

const front = async (id: string) => parseYaml((await readModel(tmp!.content, id)).split(/^---$/m)[1]!) as Record<string, any>;
const partner = async (id: string) => {
  const f = hostedFacts(ModelSchema.parse(await front(id)));
  return [f.partnerApi.value, f.providerType.value];
};
const pageRequests = () => server!.requests.filter((r) => r.url.startsWith('/pages/'));

describe('--partner-pages: the Partner flag from the model pages', () => {
  it('appends what each page states, reports the Partner changes, never sends FAL_KEY to the pages', async () => {
    const base = await setup();
    const result = await runSync(base);
    expect(result.error).toBeUndefined();

    expect((await front('fal-ai/flux/schnell')).hosted.observations.at(-1)).toEqual({
      source: PAGE_SOURCE,
      url: `${pagesBase(server!)}/fal-ai/flux/schnell`,
      observed: TODAY,
      evidence: 'primary',
      seen: '{"is_partner_api":true,"provider_type":"partner"}',
      partnerApi: 'yes',
      providerType: 'partner',
    });
    expect(await partner('fal-ai/flux/schnell')).toEqual(['yes', 'partner']);
    expect(await partner('fal-ai/flux/dev')).toEqual(['no', 'fal']);
    expect(await partner('cassetteai/music-generator')).toEqual(['yes', 'partner_msa']);
    expect(await partner('acme/pro-model')).toEqual(['no', 'fal']); // endpointBilling, on a new endpoint
    expect((await front('acme/pro-model')).hosted.observations.map((o: { source: string }) => o.source)).toEqual(['fal Platform API GET /v1/models', PAGE_SOURCE]);
    // a page without the object, and a missing page, state nothing
    for (const id of ['fal-ai/stable-cascade', 'veed/lipsync/v2']) {
      expect((await front(id)).hosted.observations.some((o: { source: string }) => o.source === PAGE_SOURCE)).toBe(false);
    }

    const c = result.changelog!;
    expect(c.partnerChanges).toEqual([{ id: 'fal-ai/flux/schnell', name: 'FLUX.1 [schnell]', from: 'no', to: 'yes', providerFrom: 'fal', providerTo: 'partner' }]);
    expect(c.partnerPages).toEqual({
      asked: 7,
      fetched: 6,
      stated: 5,
      noPage: ['veed/lipsync/v2'],
      noData: [{ id: 'fal-ai/stable-cascade', reason: 'no publicEndpointBilling or endpointBilling object in the page' }],
    });
    expect(renderChangelogMarkdown(c)).toContain('| `fal-ai/flux/schnell` | FLUX.1 [schnell] | no (fal) | yes (partner) |');
    expect(pageRequests().map((r) => r.url).sort()).toEqual(['acme/pro-model', 'CassetteAI/music-generator', 'fal-ai/aura-flow', 'fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/stable-cascade', 'veed/lipsync/v2'].map((id) => `/pages/${id}`).sort());
    expect(pageRequests().every((r) => r.authorization === undefined)).toBe(true);
    expect(server!.requests.filter((r) => r.url.startsWith('/v1/')).every((r) => r.authorization === 'Key k-123')).toBe(true);

    // same day again: no byte; a later day: confirmed, not repeated
    const after = await snapshot(tmp!.content);
    expect((await runSync(base)).written).toBe(false);
    expect(await snapshot(tmp!.content)).toEqual(after);
    const later = await runSync({ ...base, now: new Date('2026-09-08T10:00:00Z') });
    expect(later.changelog!.partnerChanges).toEqual([]);
    expect(later.changelog!.updated).toEqual([]);
    const schnell = (await front('fal-ai/flux/schnell')).hosted.observations.filter((o: { source: string }) => o.source === PAGE_SOURCE);
    expect(schnell).toEqual([expect.objectContaining({ observed: TODAY, confirmed: '2026-09-08', partnerApi: 'yes' })]);
  });

  it('--check fails on a Partner flag change alone and writes nothing', async () => {
    const base = await setup();
    await runSync(base);
    await server!.close();
    server = await startServer(falHandler(listing(), { pages: { ...PAGES, 'fal-ai/flux/dev': modelPage({ is_partner_api: true, provider_type: 'partner' }) } }));
    const before = await snapshot(tmp!.content);
    const check = await runSync({ ...base, baseUrl: server.baseUrl, pagesBaseUrl: pagesBase(server), check: true, now: new Date('2026-09-02T10:00:00Z') });
    expect(check.exitCode).toBe(1);
    expect(check.changelog!.partnerChanges.map((p) => [p.id, p.from, p.to])).toEqual([['fal-ai/flux/dev', 'no', 'yes']]);
    expect(check.changelog!.labelChanges).toEqual([]);
    expect(await snapshot(tmp!.content)).toEqual(before);
    // without --partner-pages the same check passes: nothing else differs
    expect((await runSync({ ...base, baseUrl: server.baseUrl, pagesBaseUrl: undefined, check: true, now: new Date('2026-09-02T10:00:00Z') })).exitCode).toBe(0);
  });

  it('fetches a bounded number of pages at a time', async () => {
    const base = await setup();
    let inFlight = 0;
    let most = 0;
    const slowFetch: typeof fetch = async (input, init) => {
      const pageCall = String(input).includes('/pages/');
      if (pageCall) most = Math.max(most, ++inFlight);
      try {
        if (pageCall) await new Promise((r) => setTimeout(r, 20));
        return await fetch(input, init);
      } finally {
        if (pageCall) inFlight--;
      }
    };
    expect((await runSync({ ...base, fetch: slowFetch, pageConcurrency: 2 })).error).toBeUndefined();
    expect(most).toBe(2);
    expect(pageRequests()).toHaveLength(7);
  });

  it('a page that keeps failing fails the sync (exit 2), nothing written; pages without data everywhere are a warning', async () => {
    let base = await setup({ ...PAGES, 'fal-ai/flux/dev': { status: 503, body: '<html>busy</html>' } });
    const before = await snapshot(tmp!.content);
    const failed = await runSync(base);
    expect(failed.exitCode).toBe(2);
    expect(failed.error).toBe(`GET model page ${pagesBase(server!)}/fal-ai/flux/dev: HTTP 503 after 4 attempts; giving up; nothing was written`);
    expect(await snapshot(tmp!.content)).toEqual(before);
    await server!.close();
    await tmp!.cleanup();

    base = await setup(Object.fromEntries(Object.keys(PAGES).map((id) => [id, '<html><body>redesigned</body></html>'])));
    const result = await runSync(base);
    expect(result.exitCode).toBe(0);
    expect(result.changelog!.warnings).toContain("none of the 6 model pages fetched carried publicEndpointBilling or endpointBilling data; fal's page format may have changed");
    expect(result.changelog!.partnerChanges).toEqual([]);
  });
});
