import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../../../src/core/catalog/compile.ts';
import { CheckReportSchema } from '../../../src/core/schema/check-report.ts';
import type { Observation } from '../../../src/core/schema/observation.ts';
import { catalogOf, licence, model, observation } from '../core/helpers.ts';
import { cli, project } from './helpers.ts';

const copy = (over: Partial<Observation>): Observation => {
  const o = observation({ source: 'fal.ai page, stored public copy', url: 'https://fal.ai/models/x', undated: { before: '2026-12-01', note: 'crawl date unknown' }, evidence: 'primary', ...over });
  delete (o as Partial<Observation>).observed;
  return o;
};

/** A small catalog with one of each situation `explain` must tell apart. */
function fixtureCatalog(): string {
  const c = catalogOf([
    model('fal-ai/flux/dev', { name: 'FLUX.1 [dev]', aliases: ['fal-ai/flux-1/dev'], weights: { license: 'CC-BY-NC-4.0', provenance: { source: 'model card', observed: '2025-10-30', evidence: 'secondary' } } }),
    model('fal-ai/xtts', { hosted: { observations: [observation({ label: 'commercial' }), copy({ label: 'private', seen: 'Inference Private', url: 'https://fal.ai/models/fal-ai/xtts/api' })] } }),
    model('fal-ai/veo9', { hosted: { license: 'commercial', partnerApi: 'yes' }, weights: { license: null, closed: true, provenance: { source: 'provider page', url: 'https://example.org/veo', observed: '2026-12-01', evidence: 'secondary', note: 'API only' } } }),
    model('fal-ai/veo9/i2v', { hosted: { license: 'commercial', partnerApi: 'yes' } }),
    model('fal-ai/veo9/fast', { hosted: { license: 'unknown', partnerApi: 'unknown' } }),
    model('fal-ai/old-thing', { hosted: { observations: [observation({ label: 'commercial' }), copy({ status: 'deprecated', replacedBy: 'fal-ai/flux/dev', seen: 'This endpoint is deprecated' })] } }),
    model('fal-ai/stable-cascade', { hosted: { license: 'research' } }),
  ], [licence('CC-BY-NC-4.0', { commercialUse: 'prohibited' })]);
  return JSON.stringify(compileCatalog(c, new Date('2026-06-01T00:00:00Z')));
}

