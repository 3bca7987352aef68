import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../gate/helpers.ts';

/** A scratch organisation: its repositories checked by the real CLI, one JSON report each. */
export interface ScratchOrg {
  root: string;
  /** The folder holding every repository's report. */
  reports: string;
  cleanup(): Promise<void>;
}

/**
 * Writes each repository (`owner/name` → its files), runs `modelgate check --format json
 * --repository owner/name` on it (dist/cli.js, the bundled catalog) and keeps the report.
 */
export async function checkedOrg(repos: Record<string, Record<string, string>>): Promise<ScratchOrg> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mg-org-'));
  const reports = path.join(root, 'reports');
  await mkdir(reports);
  for (const [name, files] of Object.entries(repos)) {
    const dir = path.join(root, 'repos', name);
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    const out = path.join(reports, `${name.replace(/\//g, '__')}.json`);
    const run = await cli(['check', dir, '--repository', name, '--format', 'json', '--output', out]);
    if (run.code > 1) throw new Error(`check ${name} exited ${run.code}: ${run.stderr}`);
  }
  return { root, reports, cleanup: () => rm(root, { recursive: true, force: true }) };
}

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
