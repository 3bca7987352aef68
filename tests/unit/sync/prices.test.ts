import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PRICING_SOURCE, runSync, type SyncLogger, type SyncOptions } from '../../../src/core/sync/index.ts';
import { apiModel, apiPrice, bulkIds, FAST_RETRY, falHandler, makeBulkContent, makeContent, pagedHandler, pricingHandler, readModel, snapshot, startServer, type Reply, type TempContent, type TestServer, release } from './helpers.ts';

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => { [tmp, server] = await release(tmp, server); });

const TODAY = '2026-09-01';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const IDS = bulkIds(60);
const listing = () => pagedHandler([IDS.map((id) => apiModel(id, { license_type: 'commercial' }))]);

const price = async (content: string, id: string) => (parseYaml((await readModel(content, id)).split(/^---$/m)[1]!) as { price: unknown }).price;

function lines(): { log: SyncLogger; out: string[] } {
  const out: string[] = [];
  return { out, log: { progress() {}, info: (l) => out.push(l), warn: (l) => out.push(`warning: ${l}`) } };
}

async function setup(prices: (url: URL) => Reply, size = 60): Promise<SyncOptions> {
  tmp = await makeBulkContent(size);
  server = await startServer(falHandler(listing(), { prices }));
  return { contentDir: tmp.content, baseUrl: server.baseUrl, apiKey: 'k-123', now: NOW, retry: FAST_RETRY, sleep: async () => {}, clientEndpointsFile: false };
}

const pricingRequests = () => server!.requests.filter((r) => r.url.startsWith('/v1/models/pricing'));

