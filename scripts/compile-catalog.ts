/**
 * Validates content/ and compiles it into the versioned catalog artifact (public/catalog.json,
 * served by the site and bundled with the CLI) plus the published JSON Schemas. A bad content
 * file stops the build here, with one line per problem naming file, line and field.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalog } from '../src/core/catalog/build.ts';
import { compileCatalog } from '../src/core/catalog/compile.ts';
import { loadContentDir } from '../src/core/content/load.ts';
import { writeFileAtomic } from '../src/core/content/write.ts';
import { formatProblem } from '../src/core/problem.ts';
import { jsonSchemas } from '../src/core/schema/json-schema.ts';

const { values: opts } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'public' },
  },
});

async function main(): Promise<number> {
  const started = performance.now();
  const loaded = await loadContentDir(opts.content!);
  const { catalog, problems } = buildCatalog(loaded.models, loaded.licenses);
  const all = [...loaded.problems, ...problems];
  if (all.length > 0) {
    for (const p of all) console.error(formatProblem(p));
    console.error(`compile-catalog: ${all.length} problem(s) in ${opts.content}; no catalog was written`);
    return 1;
  }
  const compiled = compileCatalog(catalog, new Date(), '/schema/catalog.schema.json');
  await writeFileAtomic(path.join(opts.out!, 'catalog.json'), `${JSON.stringify(compiled)}\n`);
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    await writeFileAtomic(path.join(opts.out!, 'schema', name), `${JSON.stringify(schema, null, 2)}\n`);
  }
  console.log(`compile-catalog: ${compiled.counts.models} models, ${compiled.counts.licenses} licences, ${compiled.contentHash} (${Math.round(performance.now() - started)} ms)`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e: Error) => {
  console.error(`compile-catalog: ${e.message}`);
  process.exitCode = 1;
});
