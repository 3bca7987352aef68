import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { removalGuardMessage, runSync, type SyncOptions } from '../../../src/core/sync/index.ts';
import { apiModel, bulkIds, FAST_RETRY, falHandler, makeBulkContent, pagedHandler, snapshot, startServer, type TempContent, type TestServer, release } from './helpers.ts';

let tmp: TempContent | undefined;
let server: TestServer | undefined;
afterEach(async () => { [tmp, server] = await release(tmp, server); });

const NOW = new Date('2026-09-01T10:00:00Z');

/** A catalog of `size` entries and a server listing the first `listed` of them (two pages). */
async function scenario(size: number, listed: number): Promise<SyncOptions> {
  tmp = await makeBulkContent(size);
  const ids = bulkIds(size).slice(0, listed);
  const half = Math.ceil(ids.length / 2);
  server = await startServer(falHandler(pagedHandler([ids.slice(0, half), ids.slice(half)].map((p) => p.map((id) => apiModel(id, { license_type: 'commercial' }))))));
  return { contentDir: tmp.content, baseUrl: server.baseUrl, now: NOW, retry: FAST_RETRY, sleep: async () => {}, clientEndpointsFile: false };
}

describe('the removal guard', () => {
  it('names the count and the share in one line', () => {
    expect(removalGuardMessage(1526, 1531)).toBe(
      'the listing would mark 1,526 of 1,531 endpoints removed (99.7%); that looks like an outage, a filter or a changed page size, not fal retiring them. Nothing was written. Re-run with --accept-removals to confirm.',
    );
    expect(removalGuardMessage(5, 100)).toBeUndefined(); // exactly 5% is allowed
    expect(removalGuardMessage(6, 100)).toMatch(/^the listing would mark 6 of 100 endpoints removed \(6\.0%\);/);
    expect(removalGuardMessage(77, 1531)).toMatch(/77 of 1,531 endpoints removed \(5\.0%\)/); // 5.03%: over the bound though it rounds to 5.0
    expect(removalGuardMessage(76, 1531)).toBeUndefined();
  });

  it('a listing of 5 endpoints against a catalog of 100: exit 1, nothing written, not even the changelog', async () => {
    const base = await scenario(100, 5);
    const before = await snapshot(tmp!.content);
    const changelogFile = path.join(tmp!.root, 'log.md');
    for (const mode of [{}, { check: true }, { dryRun: true }]) {
      const result = await runSync({ ...base, ...mode, changelogFile });
      expect(result).toEqual({
        exitCode: 1,
        changelog: null,
        written: false,
        error: 'the listing would mark 95 of 100 endpoints removed (95.0%); that looks like an outage, a filter or a changed page size, not fal retiring them. Nothing was written. Re-run with --accept-removals to confirm.',
      });
    }
    expect(await snapshot(tmp!.content)).toEqual(before);
    expect(existsSync(changelogFile)).toBe(false);
  });

  it('--accept-removals proceeds; the same listing again passes without it (already removed ones do not count)', async () => {
    const base = await scenario(100, 5);
    const accepted = await runSync({ ...base, acceptRemovals: true });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.changelog!.removed).toHaveLength(95);
    const again = await runSync({ ...base, now: new Date('2026-09-02T10:00:00Z') });
    expect(again.error).toBeUndefined();
    expect(again.changelog!.removed).toHaveLength(0);
  });

  it('a small removal proceeds without the flag: 5 of 100, and 4 of 100', async () => {
    for (const listed of [95, 96]) {
      const base = await scenario(100, listed);
      const result = await runSync(base);
      expect(result.error).toBeUndefined();
      expect(result.exitCode).toBe(0);
      expect(result.changelog!.removed.map((r) => r.id)).toEqual(bulkIds(100).slice(listed));
      await server!.close();
      await tmp!.cleanup();
    }
    server = undefined;
    tmp = undefined;
  });

  it('6 of 100 stops', async () => {
    const base = await scenario(100, 94);
    const before = await snapshot(tmp!.content);
    const result = await runSync(base);
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatch(/^the listing would mark 6 of 100 endpoints removed \(6\.0%\)/);
    expect(await snapshot(tmp!.content)).toEqual(before);
  });
});
