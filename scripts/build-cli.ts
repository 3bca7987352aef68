/**
 * Bundles the gate CLI into dist/cli.js for Node >= 20 (the project's own toolchain is Node 24,
 * the projects that run the gate may be on 20), and puts the compiled catalog and the JSON
 * Schemas beside it. Its libraries are bundled in: a consumer installs one package with no
 * dependencies, and start-up resolves no package graph (measured: ~240 ms vs ~430 ms for a
 * `check` with the libraries as external packages). Their licences go to
 * dist/THIRD_PARTY_LICENSES.txt. Only the CycloneDX library's optional plug-ins (XML, schema
 * validation), which the CLI never uses and a consumer never has, stay external.
 *
 * Code splitting: the commands `check` does not need (report, catalog sync) and the libraries
 * only they use (@cyclonedx/cyclonedx-library, gray-matter) go into dist/chunks/ and are loaded
 * on demand, so `modelgate check` does not parse them on every run. The esbuild metafile
 * (dist/cli-meta.json, not packed) records which bare imports each output file makes; the
 * tests/unit/ship tests check it against package.json's dependencies.
 */
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

/** Optional peers of @cyclonedx/cyclonedx-library: loaded with require() in try/catch, absent at run time. */
const OPTIONAL = ['xmlbuilder2', 'libxmljs2', 'ajv', 'ajv-formats', 'ajv-formats-draft2019', 'packageurl-js', 'spdx-expression-parse'];

await rm('dist/chunks', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
const result = await build({
  // The scanner's worker thread (src/core/scan/parallel.ts finds it beside cli.js) shares the chunks.
  entryPoints: { cli: 'src/cli/main.ts', 'scan-worker': 'src/core/scan/worker.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: OPTIONAL,
  // Bundled CommonJS libraries use require() and __dirname; in an ES module they have to be made.
  banner: {
    js: [
      "import { createRequire as __mgCreateRequire } from 'node:module';",
      "import { fileURLToPath as __mgFileURLToPath } from 'node:url';",
      'const require = __mgCreateRequire(import.meta.url);',
      'const __filename = __mgFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(' '),
  },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// The shebang goes on the entry only (a banner would be copied into every chunk).
const cli = await readFile('dist/cli.js', 'utf8');
await writeFile('dist/cli.js', cli.startsWith('#!') ? cli : `#!/usr/bin/env node\n${cli}`);
await chmod('dist/cli.js', 0o755);
await writeFile('dist/cli-meta.json', `${JSON.stringify(result.metafile, null, 2)}\n`);
await writeFile('dist/THIRD_PARTY_LICENSES.txt', await thirdPartyLicences(Object.keys(result.metafile.inputs)));
await cp('public/catalog.json', 'dist/catalog.json');
await cp('public/schema', 'dist/schema', { recursive: true });
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.startsWith('dist/chunks/') && f.endsWith('.js'));
console.log(`build-cli: dist/cli.js (+${chunks.length} chunks in dist/chunks/), dist/catalog.json, dist/schema/`);

/** The licence text of every package whose code went into the bundle. */
async function thirdPartyLicences(inputs: string[]): Promise<string> {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]!);
  }
  const parts: string[] = ['Third-party software bundled into dist/cli.js and dist/chunks/.\n'];
  for (const dir of [...dirs].sort()) {
    const meta = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'license.md'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    let text = file ? (await readFile(file, 'utf8')).trim() : `(no licence file shipped; package.json says ${meta.license ?? 'nothing'})`;
    // Apache-2.0 asks for the NOTICE file to travel with the code.
    if (existsSync(path.join(dir, 'NOTICE'))) text += `\n\nNOTICE:\n${(await readFile(path.join(dir, 'NOTICE'), 'utf8')).trim()}`;
    parts.push(`${'='.repeat(78)}\n${meta.name}@${meta.version} (${meta.license ?? 'unknown'})\n${'='.repeat(78)}\n${text}\n`);
  }
  return parts.join('\n');
}
