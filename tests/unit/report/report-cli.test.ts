import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCycloneDx } from '../../../src/core/legal/render-cyclonedx.ts';
import { CSV_COLUMNS } from '../../../src/core/legal/render-csv.ts';
import { cli, project } from '../gate/helpers.ts';

/** A project with every kind of usage a reviewer must see. */
export const MIXED = {
  'src/image.ts': `import { fal } from "@fal-ai/client";

export const hero = () => fal.subscribe("fal-ai/flux/dev", { input: { prompt: "hero" } });
export const video = () => fal.subscribe("fal-ai/veo3", { input: { prompt: "clip" } });
`,
  'src/sticker.py': `import fal_client

def sticker(url):
    return fal_client.subscribe("fal-ai/stable-cascade", arguments={"image_url": url})

def legacy():
    return fal_client.run("fal-ai/totally-unknown-model", arguments={})
`,
  'src/dynamic.ts': `import { fal } from "@fal-ai/client";
export const any = (endpoint: string) => fal.run(endpoint, { input: {} });
`,
  'research/prototype.ts': `import { fal } from "@fal-ai/client";
export const proto = () => fal.subscribe("fal-ai/ltx-video", { input: {} });
`,
  'modelgate.config.yaml': `dynamic: warn
waivers:
  - model: fal-ai/ltx-video
    paths: ["research/**"]
    reason: internal research prototype, outputs never published
    approvedBy: jane@legal.example
    approvedOn: "2026-05-01"
    expires: "2026-12-31"
    ticket: https://tickets.example/LEGAL-42
`,
};

