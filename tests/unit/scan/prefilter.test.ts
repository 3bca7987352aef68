import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrefilter, scanProject, topLevelNames, type Finding } from '../../../src/core/scan/index.ts';
import { catalogLookup, FIXTURES_DIR, fixtureNames, loadCatalogIds } from './fixture-harness.ts';

const ids = loadCatalogIds();
const isKnownEndpoint = catalogLookup(ids);
const knownOwners = new Set(ids.map((id) => id.slice(0, id.indexOf('/')).toLowerCase()));
const key = (f: Finding): string => `${f.file}|${f.line}|${f.column}|${f.kind}|${f.usage}|${f.id}|${f.via}|${f.raw}|${f.lineText}`;

describe('prefilter', () => {
  const may = createPrefilter(['bria', 'Veed', '110602490']);
  it('passes any spelling of fal and the fal_client factories', () => {
    expect(may('js', 'const x = FAL_KEY;')).toBe(true);
    expect(may('python', 'client = SyncClient()\nclient.subscribe(m)')).toBe(true);
    expect(may('python', 'client = AsyncClient()')).toBe(true);
    expect(may('js', 'import * as x from "@ai-sdk/fal"')).toBe(true);
    expect(may('js', 'const ok = falsey(a) || fal_fallback')).toBe(true);
  });
  it('does not count false, False and fallback as fal', () => {
    expect(may('json', '{ "enabled": false, "x": False, "fallback": true, "falls": 1 }')).toBe(false);
  });
  it('passes fal-owned and catalog owners followed by a slash, case-insensitively', () => {
    expect(may('js', 'run("workflows/me/x")')).toBe(true);
    expect(may('js', 'run("Comfy/me/x")')).toBe(true);
    expect(may('js', 'x = "BRIA/video/background-removal"')).toBe(true);
    expect(may('yaml', 'model: veed/fabric-1.0')).toBe(true);
    expect(may('json', '{"m": "bria/x"}')).toBe(true);
  });
  it('needs the owner to be the whole id segment before the slash', () => {
    expect(may('js', 'x = "notbria/x"')).toBe(false);
    expect(may('js', 'x = "bria-2/x"')).toBe(false);
    expect(may('js', 'x = "src/bria"')).toBe(false);
    expect(may('js', 'x = "a.bria/x"')).toBe(false);
    expect(may('js', '// see bria /x')).toBe(false);
  });
  it('passes a numeric owner spelled as a legacy id, and Rust endpoint attributes', () => {
    expect(may('js', 'x = "110602490-lcm"')).toBe(true);
    expect(may('rust', '#[endpoint(endpoint = MODEL)]')).toBe(true);
    expect(may('go', 'endpoint(x)')).toBe(false);
  });
  it('rejects ordinary code without a trigger', () => {
    expect(may('js', 'export const handler = async (e) => compute(e["key/1"], { path: "src/module_1/index.ts" });')).toBe(false);
    expect(may('python', '')).toBe(false);
    expect(createPrefilter()('js', 'x = "bria/x"')).toBe(false);
    expect(createPrefilter()('js', 'x = "fal-ai/x"')).toBe(true);
  });
});

describe('topLevelNames (what a set-aside file may define for another file)', () => {
  it('lists the identifiers of unindented or exported lines with an =', () => {
    const names = topLevelNames('MODEL = "x"\n  inner = 1\n  export const A: T = b\ndef f(a=1):\n$php = 2\nconst [$s, set] = useState()\nfoo(bar)\n');
    expect([...names!].sort()).toEqual(['$php', '$s', 'A', 'MODEL', 'T', 'a', 'b', 'const', 'def', 'export', 'f', 'php', 's', 'set', 'useState', 'x'].sort());
  });
  it('gives up (null) on a very long line, and finds nothing in a file without =', () => {
    expect(topLevelNames('x' + '='.repeat(5000))).toBeNull();
    expect(topLevelNames('a\nb\n')).toEqual([]);
    expect(topLevelNames('')).toEqual([]);
  });
});

describe('scanProject with the prefilter', () => {
  let root: string;
  const put = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  const both = async (dir: string): Promise<[string[], string[]]> => {
    const all = await scanProject(dir, { isKnownEndpoint, exclude: ['expected.json'] });
    const filtered = await scanProject(dir, { isKnownEndpoint, knownOwners, exclude: ['expected.json'] });
    expect(filtered.filesScanned).toBe(all.filesScanned);
    expect(filtered.notes).toEqual(all.notes);
    return [filtered.findings.map(key), all.findings.map(key)];
  };
  beforeEach(() => { root = mkdtempSync(path.join(os.tmpdir(), 'scan-prefilter-')); });
  afterEach(() => { rmSync(root, { recursive: true, force: true }); });

  it('gives every fixture exactly the findings of a full analysis', async () => {
    for (const name of fixtureNames()) {
      const [filtered, all] = await both(path.join(FIXTURES_DIR, name));
      expect(filtered, name).toEqual(all);
    }
  });

  it('follows calls into set-aside files: imported names, alias chains, module stems, .env and shell values', async () => {
    put('app/main.py', 'import fal_client\nfrom app.models import MODEL\nfrom app.chain import HOP\nimport settings\n\n'
      + 'fal_client.subscribe(MODEL)\nfal_client.subscribe(HOP)\nfal_client.subscribe(settings.VIDEO)\nfal_client.run(os.environ["IMG"])\n');
    put('app/models.py', 'MODEL = "acme/image-gen"\n');
    put('app/chain.py', 'from app.deep import DEEP\nHOP = DEEP\n');
    put('app/deep.py', 'DEEP = "110602490-lcm"\n');
    put('settings.py', 'VIDEO = "someone/video/v2"\n');
    put('.env', 'IMG=acme/other\n');
    put('scripts/run.sh', 'export UNUSED=acme/unused\n');
    put('unrelated/models.py', 'OTHER = "acme/not-used"\n');
    put('web/a.ts', 'import { fal } from "@fal-ai/client";\nimport { WEB } from "./consts";\nfal.subscribe(WEB, {});\n');
    put('web/consts.ts', 'export const WEB = BASE;\nconst BASE = "acme/web-model";\n');
    const [filtered, all] = await both(root);
    expect(filtered).toEqual(all);
    const r = await scanProject(root, { isKnownEndpoint, knownOwners });
    expect(r.findings.map((f) => `${f.file}:${f.kind}:${f.id}`)).toEqual([
      '.env:call:acme/other',
      'app/deep.py:call:110602490/lcm',
      'app/models.py:call:acme/image-gen',
      'settings.py:call:someone/video/v2',
      'web/consts.ts:call:acme/web-model',
    ]);
  });

  it('without knownOwners but with isKnownEndpoint analyses every file (known references are kept)', async () => {
    const owner = [...knownOwners].find((o) => !o.includes('fal'))!;
    put('a.ts', `export const x = "${owner}/some-model";\n`);
    const r = await scanProject(root, { isKnownEndpoint: () => true });
    expect(r.findings.map((f) => f.kind)).toEqual(['reference']);
  });
});
