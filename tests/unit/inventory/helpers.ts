import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalog } from '../../../src/core/catalog/build.ts';
import { compileCatalog } from '../../../src/core/catalog/compile.ts';
import { loadContentDir } from '../../../src/core/content/load.ts';
import { writeFileAtomic } from '../../../src/core/content/write.ts';
import type { Model } from '../../../src/core/schema/model.ts';
import { cli, project } from '../gate/helpers.ts';

/** Three repositories as an organisation has them: one clean, one calling a research-only model, one with a waiver that expires soon. */
export const ORG: Record<string, Record<string, string>> = {
  'acme/web': {
    'src/gen.ts': 'import { fal } from "@fal-ai/client";\n\nexport const hero = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\n',
  },
  'acme/stickers': {
    'app/sticker.py': 'import fal_client\n\n\ndef sticker(url):\n    return fal_client.subscribe("fal-ai/stable-cascade", arguments={"image_url": url})\n',
  },
  'acme/lab': {
    'src/pilot.ts': 'import { fal } from "@fal-ai/client";\nexport const pilot = () => fal.subscribe("fal-ai/stable-cascade", { input: {} });\nexport const hero = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\n',
    'modelgate.config.yaml': 'waivers:\n  - model: fal-ai/stable-cascade\n    reason: pilot with the research team, outputs never shipped\n    approvedBy: jane@legal.example\n    approvedOn: "2026-06-01"\n    expires: "2026-06-25"\n    ticket: https://tickets.example/LEGAL-7\n',
  },
};

/** Runs `check --format json` on each project and writes `<dir>/<owner>-<name>.json`; returns the directory. */
export async function reportsOf(org: Record<string, Record<string, string>>, dir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [repository, files] of Object.entries(org)) {
    const root = await project(files);
    const r = await cli(['check', root, '--repository', repository, '--format', 'json', '--output', path.join(dir, `${repository.replace('/', '-')}.json`)], { env });
    if (r.code > 1) throw new Error(`check failed for ${repository}: ${r.stderr}`);
  }
  return dir;
}

/**
 * A stand-in for a newer catalog: the real content, with observations appended that a later
 * sync could record, compiled like the real one (its content hash checks out).
 */
export async function newerCatalog(file: string, changes: Record<string, Partial<Model['hosted']['observations'][number]>>): Promise<string> {
  const loaded = await loadContentDir('content');
  for (const [id, facts] of Object.entries(changes)) {
    const m = loaded.models.find((x) => x.data.id === id);
    if (!m) throw new Error(`no model ${id} in content/`);
    m.data.hosted.observations.push({ source: 'stand-in sync', url: `https://fal.ai/models/${id}`, observed: '2026-06-20', evidence: 'primary', ...facts } as Model['hosted']['observations'][number]);
  }
  const { catalog, problems } = buildCatalog(loaded.models, loaded.licenses);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('\n'));
  await writeFileAtomic(file, `${JSON.stringify(compileCatalog(catalog, new Date('2026-06-20T00:00:00Z'), '/schema/catalog.schema.json'))}\n`);
  return file;
}