describe('modelgate explain <endpoint id>', () => {
  let dir: string;
  let cat: string;
  beforeAll(async () => {
    dir = await project({});
    cat = path.join(dir, 'catalog.json');
    await writeFile(cat, fixtureCatalog());
  });
  const explain = (...args: string[]) => cli(['explain', ...args, '--catalog', cat], { cwd: dir });

  it('0: a commercial model, with the alias and prefix resolution shown and both facts (hosted label, weights licence)', async () => {
    const r = await explain('fal-ai/flux-1/dev/requests/abc');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fal-ai\/flux\/dev — FLUX\.1 \[dev\]/);
    expect(r.stdout).toMatch(/resolved +longest catalog id prefixing it: fal-ai\/flux-1\/dev|resolved +alias fal-ai\/flux-1\/dev of fal-ai\/flux\/dev/);
    expect(r.stdout).toMatch(/label +commercial · observed 2025-10-30 · test/);
    expect(r.stdout).toMatch(/licence +CC-BY-NC-4\.0 \(CC-BY-NC-4\.0\) — does not allow commercial use/);
    expect(r.stdout).toMatch(/Verdict under the project's policy \(usage: source\): ALLOWED/);
    const sub = await explain('fal-ai/flux/dev/stream');
    expect(sub.stdout).toMatch(/resolved +longest catalog id prefixing it: fal-ai\/flux\/dev \(sub-path stream\)/);
  });

  it('1: a conflict shows every observation in it, and the stricter label decides', async () => {
    const r = await explain('fal-ai/xtts');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CONFLICT +sources disagree \(private \/ commercial\)/);
    expect(r.stdout).toMatch(/undated copy \(seen before 2026-12-01: crawl date unknown\): label private — seen “Inference Private”/);
    expect(r.stdout).toMatch(/2025-10-30: label commercial/);
    expect(r.stdout).toMatch(/NEEDS REVIEW/);
  });

  it('1: research-only and not-in-catalog ids are denied; an unknown label shows its family evidence', async () => {
    expect((await explain('fal-ai/stable-cascade')).stdout).toMatch(/DENIED\n +deny +research-only/);
    const missing = await explain('fal-ai/not-there');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^fal-ai\/not-there: not in the catalog/);
    expect(missing.stdout).toMatch(/unknown-model/);
    const fam = await explain('fal-ai/veo9/fast');
    expect(fam.code).toBe(1);
    expect(fam.stdout).toMatch(/family +2 of 2 other endpoints of the family fal-ai\/veo9 are labelled: 2 Commercial use; 2 Partner API \(evidence only/);
  });

  it('closed weights are a fact with a source; a deprecated model names its successor and passes with a warning', async () => {
    const veo = await explain('fal-ai/veo9');
    expect(veo.stdout).toMatch(/licence +closed weights: the provider’s API terms apply/);
    expect(veo.stdout).toMatch(/source +provider page <https:\/\/example\.org\/veo>/);
    const old = await explain('fal-ai/old-thing');
    expect(old.code).toBe(0);
    expect(old.stdout).toMatch(/status +deprecated · fal names fal-ai\/flux\/dev as its successor/);
    expect(old.stdout).toMatch(/warn +deprecated: .*fal-ai\/flux\/dev as its successor/);
  });

  it('the project\'s policy decides: an opt-in family rule, a usage context, a whole-project waiver', async () => {
    await writeFile(path.join(dir, 'policy.json'), JSON.stringify({
      labels: { unknownWithConsistentFamily: 'review' },
      contexts: { test: { labels: { research: 'allow' } } },
      waivers: [{ model: 'fal-ai/xtts', reason: 'voice demo', approvedBy: 'legal@example.com', approvedOn: '2026-06-01', expires: '2026-09-01' }],
    }));
    const fam = await explain('fal-ai/veo9/fast', '--config', path.join(dir, 'policy.json'));
    expect(fam.stdout).toMatch(/NEEDS REVIEW\n +review unknown-label: .*unknownWithConsistentFamily → review/);
    expect((await explain('fal-ai/stable-cascade', '--config', path.join(dir, 'policy.json'), '--usage', 'test')).code).toBe(0);
    const waived = await explain('fal-ai/xtts', '--config', path.join(dir, 'policy.json'));
    expect(waived.code).toBe(0);
    expect(waived.stdout).toMatch(/waived for the whole project/);
    expect(waived.stdout).toMatch(/waiver live \(.*policy\.json:\d+\) by legal@example\.com until 2026-09-01/);
  });

  it('--format json carries the same facts, with every observation and its source', async () => {
    const r = await explain('fal-ai/xtts', '--format', 'json');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ kind: 'modelgate-explain', exitCode: 1, hosted: { label: { label: 'private', conflict: { values: ['private', 'commercial'] } } } });
    expect(j.hosted.observations).toHaveLength(2);
    expect(j.hosted.observations[0]).toMatchObject({ url: 'https://fal.ai/models/fal-ai/xtts/api', when: expect.stringMatching(/^undated copy/) });
  });

  it('2: usage errors and a bad config; 3: a missing catalog — one line each', async () => {
    for (const args of [['explain'], ['explain', 'a', 'b'], ['explain', 'not an id'], ['explain', 'fal-ai/x', '--usage', 'prod'], ['explain', 'fal-ai/x', '--format', 'xml']]) {
      const r = await cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    await writeFile(path.join(dir, 'bad.yaml'), 'labels:\n  research: maybe\n');
    const bad = await explain('fal-ai/xtts', '--config', path.join(dir, 'bad.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:2(:\d+)?: labels\.research/);
    const none = await cli(['explain', 'fal-ai/xtts', '--catalog', path.join(dir, 'nope.json')], { cwd: dir });
    expect(none.code).toBe(3);
  });

  it('check --format json and the legal report carry the conflict with every observation, and each label with its source and date', async () => {
    const app = await project({ 'src/tts.py': 'import fal_client\nfal_client.subscribe("fal-ai/xtts", arguments={})\nfal_client.subscribe("fal-ai/flux/dev", arguments={})\n' });
    const r = await cli(['check', app, '--format', 'json', '--catalog', cat]);
    expect(r.code).toBe(1);
    const report = CheckReportSchema.parse(JSON.parse(r.stdout));
    const xtts = report.findings.find((f) => f.model?.id === 'fal-ai/xtts')!;
    expect(xtts.model!.hostedLabel).toBe('private');
    expect(xtts.model!.label.conflict!.values).toEqual(['private', 'commercial']);
    expect(xtts.model!.label.conflict!.observations.map((o) => o.when)).toEqual([expect.stringMatching(/^undated copy/), '2025-10-30']);
    const flux = report.findings.find((f) => f.model?.id === 'fal-ai/flux/dev')!;
    expect(flux.model!.label).toMatchObject({ observed: '2025-10-30', source: 'test', conflict: null });
    const md = await cli(['report', app, '--format', 'markdown', '--catalog', cat]);
    expect(md.stdout).toMatch(/\*\*Conflict:\*\* fal's pages disagree \(private \/ commercial\)/);
    expect(md.stdout).toMatch(/- private: fal\.ai page, stored public copy <https:\/\/fal\.ai\/models\/fal-ai\/xtts\/api>, undated copy/);
  });

  it('closed weights read "closed weights: the provider’s API terms apply" in every report format, never a dash', async () => {
    const app = await project({ 'src/v.ts': 'import { fal } from "@fal-ai/client";\nexport const v = () => fal.subscribe("fal-ai/veo9", { input: {} });\n' });
    const out = (f: string) => path.join(app, f);
    const r = await cli(['report', app, '--catalog', cat, '--format', 'markdown', '--output', out('r.md'), '--format', 'html', '--output', out('r.html'), '--format', 'csv', '--output', out('r.csv'), '--format', 'cyclonedx', '--output', out('bom.json')]);
    expect(r.code, r.stderr).toBe(0);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(out('r.md'), 'utf8')).toMatch(/\*\*Weights licence:\*\* closed weights: the provider’s API terms apply \(source: provider page\)/);
    expect(await readFile(out('r.html'), 'utf8')).toContain('closed weights: the provider’s API terms apply');
    expect(await readFile(out('r.csv'), 'utf8')).toMatch(/,closed,closed weights: the provider’s API terms apply,/);
    const bom = JSON.parse(await readFile(out('bom.json'), 'utf8'));
    const veo = bom.components.find((c: { name: string }) => c.name === 'fal-ai/veo9');
    expect(veo.licenses[0].license.name).toBe('closed weights: the provider’s API terms apply');
  });

  it('the bundled catalog answers for a real id', async () => {
    const r = await cli(['explain', 'fal-ai/flux/dev'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FLUX\.1 \[dev\] Non-Commercial License/);
  });
});
