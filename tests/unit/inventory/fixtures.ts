import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cli, project } from '../gate/helpers.ts';
import { newerCatalog } from './org-fixture.ts';

/**
 * Three repositories an organisation might have, built into an inventory through the real path
 * (`check --format json`, then `inventory`). Report text is hostile where a report can carry
 * free text: a repository name, a file name, a waiver's reason and approver, a ticket URL.
 */
export const EVIL_REPO = 'acme/<b>evil</b>';
export const EVIL_FILE = 'src/<img src=x onerror=alert(1)>.ts';
export const EVIL_REASON = "<script>alert('reason')</script> prototype only";
export const COMMIT = '0123456789abcdef0123456789abcdef01234567';

const fal = 'import { fal } from "@fal-ai/client";\n';

/** Clean: a commercial model three times (two call sites of flux/dev, one Partner API endpoint). */
const WEB = {
  'src/app.ts': `${fal}export const a = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\nexport const b = () => fal.subscribe("fal-ai/flux/dev", { input: { n: 2 } });\nexport const c = () => fal.subscribe("fal-ai/veo3", { input: {} });\n`,
};

/** A research-only model under a waiver expiring soon, flux/dev under an expired one, a dynamic id in a hostile file name. */
const API = {
  'src/sticker.ts': `${fal}export const s = () => fal.subscribe("fal-ai/stable-cascade", { input: {} });\nexport const f = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\n`,
  [EVIL_FILE]: `${fal}export const d = (id: string) => fal.run(id, { input: {} });\n`,
  'modelgate.config.yaml': `dynamic: warn
waivers:
  - model: fal-ai/stable-cascade
    reason: "${EVIL_REASON}"
    approvedBy: "jane@legal.example"
    approvedOn: "2026-05-01"
    expires: "2026-07-01"
    ticket: "https://tickets.example/L-7?q=<script>"
  - model: fal-ai/flux/dev
    reason: launch week
    approvedBy: "bob <bob@example.com>"
    approvedOn: "2026-01-01"
    expires: "2026-06-01"
`,
};

/** An endpoint not in the catalog, called at ten places (ten sorts after two as a number, before it as text). */
const EVIL = {
  'src/legacy.ts': `${fal}${Array.from({ length: 10 }, (_, i) => `export const u${i} = () => fal.run("fal-ai/totally-unknown-model", { input: { i: ${i} } });\n`).join('')}`,
};

export interface Built {
  dir: string;
  reports: string;
  /** The stand-in newer catalog: flux/dev's fal label turned research-only. */
  newerCatalog: string;
}

async function check(dir: string, repository: string, out: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const r = await cli(['check', dir, '--repository', repository, '--format', 'json', '--output', out], { env });
  if (r.code === 2 || r.code === 3) throw new Error(`check ${repository}: ${r.stderr}`);
}

/** The reports of the three repositories (and an older, superseded one of acme/web), and a newer catalog. */
export async function buildReports(): Promise<Built> {
  const dir = await project({});
  const reports = path.join(dir, 'reports');
  const web = await project(WEB);
  await check(web, 'acme/web', path.join(reports, 'web-old.json'), { MODELGATE_NOW: '2026-06-01T08:00:00Z' });
  await check(web, 'acme/web', path.join(reports, 'web.json'), { GITHUB_SHA: COMMIT });
  await check(await project(API), 'acme/api', path.join(reports, 'api.json'));
  await check(await project(EVIL), EVIL_REPO, path.join(reports, 'evil.json'));

  return { dir, reports, newerCatalog: await newerCatalog(path.join(dir, 'newer-catalog.json'), { 'fal-ai/flux/dev': { label: 'research' } }) };
}

/** `modelgate inventory <reports> --format html` with the organisation check and the newer catalog. */
export async function inventoryHtml(b: Built, out: string, extra: string[] = ['--fail-on', 'unknown,expired-waiver', '--catalog', b.newerCatalog]): Promise<{ code: number; stderr: string; html: string }> {
  const r = await cli(['inventory', b.reports, '--format', 'html', '--output', out, ...extra]);
  return { code: r.code, stderr: r.stderr, html: await readFile(out, 'utf8') };
}
