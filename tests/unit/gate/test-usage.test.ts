import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckReportSchema } from '../../../src/core/schema/check-report.ts';
import { APP, cli, project } from './helpers.ts';

/** A project whose only research-only and unknown calls sit in its tests. */
const TREE = {
  ...APP,
  'tests/test_sticker.py': 'import fal_client\n\ndef test_sticker():\n    fal_client.subscribe("fal-ai/stable-cascade", arguments={})\n',
  'src/__tests__/gen.test.ts': 'import { fal } from "@fal-ai/client";\nit("gen", () => fal.subscribe("fal-ai/made-up-fixture-model", { input: {} }));\n',
  'pkg/client_test.go': 'package pkg\n\nconst model = "fal-ai/stable-cascade"\n\nfunc TestRun(t *testing.T) { fal.Subscribe(model) }\n',
};

describe('findings in test code: judged, shown, and by default only warned about', () => {
  it('exit 0: research-only and unknown ids in tests are warnings, with their rule ids and the count in the text output', async () => {
    const dir = await project(TREE);
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/▲ WARN {2}tests\/test_sticker\.py:4:\d+ +\[call, test\]/);
    expect(r.stdout).toMatch(/research-only: fal labels fal-ai\/stable-cascade "Research only"/);
    expect(r.stdout).toMatch(/unknown-model: "fal-ai\/made-up-fixture-model" is not in the catalog/);
    expect(r.stdout).toMatch(/note 3 finding\(s\) in test code were only warned about: .*`tests: strict`/);
    expect(r.stdout).toMatch(/^PASS: 4 finding/m);
    const json = CheckReportSchema.parse(JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout));
    expect(json.summary.testWarnings).toBe(3);
    const test = json.findings.filter((f) => f.usage === 'test');
    expect(test.map((f) => [f.rule, f.status, f.verdict])).toEqual(expect.arrayContaining([
      ['research-only', 'warn', 'allowed'], ['unknown-model', 'warn', 'allowed'],
    ]));
  });

  it('exit 1: one policy line, `tests: strict`, judges test code like source code', async () => {
    const dir = await project({ ...TREE, 'modelgate.config.yaml': 'tests: strict\n' });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}tests\/test_sticker\.py:4/);
    expect(r.stdout).toMatch(/✖ FAIL {2}src\/__tests__\/gen\.test\.ts:2/);
    expect(r.stdout).not.toMatch(/only warned about/);
  });

  it('the same calls in source code still fail; a context override the project wrote still decides', async () => {
    const dir = await project({ ...TREE, 'src/sticker.py': 'import fal_client\nfal_client.subscribe("fal-ai/stable-cascade", arguments={})\n' });
    expect((await cli(['check', dir])).code).toBe(1);
    const deny = await project({ ...TREE, 'modelgate.config.json': JSON.stringify({ contexts: { test: { unknownModel: 'deny' } } }) });
    const r = await cli(['check', deny, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}src\/__tests__\/gen\.test\.ts:2/);
    expect(r.stdout).toMatch(/▲ WARN {2}tests\/test_sticker\.py:4/);
  });

  it('a policy can override the classification by path: `classify: { source: [...] }` makes a test path shipped code', async () => {
    const dir = await project(TREE);
    await writeFile(path.join(dir, 'modelgate.config.yaml'), 'classify:\n  source: ["pkg/**"]\n  test: ["src/app.ts"]\n');
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}pkg\/client_test\.go:3:\d+ +\[call, source\]/);
    expect(r.stdout).toMatch(/src\/app\.ts:4:\d+ +\[call, test\]/);
    expect(r.stdout).toMatch(/note 2 finding\(s\) in test code were only warned about/);
  });

  it('an invalid `tests` value is a configuration error naming the file, line and field', async () => {
    const dir = await project({ ...TREE, 'modelgate.config.yaml': 'labels: {}\ntests: lenient\n' });
    const r = await cli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/modelgate\.config\.yaml:2(:\d+)?: tests: /);
  });
});
