import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A handful of real model files (copied from content/), plus every licence so weights links resolve. */
export const FIXTURE_MODELS = [
  'fal-ai/flux/dev', // commercial, weights + price
  'fal-ai/flux/schnell', // commercial
  'fal-ai/stable-cascade', // research
  'veed/lipsync/v2', // unknown (listed by fal-js only)
  'cassetteai/music-generator', // alias CassetteAI/music-generator
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
    await cp(path.join(REPO, 'content', 'models', `${id}.md`), to);
  }
  return { root, content, cleanup: () => rm(root, { recursive: true, force: true }) };
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
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
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

/** A recording sleep that does not wait. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; calls: number[] } {
  const calls: number[] = [];
  return { calls, sleep: async (ms) => { calls.push(ms); } };
}

export const FAST_RETRY = { max: 3, baseDelayMs: 10, maxDelayMs: 5_000 };
