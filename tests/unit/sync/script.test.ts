import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamLogger } from '../../../src/core/sync/log.ts';
import { apiModel, makeContent, pagedHandler, REPO, snapshot, startServer, type TempContent, type TestServer } from './helpers.ts';

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await tmp?.cleanup();
  server = undefined;
  tmp = undefined;
});

/** Runs scripts/sync.ts in a child process (the Node running vitest, ≥ 22.18 for type stripping). */
function runScript(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'scripts', 'sync.ts'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const pages = () => [
  [apiModel('fal-ai/flux/dev', { license_type: 'research' }), apiModel('fal-ai/flux/schnell', { license_type: 'commercial' })],
  [apiModel('fal-ai/stable-cascade', { license_type: 'research' })],
];

describe('scripts/sync.ts', () => {
  it('--check exits 1 on a label difference, the sync writes and exits 0, --check then exits 0', async () => {
    tmp = await makeContent(['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/stable-cascade']);
    server = await startServer(pagedHandler(pages()));
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
    expect(sync.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(tmp.root, 'log.json'), 'utf8')).restricted[0].id).toBe('fal-ai/flux/dev');

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