describe('modelgate report', () => {
  let dir: string;
  const out = (f: string) => path.join(dir, 'out', f);
  beforeAll(async () => {
    dir = await project(MIXED);
    const r = await cli(['report', dir, '--format', 'json', '--output', out('r.json'), '--format', 'markdown', '--output', out('r.md'), '--format', 'html', '--output', out('r.html'), '--format', 'csv', '--output', out('r.csv'), '--format', 'cyclonedx', '--output', out('bom.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 0 whatever the verdicts, and 2/3 when it cannot run', async () => {
    expect((await cli(['report', dir, '--format', 'pdf'])).code).toBe(2);
    expect((await cli(['report', dir, '--catalog', '/nope.json'])).code).toBe(3);
    expect((await cli(['report', '/no/such/dir'])).code).toBe(2);
  });

  it('json: every model with its verdict, call sites, waivers and provenance', async () => {
    const r = JSON.parse(await readFile(out('r.json'), 'utf8'));
    const byId = Object.fromEntries(r.models.map((m: { id: string }) => [m.id, m]));
    expect(Object.keys(byId).sort()).toEqual(['dynamic endpoint id', 'fal-ai/flux/dev', 'fal-ai/ltx-video', 'fal-ai/stable-cascade', 'fal-ai/totally-unknown-model', 'fal-ai/veo3']);
    expect(byId['fal-ai/stable-cascade']).toMatchObject({ verdict: 'denied', rule: 'research-only', needsDecision: true, hosted: { label: 'research', observed: '2025-10-30' } });
    expect(byId['fal-ai/veo3'].hosted.partnerMeaning).toMatch(/percentage discounts do not apply/);
    expect(byId['fal-ai/totally-unknown-model']).toMatchObject({ known: false, verdict: 'denied', rule: 'unknown-model' });
    expect(byId['fal-ai/ltx-video']).toMatchObject({ needsDecision: false, callSites: [{ status: 'waived', file: 'research/prototype.ts' }] });
    expect(byId['fal-ai/ltx-video'].waivers[0]).toMatchObject({ approvedBy: 'jane@legal.example', expires: '2026-12-31', ticket: 'https://tickets.example/LEGAL-42', file: 'modelgate.config.yaml', line: 3 });
    expect(byId['fal-ai/flux/dev'].plain).toBe('fal holds the rights to serve this commercially; the weights themselves are non-commercial.');
    expect(r.summary.needsDecision.sort()).toEqual(['fal-ai/stable-cascade', 'fal-ai/totally-unknown-model']);
    expect(r.catalog.contentHash).toMatch(/^sha256:/);
  });

  it('csv: one row per call site, with a header', async () => {
    const rows = (await readFile(out('r.csv'), 'utf8')).trim().split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    const report = JSON.parse(await readFile(out('r.json'), 'utf8'));
    expect(rows).toHaveLength(1 + report.summary.callSites);
    expect(report.summary.callSites).toBe(6);
    expect(rows.some((r) => r.startsWith('fal-ai/stable-cascade,Stable Cascade,') && r.includes(',src/sticker.py,4,'))).toBe(true);
  });

  it('markdown and html: a summary first, every model, call sites with their lines', async () => {
    const md = await readFile(out('r.md'), 'utf8');
    expect(md).toMatch(/## Summary\n\n6 model\(s\) at 6 call site\(s\): 3 allowed, 0 need review, 3 denied/);
    expect(md).toMatch(/\*\*Needs a decision:\*\* `fal-ai\/stable-cascade`, `fal-ai\/totally-unknown-model`/);
    const html = await readFile(out('r.html'), 'utf8');
    for (const id of ['fal-ai/flux/dev', 'fal-ai/veo3', 'fal-ai/stable-cascade', 'fal-ai/ltx-video', 'fal-ai/totally-unknown-model']) expect(html).toContain(id);
    expect(html).not.toMatch(/<script|<link |src="http/);
    expect(html).toContain('@media print');
    expect(html).toContain('fal_client.subscribe(&quot;fal-ai/stable-cascade&quot;');
    expect(md).toContain('(call, source, waived): `export const proto = () => fal.subscribe("fal-ai/ltx-video", { input: {} });`');
  });

  it('cyclonedx: a CycloneDX 1.6 ML-BOM that validates against the 1.6 schema', async () => {
    const text = await readFile(out('bom.json'), 'utf8');
    expect(await validateCycloneDx(text)).toBeNull();
    const bom = JSON.parse(text);
    expect(bom.specVersion).toBe('1.6');
    const models = bom.components.filter((c: { type: string }) => c.type === 'machine-learning-model');
    expect(models.map((c: { name: string }) => c.name).sort()).toEqual(['fal-ai/flux/dev', 'fal-ai/ltx-video', 'fal-ai/stable-cascade', 'fal-ai/totally-unknown-model', 'fal-ai/veo3']);
    const flux = models.find((c: { name: string }) => c.name === 'fal-ai/flux/dev');
    expect(flux.licenses[0].license.name).toMatch(/FLUX\.1 \[dev\] Non-Commercial License/);
    const research = bom.services.find((s: { name: string }) => s.name === 'fal-ai/stable-cascade');
    expect(research.licenses[0].license.licensing.licenseTypes).toEqual(['academic']);
    expect(research.endpoints).toEqual(['https://fal.run/fal-ai/stable-cascade']);
    expect(research.properties).toContainEqual({ name: 'modelgate:hostedLabel', value: 'research' });
    expect(bom.services.find((s: { name: string }) => s.name === 'fal-ai/veo3').properties).toContainEqual({ name: 'modelgate:partnerApi', value: 'yes' });
  });

  it('--since: a model that flipped from commercial to research-only is the headline', async () => {
    const earlier = JSON.parse(await readFile(out('r.json'), 'utf8'));
    const cascade = earlier.models.find((m: { id: string }) => m.id === 'fal-ai/stable-cascade');
    cascade.hosted.label = 'commercial';
    cascade.verdict = 'allowed';
    earlier.models = earlier.models.filter((m: { id: string }) => m.id !== 'fal-ai/veo3');
    earlier.models.push({ ...cascade, id: 'fal-ai/old-model', name: 'Old', waivers: [] });
    earlier.models.find((m: { id: string }) => m.id === 'fal-ai/ltx-video').waivers = [];
    await writeFile(out('earlier.json'), JSON.stringify(earlier));
    const r = await cli(['report', dir, '--since', out('earlier.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    const changes = JSON.parse(r.stdout).changes;
    expect(changes.labelChanges[0]).toMatchObject({ id: 'fal-ai/stable-cascade', from: 'commercial', to: 'research', lostCommercialUse: true });
    expect(changes.added.map((a: { id: string }) => a.id)).toEqual(['fal-ai/veo3']);
    expect(changes.removed.map((a: { id: string }) => a.id)).toEqual(['fal-ai/old-model']);
    expect(changes.verdictChanges).toContainEqual({ id: 'fal-ai/stable-cascade', from: 'allowed', to: 'denied' });
    expect(changes.waiversAdded.map((w: { id: string }) => w.id)).toEqual(['fal-ai/ltx-video']);
    const md = await cli(['report', dir, '--since', out('earlier.json')]);
    expect(md.stdout).toMatch(/### ⚠️ Models that lost commercial use\n\n- \*\*`fal-ai\/stable-cascade` Stable Cascade: commercial → research\*\*/);
    const bad = await cli(['report', dir, '--since', out('r.csv')]);
    expect(bad.code).toBe(2);
  });
});
