/**
 * What ships beside the CLI stays true: the generated config reference matches the schema, the
 * CLI's runtime dependencies are exactly the packages its bundle imports, and `check` does not
 * load the code only `report`/`catalog sync` need.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUT, renderConfigReference, SCHEMA } from '../../../scripts/config-docs.ts';
import { jsonSchemas } from '../../../src/core/schema/json-schema.ts';
import { ensureBuilt, REPO } from './helpers.ts';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>; devDependencies: Record<string, string>; files: string[];
  engines: { node: string }; bin: Record<string, string>; private?: boolean; scripts: Record<string, string>;
};

describe('docs/config-reference.md', () => {
  it('is what `npm run docs:config` generates from the config JSON Schema', () => {
    const expected = renderConfigReference(jsonSchemas()['config.schema.json'] as never);
    expect(readFileSync(path.join(REPO, OUT), 'utf8'), 'run `npm run docs:config`').toBe(expected);
  });

  it('documents every field of the schema', () => {
    const text = readFileSync(path.join(REPO, OUT), 'utf8');
    const schema = jsonSchemas()['config.schema.json'] as { properties: Record<string, unknown> };
    for (const key of Object.keys(schema.properties)) expect(text).toContain(`| \`${key}\` |`);
    expect(text).toContain('| `waivers[].expires` |');
  });

  it('the published dist schema is the one the reference was generated from', () => {
    ensureBuilt();
    expect(JSON.parse(readFileSync(path.join(REPO, SCHEMA), 'utf8'))).toEqual(jsonSchemas()['config.schema.json']);
  });
});

describe('package.json for consumers', () => {
  it('is public, installs a modelgate bin, needs Node >= 20 and runs no install scripts', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ modelgate: 'dist/cli.js' });
    expect(pkg.engines.node).toBe('>=20');
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.files).not.toContain('dist/');
    expect(pkg.files.some((f) => f.startsWith('dist/site'))).toBe(false);
  });
});

describe('the CLI bundle', () => {
  type Meta = { outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; entryPoint?: string }> };
  let meta: Meta;
  beforeAll(() => {
    ensureBuilt();
    meta = JSON.parse(readFileSync(path.join(REPO, 'dist/cli-meta.json'), 'utf8')) as Meta;
  }, 240_000);

  const bare = (p: string) => !p.startsWith('.') && !p.startsWith('/') && !isBuiltin(p) && !p.startsWith('dist/');
  const pkgName = (p: string) => (p.startsWith('@') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0]!);

  it('has no runtime dependencies: the libraries are bundled, their licences shipped beside it', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const imported = new Set<string>();
    for (const out of Object.values(meta.outputs)) for (const i of out.imports) if (i.external && bare(i.path)) imported.add(pkgName(i.path));
    // Only the CycloneDX library's optional plug-ins stay external; it loads them in try/catch.
    expect([...imported].filter((p) => !['xmlbuilder2', 'libxmljs2', 'ajv', 'ajv-formats', 'ajv-formats-draft2019', 'packageurl-js', 'spdx-expression-parse'].includes(p))).toEqual([]);
    const licences = readFileSync(path.join(REPO, 'dist/THIRD_PARTY_LICENSES.txt'), 'utf8');
    for (const lib of ['zod@', 'yaml@', 'ignore@', 'picomatch@', '@cyclonedx/cyclonedx-library@']) expect(licences).toContain(lib);
    expect(pkg.files).toContain('dist/THIRD_PARTY_LICENSES.txt');
  });

  it('keeps report, catalog sync and CycloneDX out of what `check` loads at start', () => {
    const entry = meta.outputs['dist/cli.js']!;
    const staticClosure = new Set<string>();
    const visit = (file: string) => {
      for (const i of meta.outputs[file]?.imports ?? []) {
        if (i.kind !== 'import-statement') continue;
        if (bare(i.path)) staticClosure.add(pkgName(i.path));
        else if (i.path.startsWith('dist/') && !staticClosure.has(i.path)) { staticClosure.add(i.path); visit(i.path); }
      }
    };
    expect(entry).toBeDefined();
    visit('dist/cli.js');
    const loadedAtStart = ['dist/cli.js', ...[...staticClosure].filter((f) => f.startsWith('dist/'))].flatMap((f) => Object.keys((meta.outputs[f] as { inputs?: Record<string, unknown> }).inputs ?? {}));
    expect(loadedAtStart.filter((i) => i.includes('node_modules/@cyclonedx/'))).toEqual([]);
    expect(loadedAtStart.filter((i) => i.includes('node_modules/gray-matter/'))).toEqual([]);
    expect(entry.imports.filter((i) => i.kind === 'dynamic-import').length).toBeGreaterThanOrEqual(2);
    for (const f of Object.keys(meta.outputs)) if (f.endsWith('.js')) expect(existsSync(path.join(REPO, f)), f).toBe(true);
  });
});
