/**
 * Bundles the gate CLI into dist/cli.js for Node >= 20 (the project's own toolchain is Node 24,
 * the projects that run the gate may be on 20), and puts the compiled catalog and the JSON
 * Schemas beside it. Runtime dependencies stay external: they are declared, not vendored.
 */
import { chmod, cp, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
await cp('public/catalog.json', 'dist/catalog.json');
await cp('public/schema', 'dist/schema', { recursive: true });
console.log('build-cli: dist/cli.js, dist/catalog.json, dist/schema/');