describe('prices from GET /v1/models/pricing', () => {
  it('asks in batches of at most 50 ids, follows next_cursor, writes USD prices with their provenance', async () => {
    const served = [apiPrice(IDS[0]!, 0.04, 'image'), apiPrice(IDS[1]!, 0.5, 'video_second'), apiPrice(IDS[2]!, 0.02, 'image', 'EUR'), apiPrice(IDS[55]!, 0.003, 'megapixels')];
    const base = await setup(pricingHandler(served, 2));
    const result = await runSync(base);
    expect(result.error).toBeUndefined();

    const asked = pricingRequests().map((r) => new URL(r.url, 'http://x'));
    expect(asked.map((u) => [u.searchParams.getAll('endpoint_id').length, u.searchParams.get('cursor')])).toEqual([[50, null], [50, 'p2'], [10, null]]);
    expect(asked[0]!.searchParams.getAll('endpoint_id')).toEqual(IDS.slice(0, 50));
    expect(pricingRequests().every((r) => r.authorization === 'Key k-123')).toBe(true);

    expect(await price(tmp!.content, IDS[0]!)).toEqual({
      usd: 0.04,
      unit: 'image',
      provenance: { source: PRICING_SOURCE, url: `${server!.baseUrl}/models/pricing?endpoint_id=${IDS[0]}`, observed: TODAY, evidence: 'primary' },
    });
    expect(await price(tmp!.content, IDS[1]!)).toMatchObject({ usd: 0.5, unit: 'video_second' });
    expect(await price(tmp!.content, IDS[55]!)).toMatchObject({ usd: 0.003, unit: 'megapixels' });
    expect(await price(tmp!.content, IDS[2]!)).toBeNull(); // EUR: not written
    expect(await price(tmp!.content, IDS[3]!)).toBeNull(); // fal states none
    expect(result.changelog!.prices).toEqual({ asked: 60, stated: 4, notUsd: [{ id: IDS[2], currency: 'EUR' }] });
    expect(result.changelog!.updated.filter((u) => u.fields.includes('price')).map((u) => u.id)).toEqual([IDS[0], IDS[1], IDS[55]]);

    // the same day again: no byte changes
    const after = await snapshot(tmp!.content);
    expect((await runSync(base)).written).toBe(false);
    expect(await snapshot(tmp!.content)).toEqual(after);
  });

  it('a newer price replaces an older one; the same price on a later day is only re-observed', async () => {
    tmp = await makeContent(['fal-ai/flux/dev']);
    let usd = 0.03;
    server = await startServer(falHandler(pagedHandler([[apiModel('fal-ai/flux/dev', { display_name: 'FLUX.1 [dev]', license_type: 'commercial' })]]), { prices: (url) => pricingHandler([apiPrice('fal-ai/flux/dev', usd, 'megapixels')])(url) }));
    const base: SyncOptions = { contentDir: tmp.content, baseUrl: server.baseUrl, apiKey: 'k', now: NOW, retry: FAST_RETRY, sleep: async () => {}, clientEndpointsFile: false };

    // the fixture's price (0.025, a secondary source of 2025-10-30) is replaced by fal's
    const first = await runSync(base);
    expect(first.changelog!.updated).toEqual([{ id: 'fal-ai/flux/dev', fields: ['falDates', 'hosted.observations', 'price'] }]);
    expect(await price(tmp.content, 'fal-ai/flux/dev')).toMatchObject({ usd: 0.03, provenance: { source: PRICING_SOURCE, evidence: 'primary', observed: TODAY } });

    const later = await runSync({ ...base, now: new Date('2026-09-08T10:00:00Z') });
    expect(later.changelog!.updated).toEqual([]);
    expect(later.changelog!.refreshed).toBe(1);
    expect(await price(tmp.content, 'fal-ai/flux/dev')).toMatchObject({ usd: 0.03, provenance: { observed: '2026-09-08' } });

    usd = 0.035;
    const changed = await runSync({ ...base, now: new Date('2026-09-09T10:00:00Z') });
    expect(changed.changelog!.updated).toEqual([{ id: 'fal-ai/flux/dev', fields: ['price'] }]);
    expect(await price(tmp.content, 'fal-ai/flux/dev')).toMatchObject({ usd: 0.035, provenance: { observed: '2026-09-09' } });

    // a run with an earlier clock does not overwrite a newer price
    usd = 0.01;
    await runSync({ ...base, now: new Date('2026-09-05T10:00:00Z') });
    expect(await price(tmp.content, 'fal-ai/flux/dev')).toMatchObject({ usd: 0.035 });
  });

  it('a pricing API that keeps failing fails the sync (exit 2) after the retries; nothing is written', async () => {
    const sleeps: number[] = [];
    const base = await setup(() => ({ status: 503, body: { error: { type: 'server_error', message: 'down' } } }));
    const before = await snapshot(tmp!.content);
    const result = await runSync({ ...base, sleep: async (ms) => { sleeps.push(ms); } });
    expect(result.exitCode).toBe(2);
    expect(result.error).toBe('GET /models/pricing batch 1 (ids 1–50) page 1: HTTP 503 (server_error: down) after 4 attempts; giving up; nothing was written');
    expect(sleeps).toHaveLength(3);
    expect(await snapshot(tmp!.content)).toEqual(before);
  });

  it('a malformed pricing page or a rejected key fails the sync with one line; nothing is written', async () => {
    for (const [reply, message] of [
      [{ body: { prices: [{ endpoint_id: IDS[0], unit_price: 'cheap', unit: 'image', currency: 'USD' }], has_more: false } }, /^GET \/models\/pricing batch 1 \(ids 1–50\) page 1: malformed response: prices\[0\]\.unit_price: .*; nothing was written$/],
      [{ status: 401, body: { error: { type: 'authorization_error', message: 'bad key' } } }, /: HTTP 401 \(authorization_error: bad key\); check FAL_KEY; nothing was written$/],
    ] as const) {
      const base = await setup(() => reply as Reply, 10);
      const before = await snapshot(tmp!.content);
      const result = await runSync(base);
      expect(result.exitCode).toBe(2);
      expect(result.error).toMatch(message);
      expect(await snapshot(tmp!.content)).toEqual(before);
      await server!.close();
      await tmp!.cleanup();
    }
    server = undefined;
    tmp = undefined;
  });

  it('without FAL_KEY (or with prices off) no price is asked for, with a one-line note', async () => {
    const base = await setup(pricingHandler([apiPrice(IDS[0]!, 0.04)]));
    const { log, out } = lines();
    const result = await runSync({ ...base, apiKey: undefined, log });
    expect(result.changelog!.prices).toEqual({ skipped: 'FAL_KEY is not set' });
    expect(out).toContain('prices: skipped (FAL_KEY is not set)');
    expect(pricingRequests()).toEqual([]);
    expect(await price(tmp!.content, IDS[0]!)).toBeNull();

    const off = await runSync({ ...base, prices: false });
    expect(off.changelog!.prices).toEqual({ skipped: 'disabled with --no-prices' });
    expect(pricingRequests()).toEqual([]);
  });
});
