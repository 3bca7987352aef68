import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../../../src/core/catalog/compile.ts';
import type { Observation } from '../../../src/core/schema/observation.ts';
import { cli } from '../gate/helpers.ts';

/** A scratch organisation: its repositories checked by the real CLI, one JSON report each. */
export interface ScratchOrg {
  root: string;
  /** The folder holding every repository's report, `owner__name.json`. */
  reports: string;
  cleanup(): Promise<void>;
}

/**
 * Writes each repository (`owner/name` → its files), runs `modelgate check --format json
 * --repository owner/name` on it (dist/cli.js, the bundled catalog) and keeps the report.
 * `env` is the check's environment (e.g. another MODELGATE_NOW for an older report).
 */
export async function checkedOrg(repos: Record<string, Record<string, string>>, options: { env?: NodeJS.ProcessEnv } = {}): Promise<ScratchOrg> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mg-org-'));
  const reports = path.join(root, 'reports');
  await mkdir(reports);
  for (const [name, files] of Object.entries(repos)) {
    const dir = path.join(root, 'repos', name);
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    const run = await cli(['check', dir, '--repository', name, '--format', 'json', '--output', reportPath(reports, name)], options.env ? { env: options.env } : {});
    if (run.code > 1) throw new Error(`check ${name} exited ${run.code}: ${run.stderr}`);
  }
  return { root, reports, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Where checkedOrg keeps a repository's report. */
export const reportPath = (reports: string, repository: string) => path.join(reports, `${repository.replace(/\//g, '__')}.json`);

/** `modelgate inventory <reports> --format json --output <root>/inventory.json`: the file's path. */
export async function inventoryFile(org: ScratchOrg): Promise<string> {
  const file = path.join(org.root, 'inventory.json');
  const run = await cli(['inventory', org.reports, '--format', 'json', '--output', file]);
  if (run.code !== 0) throw new Error(`inventory exited ${run.code}: ${run.stderr}`);
  return file;
}

/** A Python file calling each id with fal_client, one call a line, from `line` on (blank lines before). */
export function pythonCalls(ids: readonly string[], line = 3): string {
  return `import fal_client\n${'\n'.repeat(line - 2)}${ids.map((id) => `fal_client.subscribe("${id}", arguments={})\n`).join('')}`;
}

/**
 * A stand-in for a newer catalog: the bundled one (dist/catalog.json) with an observation
 * appended per id, as a later sync would record it, and its content hash made good again so
 * the gate trusts it.
 */
export async function newerCatalog(file: string, changes: Record<string, Partial<Observation>>): Promise<string> {
  const catalog = JSON.parse(await readFile('dist/catalog.json', 'utf8'));
  for (const [id, facts] of Object.entries(changes)) {
    const m = catalog.models.find((x: { id: string }) => x.id === id);
    if (!m) throw new Error(`no model ${id} in dist/catalog.json`);
    m.hosted.observations.push({ source: 'stand-in sync', url: `https://fal.ai/models/${id}`, observed: '2026-06-20', evidence: 'primary', ...facts });
  }
  catalog.contentHash = contentHash(catalog.models, catalog.licenses);
  catalog.generatedAt = '2026-06-20T00:00:00.000Z';
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(catalog));
  return file;
}
