import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, getJson, parseRetryAfter, SyncError } from '../../../src/core/sync/http.ts';
import { listAllModels } from '../../../src/core/sync/list.ts';
import { apiModel, FAST_RETRY, fakeSleep, pagedHandler, startServer, type TestServer } from './helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Retry-After and backoff', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('grows exponentially with jitter, capped', () => {
    const retry = { max: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, retry, () => 0)).toBe(50);
    expect(backoffDelay(0, retry, () => 0.999)).toBe(100);
    expect(backoffDelay(2, retry, () => 0.5)).toBe(300);
    expect(backoffDelay(9, retry, () => 0.999)).toBe(1000);
  });
});

describe('getJson against a local server', () => {
  it('honours an HTTP-date Retry-After, then succeeds', async () => {
    let n = 0;
    server = await startServer(() => (++n === 1 ? { status: 429, headers: { 'retry-after': new Date(Date.now() + 4_000).toUTCString() } } : { body: { ok: true } }));
    const { sleep, calls } = fakeSleep();
    expect(await getJson(`${server.baseUrl}/models`, 'test', { retry: FAST_RETRY, sleep })).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThan(2_000);
    expect(calls[0]).toBeLessThanOrEqual(4_000);
  });

  it('fails cleanly when Retry-After asks for longer than the bound', async () => {
    server = await startServer(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const { sleep, calls } = fakeSleep();
    await expect(getJson(`${server.baseUrl}/models`, 'GET /models page 1', { retry: FAST_RETRY, sleep })).rejects.toThrow(/rate limited \(HTTP 429\) and Retry-After asks for 3600 s/);
    expect(calls).toEqual([]);
  });

  it('times out a hanging request, retries, then gives up', async () => {
    server = await startServer(() => ({ hang: true }));
    const { sleep } = fakeSleep();
    const err = await getJson(`${server.baseUrl}/models`, 'GET /models page 1', { retry: { ...FAST_RETRY, max: 1 }, sleep, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as Error).message).toBe('GET /models page 1: timed out after 50 ms after 2 attempts; giving up');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 4xx and names fal\'s error', async () => {
    server = await startServer(() => ({ status: 401, body: { error: { type: 'authorization_error', message: 'bad key' } } }));
    await expect(getJson(`${server.baseUrl}/models`, 'GET /models page 1', { retry: FAST_RETRY, sleep: async () => {} })).rejects.toThrow('GET /models page 1: HTTP 401 (authorization_error: bad key); check FAL_KEY');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a refused connection', async () => {
    server = await startServer(() => ({ body: {} }));
    const url = `${server.baseUrl}/models`;
    await server.close();
    server = undefined;
    const { sleep, calls } = fakeSleep();
    await expect(getJson(url, 'GET', { retry: { ...FAST_RETRY, max: 2 }, sleep })).rejects.toThrow(/network error: ECONNREFUSED after 3 attempts/);
    expect(calls).toHaveLength(2);
  });
});

describe('listAllModels', () => {
  it('stops at the page limit', async () => {
    // a server that always has more, with fresh cursors
    server = await startServer((url) => {
      const n = Number(url.searchParams.get('cursor') ?? '0');
      return { body: { models: [apiModel(`acme/m${n}`)], next_cursor: String(n + 1), has_more: true } };
    });
    await expect(listAllModels({ baseUrl: server.baseUrl, maxPages: 5, retry: FAST_RETRY })).rejects.toThrow(/listing did not end after 5 pages/);
    expect(server.requests).toHaveLength(5);
  });

  it('has_more with no next_cursor is malformed', async () => {
    server = await startServer(pagedHandler([[apiModel('acme/a')], [apiModel('acme/b')]], {}, (_page, body) => ({ ...body, next_cursor: null })));
    await expect(listAllModels({ baseUrl: server.baseUrl, retry: FAST_RETRY })).rejects.toThrow('GET /models page 1: malformed response: next_cursor: has_more is true but next_cursor is null');
  });

  it('sends limit and the key, and reports progress per page', async () => {
    server = await startServer(pagedHandler([[apiModel('acme/a'), apiModel('acme/b')], [apiModel('acme/c')]]));
    const progress: string[] = [];
    const models = await listAllModels({ baseUrl: `${server.baseUrl}/`, apiKey: 'k1', limit: 2, retry: FAST_RETRY, onPage: (p) => progress.push(`page ${p.page}, ${p.models} models`) });
    expect(models.map((m) => m.endpoint_id)).toEqual(['acme/a', 'acme/b', 'acme/c']);
    expect(progress).toEqual(['page 1, 2 models', 'page 2, 3 models']);
    expect(server.requests).toEqual([
      { url: '/v1/models?limit=2', authorization: 'Key k1' },
      { url: '/v1/models?limit=2&cursor=c2', authorization: 'Key k1' },
    ]);
  });
});
