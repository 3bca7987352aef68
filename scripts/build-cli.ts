/**
 * Bundles the gate CLI into dist/cli.js for Node >= 20 (the project's own toolchain is Node 24,
 * the projects that run the gate may be on 20), and puts the compiled catalog and the JSON
 * Schemas beside it. Runtime dependencies stay external: they are declared, not vendored.
 *
 * Code splitting: the commands `check` does not need (report, catalog sync) and the libraries
 * only they use (@cyclonedx/cyclonedx-library, gray-matter) go into dist/chunks/ and are loaded
 * on demand, so `modelgate check` does not parse them on every run. The esbuild metafile
 * (dist/cli-meta.json, not packed) records which bare imports each output file makes; the
 * tests/unit/ship tests check it against package.json's dependencies.
 */
import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

await rm('dist/chunks', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
const result = await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// The shebang goes on the entry only (a banner would be copied into every chunk).
const cli = await readFile('dist/cli.js', 'utf8');
await writeFile('dist/cli.js', cli.startsWith('#!') ? cli : `#!/usr/bin/env node\n${cli}`);
await chmod('dist/cli.js', 0o755);
await writeFile('dist/cli-meta.json', `${JSON.stringify(result.metafile, null, 2)}\n`);
await cp('public/catalog.json', 'dist/catalog.json');
await cp('public/schema', 'dist/schema', { recursive: true });
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.startsWith('dist/chunks/') && f.endsWith('.js'));
console.log(`build-cli: dist/cli.js (+${chunks.length} chunks in dist/chunks/), dist/catalog.json, dist/schema/`);
