/**
 * A bad MODELGATE_INVENTORY fails the site build with one line naming the file, line and field,
 * as bad content does. Built against the small hostile-content fixture, so each try is quick.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInventory } from '../../../src/core/inventory/build.ts';

const root = path.resolve(import.meta.dirname, '../../..');
// Inside the checkout: Astro stages a build whose outDir lies outside the working directory in
// ./.astro/, which another test's build (xss-build) may be using at the same time.
mkdirSync(path.join(root, 'dist'), { recursive: true });
const tmp = mkdtempSync(path.join(root, 'dist', '.inventory-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function build(inventory: string) {
  const r = spawnSync('npm', ['exec', '--', 'astro', 'build', '--silent'], {
    cwd: root,
    env: {
      ...process.env,
      MODELGATE_INVENTORY: inventory,
      MODELGATE_CONTENT_DIR: path.join(root, 'tests/fixtures/xss-content'),
      MODELGATE_SITE_OUT: path.join(tmp, 'site'),
      MODELGATE_CACHE_DIR: path.join(tmp, 'cache'),
    },
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('MODELGATE_INVENTORY', () => {
  it('a value the inventory schema refuses fails the build, naming file, line and field', () => {
    const inv = buildInventory({ digests: [], superseded: [] }, { now: new Date('2026-06-15T12:00:00Z'), version: '0.1.0', expiringWithinDays: 30, failOn: [] });
    const text = JSON.stringify(inv, null, 2).replace('"today": "2026-06-15"', '"today": "mid-June"');
    const file = path.join(tmp, 'inventory.json');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('mid-June')) + 1;
    const r = build(file);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(`${file}:${line}: today: not a valid modelgate inventory: Invalid ISO date`);
  }, 120_000);

  it('a file that is not there fails the build, naming it', () => {
    const r = build(path.join(tmp, 'missing.json'));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(`${path.join(tmp, 'missing.json')}: cannot read the inventory: no such file`);
  }, 120_000);
});
