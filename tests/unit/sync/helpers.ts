import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeEntry } from '../../../src/core/content/write.ts';
import { ModelSchema } from '../../../src/core/schema/model.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Model files in the observations format (real entries of content/, as of the migration), in tests/unit/sync/fixtures/models. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A handful of real model files, plus every licence of content/ so weights links resolve. */
export const FIXTURE_MODELS = [
  'fal-ai/flux/dev', // commercial (secondary, 2025-10-30), weights + price
  'fal-ai/flux/schnell', // commercial
  'fal-ai/stable-cascade', // research, plus an undated page copy saying research
  'veed/lipsync/v2', // unknown (listed by fal-js only)
  'cassetteai/music-generator', // alias CassetteAI/music-generator, Partner (partner_msa)
  'fal-ai/aura-flow', // will disappear from the listing
] as const;

export interface TempContent {
  root: string;
  content: string;
  cleanup(): Promise<void>;
}

export async function makeContent(ids: readonly string[] = FIXTURE_MODELS): Promise<TempContent> {
  const root = await mkdtemp(path.join(tmpdir(), 'modelgate-sync-'));
  const content = path.join(root, 'content');
  await mkdir(path.join(content, 'models'), { recursive: true });
  await cp(path.join(REPO, 'content', 'licenses'), path.join(content, 'licenses'), { recursive: true });
  for (const id of ids) {
    const to = path.join(content, 'models', `${id}.md`);
    await mkdir(path.dirname(to), { recursive: true });
    await cp(path.join(FIXTURES, 'models', `${id}.md`), to);
  }
  return { root, content, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Ids `bulk/m001` … of a generated catalog. */
export const bulkIds = (n: number) => Array.from({ length: n }, (_, i) => `bulk/m${String(i + 1).padStart(3, '0')}`);

/** A catalog of `n` generated entries (commercial, one dated observation each), no fixture files. */
export async function makeBulkContent(n: number): Promise<TempContent> {
  const t = await makeContent([]);
  for (const id of bulkIds(n)) {
    const data = ModelSchema.parse({
      id,
      name: id,
      category: 'text-to-image',
      hosted: { observations: [{ source: 'test fixture', observed: '2025-10-30', evidence: 'secondary', label: 'commercial' }] },
    });
    await mkdir(path.dirname(path.join(t.content, 'models', id)), { recursive: true });
    await writeFile(path.join(t.content, 'models', `${id}.md`), serializeEntry(ModelSchema, data, ''));
  }
  return t;
}

/** Every file under a folder with its bytes, for byte-for-byte comparisons. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries.filter((d) => d.isFile()).sort((a, b) => (path.join(a.parentPath, a.name) < path.join(b.parentPath, b.name) ? -1 : 1))) {
    const file = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, file), await readFile(file, 'utf8'));
  }
  return out;
}

export const readModel = (content: string, id: string) => readFile(path.join(content, 'models', `${id}.md`), 'utf8');
export const writeModel = (content: string, id: string, text: string) => writeFile(path.join(content, 'models', `${id}.md`), text, 'utf8');

/** One model in the documented shape of GET /v1/models. */
export function apiModel(id: string, meta: Record<string, unknown> | null = {}): Record<string, unknown> {
  if (meta === null) return { endpoint_id: id };
  return {
    endpoint_id: id,
    metadata: {
      display_name: id.split('/').pop(),
      category: 'text-to-image',
      description: `The ${id} endpoint.`,
      status: 'active',
      tags: [],
      updated_at: '2026-01-15T12:00:00Z',
      is_favorited: null,
      thumbnail_url: 'https://fal.media/thumb.png',
      model_url: `https://fal.run/${id}`,
      date: '2025-06-01T00:00:00Z',
      highlighted: false,
      pinned: false,
      ...meta,
    },
  };
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface TestServer {
  baseUrl: string;
  requests: { url: string; authorization?: string }[];
  close(): Promise<void>;
}

/** A local API on 127.0.0.1 (port 0). `handler` gets the request URL and decides the reply. */
export async function startServer(handler: (url: URL, req: IncomingMessage, n: number) => Reply): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url: `${url.pathname}${url.search}`, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const reply = handler(url, req, requests.length);
    if (reply.hang) return;
    const type = typeof reply.body === 'string' && reply.body.trimStart().startsWith('<') ? 'text/html' : 'application/json';
    res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * Serves `pages` (arrays of models) with cursors `c2`, `c3`, …; `faults` injects replies
 * before the real one, keyed by page number, consumed in order.
 */
export function pagedHandler(pages: unknown[][], faults: Record<number, Reply[]> = {}, pageBody?: (page: number, body: Record<string, unknown>) => unknown) {
  const pending = new Map(Object.entries(faults).map(([k, v]) => [Number(k), [...v]]));
  return (url: URL): Reply => {
    if (url.pathname !== '/v1/models') return { status: 404, body: { error: { type: 'not_found', message: 'no such route' } } };
    const cursor = url.searchParams.get('cursor');
    const page = cursor ? Number(cursor.slice(1)) : 1;
    const fault = pending.get(page)?.shift();
    if (fault) return fault;
    const has_more = page < pages.length;
    const body = { models: pages[page - 1] ?? [], next_cursor: has_more ? `c${page + 1}` : null, has_more };
    return { body: pageBody ? pageBody(page, body) : body };
  };
}

/** One price in the documented shape of GET /v1/models/pricing. */
export function apiPrice(id: string, unit_price: number, unit = 'image', currency = 'USD') {
  return { endpoint_id: id, unit_price, unit, currency };
}

/**
 * GET /v1/models/pricing: answers the asked ids (repeated `endpoint_id`) from `prices`, `perPage`
 * a page with cursors `p2`, `p3`, …; `faults` are replies served first, in order.
 */
export function pricingHandler(prices: ReturnType<typeof apiPrice>[], perPage = 100, faults: Reply[] = []) {
  const pending = [...faults];
  return (url: URL): Reply => {
    const fault = pending.shift();
    if (fault) return fault;
    const asked = new Set(url.searchParams.getAll('endpoint_id'));
    if (asked.size < 1 || asked.size > 50) return { status: 422, body: { error: { type: 'validation_error', message: 'endpoint_id: 1 to 50 ids' } } };
    const matching = prices.filter((p) => asked.has(p.endpoint_id));
    const page = Number((url.searchParams.get('cursor') ?? 'p1').slice(1));
    const has_more = page * perPage < matching.length;
    return { body: { prices: matching.slice((page - 1) * perPage, page * perPage), next_cursor: has_more ? `p${page + 1}` : null, has_more } };
  };
}

/** A model page whose billing data sits in a Next.js RSC chunk, as fal's pages carry it (split over two chunks). */
export function modelPage(billing: Record<string, unknown> | null, key = 'publicEndpointBilling'): string {
  const data = JSON.stringify({ endpoint: { id: 'x' }, ...(billing ? { [key]: billing } : {}), other: [1, 2] });
  const half = Math.floor(data.length / 2);
  const chunk = (s: string) => `<script>self.__next_f.push([1,${JSON.stringify(s)}])</script>`;
  return `<!DOCTYPE html><html><head><title>model</title></head><body><main>Playground</main>${chunk(`5:${data.slice(0, half)}`)}${chunk(data.slice(half))}</body></html>`;
}

/**
 * One server for every source: the listing at /v1/models, prices at /v1/models/pricing, model
 * pages at /pages/<id> (`pages` by id; an id not in it is a 404).
 */
export function falHandler(listing: (url: URL) => Reply, opts: { prices?: (url: URL) => Reply; pages?: Record<string, Reply | string> } = {}) {
  const prices = opts.prices ?? pricingHandler([]);
  return (url: URL): Reply => {
    if (url.pathname === '/v1/models/pricing') return prices(url);
    if (url.pathname.startsWith('/pages/')) {
      const page = opts.pages?.[decodeURIComponent(url.pathname.slice('/pages/'.length))];
      if (page === undefined) return { status: 404, body: '<html>not found</html>' };
      return typeof page === 'string' ? { body: page } : page;
    }
    return listing(url);
  };
}

/** The model pages base of a test server. */
export const pagesBase = (server: TestServer) => server.baseUrl.replace(/\/v1$/, '/pages');

/** A recording sleep that does not wait. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; calls: number[] } {
  const calls: number[] = [];
  return { calls, sleep: async (ms) => { calls.push(ms); } };
}

export const FAST_RETRY = { max: 3, baseDelayMs: 10, maxDelayMs: 5_000 };

/** Closes the test's server and removes its content copy (either may be absent): `[tmp, server] = await release(tmp, server)`. */
export async function release(tmp: TempContent | undefined, server: TestServer | undefined): Promise<[undefined, undefined]> {
  await server?.close();
  await tmp?.cleanup();
  return [undefined, undefined];
}

/** Runs scripts/sync.ts (`npm run sync`) in a child process (the Node running vitest, ≥ 22.18 for type stripping). */
export function runScript(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'scripts', 'sync.ts'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
