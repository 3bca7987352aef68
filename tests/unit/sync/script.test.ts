import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamLogger } from '../../../src/core/sync/log.ts';
import { apiModel, apiPrice, bulkIds, falHandler, makeBulkContent, makeContent, modelPage, pagedHandler, pagesBase, pricingHandler, readModel, REPO, runScript, snapshot, startServer, type TempContent, type TestServer, release } from './helpers.ts';

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => { [tmp, server] = await release(tmp, server); });

const pages = () => [
  [apiModel('fal-ai/flux/dev', { license_type: 'research' }), apiModel('fal-ai/flux/schnell', { license_type: 'commercial' })],
  [apiModel('fal-ai/stable-cascade', { license_type: 'research' })],
];

describe('scripts/sync.ts', () => {
  it('--check exits 1 on a label difference, the sync writes and exits 0, --check then exits 0', async () => {
    tmp = await makeContent(['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/stable-cascade']);
    server = await startServer(falHandler(pagedHandler(pages()), { prices: pricingHandler([apiPrice('fal-ai/flux/dev', 0.03, 'megapixels')]) }));
    const env = { FAL_API_BASE: server.baseUrl, FAL_KEY: 'secret-key' };
    const before = await snapshot(tmp.content);

    const check = await runScript(['--content', tmp.content, '--check', '--no-client-check'], env, tmp.root);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('## ⚠ Commercial use withdrawn: commercial → research/private (1)');
    expect(check.stderr).toContain('page 2, 3 models');
    expect(check.stderr).not.toContain('\r');
    expect(await snapshot(tmp.content)).toEqual(before);
    expect(server.requests[0]!.authorization).toBe('Key secret-key');

    const sync = await runScript(['--content', tmp.content, '--no-client-check', '--changelog', path.join(tmp.root, 'log.md')], env, tmp.root);
    expect(sync.stderr).toContain('file(s) written');
    expect(sync.stderr).toContain('prices: 1 of 3 endpoints priced by fal');
    expect(sync.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(tmp.root, 'log.json'), 'utf8')).restricted[0].id).toBe('fal-ai/flux/dev');
    expect(await readModel(tmp.content, 'fal-ai/flux/dev')).toContain('usd: 0.03\n  unit: megapixels');

    const again = await runScript(['--content', tmp.content, '--check', '--no-client-check'], env, tmp.root);
    expect(again.code).toBe(0);
  });

  it('exits 2 with one line on a malformed page, nothing written', async () => {
    tmp = await makeContent(['fal-ai/flux/dev']);
    server = await startServer(pagedHandler([[{ metadata: {} }]]));
    const before = await snapshot(tmp.content);
    const run = await runScript(['--content', tmp.content, '--base-url', server.baseUrl, '--no-client-check'], {}, tmp.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^sync: GET \/models page 1: malformed response: models\[0\]\.endpoint_id: .*nothing was written$/m);
    expect(await snapshot(tmp.content)).toEqual(before);
  });

  it('stops with exit 1 and one line when the listing would remove too much; --accept-removals proceeds', async () => {
    tmp = await makeBulkContent(40);
    server = await startServer(falHandler(pagedHandler([bulkIds(40).slice(0, 5).map((id) => apiModel(id, { license_type: 'commercial' }))])));
    const env = { FAL_API_BASE: server.baseUrl };
    const before = await snapshot(tmp.content);
    const log = path.join(tmp.root, 'log.md');
    const stopped = await runScript(['--content', tmp.content, '--no-client-check', '--changelog', log], env, tmp.root);
    expect(stopped.code).toBe(1);
    const lines = stopped.stderr.split('\n').filter((l) => l.startsWith('sync: '));
    expect(lines).toEqual(['sync: the listing would mark 35 of 40 endpoints removed (87.5%); that looks like an outage, a filter or a changed page size, not fal retiring them. Nothing was written. Re-run with --accept-removals to confirm.']);
    expect(stopped.stdout).toBe('');
    expect(await snapshot(tmp.content)).toEqual(before);
    expect(existsSync(log)).toBe(false);

    const accepted = await runScript(['--content', tmp.content, '--no-client-check', '--changelog', log, '--accept-removals'], env, tmp.root);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('## Removed endpoints (kept, marked `status: removed`) (35)');
    expect(accepted.stderr).toContain('prices: skipped (FAL_KEY is not set)');
  });

  it('--partner-pages reads the Partner flag from the pages base; bad URLs are one-line usage errors', async () => {
    tmp = await makeContent(['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/stable-cascade']);
    server = await startServer(falHandler(pagedHandler(pages()), { pages: { 'fal-ai/flux/schnell': modelPage({ is_partner_api: true, provider_type: 'partner' }) } }));
    const env = { FAL_API_BASE: server.baseUrl };
    const run = await runScript(['--content', tmp.content, '--no-client-check', '--check', '--partner-pages', '--pages-base-url', pagesBase(server)], env, tmp.root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('## Partner flag changes (1)');
    expect(run.stdout).toContain('| `fal-ai/flux/schnell` | schnell | no (fal) | yes (partner) |');

    for (const [args, message] of [
      [['--partner-pages', '--pages-base-url', 'fal.ai/models'], 'sync: --pages-base-url: not a URL: "fal.ai/models"'],
      [['--pages-base-url', pagesBase(server)], 'sync: --pages-base-url needs --partner-pages'],
      [['--base-url', 'ftp://example.com/v1'], 'sync: --base-url: not an http(s) URL: "ftp://example.com/v1"'],
    ] as const) {
      const bad = await runScript(['--content', tmp.content, ...args], env, tmp.root);
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim()).toBe(message);
    }
  });

  it('rejects an unknown option with usage', async () => {
    const run = await runScript(['--bogus'], {}, REPO);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: modelgate catalog sync');
  });
});

describe('progress line', () => {
  it('is rewritten in place on a terminal and plain lines elsewhere', () => {
    const out: string[] = [];
    const tty = streamLogger({ isTTY: true, write: (s: string) => out.push(s) });
    tty.progress('page 1, 100 models');
    tty.progress('page 2, 200 models');
    tty.info('done');
    expect(out.join('')).toBe('\rpage 1, 100 models\x1b[K\rpage 2, 200 models\x1b[K\ndone\n');
    const plain: string[] = [];
    const pipe = streamLogger({ write: (s: string) => plain.push(s) });
    pipe.progress('page 1, 100 models');
    pipe.info('done');
    expect(plain.join('')).toBe('page 1, 100 models\ndone\n');
  });
});
